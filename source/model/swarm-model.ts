// The live picture of the swarm that the screens read: services and nodes kept fresh by
// polling plus the event stream, a bounded list of recent events, and task tables for
// whichever service is on screen. Nothing here renders.
import type {SwarmClient} from '../swarm/client.js';
import {DockerError} from '../swarm/errors.js';
import type {SwarmEvent, SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';
import {watchEvents} from './event-watcher.js';
import {LiveResource} from './live-resource.js';

export const maxRecentEvents = 200;

/** Polling periods. Idle the manager sees about one request every two seconds. */
export const pollIntervals = {
	services: 2000,
	servicesWhileChanging: 1000,
	nodes: 15_000,
	tasks: 1000,
	tasksWhileChanging: 500,
} as const;

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
	private recent: SwarmEvent[] = [];
	private readonly eventListeners = new Set<(event: SwarmEvent) => void>();
	private readonly taskTables = new Set<{serviceId: string; resource: LiveResource<SwarmTask[]>}>();
	private stopEvents: (() => void) | undefined;

	constructor(readonly client: SwarmClient) {
		this.services = new LiveResource(async () => client.listServices(), {
			intervalMs: services => services?.some(service => isChanging(service)) ? pollIntervals.servicesWhileChanging : pollIntervals.services,
			describeError,
		});
		this.nodes = new LiveResource(async () => client.listNodes(), {intervalMs: pollIntervals.nodes, describeError});
	}

	start(): void {
		this.services.start();
		this.nodes.start();
		this.stopEvents = watchEvents(this.client, {
			onEvent: event => {
				this.handleEvent(event);
			},
			onConnected: () => {
				this.refreshAll();
			},
		});
	}

	stop(): void {
		this.services.stop();
		this.nodes.stop();
		this.stopEvents?.();
		for (const table of this.taskTables) {
			table.resource.stop();
		}
	}

	/** After an action: show its effect now rather than at the next tick. */
	refreshAll(): void {
		this.services.refreshSoon(0);
		this.nodes.refreshSoon(0);
		for (const table of this.taskTables) {
			table.resource.refreshSoon(0);
		}
	}

	get recentEvents(): readonly SwarmEvent[] {
		return this.recent;
	}

	onEvent(listener: (event: SwarmEvent) => void): () => void {
		this.eventListeners.add(listener);
		return () => this.eventListeners.delete(listener);
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
		this.recent = [event, ...this.recent].slice(0, maxRecentEvents);
		this.services.refreshSoon();
		if (event.type === 'node') {
			this.nodes.refreshSoon();
		}

		for (const table of this.taskTables) {
			if (event.type === 'node' || table.serviceId === event.id) {
				table.resource.refreshSoon();
			}
		}

		for (const listener of this.eventListeners) {
			listener(event);
		}
	}
}
