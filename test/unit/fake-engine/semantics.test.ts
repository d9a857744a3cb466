// The fake engine's service semantics, each as the lab's dockerd showed it
// (test/fixtures/engine/lab-scenario.json): versions, PreviousSpec, rollback, scaling.
import {describe, expect, it} from 'vitest';
import type {ServiceSpec} from '../../support/fake-engine/api-types.js';
import {Engine} from '../../support/fake-engine/engine.js';
import {EngineError} from '../../support/fake-engine/errors.js';

const start = Date.parse('2026-11-29T18:00:00Z');

function engineWith(spec: Partial<ServiceSpec> = {}): {engine: Engine; id: string} {
	const engine = new Engine({start});
	const {ID} = engine.createService({Name: 'web', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}, Mode: {Replicated: {Replicas: 2}}, ...spec});
	engine.settle();
	return {engine, id: ID};
}

/** Sends the service's current spec back, changed by `change`, with its current version. */
function update(engine: Engine, change: (spec: ServiceSpec) => void = () => undefined, rollback?: string): void {
	const service = engine.service('web');
	const spec = structuredClone(service.Spec);
	change(spec);
	engine.updateService('web', String(service.Version.Index), spec, rollback);
}

function errorOf(action: () => unknown): {statusCode: number; message: string} {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(EngineError);
		return {statusCode: (error as EngineError).statusCode, message: (error as EngineError).message};
	}

	throw new Error('expected the engine to refuse');
}

function runningIds(engine: Engine): string[] {
	return engine.listTasks(JSON.stringify({service: ['web'], 'desired-state': ['running']})).map(task => task.ID).sort();
}

describe('creating a service', () => {
	it('stores the spec with the daemon defaults and runs one task per slot', () => {
		const {engine} = engineWith();
		const service = engine.service('web');
		expect(service.Spec).toEqual({
			Name: 'web',
			Labels: {},
			TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest', Isolation: 'default'}, ForceUpdate: 0, Runtime: 'container'},
			Mode: {Replicated: {Replicas: 2}},
		});
		expect(service.Endpoint).toEqual({Spec: {}});
		expect(service.PreviousSpec).toBeUndefined();
		const tasks = engine.listTasks(JSON.stringify({service: ['web']}));
		expect(tasks.map(task => [task.Slot, task.DesiredState, task.Status.State, task.Status.Message]).sort()).toEqual([
			[1, 'running', 'running', 'started'],
			[2, 'running', 'running', 'started'],
		]);
		expect(tasks[0]!.Spec).toEqual({ContainerSpec: {Image: 'swarmdeck/vote:latest', Isolation: 'default'}, ForceUpdate: 0});
	});

	it('refuses a name that exists, and a bad name, in the daemon words', () => {
		const {engine} = engineWith();
		expect(errorOf(() => engine.createService({Name: 'web', TaskTemplate: {ContainerSpec: {Image: 'x'}}}))).toEqual({
			statusCode: 409,
			message: 'rpc error: code = AlreadyExists desc = name conflicts with an existing object: service web already exists',
		});
		expect(errorOf(() => engine.createService({Name: 'bad name!', TaskTemplate: {ContainerSpec: {Image: 'x'}}})).message)
			.toBe('rpc error: code = InvalidArgument desc = name must be valid as a DNS name component');
	});

	it('publishes a port from 30000 when none is asked, with a VIP on ingress', () => {
		const engine = new Engine({start});
		engine.createService({Name: 'ports', TaskTemplate: {ContainerSpec: {Image: 'x'}}, EndpointSpec: {Ports: [{TargetPort: 80}]}});
		const {Endpoint} = engine.service('ports');
		expect(Endpoint.Spec).toEqual({Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishMode: 'ingress'}]});
		expect(Endpoint.Ports).toEqual([{Protocol: 'tcp', TargetPort: 80, PublishedPort: 30_000, PublishMode: 'ingress'}]);
		expect(Endpoint.VirtualIPs).toHaveLength(1);
	});
});

