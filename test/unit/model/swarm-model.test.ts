import {afterEach, beforeEach, describe, expect, it, vi, type MockInstance} from 'vitest';
import {EventLog, isChanging, isRollingOut, maxRecentEvents, maxRolloutsRead, pollIntervals, SwarmModel} from '../../../source/model/swarm-model.js';
import type {SwarmClient} from '../../../source/swarm/client.js';
import type {SwarmEvent, SwarmNode, SwarmService, SwarmTask, UpdateStatus} from '../../../source/swarm/types.js';
import {createFakeClient, makeService, type FakeClient} from '../../support/fake-client.js';

const node1: SwarmNode = {id: 'n1aaaaaaaaaaaaaaaaaaaaaaa', hostname: 'node1', role: 'manager', availability: 'active', state: 'ready', address: '10.0.0.11', isLeader: true, version: 20, reachability: 'reachable', engineVersion: '20.10.24', labels: {}, specDigest: ''};

let sequence = 0;

function task(serviceId: string, overrides: Partial<SwarmTask> = {}): SwarmTask {
	sequence++;
	return {
		id: `task${String(sequence).padStart(4, '0')}`,
		serviceId,
		slot: 1,
		nodeId: node1.id,
		desiredState: 'running',
		state: 'running',
		stateSince: new Date(),
		message: 'started',
		image: 'swarmdeck/vote:v2',
		createdAt: new Date(),
		ports: [],
		...overrides,
	};
}

function updating(): UpdateStatus {
	return {state: 'updating', message: 'update in progress', startedAt: new Date()};
}

/** vote mid-update (two of four slots on the new spec running), api settled long ago. */
function swarm(voteStatus: UpdateStatus | undefined) {
	return {
		services: [
			makeService({name: 'vote', replicas: 4, runningTasks: 2, updateStatus: voteStatus}),
			makeService({name: 'api', replicas: 2, updateStatus: {state: 'completed', message: 'update completed', startedAt: new Date(Date.now() - 120_000), completedAt: new Date(Date.now() - 60_000)}}),
			makeService({name: 'redis'}),
		],
		tasks: {
			'id-vote': [
				task('id-vote', {slot: 1}),
				task('id-vote', {slot: 2}),
				task('id-vote', {slot: 3, desiredState: 'ready', state: 'preparing'}),
				task('id-vote', {slot: 4, desiredState: 'shutdown', state: 'running', image: 'swarmdeck/vote:v1'}),
				task('id-vote', {slot: 4, desiredState: 'ready', state: 'pending'}),
			],
			'id-api': [task('id-api', {slot: 1}), task('id-api', {slot: 2})],
			'id-redis': [task('id-redis')],
		},
		nodes: [node1],
	};
}

let models: SwarmModel[] = [];

function startModel(client: FakeClient): {model: SwarmModel; listTasks: MockInstance<SwarmClient['listTasks']>} {
	const listTasks = vi.spyOn(client, 'listTasks');
	const model = new SwarmModel(client);
	models.push(model);
	model.start();
	return {model, listTasks};
}

/** The listTasks calls of the rollouts resource: up-to-date tasks only. */
const upToDateCalls = (listTasks: MockInstance<SwarmClient['listTasks']>) => listTasks.mock.calls.filter(call => call[1]?.upToDate === true);
/** The listTasks calls of task tables: every task of the service. */
const tableCalls = (listTasks: MockInstance<SwarmClient['listTasks']>) => listTasks.mock.calls.filter(call => call[1]?.upToDate !== true);

function event(overrides: Partial<SwarmEvent> = {}): SwarmEvent {
	return {type: 'service', action: 'update', id: 'id-vote', name: 'vote', time: new Date(), attributes: {name: 'vote'}, ...overrides};
}

afterEach(() => {
	for (const model of models) {
		model.stop();
	}

	models = [];
	vi.useRealTimers();
	vi.restoreAllMocks();
});

