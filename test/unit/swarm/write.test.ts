import type Docker from 'dockerode';
import {beforeEach, describe, expect, it} from 'vitest';
import {DockerError, ValidationError} from '../../../source/swarm/errors.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';
import {specDigest} from '../../../source/spec/digest.js';
import type {GuardedEdit} from '../../../source/spec/edits.js';
import {serviceActionById} from '../../../source/actions/index.js';
import {serviceFromApi} from '../../../source/swarm/normalize.js';
import {StaleWriteError, UnknownOutcomeError, writeService, type ServiceWrite} from '../../../source/swarm/write.js';
import {readFixture} from '../../fixtures/load.js';
import {terminalControlsIn} from '../../support/hostile-text.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type RawService = {ID: string; Version: {Index: number}; Spec: RawServiceSpec; PreviousSpec?: RawServiceSpec; [key: string]: any};

type UpdateOptions = {_query: {version: number; rollback?: string}; _body: RawServiceSpec; abortSignal?: AbortSignal};

type Call = {op: 'inspect'; name: string} | {op: 'update'; name: string; options: UpdateOptions};

const target = 'unix:///var/run/docker.sock';
const second = 1_000_000_000;

function outOfSequence(): Error {
	return Object.assign(new Error('(HTTP code 500) server error - rpc error: code = Unknown desc = update out of sequence '), {
		statusCode: 500,
		reason: 'server error',
		json: {message: 'rpc error: code = Unknown desc = update out of sequence'},
	});
}

/**
 * Stands in for dockerode at the client boundary: getService(name) gives inspect and update.
 * It records every call in order and can be told to fail the next updates.
 */
class FakeDocker {
	readonly calls: Call[] = [];
	/** Errors the next update calls throw, one each, in order. */
	readonly updateErrors: Error[] = [];
	/** Runs between an update failing and the next inspect: the orchestrator moving on. */
	onUpdateError?: () => void;
	warnings: string[] | null = null;
	/** Set: updates never answer; called when one is aborted (the daemon may apply it anyway). */
	hang?: () => void;
	aborted = 0;

	constructor(public raw: RawService) {}

	get docker(): Docker {
		return this as unknown as Docker;
	}

	get updates(): UpdateOptions[] {
		return this.calls.flatMap(call => call.op === 'update' ? [call.options] : []);
	}

	get ops(): string[] {
		return this.calls.map(call => call.op);
	}

	getService(name: string) {
		return {
			inspect: async (_options?: {abortSignal?: AbortSignal}) => {
				this.calls.push({op: 'inspect', name});
				return structuredClone(this.raw);
			},
			update: async ({abortSignal, ...options}: UpdateOptions) => {
				this.calls.push({op: 'update', name, options: structuredClone(options)});
				if (this.hang) {
					// A daemon that never answers: only the abort ends the request.
					return new Promise((_resolve, reject) => {
						abortSignal?.addEventListener('abort', () => {
							this.aborted++;
							this.hang?.();
							reject(new Error('The operation was aborted'));
						});
					});
				}

				const error = this.updateErrors.shift();
				if (error) {
					this.onUpdateError?.();
					throw error;
				}

				return {Warnings: this.warnings};
			},
		};
	}
}

function fixtureService(name: 'web' | 'edge' | 'pending'): RawService {
	const [raw] = readFixture<RawService[]>(`fixture-${name}-service.json`);
	return raw!;
}