describe('updates need the current version', () => {
	it('answers a stale version with 500 update out of sequence, and changes nothing', () => {
		const {engine} = engineWith();
		const service = engine.service('web');
		const stale = String(service.Version.Index - 1);
		expect(errorOf(() => engine.updateService('web', stale, {...service.Spec, Mode: {Replicated: {Replicas: 5}}}))).toEqual({
			statusCode: 500,
			message: 'rpc error: code = Unknown desc = update out of sequence',
		});
		expect(engine.service('web').Spec.Mode).toEqual({Replicated: {Replicas: 2}});
	});

	it('answers a missing version with 400, and an unknown service with 404', () => {
		const {engine} = engineWith();
		const {Spec} = engine.service('web');
		expect(errorOf(() => engine.updateService('web', undefined, Spec))).toEqual({
			statusCode: 400,
			message: 'invalid service version \'\': strconv.ParseUint: parsing "": invalid syntax',
		});
		expect(errorOf(() => engine.updateService('nope', '1', Spec))).toEqual({statusCode: 404, message: 'service nope not found'});
	});

	it('bumps the version on every write, the orchestrator\'s included', () => {
		const {engine} = engineWith({UpdateConfig: {Parallelism: 1}});
		const before = engine.service('web').Version.Index;
		update(engine, spec => {
			spec.TaskTemplate.ContainerSpec!.Image = 'swarmdeck/vote:indent';
		});
		const afterUpdate = engine.service('web').Version.Index;
		expect(afterUpdate).toBeGreaterThan(before);
		engine.settle();
		expect(engine.service('web').UpdateStatus?.State).toBe('completed');
		// updating, then completed: two more writes by the orchestrator.
		expect(engine.service('web').Version.Index).toBeGreaterThan(afterUpdate);
		expect(() => {
			engine.updateService('web', String(afterUpdate), engine.service('web').Spec);
		}).toThrow('update out of sequence');
	});
});

describe('PreviousSpec and rollback', () => {
	it('saves PreviousSpec on a scale, which replaces no task and sets no UpdateStatus', () => {
		const {engine} = engineWith();
		const before = runningIds(engine);
		update(engine, spec => {
			spec.Mode = {Replicated: {Replicas: 3}};
		});
		engine.settle();
		const service = engine.service('web');
		expect(service.PreviousSpec?.Mode).toEqual({Replicated: {Replicas: 2}});
		expect(service.UpdateStatus).toBeUndefined();
		const after = runningIds(engine);
		expect(after).toHaveLength(3);
		expect(after.filter(id => before.includes(id))).toEqual(before);
	});

	it('saves PreviousSpec on a policy-only update and clears the last UpdateStatus, replacing nothing', () => {
		const {engine} = engineWith();
		update(engine, spec => {
			spec.TaskTemplate.ContainerSpec!.Image = 'swarmdeck/vote:indent';
		});
		engine.settle();
		const before = runningIds(engine);
		update(engine, spec => {
			spec.UpdateConfig = {Parallelism: 3, Order: 'start-first'};
		});
		engine.settle();
		const service = engine.service('web');
		expect(service.Spec.UpdateConfig).toEqual({Parallelism: 3, FailureAction: 'pause', MaxFailureRatio: 0, Order: 'start-first'});
		expect(service.PreviousSpec?.UpdateConfig).toBeUndefined();
		expect(service.UpdateStatus).toBeUndefined();
		expect(runningIds(engine)).toEqual(before);
	});

	it('refuses a rollback without PreviousSpec with the service ID in the message', () => {
		const {engine, id} = engineWith();
		expect(errorOf(() => {
			update(engine, undefined, 'previous');
		})).toEqual({statusCode: 400, message: `rpc error: code = FailedPrecondition desc = service ${id} does not have a previous spec`});
		expect(errorOf(() => {
			update(engine, undefined, 'bogus');
		})).toEqual({statusCode: 500, message: 'unrecognized rollback option bogus'});
	});

	it('swaps Spec and PreviousSpec on rollback=previous, twice back to the start', () => {
		const {engine} = engineWith();
		update(engine, spec => {
			spec.TaskTemplate.ContainerSpec!.Image = 'swarmdeck/vote:indent';
		});
		engine.settle();
		update(engine, undefined, 'previous');
		let service = engine.service('web');
		expect(service.Spec.TaskTemplate.ContainerSpec?.Image).toBe('swarmdeck/vote:latest');
		expect(service.PreviousSpec?.TaskTemplate.ContainerSpec?.Image).toBe('swarmdeck/vote:indent');
		expect(service.UpdateStatus).toMatchObject({State: 'rollback_started', Message: 'manually requested rollback'});
		engine.settle();
		expect(engine.service('web').UpdateStatus).toMatchObject({State: 'rollback_completed', Message: 'rollback completed'});
		expect(engine.listTasks(JSON.stringify({service: ['web'], 'desired-state': ['running']})).map(task => task.Spec.ContainerSpec?.Image))
			.toEqual(['swarmdeck/vote:latest', 'swarmdeck/vote:latest']);
		update(engine, undefined, 'previous');
		service = engine.service('web');
		expect(service.Spec.TaskTemplate.ContainerSpec?.Image).toBe('swarmdeck/vote:indent');
	});

	it('reverts the replica count when rolling back a scale, completing at once', () => {
		const {engine} = engineWith();
		update(engine, spec => {
			spec.Mode = {Replicated: {Replicas: 4}};
		});
		engine.settle();
		update(engine, undefined, 'previous');
		engine.settle();
		expect(engine.service('web').Spec.Mode).toEqual({Replicated: {Replicas: 2}});
		expect(engine.service('web').UpdateStatus?.State).toBe('rollback_completed');
		expect(runningIds(engine)).toHaveLength(2);
	});

	it('refuses a rename and a mode change', () => {
		const {engine} = engineWith();
		expect(errorOf(() => {
			update(engine, spec => {
				spec.Name = 'other';
			});
		})).toEqual({statusCode: 501, message: 'rpc error: code = Unimplemented desc = renaming services is not supported'});
		expect(errorOf(() => {
			update(engine, spec => {
				spec.Mode = {Global: {}};
			});
		})).toEqual({statusCode: 501, message: 'rpc error: code = Unimplemented desc = service mode change is not allowed'});
	});
});

