// The live picture of the swarm that the screens read: services and nodes kept fresh by
// polling plus the event stream, a bounded list of recent events, and task tables for
// whichever service is on screen. Nothing here renders.
import type {SwarmClient} from '../swarm/client.js';
import {DockerError} from '../swarm/errors.js';
import {rolloutProgress, showsRollout, type RolloutProgress} from '../format/rollout.js';
import type {SwarmEvent, SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';
import {watchEvents, type EventWatcher} from './event-watcher.js';
import {LiveResource} from './live-resource.js';

export const maxRecentEvents = 200;

/** Polling periods. Idle the manager sees about one request every two seconds. */
export const pollIntervals = {
	services: 2000,
	servicesWhileChanging: 1000,
	nodes: 15_000,
	tasks: 1000,
	tasksWhileChanging: 500,
	/** Up-to-date tasks of services mid-rollout: only while one is. */
	rollouts: 500,
	rolloutsIdle: 1000,
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

export class SwarmModel {
	readonly services: LiveResource<SwarmService[]>;
	readonly nodes: LiveResource<SwarmNode[]>;
	readonly rollouts: LiveResource<RolloutMap>;
	readonly eventLog = new EventLog();
	private readonly taskTables = new Set<{serviceId: string; resource: LiveResource<SwarmTask[]>}>();
	private events: EventWatcher | undefined;
	private stopWatchingReads: (() => void) | undefined;
	private stopWaitingForServices: (() => void) | undefined;
	private stopWatchingNodes: (() => void) | undefined;
	private stopped = false;

	/**
	 * firstServices: the services as read before the screen opened, or that read still under
	 * way; the first frame shows them without asking again.
	 */
	constructor(readonly client: SwarmClient, {firstServices}: {firstServices?: Promise<SwarmService[]> | SwarmService[]} = {}) {
		let pending = firstServices instanceof Promise ? firstServices : undefined;
		this.services = new LiveResource(async () => {
			const read = pending ?? client.listServices();
			pending = undefined;
			return read;
		}, {
			intervalMs: services => services?.some(service => isChanging(service)) ? pollIntervals.servicesWhileChanging : pollIntervals.services,
			describeError,
			initialData: Array.isArray(firstServices) ? firstServices : undefined,
		});
		this.nodes = new LiveResource(async () => client.listNodes(), {intervalMs: pollIntervals.nodes, describeError});
		this.rollouts = new LiveResource(async () => this.readRollouts(), {
			intervalMs: rollouts => Object.values(rollouts ?? {}).some(rollout => rollout.phase === 'updating' || rollout.phase === 'rolling back')
				? pollIntervals.rollouts
				: pollIntervals.rolloutsIdle,
			describeError,
		});
	}

	/**
	 * Progress of every rollout worth showing. The daemon says nothing of task progress, so
	 * this reads the up-to-date tasks of just those services, and nothing when none rolls out.
	 */
	private async readRollouts(): Promise<RolloutMap> {
		const now = new Date();
		const services = (this.services.getSnapshot().data ?? []).filter(service => showsRollout(service, now));
		const nodes = this.nodes.getSnapshot().data ?? [];
		const entries = await Promise.all(services.map(async service => {
			const progress = rolloutProgress(service, await this.client.listTasks(service.id, {upToDate: true}), nodes);
			return [service.id, progress] as const;
		}));
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
		for (const table of this.taskTables) {
			table.resource.refreshSoon(0);
		}
	}

	/**
	 * A task table polled only while someone watches it (the tasks screen): the daemon sends
	 * no task events, so polling is the only way, and it must stop when the screen closes.
	 */
	watchTasks(serviceId: string): {resource: LiveResource<SwarmTask[]>; stop: () => void} {
		const resource = new LiveResource(async () => this.client.listTasks(serviceId), {
			intervalMs: () => {
				const service = this.services.getSnapshot().data?.find(candidate => candidate.id === serviceId);
				return service && isChanging(service) ? pollIntervals.tasksWhileChanging : pollIntervals.tasks;
			},
			describeError,
		});
		const table = {serviceId, resource};
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
		this.services.refreshSoon();
		this.rollouts.refreshSoon(100);
		if (event.type === 'node') {
			this.nodes.refreshSoon();
		}

		for (const table of this.taskTables) {
			if (event.type === 'node' || table.serviceId === event.id) {
				table.resource.refreshSoon();
			}
		}
	}
}
