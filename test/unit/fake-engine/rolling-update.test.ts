// Rolling updates in the fake engine, stepped in engine time: batches of Parallelism, the
// Delay between them, Monitor before completion, the task states of a replacement, and the
// failure actions, as swarmkit's updater runs them and the lab showed.
import {describe, expect, it} from 'vitest';
import type {ServiceSpec, Task} from '../../support/fake-engine/api-types.js';
import {Engine} from '../../support/fake-engine/engine.js';
import {unhealthyError} from '../../support/fake-engine/task-lifecycle.js';

const start = Date.parse('2026-11-29T18:00:00Z');
const second = 1e9;

function engineWith(spec: Partial<ServiceSpec>): Engine {
	const engine = new Engine({start, timings: {stepMs: 100, stopMs: 500, healthFailMs: 2000}});
	engine.createService({Name: 'web', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}, ...spec});
	engine.settle();
	return engine;
}

function setImage(engine: Engine, image: string): void {
	const service = engine.service('web');
	const spec = structuredClone(service.Spec);
	spec.TaskTemplate.ContainerSpec!.Image = image;
	engine.updateService('web', String(service.Version.Index), spec);
}

function tasks(engine: Engine): Task[] {
	return engine.listTasks(JSON.stringify({service: ['web']}));
}

/** Slots whose running-or-starting task runs `image`. */
function slotsOn(engine: Engine, image: string): number[] {
	return tasks(engine)
		.filter(task => task.DesiredState !== 'shutdown' && task.DesiredState !== 'remove' && task.Spec.ContainerSpec?.Image === image)
		.map(task => task.Slot!)
		.sort();
}

function updateEvents(engine: Engine): Array<Record<string, string>> {
	return engine.store.events.filter(event => event.Type === 'service' && event.Action === 'update').map(event => event.Actor.Attributes);
}

describe('a rolling update with parallelism 2 and a 1 s delay', () => {
	const policy = {UpdateConfig: {Parallelism: 2, Delay: second, Monitor: 2 * second, FailureAction: 'pause'}, Mode: {Replicated: {Replicas: 4}}};

	it('replaces two slots at a time, waits the delay, then the monitor, then completes', () => {
		const engine = engineWith(policy);
		setImage(engine, 'swarmdeck/vote:indent');
		expect(engine.service('web').UpdateStatus).toMatchObject({State: 'updating', Message: 'update in progress'});
		// The first batch: old tasks of slots 1 and 2 told to stop, their replacements created "ready".
		const firstBatch = tasks(engine).filter(task => task.Spec.ContainerSpec?.Image === 'swarmdeck/vote:indent');
		expect(firstBatch.map(task => [task.Slot, task.DesiredState, task.Status.State]).sort()).toEqual([[1, 'ready', 'new'], [2, 'ready', 'new']]);
		expect(tasks(engine).filter(task => task.DesiredState === 'shutdown').map(task => task.Slot).sort()).toEqual([1, 2]);

		// Each replacement steps through the states; it waits at ready until the old task is down.
		const seen: string[] = ['new'];
		const watched = firstBatch[0]!.ID;
		for (let step = 0; step < 100 && seen.at(-1) !== 'running'; step++) {
			engine.advance(50);
			const state = engine.task(watched).Status.State;
			if (seen.at(-1) !== state) {
				seen.push(state);
			}
		}

		expect(seen).toEqual(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);
		expect(slotsOn(engine, 'swarmdeck/vote:indent')).toEqual([1, 2]);
		expect(slotsOn(engine, 'swarmdeck/vote:latest')).toEqual([3, 4]);

		// The delay (1 s) after the batch is not over yet.
		engine.advance(300);
		expect(slotsOn(engine, 'swarmdeck/vote:latest')).toEqual([3, 4]);
		engine.advance(1000);
		expect(slotsOn(engine, 'swarmdeck/vote:indent')).toEqual([1, 2, 3, 4]);

		// Second batch running after ~1.3 s; then delay (1 s) and monitor (2 s) before "completed".
		engine.advance(1500);
		expect(engine.service('web').UpdateStatus?.State).toBe('updating');
		engine.advance(2500);
		expect(engine.service('web').UpdateStatus).toMatchObject({State: 'completed', Message: 'update completed'});
		expect(engine.service('web').UpdateStatus?.CompletedAt).toBeDefined();
		expect(updateEvents(engine)).toEqual([
			{name: 'web', 'image.old': 'swarmdeck/vote:latest', 'image.new': 'swarmdeck/vote:indent'},
			{name: 'web', 'updatestate.new': 'updating'},
			{name: 'web', 'updatestate.old': 'updating', 'updatestate.new': 'completed'},
		]);
	});

	it('keeps the old tasks as history, shut down, and lists only the new ones as up to date', () => {
		const engine = engineWith(policy);
		setImage(engine, 'swarmdeck/vote:indent');
		engine.settle();
		const history = tasks(engine).filter(task => task.DesiredState === 'shutdown');
		expect(history.map(task => [task.Slot, task.Status.State, task.Status.Message, task.Spec.ContainerSpec?.Image]).sort()).toEqual([
			[1, 'shutdown', 'shutdown', 'swarmdeck/vote:latest'],
			[2, 'shutdown', 'shutdown', 'swarmdeck/vote:latest'],
			[3, 'shutdown', 'shutdown', 'swarmdeck/vote:latest'],
			[4, 'shutdown', 'shutdown', 'swarmdeck/vote:latest'],
		]);
		const upToDate = engine.listTasks(JSON.stringify({service: ['web'], '_up-to-date': ['true']}));
		expect(upToDate.map(task => task.Spec.ContainerSpec?.Image)).toEqual(Array.from({length: 4}, () => 'swarmdeck/vote:indent'));
	});
});

