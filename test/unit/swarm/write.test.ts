import type Docker from 'dockerode';
import {beforeEach, describe, expect, it} from 'vitest';
import {DockerError, ValidationError} from '../../../source/swarm/errors.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';
import {forceRedeploy, rollback, scale, setImage, setPolicies, updateService} from '../../../source/swarm/write.js';
import {readFixture} from '../../fixtures/load.js';
import {terminalControlsIn} from '../../support/hostile-text.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type RawService = {ID: string; Version: {Index: number}; Spec: RawServiceSpec; PreviousSpec?: RawServiceSpec; [key: string]: any};

type UpdateOptions = {_query: {version: number; rollback?: string}; _body: RawServiceSpec};

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
			inspect: async () => {
				this.calls.push({op: 'inspect', name});
				return structuredClone(this.raw);
			},
			update: async (options: UpdateOptions) => {
				this.calls.push({op: 'update', name, options: structuredClone(options)});
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

let fake: FakeDocker;
beforeEach(() => {
	fake = new FakeDocker(hasher());
});

describe('every write', () => {
	it('inspects right before it updates, and sends the inspected version with the spec as the body', async () => {
		await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '7'});
		expect(fake.ops).toEqual(['inspect', 'update']);
		expect(fake.calls[0]).toEqual({op: 'inspect', name: 'dockercoins_hasher'});
		const [sent] = fake.updates;
		expect(sent?._query).toEqual({version: 41});
		expect(sent?._body.Name).toBe('dockercoins_hasher');
		expect(Object.keys(sent!).sort()).toEqual(['_body', '_query']);
	});

	it('sends the whole spec back, carrying fields swarmdeck does not know', async () => {
		fake.raw.Spec['Networks'] = [{Target: 'dockercoins_default'}];
		fake.raw.Spec.TaskTemplate!['Placement'] = {Constraints: ['node.role==worker']};
		await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '4'});
		const body = fake.updates[0]!._body;
		expect(body['Networks']).toEqual([{Target: 'dockercoins_default'}]);
		expect(body.TaskTemplate?.['Placement']).toEqual({Constraints: ['node.role==worker']});
		expect(body.TaskTemplate?.ContainerSpec?.['Env']).toEqual(['PORT=80']);
		expect(body.Labels).toEqual({'com.docker.stack.namespace': 'dockercoins'});
	});

	it('inspects again on every write, so a second write sends the newer version', async () => {
		await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '4'});
		fake.raw.Version.Index = 44;
		await forceRedeploy(fake.docker, target, 'dockercoins_hasher');
		expect(fake.ops).toEqual(['inspect', 'update', 'inspect', 'update']);
		expect(fake.updates.map(update => update._query.version)).toEqual([41, 44]);
	});

	it('passes the daemon\'s warnings on', async () => {
		fake.warnings = ['image dockercoins/hasher:v0.2 could not be accessed on a registry to record its digest'];
		const result = await setImage(fake.docker, target, 'dockercoins_hasher', 'dockercoins/hasher:v0.2');
		expect(result.warnings).toEqual(['image dockercoins/hasher:v0.2 could not be accessed on a registry to record its digest']);
	});

	it('gives no warnings when the daemon sends null', async () => {
		expect((await forceRedeploy(fake.docker, target, 'dockercoins_hasher')).warnings).toEqual([]);
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
		['scale', async () => scale(fake.docker, target, 'dockercoins_hasher', {replicas: '7'})],
		['scale by one', async () => scale(fake.docker, target, 'dockercoins_hasher', {by: 1})],
		['setPolicies', async () => setPolicies(fake.docker, target, 'dockercoins_hasher', {update: {parallelism: '2'}})],
		['setImage', async () => setImage(fake.docker, target, 'dockercoins_hasher', 'dockercoins/hasher:v0.2')],
		['forceRedeploy', async () => forceRedeploy(fake.docker, target, 'dockercoins_hasher')],
		['rollback', async () => rollback(fake.docker, target, 'dockercoins_hasher')],
	])('%s sends labels, env, args and mounts back byte for byte', async (_write, write) => {
		fake.raw = hostileHasher();
		await write();
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
		const result = await rollback(fake.docker, target, 'dockercoins_hasher');
		expect(result.summary).toContain(String.raw`EVIL=␛]0;title␇␛]52;c;aGk=␇␛[2J␍␊␉\x9b\u202e␡ → PORT=80 EVIL=before␛]0;title␇`);
		expect(result.warnings).toEqual([String.raw`warning ␛]0;title␇␛]52;c;aGk=␇␛[2J␍␊␉\x9b\u202e␡`]);
		expect(terminalControlsIn(`${result.summary}${result.warnings.join('')}`)).toEqual([]);
		expect(result.summary).not.toContain('\n');
	});
});

