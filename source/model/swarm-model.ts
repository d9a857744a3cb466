// The live picture of the swarm that the screens read: services and nodes kept fresh by
// polling plus the event stream, a bounded list of recent events, and task tables for
// whichever service is on screen. Nothing here renders.
import type {SwarmClient} from '../swarm/client.js';
import {DockerError} from '../swarm/errors.js';
import {rolloutProgress, showsRollout, type RolloutProgress} from '../format/rollout.js';
import type {ResourceKind, SwarmEvent, SwarmNode, SwarmResource, SwarmService, SwarmTask} from '../swarm/types.js';
import {watchEvents, type EventWatcher} from './event-watcher.js';
import {FailureLog} from './failure-log.js';
import {LiveResource} from './live-resource.js';
import {Timeline} from '../timeline/timeline.js';
import {sameItems} from '../swarm/versioned-cache.js';

export const maxRecentEvents = 200;

/** Rollouts read in one poll: the request stays one, and its answer stays small. */
export const maxRolloutsRead = 100;

/** Polling periods. Idle the manager sees about one request every two seconds. */
export const pollIntervals = {
	services: 2000,
	servicesWhileChanging: 1000,
	nodes: 15_000,
	/** While the nodes screen is open: a node going down shows within seconds even if its event is missed. */
	nodesOnScreen: 2000,
	/** Every task meant to run, for the task count per node: only while the nodes screen is open. */
	runningTasks: 3000,
	tasks: 1000,
	tasksWhileChanging: 500,
	/** Up-to-date tasks of services mid-rollout: only while one is. */
	rollouts: 500,
	rolloutsIdle: 1000,
	/** Secrets, configs or networks: only while their screen is open; they change seldom. */
	resources: 3000,
} as const;

/** Rollout progress by service ID, for services whose rollout is on screen. */
export type RolloutMap = Record<string, RolloutProgress>;

/** The recent swarm events, newest first, as a store React can subscribe to. */
export class EventLog {
	private events: readonly SwarmEvent[] = [];
	private readonly listeners = new Set<() => void>();

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): readonly SwarmEvent[] => this.events;

	add(event: SwarmEvent): void {
		this.events = [event, ...this.events].slice(0, maxRecentEvents);
		for (const listener of this.listeners) {
			listener();
		}
	}
}

export function describeError(error: unknown): {message: string; unreachable: boolean} {
	if (error instanceof DockerError) {
		return {message: error.message, unreachable: error.unreachable};
	}

	return {message: error instanceof Error ? error.message : String(error), unreachable: false};
}

const rolloutStates = new Set(['updating', 'rollback_started']);

export function isRollingOut(service: SwarmService): boolean {
	return rolloutStates.has(service.updateStatus?.state ?? '');
}

export function isChanging(service: SwarmService): boolean {
	return isRollingOut(service) || service.runningTasks !== service.desiredTasks;
}

/** A task meant to run that is not running yet: new, pending, assigned, preparing, starting. */
const notYetRunning = new Set(['new', 'pending', 'assigned', 'accepted', 'ready', 'preparing', 'starting']);
export function isOnItsWay(task: SwarmTask): boolean {
	return task.desiredState === 'running' && notYetRunning.has(task.state);
}

export class SwarmModel {
	readonly services: LiveResource<SwarmService[]>;
	readonly nodes: LiveResource<SwarmNode[]>;
	readonly rollouts: LiveResource<RolloutMap>;
	/** Every task meant to run, polled only while a nodes screen watches (see watchNodes). */
	readonly runningTasks: LiveResource<SwarmTask[]>;
	readonly eventLog = new EventLog();
	/** Failed tasks among those read for other reasons: no list of every task is polled for it. */
	readonly failures = new FailureLog();
	/** Task tables on screen: one service's (`docker service ps`) or one node's (`docker node ps`). */
	private readonly taskTables = new Set<{serviceId?: string; nodeId?: string; resource: LiveResource<SwarmTask[]>}>();
	private nodeWatchers = 0;
	private events: EventWatcher | undefined;
	private stopWatchingReads: (() => void) | undefined;
	private stopWaitingForServices: (() => void) | undefined;
	private stopWatchingNodes: (() => void) | undefined;
	private stopped = false;