describe('an update superseded mid-batch', () => {
	it('still starts the replacement that waited at ready, and runs the next update to its end', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 2}}});
		setImage(engine, 'swarmdeck/vote:indent');
		// Slot 1's replacement waits at ready for its old task; a second image arrives meanwhile, then a rollback to the first.
		engine.advance(200);
		setImage(engine, 'swarmdeck/vote:movies');
		engine.advance(200);
		const service = engine.service('web');
		engine.updateService('web', String(service.Version.Index), service.Spec, 'previous');
		engine.settle();
		expect(engine.service('web').UpdateStatus?.State).toBe('rollback_completed');
		expect(slotsOn(engine, 'swarmdeck/vote:indent')).toEqual([1, 2]);
		expect(tasks(engine).filter(task => task.DesiredState === 'running').map(task => task.Status.State)).toEqual(['running', 'running']);
		expect(tasks(engine).filter(task => task.DesiredState === 'ready')).toEqual([]);
	});
});

describe('a scale in the middle of an update', () => {
	it('takes the update up again, so every slot ends on the new image', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 3}}, UpdateConfig: {Parallelism: 1, Delay: second}});
		setImage(engine, 'swarmdeck/vote:indent');
		engine.advance(1000);
		const service = engine.service('web');
		engine.updateService('web', String(service.Version.Index), {...service.Spec, Mode: {Replicated: {Replicas: 4}}});
		engine.settle();
		expect(engine.service('web').UpdateStatus?.State).toBe('completed');
		expect(slotsOn(engine, 'swarmdeck/vote:indent')).toEqual([1, 2, 3, 4]);
	});
});

describe('start-first', () => {
	it('starts the new task before it stops the old one', () => {
		const engine = engineWith({UpdateConfig: {Parallelism: 1, Order: 'start-first'}, Mode: {Replicated: {Replicas: 1}}});
		const old = tasks(engine)[0]!;
		setImage(engine, 'swarmdeck/vote:indent');
		const replacement = tasks(engine).find(task => task.ID !== old.ID)!;
		expect(replacement.DesiredState).toBe('running');
		expect(engine.task(old.ID).DesiredState).toBe('running');
		engine.advance(700);
		expect(engine.task(replacement.ID).Status.State).toBe('running');
		expect(engine.task(old.ID).DesiredState).toBe('shutdown');
	});
});