describe('update out of sequence', () => {
	it('re-inspects exactly once and retries with the fresh version', async () => {
		fake.updateErrors.push(outOfSequence());
		fake.onUpdateError = () => {
			fake.raw.Version.Index = 42;
		};

		const result = await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '7'});
		expect(fake.ops).toEqual(['inspect', 'update', 'inspect', 'update']);
		expect(fake.updates.map(update => update._query.version)).toEqual([41, 42]);
		expect(fake.updates[1]?._body.Mode).toEqual({Replicated: {Replicas: 7}});
		expect(result.command).toBe('docker service scale dockercoins_hasher=7');
	});

	it('gives up after the second one with a DockerError in the daemon\'s words', async () => {
		fake.updateErrors.push(outOfSequence(), outOfSequence());
		const error = await rejection(scale(fake.docker, target, 'dockercoins_hasher', {replicas: '7'}));
		expect(error).toBeInstanceOf(DockerError);
		expect(error.message).toBe('rpc error: code = Unknown desc = update out of sequence');
		expect((error as DockerError).statusCode).toBe(500);
		expect(fake.ops).toEqual(['inspect', 'update', 'inspect', 'update']);
	});

	it('does not retry other errors', async () => {
		fake.updateErrors.push(Object.assign(new Error('(HTTP code 400) unexpected - invalid mount config '), {
			statusCode: 400,
			json: {message: 'invalid mount config'},
		}));
		const error = await rejection(forceRedeploy(fake.docker, target, 'dockercoins_hasher'));
		expect(error).toBeInstanceOf(DockerError);
		expect(error.message).toBe('invalid mount config');
		expect(fake.ops).toEqual(['inspect', 'update']);
	});

	it('reports an unreachable daemon during inspect as unreachable, naming the target', async () => {
		const docker = {
			getService: () => ({
				inspect: async () => {
					throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {code: 'ECONNREFUSED'});
				},
				update: async () => {
					throw new Error('must not be called');
				},
			}),
		} as unknown as Docker;
		const error = await rejection(scale(docker, target, 'dockercoins_hasher', {replicas: '2'}));
		expect(error).toBeInstanceOf(DockerError);
		expect((error as DockerError).unreachable).toBe(true);
		expect(error.message).toContain(target);
	});
});