describe('SwarmModel rollouts', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	it('sends no task request at all while no service rolls out', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(undefined)));
		await vi.advanceTimersByTimeAsync(10_000);
		expect(model.services.getSnapshot().data).toHaveLength(3);
		expect(listTasks).not.toHaveBeenCalled();
		expect(model.rollouts.getSnapshot().data).toEqual({});
	});

	it('polls the up-to-date tasks of a service that is updating, and of no other', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(updating())));
		await vi.advanceTimersByTimeAsync(1500);
		expect(listTasks).toHaveBeenCalledWith(['id-vote'], {upToDate: true});
		expect(listTasks.mock.calls.every(call => JSON.stringify(call[0]) === '["id-vote"]' && call[1]?.upToDate === true)).toBe(true);
		const vote = model.rollouts.getSnapshot().data?.['id-vote'];
		expect(vote?.headline).toBe('overall progress: 2 out of 4 tasks');
		expect(vote?.slots.map(slot => `${slot.label} ${slot.state}`)).toEqual(['1/4 running', '2/4 running', '3/4 preparing', '4/4 pending']);
		expect(Object.keys(model.rollouts.getSnapshot().data ?? {})).toEqual(['id-vote']);
	});

	it('polls every 500 ms while the rollout runs', async () => {
		expect(pollIntervals.rollouts).toBe(500);
		const {listTasks} = startModel(createFakeClient(swarm(updating())));
		await vi.advanceTimersByTimeAsync(2000);
		const before = upToDateCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(5000);
		expect(upToDateCalls(listTasks).length - before).toBe(10);
	});

	it('follows a paused rollout too, more slowly', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm({state: 'paused', message: 'update paused due to failure or early termination of task x', startedAt: new Date()})));
		await vi.advanceTimersByTimeAsync(2000);
		expect(model.rollouts.getSnapshot().data?.['id-vote']?.phase).toBe('paused');
		const before = upToDateCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(5000);
		expect(upToDateCalls(listTasks).length - before).toBe(5);
	});

	it('stops polling once a finished rollout has been shown for 10 seconds', async () => {
		const client = createFakeClient(swarm(updating()));
		const {model, listTasks} = startModel(client);
		await vi.advanceTimersByTimeAsync(2000);
		expect(upToDateCalls(listTasks).length).toBeGreaterThan(0);
		client.services[0]!.updateStatus = {state: 'completed', message: 'update completed', startedAt: new Date(Date.now() - 30_000), completedAt: new Date()};
		await vi.advanceTimersByTimeAsync(3000);
		expect(model.rollouts.getSnapshot().data?.['id-vote']?.phase).toBe('completed');
		await vi.advanceTimersByTimeAsync(9000);
		expect(model.rollouts.getSnapshot().data).toEqual({});
		const settled = listTasks.mock.calls.length;
		await vi.advanceTimersByTimeAsync(10_000);
		expect(listTasks.mock.calls.length).toBe(settled);
	});

	it('starts polling soon after an event says a rollout began', async () => {
		const client = createFakeClient(swarm(undefined));
		const {listTasks} = startModel(client);
		await vi.advanceTimersByTimeAsync(1200);
		expect(listTasks).not.toHaveBeenCalled();
		client.services[0]!.updateStatus = updating();
		client.emit(event({attributes: {name: 'vote', 'updatestate.old': '', 'updatestate.new': 'updating'}}));
		// The services are read again 50 ms after the event, the rollouts 100 ms after it: well
		// before the next regular poll at 2000 ms.
		await vi.advanceTimersByTimeAsync(200);
		expect(listTasks).toHaveBeenCalledWith(['id-vote'], {upToDate: true});
	});

	it('reads every rolling service in one request, newest rollouts first past the cap', async () => {
		const services = Array.from({length: maxRolloutsRead + 20}, (_, index) => makeService({
			name: `web${index}`,
			replicas: 2,
			updateStatus: {state: 'updating', message: 'update in progress', startedAt: new Date(Date.now() - ((maxRolloutsRead + 20 - index) * 1000))},
		}));
		const tasks = Object.fromEntries(services.map(service => [service.id, [task(service.id, {slot: 1}), task(service.id, {slot: 2, state: 'preparing'})]]));
		const {model, listTasks} = startModel(createFakeClient({services, tasks, nodes: [node1]}));
		await vi.advanceTimersByTimeAsync(2000);
		const before = upToDateCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(5000);
		// 120 services roll out: still two requests a second.
		expect(upToDateCalls(listTasks).length - before).toBe(10);
		const read = upToDateCalls(listTasks).at(-1)![0] as readonly string[];
		expect(read).toHaveLength(maxRolloutsRead);
		// The newest rollouts are the last created here.
		expect(read).toContain(services.at(-1)!.id);
		expect(read).not.toContain(services[0]!.id);
		const rollouts = model.rollouts.getSnapshot().data ?? {};
		expect(Object.keys(rollouts)).toHaveLength(maxRolloutsRead);
		expect(rollouts[services.at(-1)!.id]?.headline).toBe('overall progress: 1 out of 2 tasks');
	});

	it('always reads the rollout of the service whose tasks are on screen, past the cap', async () => {
		const services = Array.from({length: maxRolloutsRead + 1}, (_, index) => makeService({
			name: `web${index}`,
			updateStatus: {state: 'updating', message: 'update in progress', startedAt: new Date(Date.now() - ((maxRolloutsRead + 1 - index) * 1000))},
		}));
		const {model, listTasks} = startModel(createFakeClient({services, tasks: {}, nodes: [node1]}));
		const oldest = services[0]!.id;
		const table = model.watchTasks(oldest);
		await vi.advanceTimersByTimeAsync(2000);
		expect(upToDateCalls(listTasks).at(-1)![0]).toContain(oldest);
		table.stop();
	});

	it('sends nothing more once stopped', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(updating())));
		await vi.advanceTimersByTimeAsync(2000);
		model.stop();
		const stopped = listTasks.mock.calls.length;
		await vi.advanceTimersByTimeAsync(10_000);
		expect(listTasks.mock.calls.length).toBe(stopped);
	});
});