describe('an image that fails its health check', () => {
	it('rolls back by itself with failure action rollback, and clears PreviousSpec', () => {
		const engine = engineWith({
			Mode: {Replicated: {Replicas: 3}},
			UpdateConfig: {Parallelism: 1, Delay: 10 * second, Monitor: 10 * second, FailureAction: 'rollback'},
		});
		engine.markImageBroken('swarmdeck/whoami:2.0');
		setImage(engine, 'swarmdeck/whoami:2.0');
		engine.advance(3000);
		const failed = tasks(engine).find(task => task.Status.State === 'failed')!;
		expect(failed).toMatchObject({DesiredState: 'shutdown', Status: {Err: unhealthyError, Message: 'starting'}});
		const service = engine.service('web');
		expect(service.UpdateStatus).toMatchObject({State: 'rollback_started', Message: `update rolled back due to failure or early termination of task ${failed.ID}`});
		expect(service.PreviousSpec).toBeUndefined();
		expect(service.Spec.TaskTemplate.ContainerSpec?.Image).toBe('swarmdeck/vote:latest');
		engine.settle();
		expect(engine.service('web').UpdateStatus).toMatchObject({State: 'rollback_completed', Message: 'rollback completed'});
		expect(slotsOn(engine, 'swarmdeck/vote:latest')).toEqual([1, 2, 3]);
		expect(updateEvents(engine).slice(1)).toEqual([
			{name: 'web', 'updatestate.new': 'updating'},
			{name: 'web', 'image.old': 'swarmdeck/whoami:2.0', 'image.new': 'swarmdeck/vote:latest', 'updatestate.old': 'updating', 'updatestate.new': 'rollback_started'},
			{name: 'web', 'updatestate.old': 'rollback_started', 'updatestate.new': 'rollback_completed'},
		]);
		// Nothing is left to roll back to.
		const {Spec, Version} = engine.service('web');
		expect(() => {
			engine.updateService('web', String(Version.Index), Spec, 'previous');
		}).toThrow('does not have a previous spec');
	});

	it('pauses with the default failure action, and keeps restarting the failed slot', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 3}}, UpdateConfig: {Parallelism: 1}});
		engine.markImageBroken('swarmdeck/whoami:2.0');
		setImage(engine, 'swarmdeck/whoami:2.0');
		engine.advance(3000);
		const service = engine.service('web');
		expect(service.UpdateStatus?.State).toBe('paused');
		expect(service.UpdateStatus?.Message).toMatch(/^update paused due to failure or early termination of task \w{25}$/);
		// Slots 2 and 3 were never touched; slot 1 is restarted after the restart delay (5 s), and fails again.
		expect(slotsOn(engine, 'swarmdeck/vote:latest')).toEqual([2, 3]);
		engine.advance(10_000);
		expect(tasks(engine).filter(task => task.Slot === 1 && task.Status.State === 'failed').length).toBeGreaterThanOrEqual(2);
		expect(engine.service('web').UpdateStatus?.State).toBe('paused');
	});

	it('goes on with failure action continue', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 2}}, UpdateConfig: {Parallelism: 1, FailureAction: 'continue', Monitor: second}});
		engine.markImageBroken('swarmdeck/whoami:2.0');
		setImage(engine, 'swarmdeck/whoami:2.0');
		engine.advance(20_000);
		expect(tasks(engine).filter(task => task.Spec.ContainerSpec?.Image === 'swarmdeck/whoami:2.0' && task.Status.State === 'failed').map(task => task.Slot))
			.toEqual(expect.arrayContaining([1, 2]));
	});

	it('ignores a failure after the monitor window, and counts one inside it', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 2}}, UpdateConfig: {Parallelism: 2, Monitor: 5 * second, FailureAction: 'pause'}});
		setImage(engine, 'swarmdeck/vote:indent');
		engine.advance(1500);
		const fresh = tasks(engine).filter(task => task.Spec.ContainerSpec?.Image === 'swarmdeck/vote:indent');
		expect(fresh.map(task => task.Status.State)).toEqual(['running', 'running']);
		engine.failTask(fresh[0]!.ID);
		expect(engine.service('web').UpdateStatus?.State).toBe('paused');

		const late = engineWith({Mode: {Replicated: {Replicas: 1}}, UpdateConfig: {Parallelism: 1, Monitor: second, Delay: 3 * second}});
		setImage(late, 'swarmdeck/vote:indent');
		late.advance(1500);
		const running = tasks(late).find(task => task.Status.State === 'running')!;
		late.advance(1500);
		late.failTask(running.ID);
		late.settle();
		expect(late.service('web').UpdateStatus?.State).toBe('completed');
	});

	it('tolerates failures up to MaxFailureRatio', () => {
		const engine = engineWith({Mode: {Replicated: {Replicas: 4}}, UpdateConfig: {Parallelism: 4, MaxFailureRatio: 0.5, FailureAction: 'pause'}});
		setImage(engine, 'swarmdeck/vote:indent');
		engine.advance(1500);
		const fresh = tasks(engine).filter(task => task.Spec.ContainerSpec?.Image === 'swarmdeck/vote:indent' && task.Status.State === 'running');
		engine.failTask(fresh[0]!.ID);
		engine.failTask(fresh[1]!.ID);
		expect(engine.service('web').UpdateStatus?.State).toBe('updating');
		engine.failTask(fresh[2]!.ID);
		expect(engine.service('web').UpdateStatus?.State).toBe('paused');
	});
});