describe('scale', () => {
	it('sets the replica count and says what changed', async () => {
		const result = await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '7'});
		expect(fake.updates[0]?._body.Mode).toEqual({Replicated: {Replicas: 7}});
		expect(result).toEqual({
			service: 'dockercoins_hasher',
			command: 'docker service scale dockercoins_hasher=7',
			summary: 'dockercoins_hasher scaled from 3 to 7 replicas',
			replacesNoTask: true,
			warnings: [],
		});
	});

	it('refuses the count the service already has and sends nothing: it would only overwrite PreviousSpec', async () => {
		await expect(scale(fake.docker, target, 'dockercoins_hasher', {replicas: '3'})).rejects.toThrow(/replicas: dockercoins_hasher already has 3 replicas/);
		expect(fake.updates).toEqual([]);
	});

	it('scales by one from the count the daemon has when it writes, not from the screen', async () => {
		const result = await scale(fake.docker, target, 'dockercoins_hasher', {by: 1});
		expect(fake.updates[0]?._body.Mode).toEqual({Replicated: {Replicas: 4}});
		expect(result.command).toBe('docker service scale dockercoins_hasher=4');
	});

	it('counts again from the fresh spec when the first try was out of sequence', async () => {
		fake.updateErrors.push(outOfSequence());
		fake.onUpdateError = () => {
			// The other press landed in between: the daemon now has 4.
			fake.raw.Spec.Mode = {Replicated: {Replicas: 4}};
			fake.raw.Version.Index++;
		};

		const result = await scale(fake.docker, target, 'dockercoins_hasher', {by: 1});
		expect(fake.ops).toEqual(['inspect', 'update', 'inspect', 'update']);
		expect(fake.updates.at(-1)?._body.Mode).toEqual({Replicated: {Replicas: 5}});
		expect(result.command).toBe('docker service scale dockercoins_hasher=5');
	});

	it('never scales by one down to 0: that goes through the confirming dialog', async () => {
		fake.raw.Spec.Mode = {Replicated: {Replicas: 1}};
		await expect(scale(fake.docker, target, 'dockercoins_hasher', {by: -1})).rejects.toThrow(/would go to 0 replicas/);
		expect(fake.updates).toEqual([]);
	});

	it('says "replica" for one', async () => {
		expect((await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '1'})).summary).toBe('dockercoins_hasher scaled from 3 to 1 replica');
	});

	it('changes nothing but the replica count', async () => {
		await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '0'});
		const {Mode, ...rest} = fake.updates[0]!._body;
		const {Mode: originalMode, ...original} = hasher().Spec;
		expect(Mode).toEqual({Replicated: {Replicas: 0}});
		expect(originalMode).toEqual({Replicated: {Replicas: 3}});
		expect(rest).toEqual(original);
	});

	it('sets TotalCompletions of a replicated job and keeps MaxConcurrent', async () => {
		fake.raw.Spec.Mode = {ReplicatedJob: {MaxConcurrent: 2, TotalCompletions: 4}};
		const result = await scale(fake.docker, target, 'dockercoins_hasher', {replicas: '10'});
		expect(fake.updates[0]?._body.Mode).toEqual({ReplicatedJob: {MaxConcurrent: 2, TotalCompletions: 10}});
		expect(result.command).toBe('docker service scale dockercoins_hasher=10');
	});

	it.each(['abc', '-1', '1.5', ''])('sends nothing for the bad count %j', async text => {
		const error = await rejection(scale(fake.docker, target, 'dockercoins_hasher', {replicas: text}));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).field).toBe('replicas');
		expect(fake.updates).toEqual([]);
	});

	it('refuses a global service after inspecting it, with nothing sent', async () => {
		fake.raw = fixtureService('edge');
		const error = await rejection(scale(fake.docker, target, 'fixture-edge', {replicas: '3'}));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('scale can only be used with replicated or replicated-job mode');
		expect(fake.ops).toEqual(['inspect']);
	});
});

