// The synthetic swarm: the counts asked for, stacks by label, history per slot within the
// daemon's limit, and rolling updates started in bulk that then run to completion.
import {describe, expect, it} from 'vitest';
import {createSyntheticSwarm, startRollingUpdates} from '../../support/fake-engine/generator.js';

const start = Date.parse('2026-11-29T18:00:00Z');

describe('the synthetic swarm', () => {
	it('has the nodes, services, stacks and tasks asked for, history included', () => {
		const engine = createSyntheticSwarm({nodes: 6, services: 60, stacks: 5, tasks: 900, start});
		expect(engine.listNodes()).toHaveLength(6);
		const services = engine.listServices(null, true);
		expect(services).toHaveLength(60);
		const stacks = new Set(services.map(service => service.Spec.Labels['com.docker.stack.namespace']));
		expect(stacks.size).toBe(5);
		expect(engine.listTasks()).toHaveLength(900);
		// Every service runs what it wants, and every slot keeps at most five tasks.
		expect(services.filter(service => service.ServiceStatus!.RunningTasks !== service.ServiceStatus!.DesiredTasks)).toEqual([]);
		const perSlot = new Map<string, number>();
		for (const task of engine.listTasks()) {
			const key = `${task.ServiceID}/${task.Slot ?? task.NodeID}`;
			perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
		}

		expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(5);
		const history = engine.listTasks(JSON.stringify({'desired-state': ['shutdown']}));
		expect(new Set(history.map(task => task.Status.State))).toEqual(new Set(['shutdown', 'failed', 'rejected']));
		expect(services.every(service => service.PreviousSpec !== undefined)).toBe(true);
	});

	it('is the same for the same seed', () => {
		const first = createSyntheticSwarm({services: 20, stacks: 4, tasks: 200, nodes: 4, start});
		const second = createSyntheticSwarm({services: 20, stacks: 4, tasks: 200, nodes: 4, start});
		expect(second.listServices().map(service => [service.ID, service.Spec.Name, service.Spec.Mode]))
			.toEqual(first.listServices().map(service => [service.ID, service.Spec.Name, service.Spec.Mode]));
	});

	it('starts many rolling updates at once, which all finish', () => {
		const engine = createSyntheticSwarm({nodes: 5, services: 40, stacks: 4, tasks: 400, start});
		const names = startRollingUpdates(engine, 10);
		expect(names).toHaveLength(10);
		expect(names.map(name => engine.service(name).UpdateStatus?.State)).toEqual(Array.from({length: 10}, () => 'updating'));
		engine.settle(30 * 60_000);
		expect(names.map(name => engine.service(name).UpdateStatus?.State)).toEqual(Array.from({length: 10}, () => 'completed'));
		for (const name of names) {
			const image = engine.service(name).Spec.TaskTemplate.ContainerSpec?.Image;
			const running = engine.listTasks(JSON.stringify({service: [name], 'desired-state': ['running']}));
			expect(running.every(task => task.Spec.ContainerSpec?.Image === image && task.Status.State === 'running')).toBe(true);
		}
	});
});
