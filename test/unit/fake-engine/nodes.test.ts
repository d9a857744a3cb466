// Nodes in the fake engine: drain moves tasks off, a node going down has its tasks
// rescheduled, global services run one task per eligible node, and node updates and
// removals are checked as the lab's dockerd checks them.
import {describe, expect, it} from 'vitest';
import {Engine} from '../../support/fake-engine/engine.js';

const start = Date.parse('2026-11-29T18:00:00Z');

function swarm(): Engine {
	const engine = new Engine({start});
	engine.createService({Name: 'web', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}, Mode: {Replicated: {Replicas: 6}}});
	engine.createService({Name: 'agent', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/agent:1.0'}}, Mode: {Global: {}}});
	engine.settle();
	return engine;
}

function runningOn(engine: Engine, service: string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const task of engine.listTasks(JSON.stringify({service: [service], 'desired-state': ['running']}))) {
		const host = engine.node(task.NodeID!).Description.Hostname;
		counts[host] = (counts[host] ?? 0) + 1;
	}

	return counts;
}

function setAvailability(engine: Engine, hostname: string, availability: 'active' | 'drain' | 'pause'): void {
	const node = engine.node(hostname);
	engine.updateNode(node.ID, String(node.Version.Index), {...node.Spec, Availability: availability});
}

describe('placement', () => {
	it('spreads replicas over the nodes and runs one global task per node', () => {
		const engine = swarm();
		expect(runningOn(engine, 'web')).toEqual({node1: 2, node2: 2, node3: 2});
		expect(runningOn(engine, 'agent')).toEqual({node1: 1, node2: 1, node3: 1});
		const agentTasks = engine.listTasks(JSON.stringify({service: ['agent']}));
		expect(agentTasks.every(task => task.Slot === undefined)).toBe(true);
		expect(engine.listServices(JSON.stringify({mode: ['global']}), true)[0]!.ServiceStatus).toEqual({RunningTasks: 3, DesiredTasks: 3, CompletedTasks: 0});
	});

	it('honours node.role and node.labels constraints, and leaves a task pending when no node fits', () => {
		const engine = new Engine({start});
		engine.createService({Name: 'on-manager', TaskTemplate: {ContainerSpec: {Image: 'x'}, Placement: {Constraints: ['node.role==manager']}}, Mode: {Replicated: {Replicas: 2}}});
		engine.createService({Name: 'nowhere', TaskTemplate: {ContainerSpec: {Image: 'x'}, Placement: {Constraints: ['node.labels.gpu==true']}}});
		engine.settle();
		expect(runningOn(engine, 'on-manager')).toEqual({node1: 2});
		const [pending] = engine.listTasks(JSON.stringify({service: ['nowhere']}));
		expect(pending).toMatchObject({DesiredState: 'running', Status: {State: 'pending', Err: 'no suitable node (3 nodes not available for new tasks)'}});
		const node3 = engine.node('node3');
		engine.updateNode('node3', String(node3.Version.Index), {...node3.Spec, Labels: {gpu: 'true'}});
		engine.settle();
		expect(runningOn(engine, 'nowhere')).toEqual({node3: 1});
	});
});

describe('drain', () => {
	it('moves replicated tasks off the node and stops its global task, with the node event', () => {
		const engine = swarm();
		setAvailability(engine, 'node2', 'drain');
		engine.settle();
		expect(runningOn(engine, 'web')).toEqual({node1: 3, node3: 3});
		expect(runningOn(engine, 'agent')).toEqual({node1: 1, node3: 1});
		const moved = engine.listTasks(JSON.stringify({service: ['web'], node: ['node2']}));
		expect(moved.map(task => [task.DesiredState, task.Status.State])).toEqual([['shutdown', 'shutdown'], ['shutdown', 'shutdown']]);
		expect(engine.store.events.filter(event => event.Type === 'node').map(event => event.Actor.Attributes))
			.toEqual([{name: 'node2', 'availability.old': 'active', 'availability.new': 'drain'}]);

		setAvailability(engine, 'node2', 'active');
		engine.settle();
		// Back to active: the global service returns there; replicated tasks stay where they are.
		expect(runningOn(engine, 'agent')).toEqual({node1: 1, node2: 1, node3: 1});
		expect(runningOn(engine, 'web')).toEqual({node1: 3, node3: 3});
	});

	it('answers a stale node version with update out of sequence', () => {
		const engine = swarm();
		const node = engine.node('node2');
		engine.updateNode('node2', String(node.Version.Index), {...node.Spec, Availability: 'pause'});
		expect(() => {
			engine.updateNode('node2', String(node.Version.Index - 1), {...node.Spec, Availability: 'drain'});
		}).toThrow('rpc error: code = Unknown desc = update out of sequence');
	});
});

describe('a node going down', () => {
	it('has its tasks rescheduled on the others, while their last status stays as reported', () => {
		const engine = swarm();
		const onNode3 = engine.listTasks(JSON.stringify({service: ['web'], node: ['node3']}));
		engine.setNodeState('node3', 'down');
		engine.settle();
		expect(runningOn(engine, 'web')).toEqual({node1: 3, node2: 3});
		// Its agent cannot report: the tasks are desired shutdown but still show running.
		expect(onNode3.map(task => [engine.task(task.ID).DesiredState, engine.task(task.ID).Status.State])).toEqual([['shutdown', 'running'], ['shutdown', 'running']]);
		expect(engine.listServices(JSON.stringify({name: ['web']}), true)[0]!.ServiceStatus).toEqual({RunningTasks: 6, DesiredTasks: 6, CompletedTasks: 0});
		expect(engine.store.events.filter(event => event.Type === 'node').at(-1)!.Actor.Attributes).toEqual({name: 'node3', 'state.old': 'ready', 'state.new': 'down'});

		// Back up: the agent reports, and the old tasks finally shut down.
		engine.setNodeState('node3', 'ready');
		engine.settle();
		expect(onNode3.map(task => engine.task(task.ID).Status.State)).toEqual(['shutdown', 'shutdown']);
	});

	it('makes a down manager unreachable, and refuses to remove a manager or a node that is up', () => {
		const engine = swarm();
		engine.setNodeState('node1', 'down');
		expect(engine.node('node1').ManagerStatus?.Reachability).toBe('unreachable');
		expect(() => {
			engine.removeNode('node1');
		}).toThrow(`node ${engine.node('node1').ID} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`);
		expect(() => {
			engine.removeNode('node2');
		}).toThrow(`rpc error: code = FailedPrecondition desc = node ${engine.node('node2').ID} is not down and can't be removed`);
		engine.setNodeState('node2', 'down');
		engine.removeNode('node2');
		expect(engine.listNodes().map(node => node.Description.Hostname).sort()).toEqual(['node1', 'node3']);
	});
});