	/**
	 * `timeline` records the events that answer actions; in memory only unless given a file.
	 * `firstServices`: the services as read before the screen opened, or that read still under
	 * way; the first frame shows them without asking again.
	 */
	constructor(
		readonly client: SwarmClient,
		readonly timeline = new Timeline({endpoint: client.target}),
		{firstServices}: {firstServices?: Promise<SwarmService[]> | SwarmService[]} = {},
	) {
		let pending = firstServices instanceof Promise ? firstServices : undefined;
		this.services = new LiveResource(async () => {
			const read = pending ?? client.listServices();
			pending = undefined;
			return read;
		}, {
			intervalMs: services => services?.some(service => isChanging(service)) ? pollIntervals.servicesWhileChanging : pollIntervals.services,
			equals: sameItems,
			describeError,
			initialData: Array.isArray(firstServices) ? firstServices : undefined,
		});
		this.nodes = new LiveResource(async () => client.listNodes(), {intervalMs: () => this.nodeWatchers > 0 ? pollIntervals.nodesOnScreen : pollIntervals.nodes, describeError});
		this.runningTasks = new LiveResource(async () => client.listTasksWhere({desiredState: 'running'}), {intervalMs: pollIntervals.runningTasks, equals: sameItems, describeError});
		this.rollouts = new LiveResource(async () => this.readRollouts(), {
			intervalMs: rollouts => Object.values(rollouts ?? {}).some(rollout => rollout.phase === 'updating' || rollout.phase === 'rolling back')
				? pollIntervals.rollouts
				: pollIntervals.rolloutsIdle,
			describeError,
		});
	}

	/**
	 * Progress of every rollout worth showing. The daemon says nothing of task progress, so
	 * this reads the up-to-date tasks of just those services, all in one request whatever
	 * how many roll out, and nothing when none does. Beyond `maxRolloutsRead` services the
	 * newest rollouts are read, and the service whose tasks are on screen always.
	 */
	private async readRollouts(): Promise<RolloutMap> {
		const now = new Date();
		const watched = new Set([...this.taskTables].map(table => table.serviceId));
		const services = (this.services.getSnapshot().data ?? [])
			.filter(service => showsRollout(service, now))
			.sort((left, right) => Number(watched.has(right.id)) - Number(watched.has(left.id))
				|| (right.updateStatus?.startedAt?.getTime() ?? 0) - (left.updateStatus?.startedAt?.getTime() ?? 0))
			.slice(0, maxRolloutsRead);
		if (services.length === 0) {
			return {};
		}

		const nodes = this.nodes.getSnapshot().data ?? [];
		const tasks = await this.client.listTasks(services.map(service => service.id), {upToDate: true});
		this.failures.observe(tasks);
		// Map.groupBy would do, from Node 21 on.
		const tasksByService = new Map<string, SwarmTask[]>();
		for (const task of tasks) {
			const group = tasksByService.get(task.serviceId);
			if (group) {
				group.push(task);
			} else {
				tasksByService.set(task.serviceId, [task]);
			}
		}

		const entries = services.map(service => [service.id, rolloutProgress(service, tasksByService.get(service.id) ?? [], nodes)] as const);
		return Object.fromEntries(entries.filter((entry): entry is readonly [string, RolloutProgress] => entry[1] !== undefined));
	}

	/**
	 * Starts with the services alone: the first frame waits for nothing else. Nodes, rollouts
	 * and the event stream follow once the services have answered (or failed to).
	 */
	start(): void {
		this.stopped = false;
		this.services.start();
		const {data, error} = this.services.getSnapshot();
		if (data !== undefined || error !== undefined) {
			this.startFollowers();
			return;
		}

		const stopWaiting = this.services.subscribe(() => {
			stopWaiting();
			if (!this.stopped) {
				this.startFollowers();
			}
		});
		this.stopWaitingForServices = stopWaiting;
	}

	private startFollowers(): void {
		this.nodes.start();
		this.rollouts.start();
		// The rollouts name each global service's bars by node: read again once names are known.
		this.stopWatchingNodes = this.nodes.subscribe(() => {
			this.rollouts.refreshSoon(0);
		});
		const events = watchEvents(this.client, {
			onEvent: event => {
				this.handleEvent(event);
			},
			onConnected: () => {
				this.refreshAll();
			},
		});
		this.events = events;
		// The services poll never stops, so its reads tell the watcher when the daemon's
		// connection had trouble that a silent event stream would not report.
		this.stopWatchingReads = this.services.subscribe(() => {
			events.readsFailing(this.services.getSnapshot().unreachable);
		});
	}