describe('setPolicies', () => {
	it('sends only the changed fields and keeps the others as they were', async () => {
		const result = await setPolicies(fake.docker, target, 'dockercoins_hasher', {
			update: {parallelism: '2', delay: '10s', maxFailureRatio: '0.25', order: 'stop-first'},
		});
		expect(fake.updates[0]?._body.UpdateConfig).toEqual({
			Parallelism: 2,
			Delay: 10 * second,
			FailureAction: 'pause',
			Monitor: 5 * second,
			MaxFailureRatio: 0.25,
			Order: 'stop-first',
		});
		expect(result.command).toBe('docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 dockercoins_hasher');
		expect(result.summary).toContain('update-parallelism 1 → 2');
		expect(result.summary).toContain('update-max-failure-ratio 0 → 0.25');
		expect(result.summary).not.toContain('update-delay');
		expect(result.summary).toContain('no task is replaced');
		expect(result.replacesNoTask).toBe(true);
	});

	it('writes a Go duration in the command and nanoseconds in the body', async () => {
		const result = await setPolicies(fake.docker, target, 'dockercoins_hasher', {update: {delay: '1m30s'}});
		expect(fake.updates[0]?._body.UpdateConfig?.Delay).toBe(90 * second);
		expect(result.command).toBe('docker service update --update-delay 1m30s dockercoins_hasher');
		expect(result.summary).toContain('update-delay 10s → 1m30s');
	});

	it('leaves UpdateConfig alone when only the rollback policy changes', async () => {
		const result = await setPolicies(fake.docker, target, 'dockercoins_hasher', {rollback: {failureAction: 'continue', monitor: '20s'}});
		const body = fake.updates[0]!._body;
		expect(body.UpdateConfig).toEqual(hasher().Spec.UpdateConfig);
		expect(body.RollbackConfig).toEqual({
			Parallelism: 1,
			Delay: 0,
			FailureAction: 'continue',
			Monitor: 20 * second,
			MaxFailureRatio: 0,
			Order: 'stop-first',
		});
		expect(result.command).toBe('docker service update --rollback-failure-action continue --rollback-monitor 20s dockercoins_hasher');
	});

	it('changes both policies in one request', async () => {
		const result = await setPolicies(fake.docker, target, 'dockercoins_hasher', {
			update: {failureAction: 'rollback'},
			rollback: {parallelism: '0'},
		});
		expect(fake.ops).toEqual(['inspect', 'update']);
		expect(fake.updates[0]?._body.UpdateConfig?.FailureAction).toBe('rollback');
		expect(fake.updates[0]?._body.RollbackConfig?.Parallelism).toBe(0);
		expect(result.command).toBe('docker service update --update-failure-action rollback --rollback-parallelism 0 dockercoins_hasher');
	});

	it('fills in defaults for a service whose UpdateConfig is null', async () => {
		fake.raw = fixtureService('pending');
		await setPolicies(fake.docker, target, 'fixture-pending', {update: {order: 'start-first'}});
		expect(fake.updates[0]?._query).toEqual({version: 209});
		expect(fake.updates[0]?._body.UpdateConfig).toEqual({
			Parallelism: 1,
			Delay: 0,
			FailureAction: 'pause',
			Monitor: 5 * second,
			MaxFailureRatio: 0,
			Order: 'start-first',
		});
	});

	it('refuses with "nothing to change" when every value is already in force, sending nothing', async () => {
		const error = await rejection(setPolicies(fake.docker, target, 'dockercoins_hasher', {
			update: {parallelism: '1', delay: '10s', failureAction: 'pause', monitor: '5s', maxFailureRatio: '0', order: 'stop-first'},
			rollback: {failureAction: 'pause'},
		}));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('nothing to change');
		expect(fake.updates).toEqual([]);
	});

	it('refuses a bad duration before asking the daemon anything', async () => {
		const error = await rejection(setPolicies(fake.docker, target, 'dockercoins_hasher', {update: {parallelism: '2', delay: '10x'}}));
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).field).toBe('update-delay');
		expect(fake.calls).toEqual([]);
	});

	it('refuses "rollback" as the rollback policy\'s failure action, sending nothing', async () => {
		const error = await rejection(setPolicies(fake.docker, target, 'dockercoins_hasher', {rollback: {failureAction: 'rollback'}}));
		expect((error as ValidationError).field).toBe('rollback-failure-action');
		expect(fake.calls).toEqual([]);
	});
});

describe('setImage', () => {
	it('sets the image, keeps the rest of the container spec, and says tasks are replaced', async () => {
		const result = await setImage(fake.docker, target, 'dockercoins_hasher', ' dockercoins/hasher:v0.2 ');
		const body = fake.updates[0]!._body;
		expect(body.TaskTemplate?.ContainerSpec).toEqual({Image: 'dockercoins/hasher:v0.2', Env: ['PORT=80']});
		expect(body.TaskTemplate?.ForceUpdate).toBe(2);
		expect(result.command).toBe('docker service update --no-resolve-image --image dockercoins/hasher:v0.2 dockercoins_hasher');
		expect(result.summary).toContain('dockercoins/hasher:v0.1 → dockercoins/hasher:v0.2');
		expect(result.replacesNoTask).toBe(false);
	});

	it('refuses the image the service already runs, sending nothing', async () => {
		const error = await rejection(setImage(fake.docker, target, 'dockercoins_hasher', 'dockercoins/hasher:v0.1'));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('already runs dockercoins/hasher:v0.1');
		expect(error.message).toContain('force');
		expect(fake.updates).toEqual([]);
	});

	it('refuses a malformed reference before any request', async () => {
		const error = await rejection(setImage(fake.docker, target, 'dockercoins_hasher', 'Hasher:v2'));
		expect(error).toBeInstanceOf(ValidationError);
		expect(error.message).toContain('lowercase');
		expect(fake.calls).toEqual([]);
	});
});