describe('SwarmModel start', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	/** A client whose services read waits until the test answers it, counting every other read. */
	function slowServices() {
		const client = createFakeClient(swarm(updating()));
		let answer: () => void = () => undefined;
		const answered = new Promise<void>(resolve => {
			answer = resolve;
		});
		const listServices = client.listServices.bind(client);
		vi.spyOn(client, 'listServices').mockImplementation(async () => {
			await answered;
			return listServices();
		});
		const others = {
			nodes: vi.spyOn(client, 'listNodes'),
			tasks: vi.spyOn(client, 'listTasks'),
			events: vi.spyOn(client, 'events'),
		};
		const count = () => others.nodes.mock.calls.length + others.tasks.mock.calls.length + others.events.mock.calls.length;
		return {client, answer, count};
	}

	it('asks for nothing but the services until they have answered, then for the rest', async () => {
		const {client, answer, count} = slowServices();
		const model = new SwarmModel(client);
		models.push(model);
		model.start();
		await vi.advanceTimersByTimeAsync(5000);
		expect(client.listServices).toHaveBeenCalledTimes(1);
		expect(count()).toBe(0);
		answer();
		await vi.advanceTimersByTimeAsync(100);
		expect(model.services.getSnapshot().data).toHaveLength(3);
		expect(client.listNodes).toHaveBeenCalled();
		expect(client.events).toHaveBeenCalled();
		expect(client.listTasks).toHaveBeenCalledWith(['id-vote'], {upToDate: true});
	});

	it('starts the rest after a failed services read too', async () => {
		const client = createFakeClient(swarm(undefined));
		vi.spyOn(client, 'listServices').mockRejectedValueOnce(new Error('no'));
		const listNodes = vi.spyOn(client, 'listNodes');
		const model = new SwarmModel(client);
		models.push(model);
		model.start();
		await vi.advanceTimersByTimeAsync(10);
		expect(model.services.getSnapshot().error).toBe('no');
		expect(listNodes).toHaveBeenCalled();
	});

	it('takes its first services from a read already under way, and reads itself after that', async () => {
		const client = createFakeClient(swarm(undefined));
		const listServices = vi.spyOn(client, 'listServices');
		const model = new SwarmModel(client, undefined, {firstServices: Promise.resolve([makeService({name: 'early'})])});
		models.push(model);
		model.start();
		await vi.advanceTimersByTimeAsync(10);
		expect(model.services.getSnapshot().data?.map(service => service.name)).toEqual(['early']);
		expect(listServices).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(pollIntervals.services);
		expect(listServices).toHaveBeenCalledTimes(1);
		expect(model.services.getSnapshot().data).toHaveLength(3);
	});

	it('shows services already read at once, and asks for the rest straight away', async () => {
		const client = createFakeClient(swarm(undefined));
		const listServices = vi.spyOn(client, 'listServices');
		const listNodes = vi.spyOn(client, 'listNodes');
		const model = new SwarmModel(client, undefined, {firstServices: [makeService({name: 'early'})]});
		models.push(model);
		expect(model.services.getSnapshot().data?.map(service => service.name)).toEqual(['early']);
		model.start();
		await vi.advanceTimersByTimeAsync(10);
		expect(listNodes).toHaveBeenCalled();
		expect(listServices).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(pollIntervals.services);
		expect(listServices).toHaveBeenCalledTimes(1);
	});

	it('starts nothing more when stopped before the services answered', async () => {
		const {client, answer, count} = slowServices();
		const model = new SwarmModel(client);
		models.push(model);
		model.start();
		model.stop();
		answer();
		await vi.advanceTimersByTimeAsync(5000);
		expect(count()).toBe(0);
	});
});

