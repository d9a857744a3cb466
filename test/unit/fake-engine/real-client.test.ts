// swarmdeck's own client (createSwarmClient: dockerode and docker-modem) against the fake
// engine, at the client's public surface only: what it reads, what its writes leave in the
// swarm, and the event stream.
import {afterEach, describe, expect, it} from 'vitest';
import {createSwarmClient} from '../../../source/swarm/client.js';
import type {SwarmEvent} from '../../../source/swarm/types.js';
import {perform} from '../../support/actions.js';
import {startEngine, type StartedEngine} from '../../support/fake-engine/harness.js';

let started: StartedEngine | undefined;

afterEach(async () => {
	await started?.close();
	started = undefined;
});

async function begin() {
	started = await startEngine({
		start: Date.parse('2026-11-29T18:00:00Z'),
		services: [
			{Name: 'vote', Mode: {Replicated: {Replicas: 3}}, UpdateConfig: {Parallelism: 1, Monitor: 1e9}, Labels: {'com.docker.stack.namespace': 'demo'}},
			{Name: 'agent', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/agent:1.0'}}, Mode: {Global: {}}},
		],
	});
	return {...started, client: createSwarmClient({host: started.host})};
}

describe('swarmdeck\'s client on the fake engine', () => {
	it('reuses what it read while the daemon\'s version of it stands', async () => {
		const {client, engine} = await begin();
		const vote = (await client.listServices()).find(service => service.name === 'vote')!;
		const before = await client.listTasks(vote.id);
		const again = await client.listTasks(vote.id);
		// Unchanged tasks are the same objects: a screen sees "nothing changed" by identity.
		expect(again.every((task, index) => task === before[index])).toBe(true);
		const failing = before[0]!;
		engine.failTask(failing.id);
		const after = await client.listTasks(vote.id);
		const failed = after.find(task => task.id === failing.id)!;
		expect(failed).not.toBe(failing);
		expect(failed.state).toBe('failed');
		expect(after.filter(task => task.id !== failing.id && before.includes(task))).toHaveLength(before.length - 1);
		// A service's running count is the daemon's per request: a change shows though its version stands.
		const services = await client.listServices();
		expect(services.find(service => service.name === 'vote')!.runningTasks).toBe(2);
	});

	it('passes the preflight and lists services with their task counts and nodes', async () => {
		const {client} = await begin();
		expect(await client.preflight()).toEqual({ok: true, nodeName: 'node1', serverVersion: '20.10.24+dfsg1'});
		const services = await client.listServices();
		expect(services.map(service => [service.name, service.mode, service.runningTasks, service.desiredTasks, service.stack]).sort()).toEqual([
			['agent', 'global', 3, 3, undefined],
			['vote', 'replicated', 3, 3, 'demo'],
		]);
		expect((await client.listNodes()).map(node => [node.hostname, node.role, node.isLeader]).sort()).toEqual([
			['node1', 'manager', true],
			['node2', 'worker', false],
			['node3', 'worker', false],
		]);
	});

	it('fails the preflight on a worker and outside a swarm, in swarmdeck\'s words', async () => {
		const {client, engine} = await begin();
		engine.role = 'worker';
		const worker = await client.preflight();
		expect(worker).toMatchObject({ok: false, problem: 'worker'});
		expect(worker.ok ? '' : worker.message).toContain(`node2 (${started!.host}) is a swarm worker`);
		expect(worker.ok ? '' : worker.message).toContain(`Managers of this swarm: ${engine.node('node1').ManagerStatus!.Addr}`);
		engine.role = 'inactive';
		expect(await client.preflight()).toMatchObject({ok: false, problem: 'inactive'});
		await expect(client.listServices()).rejects.toThrow(/not a swarm manager/);
	});

	it('scales, changes the image, rolls back and forces a redeploy, as the swarm then shows', async () => {
		const {client, engine} = await begin();
		await perform(client, 'scale', 'vote', {replicas: '5'});
		engine.settle();
		expect(engine.service('vote').Spec.Mode).toEqual({Replicated: {Replicas: 5}});

		await perform(client, 'image', 'vote', {image: 'swarmdeck/vote:indent'});
		engine.advance(300);
		const vote = await client.inspectService('vote');
		expect(vote.updateStatus?.state).toBe('updating');
		const upToDate = await client.listTasks(vote.id, {upToDate: true});
		expect(upToDate.length).toBeGreaterThan(0);
		expect(upToDate.every(task => task.image === 'swarmdeck/vote:indent')).toBe(true);
		engine.settle();
		expect((await client.inspectService('vote')).updateStatus?.state).toBe('completed');

		const {decision} = await perform(client, 'rollback', 'vote');
		expect(decision.command).toBe('docker service rollback vote');
		engine.settle();
		const rolledBack = await client.inspectService('vote');
		expect([rolledBack.image, rolledBack.updateStatus?.state]).toEqual(['swarmdeck/vote:latest', 'rollback_completed']);

		const before = (await client.listTasks(vote.id)).filter(task => task.desiredState === 'running').map(task => task.id);
		await perform(client, 'force', 'vote');
		engine.settle();
		const after = (await client.listTasks(vote.id)).filter(task => task.desiredState === 'running').map(task => task.id);
		expect(after).toHaveLength(5);
		expect(after.filter(id => before.includes(id))).toEqual([]);
		expect(engine.service('vote').Spec.TaskTemplate.ForceUpdate).toBe(1);
	});

	it('retries once when the orchestrator moved the version between inspect and update', async () => {
		const {client, engine, server} = await begin();
		// The orchestrator writes the service just before the first update arrives.
		let updates = 0;
		server.beforeRoute = route => {
			if (route === 'POST /services/{id}/update' && ++updates === 1) {
				engine.store.writeService(engine.service('vote'), () => undefined);
			}
		};

		await perform(client, 'scale', 'vote', {replicas: '4'});
		expect(engine.service('vote').Spec.Mode).toEqual({Replicated: {Replicas: 4}});
		expect(server.requests.byRoute.get('POST /services/{id}/update')).toBe(2);
	});

	it('reads service and node events with the attributes the daemon sends', async () => {
		const {client, engine} = await begin();
		const controller = new AbortController();
		const received: SwarmEvent[] = [];
		let opened: () => void = () => undefined;
		const open = new Promise<void>(resolve => {
			opened = resolve;
		});
		const reading = (async () => {
			for await (const event of client.events(controller.signal, {onOpen: opened})) {
				received.push(event);
				if (received.length === 2) {
					controller.abort();
				}
			}
		})();
		await open;
		await perform(client, 'scale', 'vote', {replicas: '4'});
		const node = engine.node('node3');
		engine.updateNode('node3', String(node.Version.Index), {...node.Spec, Availability: 'drain'});
		await reading;
		expect(received.map(event => [event.type, event.action, event.name, event.attributes])).toEqual([
			['service', 'update', 'vote', {name: 'vote', 'replicas.old': '3', 'replicas.new': '4'}],
			['node', 'update', 'node3', {name: 'node3', 'availability.old': 'active', 'availability.new': 'drain'}],
		]);
	});
});
