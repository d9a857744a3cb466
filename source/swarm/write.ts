// Every change to a service goes through here: inspect immediately before, check that the
// service is still what the person decided on, apply the edits to that fresh spec, and send
// it back with its Version.Index. The orchestrator bumps the version by itself during a
// rollout, so "update out of sequence" is retried once, after checking again.
import type Docker from 'dockerode';
import {specDigest} from '../spec/digest.js';
import {diffSpecs} from '../spec/diff.js';
import {currentValue, editFieldLabel, editedSpec, type GuardedEdit} from '../spec/edits.js';
import {withDeadline} from './deadline.js';
import {DockerError, isOutOfSequence, toDockerError, ValidationError} from './errors.js';
import {inert} from '../text/inert.js';
import {serviceFromApi} from './normalize.js';
import type {RawServiceSpec, SwarmService} from './types.js';

/** A service as the person chose it: by ID (names can be reused), named in messages. */
export type ServiceRef = {id: string; name: string};

/** What a decision depended on. Anything else may have changed meanwhile without harm. */
export type WriteBasis = {
	/** The whole spec shown in a confirmation: any change to it means asking again. */
	specDigest?: string;
	/** For a rollback: the spec it returns to must still be the one shown. */
	previousSpecDigest?: string;
};

export type ServiceWrite =
	| {kind: 'update'; edits: readonly GuardedEdit[]; basis?: WriteBasis}
	| {kind: 'rollback'; basis: WriteBasis}
	/** `docker service rm`: by ID, so a service created meanwhile under the same name is never the one removed. */
	| {kind: 'remove'; basis?: undefined};

export type WriteOutcome = {
	service: ServiceRef;
	versionBefore: number;
	/** Read back after the write; undefined when that read failed (the write itself went through). */
	versionAfter?: number;
	warnings: string[];
};

export type WriteOptions = {
	/** How long one request may take: a read before the write, or the write itself. */
	timeoutMs: number;
	/** How the target is named in errors: DOCKER_HOST, as the person set it. */
	target: string;
};

/** The service changed since the person decided: nothing was sent; `service` is how it is now. */
export class StaleWriteError extends Error {
	override name = 'StaleWriteError';
	constructor(
		readonly service: SwarmService,
		readonly changes: readonly string[],
	) {
		super(`${service.name} changed since you looked${changes.length > 0 ? ` (${changes.join('; ')})` : ''}. Nothing was sent: check the new state and decide again.`);
	}
}