describe('SwarmModel task tables', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	it('polls a watched table every second, and stops when its watcher stops', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(undefined)));
		await vi.advanceTimersByTimeAsync(100);
		const watch = model.watchTasks('id-redis');
		await vi.advanceTimersByTimeAsync(0);
		expect(tableCalls(listTasks)).toEqual([['id-redis']]);
		expect(watch.resource.getSnapshot().data).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(3000);
		expect(tableCalls(listTasks)).toHaveLength(4);
		watch.stop();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(tableCalls(listTasks)).toHaveLength(4);
	});

	it('polls faster while the service is changing', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(updating())));
		await vi.advanceTimersByTimeAsync(100);
		const watch = model.watchTasks('id-vote');
		await vi.advanceTimersByTimeAsync(2000);
		const before = tableCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(2000);
		expect(tableCalls(listTasks).length - before).toBe(4);
		watch.stop();
	});

	it('polls faster while a task of the table is on its way to running, though the services read says all run', async () => {
		const starting = {...swarm(undefined), tasks: {'id-redis': [task('id-redis', {state: 'starting'})]}};
		const {model, listTasks} = startModel(createFakeClient(starting));
		await vi.advanceTimersByTimeAsync(100);
		const watch = model.watchTasks('id-redis');
		await vi.advanceTimersByTimeAsync(2000);
		const before = tableCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(2000);
		expect(tableCalls(listTasks).length - before).toBe(4);
		watch.stop();
	});

	it('refreshes a watched table soon after an event about its service, and not after the watcher stops', async () => {
		const client = createFakeClient(swarm(undefined));
		const {model, listTasks} = startModel(client);
		await vi.advanceTimersByTimeAsync(100);
		const watch = model.watchTasks('id-redis');
		await vi.advanceTimersByTimeAsync(200);
		expect(tableCalls(listTasks)).toHaveLength(1);
		client.emit(event({id: 'id-redis', name: 'redis', attributes: {name: 'redis'}}));
		await vi.advanceTimersByTimeAsync(100);
		expect(tableCalls(listTasks)).toHaveLength(2);
		// An event about another service leaves the table alone.
		client.emit(event());
		await vi.advanceTimersByTimeAsync(100);
		expect(tableCalls(listTasks)).toHaveLength(2);
		watch.stop();
		client.emit(event({id: 'id-redis', name: 'redis', attributes: {name: 'redis'}}));
		client.emit(event({type: 'node', id: node1.id, name: 'node1', attributes: {name: 'node1'}}));
		await vi.advanceTimersByTimeAsync(5000);
		expect(tableCalls(listTasks)).toHaveLength(2);
	});

	it('refreshes every watched table after a node event', async () => {
		const client = createFakeClient(swarm(undefined));
		const {model, listTasks} = startModel(client);
		await vi.advanceTimersByTimeAsync(100);
		const redis = model.watchTasks('id-redis');
		const api = model.watchTasks('id-api');
		await vi.advanceTimersByTimeAsync(200);
		expect(tableCalls(listTasks)).toHaveLength(2);
		client.emit(event({type: 'node', id: node1.id, name: 'node1', attributes: {name: 'node1', 'availability.old': 'active', 'availability.new': 'drain'}}));
		await vi.advanceTimersByTimeAsync(100);
		expect(tableCalls(listTasks).map(call => call[0]).sort()).toEqual(['id-api', 'id-api', 'id-redis', 'id-redis']);
		redis.stop();
		api.stop();
	});

	it('stops every table when the model stops', async () => {
		const {model, listTasks} = startModel(createFakeClient(swarm(undefined)));
		model.watchTasks('id-redis');
		await vi.advanceTimersByTimeAsync(1500);
		model.stop();
		const stopped = tableCalls(listTasks).length;
		await vi.advanceTimersByTimeAsync(5000);
		expect(tableCalls(listTasks)).toHaveLength(stopped);
	});
});