describe('scaling', () => {
	it('adds slots, and removes the highest ones (desired remove, then gone)', () => {
		const {engine} = engineWith();
		update(engine, spec => {
			spec.Mode = {Replicated: {Replicas: 5}};
		});
		engine.settle();
		expect(engine.listTasks(JSON.stringify({service: ['web']})).map(task => task.Slot).sort()).toEqual([1, 2, 3, 4, 5]);
		update(engine, spec => {
			spec.Mode = {Replicated: {Replicas: 2}};
		});
		expect(engine.listTasks(JSON.stringify({service: ['web']})).filter(task => task.DesiredState === 'remove').map(task => task.Slot).sort())
			.toEqual([3, 4, 5]);
		engine.settle();
		expect(engine.listTasks(JSON.stringify({service: ['web']})).map(task => task.Slot).sort()).toEqual([1, 2]);
		expect(engine.listServices(null, true)[0]!.ServiceStatus).toEqual({RunningTasks: 2, DesiredTasks: 2, CompletedTasks: 0});
	});

	it('removes a service and, once they stopped, its tasks', () => {
		const {engine} = engineWith();
		engine.removeService('web');
		expect(() => engine.service('web')).toThrow('service web not found');
		engine.settle();
		expect(engine.listTasks()).toEqual([]);
	});
});

describe('task history', () => {
	it('keeps at most five tasks per slot, the newest', () => {
		const {engine} = engineWith({Mode: {Replicated: {Replicas: 1}}});
		for (let round = 1; round <= 7; round++) {
			update(engine, spec => {
				spec.TaskTemplate.ForceUpdate = round;
			});
			engine.settle();
		}

		const slot = engine.listTasks(JSON.stringify({service: ['web']}));
		expect(slot).toHaveLength(5);
		expect(slot.filter(task => task.DesiredState === 'running').map(task => task.Spec.ForceUpdate)).toEqual([7]);
		expect(slot.map(task => task.Spec.ForceUpdate).sort()).toEqual([3, 4, 5, 6, 7]);
	});
});
