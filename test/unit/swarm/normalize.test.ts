import {describe, expect, it} from 'vitest';
import {specDigest} from '../../../source/spec/digest.js';
import {desiredReplicasOf, policyOf, serviceModeOf} from '../../../source/spec/read.js';
import {nodeFromApi, serviceFromApi, taskFromApi} from '../../../source/swarm/normalize.js';
import {defaultUpdatePolicy} from '../../../source/swarm/types.js';
import {readFixture, type RawNode, type RawTask} from '../../fixtures/load.js';
import {allRaw, allShown, stringsIn, unsafeCharactersIn} from '../../support/hostile-text.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON, edited per test */
type RawService = Record<string, any>;

const second = 1_000_000_000;

function rawService(name: 'web' | 'edge' | 'pending'): RawService {
	const [raw] = readFixture<RawService[]>(`fixture-${name}-service.json`);
	return raw!;
}

function rawTasks(name: 'web' | 'edge' | 'pending'): RawTask[] {
	return readFixture<RawTask[]>(`fixture-${name}-tasks.json`);
}

describe('serviceFromApi on captured services', () => {
	it('reads a replicated service: name, id, version, mode, replicas, image', () => {
		const service = serviceFromApi(rawService('web'));
		expect(service).toMatchObject({
			id: 'lxna82v5mjysrx74il22amst9',
			name: 'fixture-web',
			version: 208,
			mode: 'replicated',
			replicas: 11,
			image: 'swarmdeck/vote:movies',
			ports: [],
		});
		expect(service.stack).toBeUndefined();
	});

	it('reads a global service with its host-mode port and no replica count', () => {
		const service = serviceFromApi(rawService('edge'));
		expect(service.mode).toBe('global');
		expect(service.replicas).toBeUndefined();
		expect(service.ports).toEqual([{protocol: 'tcp', targetPort: 80, publishedPort: 18080, publishMode: 'host'}]);
	});

	it('takes running and desired counts from ServiceStatus', () => {
		const raw = {...rawService('web'), ServiceStatus: {RunningTasks: 9, DesiredTasks: 11, CompletedTasks: 0}};
		const service = serviceFromApi(raw);
		expect(service.runningTasks).toBe(9);
		expect(service.desiredTasks).toBe(11);
	});

	it('falls back to the replica count when the listing carries no ServiceStatus', () => {
		const service = serviceFromApi(rawService('web'));
		expect(service.runningTasks).toBe(0);
		expect(service.desiredTasks).toBe(11);
	});

	it('reads the stack from the stack namespace label', () => {
		const raw = rawService('web');
		raw['Spec'].Labels = {'com.docker.stack.namespace': 'dockercoins', 'com.docker.stack.image': 'swarmdeck/vote:movies'};
		expect(serviceFromApi(raw).stack).toBe('dockercoins');
	});

	it('reads UpdateStatus with its state, message and times', () => {
		expect(serviceFromApi(rawService('web')).updateStatus).toEqual({
			state: 'completed',
			message: 'update completed',
			startedAt: new Date('2026-11-21T21:44:30.886936904Z'),
			completedAt: new Date('2026-11-21T21:44:38.090813506Z'),
		});
	});

	it('reads an update still in progress, without a completion time', () => {
		const raw = {...rawService('web'), UpdateStatus: {State: 'updating', StartedAt: '2026-11-21T21:44:30.886936904Z', Message: 'update in progress'}};
		const status = serviceFromApi(raw).updateStatus;
		expect(status?.state).toBe('updating');
		expect(status?.message).toBe('update in progress');
		expect(status?.completedAt).toBeUndefined();
	});

	it('has no UpdateStatus for a service that never rolled out', () => {
		expect(serviceFromApi(rawService('pending')).updateStatus).toBeUndefined();
	});

	it('reads the update policy as written, filling only what is absent', () => {
		const service = serviceFromApi(rawService('edge'));
		expect(service.updatePolicy).toEqual({
			parallelism: 0,
			delay: 0,
			failureAction: 'continue',
			monitor: 5 * second,
			maxFailureRatio: 0,
			order: 'stop-first',
		});
	});

	it('fills in the daemon\'s defaults when UpdateConfig and RollbackConfig are null', () => {
		const service = serviceFromApi(rawService('pending'));
		expect(service.updatePolicy).toEqual({parallelism: 1, delay: 0, failureAction: 'pause', monitor: 5 * second, maxFailureRatio: 0, order: 'stop-first'});
		expect(service.rollbackPolicy).toEqual(service.updatePolicy);
	});

	it('reads Monitor 0 as the 5s default and keeps explicit values', () => {
		const raw = rawService('web');
		raw['Spec'].UpdateConfig = {Parallelism: 2, Delay: 10 * second, Monitor: 0, Order: 'start-first'};
		raw['Spec'].RollbackConfig = {FailureAction: 'continue', Monitor: 20 * second, MaxFailureRatio: 0.2};
		const service = serviceFromApi(raw);
		expect(service.updatePolicy).toEqual({parallelism: 2, delay: 10 * second, failureAction: 'pause', monitor: 5 * second, maxFailureRatio: 0, order: 'start-first'});
		expect(service.rollbackPolicy).toEqual({parallelism: 1, delay: 0, failureAction: 'continue', monitor: 20 * second, maxFailureRatio: 0.2, order: 'stop-first'});
	});

	it('knows whether there is a previous spec to roll back to', () => {
		const web = serviceFromApi(rawService('web'));
		expect(web.hasPreviousSpec).toBe(true);
		expect(web.previousSpec?.TaskTemplate?.ContainerSpec?.Image).toBe('swarmdeck/vote:indent');
		const pending = serviceFromApi(rawService('pending'));
		expect(pending.hasPreviousSpec).toBe(false);
		expect(pending.previousSpec).toBeUndefined();
	});

	it('reads created and updated times', () => {
		const service = serviceFromApi(rawService('pending'));
		expect(service.createdAt.toISOString()).toBe('2026-11-21T21:45:04.884Z');
		expect(service.updatedAt.toISOString()).toBe('2026-11-21T21:45:04.884Z');
	});

	it('keeps the raw spec for sending back untouched', () => {
		const raw = rawService('edge');
		expect(serviceFromApi(raw).spec).toEqual(raw['Spec']);
	});
});