describe('SwarmModel event log', () => {
	/** The event stream opens once the services have answered: events before that are not the test's. */
	async function startListening(client: FakeClient): Promise<SwarmModel> {
		const events = vi.spyOn(client, 'events');
		const {model} = startModel(client);
		await vi.waitFor(() => {
			expect(events).toHaveBeenCalled();
		});
		return model;
	}

	it('keeps the events it receives, newest first', async () => {
		const client = createFakeClient(swarm(undefined));
		const model = await startListening(client);
		const first = event({attributes: {name: 'vote', 'replicas.old': '4', 'replicas.new': '7'}});
		const second = event({type: 'node', id: node1.id, name: 'node1', attributes: {name: 'node1', 'availability.old': 'active', 'availability.new': 'drain'}});
		client.emit(first);
		client.emit(second);
		// Generous: the whole suite shares two cores with this one.
		await vi.waitFor(() => {
			expect(model.eventLog.getSnapshot()).toHaveLength(2);
		}, {timeout: 5000});
		expect(model.eventLog.getSnapshot()).toEqual([second, first]);
	});

	it(`keeps at most the ${maxRecentEvents} newest`, async () => {
		const client = createFakeClient(swarm(undefined));
		const model = await startListening(client);
		const events = Array.from({length: maxRecentEvents + 5}, (_, index) => event({attributes: {name: 'vote', 'replicas.old': String(index), 'replicas.new': String(index + 1)}}));
		for (const each of events) {
			client.emit(each);
		}

		await vi.waitFor(() => {
			expect(model.eventLog.getSnapshot()[0]).toEqual(events.at(-1));
		}, {timeout: 5000});
		const kept = model.eventLog.getSnapshot();
		expect(kept).toHaveLength(maxRecentEvents);
		expect(kept.at(-1)).toEqual(events[5]);
		expect(kept).toEqual(events.slice(5).reverse());
	});
});

describe('EventLog', () => {
	it('starts empty', () => {
		expect(new EventLog().getSnapshot()).toEqual([]);
	});

	it('puts each event in front and tells its listeners, until they unsubscribe', () => {
		const log = new EventLog();
		const listener = vi.fn();
		const unsubscribe = log.subscribe(listener);
		const a = event({name: 'a'});
		const b = event({name: 'b'});
		log.add(a);
		const afterA = log.getSnapshot();
		log.add(b);
		expect(log.getSnapshot()).toEqual([b, a]);
		// A new array on every change, as useSyncExternalStore needs; the old one untouched.
		expect(afterA).toEqual([a]);
		expect(listener).toHaveBeenCalledTimes(2);
		unsubscribe();
		log.add(event({name: 'c'}));
		expect(listener).toHaveBeenCalledTimes(2);
	});

	it(`drops the oldest past ${maxRecentEvents}`, () => {
		expect(maxRecentEvents).toBe(200);
		const log = new EventLog();
		for (let index = 0; index < 250; index++) {
			log.add(event({name: `s${index}`}));
		}

		const names = log.getSnapshot().map(each => each.name);
		expect(names).toHaveLength(200);
		expect(names[0]).toBe('s249');
		expect(names.at(-1)).toBe('s50');
	});
});

describe('isRollingOut and isChanging', () => {
	const withStatus = (status?: UpdateStatus, counts: Partial<SwarmService> = {}) => makeService({name: 'vote', replicas: 2, updateStatus: status, ...counts});

	it('counts updating and rolling back as rolling out, nothing else', () => {
		expect(isRollingOut(withStatus({state: 'updating', message: ''}))).toBe(true);
		expect(isRollingOut(withStatus({state: 'rollback_started', message: ''}))).toBe(true);
		for (const state of ['paused', 'rollback_paused', 'completed', 'rollback_completed'] as const) {
			expect(isRollingOut(withStatus({state, message: ''})), state).toBe(false);
		}

		expect(isRollingOut(withStatus())).toBe(false);
	});

	it('counts a gap between running and desired tasks as changing', () => {
		expect(isChanging(withStatus(undefined, {runningTasks: 1, desiredTasks: 2}))).toBe(true);
		expect(isChanging(withStatus(undefined, {runningTasks: 2, desiredTasks: 2}))).toBe(false);
		expect(isChanging(withStatus({state: 'updating', message: ''}, {runningTasks: 2, desiredTasks: 2}))).toBe(true);
	});
});

describe('SwarmModel watchResources', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});

	it('reads secrets only while watched, and only their list', async () => {
		const client = createFakeClient({services: [], secrets: [{ID: 's1', Spec: {Name: 'db_password'}}]});
		const listResources = vi.spyOn(client, 'listResources');
		const model = new SwarmModel(client);
		models.push(model);
		const watched = model.watchResources('secret');
		await vi.advanceTimersByTimeAsync(pollIntervals.resources * 2);
		expect(watched.resource.getSnapshot().data?.map(secret => secret.name)).toEqual(['db_password']);
		expect(listResources.mock.calls.length).toBeGreaterThanOrEqual(2);
		expect(listResources.mock.calls.every(([kind]) => kind === 'secret')).toBe(true);
		watched.stop();
		const stopped = listResources.mock.calls.length;
		await vi.advanceTimersByTimeAsync(pollIntervals.resources * 4);
		expect(listResources.mock.calls.length).toBe(stopped);
	});
});
