// Whatever a client does, in whatever order, the engine must settle where the daemon
// would: every slot running one up-to-date task, nothing held at ready, at most five tasks
// per slot, and the last update finished. Seeded sequences of writes check that.
import {describe, expect, it} from 'vitest';
import type {ServiceSpec} from '../../support/fake-engine/api-types.js';
import {Engine} from '../../support/fake-engine/engine.js';
import {seededRandom} from '../../support/fake-engine/ids.js';

const images = ['swarmdeck/vote:latest', 'swarmdeck/vote:indent', 'swarmdeck/vote:movies'];

function randomSession(seed: number): Engine {
	const random = seededRandom(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const engine = new Engine({start: Date.parse('2026-11-29T18:00:00Z'), seed});
	for (const [name, mode] of [['web', {Replicated: {Replicas: 3}}], ['api', {Replicated: {Replicas: 2}}], ['agent', {Global: {}}]] as const) {
		engine.createService({
			Name: name,
			TaskTemplate: {ContainerSpec: {Image: images[0]}},
			Mode: mode,
			UpdateConfig: {Parallelism: pick([0, 1, 2]), Delay: pick([0, 1e9]), Order: pick(['stop-first', 'start-first'])},
		});
	}

	for (let step = 0; step < 40; step++) {
		const name = pick(['web', 'api', 'agent']);
		const service = engine.service(name);
		const spec: ServiceSpec = structuredClone(service.Spec);
		const action = pick(['image', 'scale', 'force', 'policy', 'rollback', 'drain', 'down']);
		try {
			if (action === 'image') {
				spec.TaskTemplate.ContainerSpec!.Image = pick(images);
			} else if (action === 'scale' && spec.Mode.Replicated) {
				spec.Mode = {Replicated: {Replicas: 1 + Math.floor(random() * 5)}};
			} else if (action === 'force') {
				spec.TaskTemplate.ForceUpdate = (spec.TaskTemplate.ForceUpdate ?? 0) + 1;
			} else if (action === 'policy') {
				spec.UpdateConfig = {...spec.UpdateConfig, Parallelism: pick([0, 1, 2])};
			}

			if (action === 'drain' || action === 'down') {
				const node = engine.node(pick(['node2', 'node3']));
				if (action === 'drain') {
					engine.updateNode(node.ID, String(node.Version.Index), {...node.Spec, Availability: node.Spec.Availability === 'drain' ? 'active' : 'drain'});
				} else {
					engine.setNodeState(node.ID, node.Status.State === 'down' ? 'ready' : 'down');
				}
			} else {
				engine.updateService(name, String(service.Version.Index), spec, action === 'rollback' ? 'previous' : undefined);
			}
		} catch (error) {
			// A rollback without a previous spec is refused, as the daemon refuses it.
			expect(String(error)).toContain('does not have a previous spec');
		}

		engine.advance(Math.floor(random() * 3000));
	}

	// Every node back up and active, then let everything finish.
	for (const hostname of ['node2', 'node3']) {
		const node = engine.node(hostname);
		if (node.Status.State === 'down') {
			engine.setNodeState(hostname, 'ready');
		}

		const current = engine.node(hostname);
		if (current.Spec.Availability !== 'active') {
			engine.updateNode(hostname, String(current.Version.Index), {...current.Spec, Availability: 'active'});
		}
	}

	engine.settle();
	return engine;
}

describe('after any sequence of writes, once settled', () => {
	it.each(Array.from({length: 24}, (_, index) => index + 1))('session %i: every slot runs one up-to-date task and no update is left half done', seed => {
		const engine = randomSession(seed);
		for (const service of engine.listServices(null, true)) {
			const tasks = engine.listTasks(JSON.stringify({service: [service.ID]}));
			const running = tasks.filter(task => task.DesiredState === 'running');
			const wanted = service.Spec.Mode.Replicated?.Replicas ?? engine.listNodes().length;
			expect(running.map(task => task.Status.State), service.Spec.Name).toEqual(Array.from({length: wanted}, () => 'running'));
			expect(new Set(running.map(task => task.Slot ?? task.NodeID)).size, service.Spec.Name).toBe(wanted);
			expect(tasks.filter(task => task.DesiredState === 'ready'), service.Spec.Name).toEqual([]);
			expect(service.ServiceStatus, service.Spec.Name).toMatchObject({RunningTasks: wanted, DesiredTasks: wanted});
			// A drain or a node going down under a new task pauses an update (pause is the
			// default failure action), which leaves slots on the old spec, as on a real swarm.
			expect(['completed', 'rollback_completed', 'paused', 'rollback_paused', undefined], service.Spec.Name).toContain(service.UpdateStatus?.State);
			if (service.UpdateStatus?.State !== 'paused' && service.UpdateStatus?.State !== 'rollback_paused') {
				expect(running.every(task => task.Spec.ContainerSpec?.Image === service.Spec.TaskTemplate.ContainerSpec?.Image), service.Spec.Name).toBe(true);
				expect(engine.listTasks(JSON.stringify({service: [service.ID], '_up-to-date': ['true'], 'desired-state': ['running']})), service.Spec.Name).toHaveLength(wanted);
			}

			const perSlot = new Map<string, number>();
			for (const task of tasks) {
				const key = String(task.Slot ?? task.NodeID);
				perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
			}

			expect(Math.max(...perSlot.values()), service.Spec.Name).toBeLessThanOrEqual(5);
		}
	});
});