/** The write timed out: it may or may not have been applied. `service` is what was read after. */
export class UnknownOutcomeError extends Error {
	override name = 'UnknownOutcomeError';
	constructor(
		message: string,
		readonly service?: SwarmService,
	) {
		super(message);
	}
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type RawService = {ID: string; Version?: {Index?: number}; Spec: RawServiceSpec; PreviousSpec?: RawServiceSpec; [key: string]: any};

/** The write's own deadline passed: whether the daemon applied it is not known. */
class Timeout extends Error {}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

async function inspectRaw(docker: Docker, ref: ServiceRef, options: WriteOptions): Promise<RawService> {
	try {
		return await withDeadline(async signal => docker.getService(ref.id).inspect({abortSignal: signal}) as Promise<RawService>, {...options, timedOut: () => new Timeout()});
	} catch (error) {
		if (error instanceof Timeout) {
			throw new DockerError(`No answer from the Docker daemon at ${options.target} after ${seconds(options.timeoutMs)} while reading ${ref.name}. Nothing was sent.`, undefined, true);
		}

		throw toDockerError(error, options.target);
	}
}

/**
 * Why the fresh service no longer matches what the write was decided on; empty when it does.
 * Compared on the raw spec; worded from the normalized one, whose daemon text is inert.
 */
function staleness(raw: RawService, fresh: SwarmService, write: ServiceWrite, decidedSpec: RawServiceSpec | undefined): string[] {
	const reasons: string[] = [];
	const {basis} = write;
	if (basis?.specDigest !== undefined && specDigest(raw.Spec) !== basis.specDigest) {
		// Say what changed, when we still know what was shown.
		const changes = decidedSpec ? diffSpecs(decidedSpec, fresh.spec).slice(0, 3).map(change => `${change.field} ${change.from} → ${change.to}`) : [];
		reasons.push(...(changes.length > 0 ? changes : ['its spec was updated']));
	}

	if (basis?.previousSpecDigest !== undefined && specDigest(raw.PreviousSpec) !== basis.previousSpecDigest) {
		reasons.push(raw.PreviousSpec ? 'the spec a rollback returns to is another one now' : 'it has no previous spec any more (an automatic rollback used it)');
	}

	if (write.kind === 'update') {
		for (const {edit, seen} of write.edits) {
			if (seen !== undefined && currentValue(raw.Spec, edit) !== seen) {
				reasons.push(`${editFieldLabel(edit)} is ${currentValue(fresh.spec, edit) || '(none)'} now`);
			}
		}
	}

	return reasons;
}

/** What a write sends: the fresh spec with the edits applied, or the current spec for a rollback. */
function bodyFor(raw: RawService, write: Exclude<ServiceWrite, {kind: 'remove'}>, ref: ServiceRef): RawServiceSpec {
	if (write.kind === 'rollback') {
		if (!raw.PreviousSpec) {
			throw new ValidationError('rollback', `${ref.name} has no previous spec: there is nothing to roll back to (it was never updated, or an automatic rollback already used it).`);
		}

		// The daemon swaps Spec and PreviousSpec itself: it wants the current spec back.
		return structuredClone(raw.Spec);
	}

	const spec = editedSpec(raw.Spec, write.edits.map(guarded => guarded.edit));
	if (JSON.stringify(spec) === JSON.stringify(raw.Spec)) {
		// Such an update would change nothing but still overwrite PreviousSpec, which a rollback returns to.
		throw new ValidationError(write.edits.map(guarded => editFieldLabel(guarded.edit)).join(', ') || 'change', `${ref.name} already has ${write.edits.length === 1 ? 'that value' : 'those values'}: nothing to change`);
	}

	return spec;
}

/**
 * Sends one write. `decidedSpec` is the spec the person saw, to say what changed if the
 * service moved on meanwhile. Throws StaleWriteError, UnknownOutcomeError, ValidationError
 * or DockerError, each in words.
 */
export async function writeService(docker: Docker, ref: ServiceRef, write: ServiceWrite, options: WriteOptions, decidedSpec?: RawServiceSpec): Promise<WriteOutcome> {
	if (write.kind === 'remove') {
		return removeService(docker, ref, options);
	}

	for (let attempt = 1; ; attempt++) {
		const raw = await inspectRaw(docker, ref, options);
		const fresh = serviceFromApi(raw);
		const reasons = staleness(raw, fresh, write, decidedSpec);
		if (reasons.length > 0) {
			throw new StaleWriteError(fresh, reasons);
		}

		const body = bodyFor(raw, write, ref);
		const version = versionOf(raw);
		let response: {Warnings?: string[] | null} | undefined;
		try {
			response = await withDeadline(async signal => docker.getService(raw.ID).update({
				_query: {version, ...(write.kind === 'rollback' ? {rollback: 'previous'} : {})},
				_body: body,
				abortSignal: signal,
			} as unknown as Record<string, unknown>) as Promise<{Warnings?: string[] | null} | undefined>, {...options, timedOut: () => new Timeout()});
		} catch (error) {
			if (error instanceof Timeout) {
				// A rollback, once applied, puts the previous spec in force.
				throw await unknownOutcome(docker, ref, options, raw, write.kind === 'rollback' ? raw.PreviousSpec! : body);
			}

			// Only after checking again that the service is what was decided on: the next
			// round inspects and compares before it sends anything.
			if (attempt === 1 && isOutOfSequence(error)) {
				continue;
			}

			throw toDockerError(error, options.target);
		}

		let versionAfter: number | undefined;
		try {
			versionAfter = versionOf(await inspectRaw(docker, ref, options));
		} catch {
			// The write went through; only reading it back failed.
		}

		return {service: ref, versionBefore: version, versionAfter, warnings: (response?.Warnings ?? []).map(warning => inert(warning))};
	}
}

/**
 * A write that got no answer in time may have been applied or not. Reading the service
 * again tells which, when it can be told: its spec is the one expected, or still the one before.
 */
async function unknownOutcome(docker: Docker, ref: ServiceRef, options: WriteOptions, before: RawService, expected: RawServiceSpec): Promise<UnknownOutcomeError> {
	const waited = `No answer to the write within ${seconds(options.timeoutMs)}`;
	let after: RawService;
	try {
		after = await inspectRaw(docker, ref, options);
	} catch {
		return new UnknownOutcomeError(`${waited}, and ${ref.name} cannot be read now: whether it was applied is unknown. Look at the service before you try again.`);
	}

	const service = serviceFromApi(after);
	const now = JSON.stringify(after.Spec);
	if (now === JSON.stringify(before.Spec)) {
		return new UnknownOutcomeError(`${waited}. ${ref.name} read again: it is unchanged (version ${service.version}), so the write was not applied.`, service);
	}

	const applied = now === JSON.stringify(expected);
	return new UnknownOutcomeError(`${waited}. ${ref.name} read again: ${applied ? 'the change was applied' : 'it changed, but not into what was sent: someone else may have changed it'} (version ${versionOf(before)} → ${service.version}).`, service);
}

const versionOf = (service: RawService) => service.Version?.Index ?? 0;

/**
 * Removes the service the person chose, by its ID: read first, so a service already gone is
 * said plainly and nothing is sent. Nothing is left to read back after.
 */
async function removeService(docker: Docker, ref: ServiceRef, options: WriteOptions): Promise<WriteOutcome> {
	const raw = await inspectRaw(docker, ref, options);
	try {
		await withDeadline(async signal => docker.getService(raw.ID).remove({abortSignal: signal} as unknown as Record<string, unknown>) as Promise<unknown>, {...options, timedOut: () => new Timeout()});
	} catch (error) {
		if (error instanceof Timeout) {
			throw await unknownRemoval(docker, ref, options);
		}

		throw toDockerError(error, options.target);
	}

	return {service: ref, versionBefore: versionOf(raw), warnings: []};
}

async function unknownRemoval(docker: Docker, ref: ServiceRef, options: WriteOptions): Promise<UnknownOutcomeError> {
	const waited = `No answer to the removal within ${seconds(options.timeoutMs)}`;
	try {
		const service = serviceFromApi(await inspectRaw(docker, ref, options));
		return new UnknownOutcomeError(`${waited}. ${ref.name} read again: it is still there, so it was not removed.`, service);
	} catch (error) {
		return new UnknownOutcomeError(error instanceof DockerError && error.statusCode === 404
			? `${waited}. ${ref.name} read again: it is gone, so it was removed.`
			: `${waited}, and ${ref.name} cannot be read now: whether it was removed is unknown. Look before you try again.`);
	}
}