/** A replicated service with a stack label and explicit policies. */
function hasher(): RawService {
	return {
		ID: 'k3j9hasherid000000000000',
		Version: {Index: 41},
		CreatedAt: '2026-11-21T10:00:00Z',
		UpdatedAt: '2026-11-21T10:05:00Z',
		Spec: {
			Name: 'dockercoins_hasher',
			Labels: {'com.docker.stack.namespace': 'dockercoins'},
			TaskTemplate: {ContainerSpec: {Image: 'dockercoins/hasher:v0.1', Env: ['PORT=80']}, ForceUpdate: 2},
			Mode: {Replicated: {Replicas: 3}},
			UpdateConfig: {Parallelism: 1, Delay: 10 * second, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'},
			EndpointSpec: {Mode: 'vip'},
		},
		PreviousSpec: {
			Name: 'dockercoins_hasher',
			Labels: {'com.docker.stack.namespace': 'dockercoins'},
			TaskTemplate: {ContainerSpec: {Image: 'dockercoins/hasher:v0.1', Env: ['PORT=80']}, ForceUpdate: 2},
			Mode: {Replicated: {Replicas: 5}},
			UpdateConfig: {Parallelism: 1, Delay: 10 * second, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'},
			EndpointSpec: {Mode: 'vip'},
		},
	};
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}

	throw new Error('expected the write to fail');
}

const ref = {id: 'k3j9hasherid000000000000', name: 'dockercoins_hasher'};
const options = {timeoutMs: 1000, target};
const replicas = (count: number, seen?: number): GuardedEdit => ({edit: {kind: 'replicas', replicas: count}, ...(seen === undefined ? {} : {seen: String(seen)})});
const update = (...edits: GuardedEdit[]): ServiceWrite => ({kind: 'update', edits});
const send = async (write: ServiceWrite) => writeService(fake.docker, ref, write, options, hasher().Spec);

let fake: FakeDocker;
beforeEach(() => {
	fake = new FakeDocker(hasher());
});

describe('every write', () => {
	it('inspects by ID right before it updates, sends the inspected version, then reads the new version back', async () => {
		const outcome = await send(update(replicas(7)));
		expect(fake.calls.map(call => `${call.op} ${call.name}`)).toEqual(['inspect k3j9hasherid000000000000', 'update k3j9hasherid000000000000', 'inspect k3j9hasherid000000000000']);
		const [sent] = fake.updates;
		expect(sent?._query).toEqual({version: 41});
		expect(sent?._body.Mode).toEqual({Replicated: {Replicas: 7}});
		expect(Object.keys(sent!).sort()).toEqual(['_body', '_query']);
		expect(outcome).toMatchObject({service: ref, versionBefore: 41, versionAfter: 41, warnings: []});
	});

	it('sends the whole spec back, changing only the edited field and carrying fields swarmdeck does not know', async () => {
		fake.raw.Spec['Networks'] = [{Target: 'dockercoins_default'}];
		await send(update(replicas(7)));
		const expected = structuredClone(fake.raw.Spec);
		expected.Mode = {Replicated: {Replicas: 7}};
		expect(fake.updates[0]?._body).toEqual(expected);
	});

	it('passes the daemon\'s warnings on', async () => {
		fake.warnings = ['image swarmdeck/vote:x could not be accessed on a registry to record its digest'];
		expect((await send(update(replicas(7)))).warnings).toEqual(fake.warnings);
	});

	it('refuses edits that change nothing, sending nothing: such an update would only overwrite PreviousSpec', async () => {
		const error = await rejection(send(update(replicas(3))));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('dockercoins_hasher already has that value');
		expect(fake.ops).toEqual(['inspect']);
	});
});

describe('text with control characters', () => {
	// Labels, env, args and mounts set by anyone with API access: the screens show them inert,
	// but a write must send them back exactly as the daemon holds them.
	const hostile = '\u001B]0;title\u0007\u001B]52;c;aGk=\u0007\u001B[2J\r\n\t\u009B\u202E\u007F';

	function hostileHasher(): RawService {
		const raw = hasher();
		for (const spec of [raw.Spec, raw.PreviousSpec!]) {
			spec.Labels = {...spec.Labels, [`key${hostile}`]: `value${hostile}`};
			spec.TaskTemplate!.ContainerSpec = {
				...spec.TaskTemplate!.ContainerSpec,
				Env: ['PORT=80', `EVIL=${hostile}`],
				Args: ['-c', `echo ${hostile}`],
				Mounts: [{Type: 'bind', Source: `/data${hostile}`, Target: '/data'}],
			};
		}

		raw.PreviousSpec!.TaskTemplate!.ContainerSpec!['Env'] = ['PORT=80', `EVIL=before${hostile}`];
		return raw;
	}

	it.each([
		['scale', update(replicas(7))],
		['scale by one', update(replicas(4, 3))],
		['a policy field', update({edit: {kind: 'policy', policy: 'update', field: 'parallelism', value: 2}})],
		['an image', update({edit: {kind: 'image', image: 'dockercoins/hasher:v0.2'}})],
		['a forced redeploy', update({edit: {kind: 'force'}})],
		['a rollback', {kind: 'rollback', basis: {}} as const],
	])('%s sends labels, env, args and mounts back byte for byte', async (_write, write) => {
		fake.raw = hostileHasher();
		await send(write);
		const sent = fake.updates[0]!._body;
		const container = sent.TaskTemplate!.ContainerSpec!;
		expect(sent.Labels).toEqual({'com.docker.stack.namespace': 'dockercoins', [`key${hostile}`]: `value${hostile}`});
		expect(container['Env']).toEqual(['PORT=80', `EVIL=${hostile}`]);
		expect(container['Args']).toEqual(['-c', `echo ${hostile}`]);
		expect(container['Mounts']).toEqual([{Type: 'bind', Source: `/data${hostile}`, Target: '/data'}]);
	});

	it('shows the rollback\'s changes and the daemon\'s warnings inert', async () => {
		fake.raw = hostileHasher();
		fake.warnings = [`warning ${hostile}`];
		const decision = serviceActionById('rollback')!.decide(serviceFromApi(fake.raw), {});
		const outcome = await send(decision.write);
		expect(decision.summary).toContain(String.raw`EVIL=␛]0;title␇␛]52;c;aGk=␇␛[2J␍␊␉\x9b\u202e␡ → PORT=80 EVIL=before␛]0;title␇`);
		expect(outcome.warnings).toEqual([String.raw`warning ␛]0;title␇␛]52;c;aGk=␇␛[2J␍␊␉\x9b\u202e␡`]);
		expect(terminalControlsIn(`${decision.summary}${outcome.warnings.join('')}`)).toEqual([]);
		expect(decision.summary).not.toContain('\n');
	});
});

describe('update out of sequence', () => {
	it('checks again and retries once with the fresh version when only the version moved', async () => {
		fake.updateErrors.push(outOfSequence());
		fake.onUpdateError = () => {
			fake.raw.Version.Index = 43;
		};

		await send(update(replicas(7, 3)));
		expect(fake.updates.map(sent => sent._query.version)).toEqual([41, 43]);
	});

	it('does not retry a step whose count moved meanwhile: that is a new decision to make', async () => {
		fake.updateErrors.push(outOfSequence());
		fake.onUpdateError = () => {
			fake.raw.Version.Index = 43;
			fake.raw.Spec.Mode = {Replicated: {Replicas: 6}};
		};

		const error = await rejection(send(update(replicas(4, 3))));
		expect(error).toBeInstanceOf(StaleWriteError);
		expect(error.message).toContain('replicas is 6 now');
		expect(fake.updates).toHaveLength(1);
	});

	it('gives up after the second one with a DockerError in the daemon\'s words', async () => {
		fake.updateErrors.push(outOfSequence(), outOfSequence());
		const error = await rejection(send(update(replicas(7))));
		expect(error).toBeInstanceOf(DockerError);
		expect(error.message).toBe('rpc error: code = Unknown desc = update out of sequence');
		expect(fake.updates).toHaveLength(2);
	});

	it('does not retry other errors', async () => {
		fake.updateErrors.push(Object.assign(new Error('(HTTP code 400) unexpected'), {statusCode: 400, json: {message: 'rpc error: code = InvalidArgument desc = bad spec'}}));
		const error = await rejection(send(update(replicas(7))));
		expect(error.message).toBe('rpc error: code = InvalidArgument desc = bad spec');
		expect(fake.updates).toHaveLength(1);
	});
});

describe('a write bound to what was shown', () => {
	it('is not sent when the spec changed after the question was shown, and says what changed', async () => {
		const shown = hasher().Spec;
		fake.raw.Spec.TaskTemplate!.ContainerSpec!.Image = 'dockercoins/hasher:v0.9';
		const error = await rejection(send({kind: 'update', edits: [{edit: {kind: 'force'}}], basis: {specDigest: specDigest(shown)}}));
		expect(error).toBeInstanceOf(StaleWriteError);
		expect(error.message).toBe('dockercoins_hasher changed since you looked (image dockercoins/hasher:v0.1 → dockercoins/hasher:v0.9). Nothing was sent: check the new state and decide again.');
		expect((error as StaleWriteError).service.image).toBe('dockercoins/hasher:v0.9');
		expect(fake.updates).toEqual([]);
	});

	it('is sent when the spec is the one shown, even if the version moved (the orchestrator bumps it during a rollout)', async () => {
		const shown = specDigest(hasher().Spec);
		fake.raw.Version.Index = 50;
		await send({kind: 'update', edits: [{edit: {kind: 'force'}}], basis: {specDigest: shown}});
		expect(fake.updates[0]?._query).toEqual({version: 50});
	});

	it('does not roll back when the previous spec is another one than shown', async () => {
		const basis = {specDigest: specDigest(hasher().Spec), previousSpecDigest: specDigest(hasher().PreviousSpec)};
		fake.raw.PreviousSpec!.Mode = {Replicated: {Replicas: 9}};
		const error = await rejection(send({kind: 'rollback', basis}));
		expect(error.message).toContain('the spec a rollback returns to is another one now');
		expect(fake.updates).toEqual([]);
	});

	it('does not roll back when an automatic rollback used the previous spec meanwhile', async () => {
		const basis = {specDigest: specDigest(hasher().Spec), previousSpecDigest: specDigest(hasher().PreviousSpec)};
		delete fake.raw.PreviousSpec;
		const error = await rejection(send({kind: 'rollback', basis}));
		expect(error.message).toContain('it has no previous spec any more');
	});
});

describe('rollback', () => {
	it('sends the current spec with rollback=previous, not the previous spec', async () => {
		await send({kind: 'rollback', basis: {}});
		expect(fake.updates[0]?._query).toEqual({version: 41, rollback: 'previous'});
		expect(fake.updates[0]?._body).toEqual(hasher().Spec);
	});

	it('refuses a service without a previous spec, sending nothing', async () => {
		fake.raw = fixtureService('pending');
		const error = await rejection(writeService(fake.docker, {id: fake.raw.ID, name: 'fixture-pending'}, {kind: 'rollback', basis: {}}, options));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('fixture-pending has no previous spec');
		expect(fake.ops).toEqual(['inspect']);
	});
});

describe('a write that gets no answer', () => {
	const quick = {timeoutMs: 100, target};
	const sendQuick = async (write: ServiceWrite) => writeService(fake.docker, ref, write, quick, hasher().Spec);

	it('aborts the request, reads the service again and says the write was not applied when it is unchanged', async () => {
		fake.hang = () => undefined;
		const error = await rejection(sendQuick(update(replicas(7))));
		expect(error).toBeInstanceOf(UnknownOutcomeError);
		expect(error.message).toBe('No answer to the write within 0.1 s. dockercoins_hasher read again: it is unchanged (version 41), so the write was not applied.');
		expect(fake.aborted).toBe(1);
		expect(fake.ops).toEqual(['inspect', 'update', 'inspect']);
	});

	it('says the change was applied when the service read again has the spec sent', async () => {
		fake.hang = () => {
			fake.raw.Spec.Mode = {Replicated: {Replicas: 7}};
			fake.raw.Version.Index = 42;
		};

		const error = await rejection(sendQuick(update(replicas(7))));
		expect(error.message).toBe('No answer to the write within 0.1 s. dockercoins_hasher read again: the change was applied (version 41 → 42).');
		expect((error as UnknownOutcomeError).service?.replicas).toBe(7);
	});
});

describe('an unreachable daemon', () => {
	it('is reported as unreachable during the inspect, naming the target, with nothing sent', async () => {
		fake.getService = () => ({
			inspect: async () => {
				throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {code: 'ECONNREFUSED'});
			},
			update: async () => ({}),
		});
		const error = await rejection(send(update(replicas(7))));
		expect(error).toBeInstanceOf(DockerError);
		expect((error as DockerError).unreachable).toBe(true);
		expect(error.message).toContain(target);
	});
});