describe('service modes and replica counts', () => {
	it('reads each of the four modes', () => {
		expect(serviceModeOf({Mode: {Replicated: {Replicas: 2}}})).toBe('replicated');
		expect(serviceModeOf({Mode: {Global: {}}})).toBe('global');
		expect(serviceModeOf({Mode: {ReplicatedJob: {MaxConcurrent: 1, TotalCompletions: 5}}})).toBe('replicated-job');
		expect(serviceModeOf({Mode: {GlobalJob: {}}})).toBe('global-job');
		expect(serviceModeOf({})).toBe('replicated');
	});

	it('reads replicas, job completions, or none', () => {
		expect(desiredReplicasOf({Mode: {Replicated: {Replicas: 0}}})).toBe(0);
		expect(desiredReplicasOf({Mode: {Replicated: {}}})).toBe(1);
		expect(desiredReplicasOf({Mode: {ReplicatedJob: {TotalCompletions: 5}}})).toBe(5);
		expect(desiredReplicasOf({Mode: {Global: {}}})).toBeUndefined();
		expect(desiredReplicasOf({Mode: {GlobalJob: {}}})).toBeUndefined();
	});

	it('scaled to zero keeps zero replicas, not the default', () => {
		const raw = rawService('web');
		raw['Spec'].Mode = {Replicated: {Replicas: 0}};
		expect(serviceFromApi(raw).replicas).toBe(0);
		expect(serviceFromApi(raw).desiredTasks).toBe(0);
	});

	it('policyOf of nothing is the default policy', () => {
		expect(policyOf(undefined)).toEqual(defaultUpdatePolicy);
		expect(policyOf({})).toEqual(defaultUpdatePolicy);
	});
});

describe('taskFromApi on captured tasks', () => {
	it('reads a replicated task with its slot, node, states, image and times', () => {
		const raw = rawTasks('web').find(task => task.ID === '115uv5atggvn7kjjmndbsff14')!;
		expect(taskFromApi(raw)).toEqual({
			id: '115uv5atggvn7kjjmndbsff14',
			serviceId: 'lxna82v5mjysrx74il22amst9',
			slot: 8,
			nodeId: 'punrzhal2jron9wcrrwlejfnj',
			desiredState: 'running',
			state: 'running',
			stateSince: new Date('2026-11-21T21:44:32.854694875Z'),
			error: undefined,
			message: 'started',
			image: 'swarmdeck/vote:movies',
			createdAt: new Date('2026-11-21T21:44:30.909730826Z'),
			ports: [],
		});
	});

	it('reads a global task without a slot, and its rejection error', () => {
		const task = taskFromApi(rawTasks('edge').find(raw => raw.ID === '75k9i9dzpvf1sgvbcg3zg988i')!);
		expect(task.slot).toBeUndefined();
		expect(task.nodeId).toBe('mr53421epn5vqv8b8fzmy0wzf');
		expect(task.state).toBe('rejected');
		expect(task.desiredState).toBe('shutdown');
		expect(task.error).toBe('No such image: swarmdeck/nope:1');
		expect(task.image).toBe('swarmdeck/nope:1');
	});

	it('reads a pending task that no node could take', () => {
		const tasks = rawTasks('pending').map(raw => taskFromApi(raw));
		expect(tasks.map(task => task.slot).sort()).toEqual([1, 2]);
		for (const task of tasks) {
			expect(task.nodeId).toBeUndefined();
			expect(task.state).toBe('pending');
			expect(task.desiredState).toBe('running');
			expect(task.error).toContain('no suitable node');
			expect(task.message).toBe('pending task scheduling');
		}
	});

	it('counts the running tasks of the captured web service: all 11 replicas', () => {
		const running = rawTasks('web').map(raw => taskFromApi(raw)).filter(task => task.state === 'running' && task.desiredState === 'running');
		expect(running).toHaveLength(11);
		expect(new Set(running.map(task => task.slot)).size).toBe(11);
	});

	it('reads published ports from the task\'s port status', () => {
		const raw = structuredClone(rawTasks('edge')[0]!);
		raw.Status.PortStatus = {Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 18080, PublishMode: 'host'}]};
		expect(taskFromApi(raw).ports).toEqual([{protocol: 'tcp', targetPort: 80, publishedPort: 18080, publishMode: 'host'}]);
	});
});