describe('forceRedeploy', () => {
	it('increments ForceUpdate and nothing else', async () => {
		const result = await forceRedeploy(fake.docker, target, 'dockercoins_hasher');
		const body = fake.updates[0]!._body;
		expect(body.TaskTemplate?.ForceUpdate).toBe(3);
		expect({...body, TaskTemplate: {...body.TaskTemplate, ForceUpdate: 2}}).toEqual(hasher().Spec);
		expect(result.command).toBe('docker service update --force dockercoins_hasher');
		expect(result.replacesNoTask).toBe(false);
	});

	it('starts the counter at 1 when the spec has none', async () => {
		delete fake.raw.Spec.TaskTemplate!.ForceUpdate;
		await forceRedeploy(fake.docker, target, 'dockercoins_hasher');
		expect(fake.updates[0]?._body.TaskTemplate?.ForceUpdate).toBe(1);
	});
});

describe('rollback', () => {
	it('sends the current spec with rollback=previous, not the previous spec', async () => {
		const result = await rollback(fake.docker, target, 'dockercoins_hasher');
		expect(fake.updates[0]?._query).toEqual({version: 41, rollback: 'previous'});
		expect(fake.updates[0]?._body).toEqual(hasher().Spec);
		expect(result.command).toBe('docker service rollback dockercoins_hasher');
		expect(result.summary).toContain('replicas 3 → 5');
	});

	it('says a rollback of replicas alone replaces no task', async () => {
		expect((await rollback(fake.docker, target, 'dockercoins_hasher')).replacesNoTask).toBe(true);
	});

	it('says a rollback to another image replaces tasks', async () => {
		fake.raw = fixtureService('web');
		const result = await rollback(fake.docker, target, 'fixture-web');
		expect(fake.updates[0]?._query).toEqual({version: 208, rollback: 'previous'});
		expect(fake.updates[0]?._body.TaskTemplate?.ContainerSpec?.Image).toBe('swarmdeck/vote:movies');
		expect(result.replacesNoTask).toBe(false);
		expect(result.summary).toContain('image swarmdeck/vote:movies → swarmdeck/vote:indent');
	});

	it('refuses a service without a previous spec, sending nothing', async () => {
		fake.raw = fixtureService('pending');
		const error = await rejection(rollback(fake.docker, target, 'fixture-pending'));
		expect(error).toBeInstanceOf(DockerError);
		expect(error.message).toContain('fixture-pending has no previous spec');
		expect(fake.ops).toEqual(['inspect']);
	});

	it('retries a rollback that met an out-of-sequence error, still asking for rollback', async () => {
		fake.updateErrors.push(outOfSequence());
		fake.onUpdateError = () => {
			fake.raw.Version.Index = 43;
		};

		await rollback(fake.docker, target, 'dockercoins_hasher');
		expect(fake.updates.map(update => update._query)).toEqual([
			{version: 41, rollback: 'previous'},
			{version: 43, rollback: 'previous'},
		]);
	});
});

describe('updateService', () => {
	it('updates the service by the ID it inspected', async () => {
		await updateService(fake.docker, target, 'dockercoins_hasher', service => ({spec: service.spec}));
		expect(fake.calls.map(call => `${call.op} ${call.name}`)).toEqual(['inspect dockercoins_hasher', 'update k3j9hasherid000000000000']);
	});

	it('never edits the inspected service when a plan changes its copy', async () => {
		const {service} = await updateService(fake.docker, target, 'dockercoins_hasher', current => {
			const spec = structuredClone(current.spec);
			spec.Mode = {Replicated: {Replicas: 9}};
			return {spec};
		});
		expect(service.replicas).toBe(3);
		expect(service.spec.Mode).toEqual({Replicated: {Replicas: 3}});
	});
});
