// Every change to a node goes through here, as service changes go through write.ts: inspect
// immediately before, check that the node's spec is still the one the person decided on, apply
// the one edit to that fresh spec, and send it back with the version just read. The version
// moves with the node's status too (tasks come and go), so it is what the daemon checks, not
// what the person is asked about: a spec changed by someone else gets nothing sent, and the
// question is asked again; "update out of sequence" is retried once, after checking again.
import type Docker from 'dockerode';
import {withDeadline} from './deadline.js';
import {specDigest} from '../spec/digest.js';
import {DockerError, isOutOfSequence, toDockerError, ValidationError} from './errors.js';
import {nodeFromApi} from './normalize.js';
import type {NodeAvailability, NodeRole, RawNodeSpec, SwarmNode} from './types.js';
import {UnknownOutcomeError, type WriteOptions} from './write.js';

/** A node as the person chose it: by ID, named in messages by its hostname. */
export type NodeRef = {id: string; hostname: string};

/** The one thing a node action changes, as `docker node update/promote/demote` would. */
export type NodeEdit =
	| {kind: 'availability'; availability: NodeAvailability}
	| {kind: 'labelAdd'; key: string; value: string}
	| {kind: 'labelRemove'; key: string}
	| {kind: 'role'; role: NodeRole};

/** A node write: the edit, and the node spec the decision was made on. */
export type NodeWrite = {kind: 'node'; edit: NodeEdit; basis: {specDigest: string}};

export type NodeWriteOutcome = {node: NodeRef; versionBefore: number; versionAfter?: number};

/** The node changed since the person decided: nothing was sent; `node` is how it is now. */
export class StaleNodeError extends Error {
	override name = 'StaleNodeError';
	constructor(
		readonly node: SwarmNode,
		readonly changes: readonly string[],
	) {
		super(`${node.hostname} changed since you looked (${changes.length > 0 ? changes.join('; ') : `version ${node.version}`}). Nothing was sent: check the new state and decide again.`);
	}
}

/** The spec with the edit applied; the input is not changed. */
export function editedNodeSpec(spec: RawNodeSpec, edit: NodeEdit): RawNodeSpec {
	const next = structuredClone(spec);
	switch (edit.kind) {
		case 'availability': {
			next.Availability = edit.availability;
			break;
		}

		case 'labelAdd': {
			next.Labels = {...next.Labels, [edit.key]: edit.value};
			break;
		}

		case 'labelRemove': {
			const labels = {...next.Labels};
			delete labels[edit.key];
			next.Labels = labels;
			break;
		}

		case 'role': {
			next.Role = edit.role;
			break;
		}
	}

	return next;
}

/** What differs between the node decided on and the node now, in words: `availability active → drain`. */
export function nodeChanges(before: SwarmNode, after: SwarmNode): string[] {
	const changes: string[] = [];
	for (const field of ['state', 'availability', 'role'] as const) {
		if (before[field] !== after[field]) {
			changes.push(`${field} ${before[field]} → ${after[field]}`);
		}
	}

	if (JSON.stringify(before.labels) !== JSON.stringify(after.labels)) {
		changes.push('its labels changed');
	}

	return changes;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type RawNode = {ID: string; Version?: {Index?: number}; Spec?: RawNodeSpec; [key: string]: any};

class Timeout extends Error {}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

async function inspectRawNode(docker: Docker, ref: NodeRef, options: WriteOptions): Promise<RawNode> {
	try {
		return await withDeadline(async signal => docker.getNode(ref.id).inspect({abortSignal: signal}) as Promise<RawNode>, {...options, timedOut: () => new Timeout()});
	} catch (error) {
		if (error instanceof Timeout) {
			throw new DockerError(`No answer from the Docker daemon at ${options.target} after ${seconds(options.timeoutMs)} while reading node ${ref.hostname}. Nothing was sent.`, undefined, true);
		}

		throw toDockerError(error, options.target);
	}
}

/**
 * Sends one node write. `decided` is the node as the person saw it, to say what changed if it
 * moved on meanwhile. Throws StaleNodeError, UnknownOutcomeError, ValidationError or
 * DockerError, each in words.
 */
export async function writeNode(docker: Docker, ref: NodeRef, write: NodeWrite, options: WriteOptions, decided?: SwarmNode): Promise<NodeWriteOutcome> {
	for (let attempt = 1; ; attempt++) {
		const raw = await inspectRawNode(docker, ref, options);
		if (specDigest(raw.Spec) !== write.basis.specDigest) {
			const fresh = nodeFromApi(raw);
			throw new StaleNodeError(fresh, decided ? nodeChanges(decided, fresh) : []);
		}

		const version = raw.Version?.Index ?? 0;
		const spec = raw.Spec ?? {};
		const body = editedNodeSpec(spec, write.edit);
		if (JSON.stringify(body) === JSON.stringify(spec)) {
			throw new ValidationError(write.edit.kind, `${ref.hostname} already is that way: nothing to change`);
		}

		try {
			await withDeadline(async signal => docker.getNode(raw.ID).update({
				_query: {version},
				_body: body,
				abortSignal: signal,
			} as unknown as Record<string, unknown>), {...options, timedOut: () => new Timeout()});
		} catch (error) {
			if (error instanceof Timeout) {
				throw new UnknownOutcomeError(`No answer to the write within ${seconds(options.timeoutMs)}: whether ${ref.hostname} was changed is unknown. Look at the nodes view before you try again.`);
			}

			// The node's status moved its version between the read and the write: read again,
			// check again, and only then send.
			if (attempt === 1 && isOutOfSequence(error)) {
				continue;
			}

			throw toDockerError(error, options.target);
		}

		let versionAfter: number | undefined;
		try {
			versionAfter = (await inspectRawNode(docker, ref, options)).Version?.Index;
		} catch {
			// The write went through; only reading it back failed.
		}

		return {node: ref, versionBefore: version, versionAfter};
	}
}