describe('nodeFromApi on the captured lab nodes', () => {
	const nodes = readFixture<RawNode[]>('lab-nodes.json').map(raw => nodeFromApi(raw));

	it('reads the leader manager', () => {
		expect(nodes.find(node => node.hostname === 'node1')).toEqual({
			id: 'mr53421epn5vqv8b8fzmy0wzf',
			hostname: 'node1',
			role: 'manager',
			availability: 'active',
			state: 'ready',
			address: '172.29.77.11',
			isLeader: true,
			version: 55,
			specDigest: specDigest({Labels: {}, Role: 'manager', Availability: 'active'}),
			reachability: 'reachable',
			engineVersion: '20.10.24+dfsg1',
			labels: {},
		});
	});

	it('reads the workers', () => {
		const workers = nodes.filter(node => node.role === 'worker').map(node => `${node.hostname} ${node.address} ${String(node.isLeader)}`).sort();
		expect(workers).toEqual(['node2 172.29.77.12 false', 'node3 172.29.77.13 false']);
	});

	it('reads a drained, down node', () => {
		const raw = structuredClone(readFixture<RawNode[]>('lab-nodes.json')[1]!);
		raw.Spec = {...raw.Spec, Availability: 'drain'};
		raw.Status = {...raw.Status, State: 'down'};
		expect(nodeFromApi(raw)).toMatchObject({availability: 'drain', state: 'down'});
	});
});

describe('daemon text is made inert on the way in', () => {
	/** Every string of the raw JSON with every payload appended, and a label whose key carries them. */
	function poisoned<T>(value: T): T {
		if (typeof value === 'string') {
			return `${value}${allRaw}` as T;
		}

		if (Array.isArray(value)) {
			return value.map(item => poisoned(item as unknown)) as T;
		}

		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, poisoned(item)])) as T;
		}

		return value;
	}

	it('leaves no control or bidi character in any field of a service, its spec and previous spec included', () => {
		const raw = poisoned(rawService('web'));
		raw['Spec'].Labels = {...raw['Spec'].Labels, [`key${allRaw}`]: `value${allRaw}`};
		raw['Spec'].TaskTemplate.ContainerSpec.Env = [`EVIL=${allRaw}`];
		raw['PreviousSpec'] = structuredClone(raw['Spec']);
		raw['UpdateStatus'] = {State: 'completed', Message: `done${allRaw}`};
		const service = serviceFromApi(raw);
		expect(stringsIn(service).filter(text => unsafeCharactersIn(text).length > 0)).toEqual([]);
		expect(service.spec.Labels?.[`key${allShown}`]).toBe(`value${allShown}`);
		expect(service.spec.TaskTemplate?.ContainerSpec?.['Env']).toEqual([`EVIL=${allShown}`]);
		expect(service.previousSpec?.Labels?.[`key${allShown}`]).toBe(`value${allShown}`);
		expect(service.updateStatus?.message).toBe(`done${allShown}`);
		expect(service.image).toBe(`swarmdeck/vote:movies${allShown}`);
		expect(service.name).toBe(`fixture-web${allShown}`);
	});

	it('keeps the stack label\'s value visible', () => {
		const raw = rawService('web');
		raw['Spec'].Labels = {'com.docker.stack.namespace': `stack${allRaw}`};
		expect(serviceFromApi(raw).stack).toBe(`stack${allShown}`);
	});

	it('does not change the raw JSON it was given', () => {
		const raw = poisoned(rawService('web'));
		const copy = structuredClone(raw);
		serviceFromApi(raw);
		expect(raw).toEqual(copy);
	});

	it('leaves no control or bidi character in a task: error, message, image, ids', () => {
		const task = taskFromApi(poisoned(rawTasks('edge')[0]!));
		expect(stringsIn(task).filter(text => unsafeCharactersIn(text).length > 0)).toEqual([]);
		const raw = structuredClone(rawTasks('edge')[0]!);
		raw.Status.Err = `mount source path ${allRaw}`;
		raw.Status.Message = `preparing${allRaw}`;
		expect(taskFromApi(raw)).toMatchObject({error: `mount source path ${allShown}`, message: `preparing${allShown}`});
	});

	it('leaves no control or bidi character in a node: hostname, address', () => {
		const raw = structuredClone(readFixture<RawNode[]>('lab-nodes.json')[0]!);
		raw.Description = {...raw.Description, Hostname: `node1${allRaw}`};
		const node = nodeFromApi(poisoned(raw));
		expect(stringsIn(node).filter(text => unsafeCharactersIn(text).length > 0)).toEqual([]);
		expect(nodeFromApi(raw).hostname).toBe(`node1${allShown}`);
	});
});