	stop(): void {
		this.stopped = true;
		this.stopWaitingForServices?.();
		this.stopWatchingNodes?.();
		this.services.stop();
		this.nodes.stop();
		this.rollouts.stop();
		this.runningTasks.stop();
		this.stopWatchingReads?.();
		this.events?.stop();
		for (const table of this.taskTables) {
			table.resource.stop();
		}
	}

	/** After an action: show its effect now rather than at the next tick. */
	refreshAll(): void {
		this.services.refreshSoon(0);
		this.nodes.refreshSoon(0);
		this.rollouts.refreshSoon(0);
		this.runningTasks.refreshSoon(0);
		for (const table of this.taskTables) {
			table.resource.refreshSoon(0);
		}
	}

	/**
	 * A task table polled only while someone watches it (the tasks screen): the daemon sends
	 * no task events, so polling is the only way, and it must stop when the screen closes.
	 */
	watchTasks(serviceId: string): {resource: LiveResource<SwarmTask[]>; stop: () => void} {
		return this.watchTaskTable({serviceId}, async () => this.client.listTasks(serviceId), tasks => {
			const service = this.services.getSnapshot().data?.find(candidate => candidate.id === serviceId);
			// The table's own tasks count too: the services read can see the last task running
			// before this table has, and polling slower then showed it up to a second late.
			return (service && isChanging(service)) || tasks?.some(task => isOnItsWay(task)) ? pollIntervals.tasksWhileChanging : pollIntervals.tasks;
		});
	}

	/** One node's tasks (`docker node ps`), polled while on screen, sooner on every swarm event: tasks move when services or nodes change. */
	watchNodeTasks(nodeId: string): {resource: LiveResource<SwarmTask[]>; stop: () => void} {
		return this.watchTaskTable({nodeId}, async () => this.client.listTasksWhere({nodeId}), () => pollIntervals.tasks);
	}

	/**
	 * While the nodes screen is open: nodes polled every few seconds instead of every 15, and
	 * the tasks meant to run read for the count per node. Returns the function that stops it.
	 */
	watchNodes(): () => void {
		this.nodeWatchers++;
		if (this.nodeWatchers === 1) {
			this.runningTasks.start();
			this.nodes.refreshSoon(0);
		}

		return () => {
			this.nodeWatchers--;
			if (this.nodeWatchers === 0) {
				this.runningTasks.stop();
			}
		};
	}

	/** Secrets, configs or networks, polled only while their screen is open. */
	watchResources(kind: ResourceKind): {resource: LiveResource<SwarmResource[]>; stop: () => void} {
		const resource = new LiveResource(async () => this.client.listResources(kind), {intervalMs: pollIntervals.resources, describeError});
		resource.start();
		return {
			resource,
			stop: () => {
				resource.stop();
			},
		};
	}

	private watchTaskTable(key: {serviceId?: string; nodeId?: string}, fetch: () => Promise<SwarmTask[]>, intervalMs: (tasks: SwarmTask[] | undefined) => number): {resource: LiveResource<SwarmTask[]>; stop: () => void} {
		const resource = new LiveResource(async () => {
			const tasks = await fetch();
			this.failures.observe(tasks);
			return tasks;
		}, {intervalMs, equals: sameItems, describeError});
		const table = {...key, resource};
		this.taskTables.add(table);
		resource.start();
		return {
			resource,
			stop: () => {
				resource.stop();
				this.taskTables.delete(table);
			},
		};
	}

	private handleEvent(event: SwarmEvent): void {
		this.eventLog.add(event);
		this.timeline.observe(event);
		this.services.refreshSoon();
		this.rollouts.refreshSoon(100);
		if (event.type === 'node') {
			this.nodes.refreshSoon();
		}

		this.runningTasks.refreshSoon(200);
		for (const table of this.taskTables) {
			if (event.type === 'node' || table.serviceId === event.id || table.nodeId !== undefined) {
				table.resource.refreshSoon();
			}
		}
	}
}
