// The rows of the services screen: grouped by stack, stand-alone services after, each with
// the facts `docker service ls` shows plus the rollout state.
import type {SwarmService, UpdateState} from '../swarm/types.js';
import type {Column} from './columns.js';
import {displayImage} from '../spec/image-reference.js';
import {naturalCompare} from './natural-order.js';

// On a narrow terminal ports give way first, then names; image tags last, since they tell
// versions apart (an image loses its middle, not its tag). When even that does not fit,
// PORTS, then MODE, then ROLLOUT go.
export const serviceColumns: readonly Column[] = [
	{header: 'NAME', minWidth: 12, shrink: 2},
	{header: 'MODE', minWidth: 10, dropOrder: 2},
	{header: 'REPLICAS', minWidth: 8},
	{header: 'IMAGE', minWidth: 12, shrink: 1, cut: 'middle'},
	{header: 'PORTS', minWidth: 5, shrink: 3, optional: true, dropOrder: 1},
	{header: 'ROLLOUT', minWidth: 7, shrink: 1, optional: true, dropOrder: 3},
];

/**
 * The services screen's columns: those above, then a narrow one that marks the services the
 * policy advisor warns about, beside the rollout state: the side of the row that says what
 * needs a look. It is never dropped, and the name stays the first thing on a row.
 */
export const adviceMarker = '!';
export const serviceScreenColumns: readonly Column[] = [...serviceColumns, {header: adviceMarker, minWidth: 1}];

/** How the replica count reads at a glance. */
export type ReplicaHealth = 'healthy' | 'converging' | 'short';

export type ServiceRow = {
	service: SwarmService;
	cells: string[];
	health: ReplicaHealth;
};

export type ServiceGroup = {
	/** The stack's name, or undefined for stand-alone services. */
	stack?: string;
	rows: ServiceRow[];
};

const rolloutWords: Record<UpdateState, string> = {
	updating: 'updating',
	paused: 'paused',
	completed: 'completed',
	rollback_started: 'rolling back',
	rollback_paused: 'rollback paused',
	rollback_completed: 'rolled back',
};

export function rolloutText(service: SwarmService): string {
	const state = service.updateStatus?.state;
	return state ? rolloutWords[state] ?? state : '';
}

const activeRollout = new Set<UpdateState>(['updating', 'rollback_started']);

/** Counting time after a change in which a gap between running and desired is expected. */
export const convergeGraceMs = 60_000;

export function replicaHealth(service: SwarmService, now: Date): ReplicaHealth {
	if (service.updateStatus && activeRollout.has(service.updateStatus.state)) {
		return 'converging';
	}

	if (service.runningTasks === service.desiredTasks) {
		return 'healthy';
	}

	const sinceChange = now.getTime() - service.updatedAt.getTime();
	return service.runningTasks > service.desiredTasks || sinceChange < convergeGraceMs ? 'converging' : 'short';
}

export function formatPorts(service: SwarmService): string {
	return service.ports
		.map(port => `${port.publishedPort === undefined ? '' : `*:${port.publishedPort}->`}${port.targetPort}/${port.protocol}`)
		.join(', ');
}

export function formatReplicas(service: SwarmService): string {
	const replicas = `${service.runningTasks}/${service.desiredTasks}`;
	return service.mode === 'replicated-job' || service.mode === 'global-job' ? `${replicas} (job)` : replicas;
}

export function serviceCells(service: SwarmService): string[] {
	return [
		service.name,
		service.mode,
		formatReplicas(service),
		displayImage(service.image),
		formatPorts(service),
		rolloutText(service),
	];
}

export function matchesFilter(service: SwarmService, filter: string): boolean {
	return filter === '' || service.name.toLowerCase().includes(filter.toLowerCase());
}

/**
 * Stacks by name, then stand-alone services; services by name within each, in the docker
 * CLI's order. `stack` keeps one stack only.
 */
export function groupServices(services: readonly SwarmService[], {filter = '', stack, now = new Date()}: {filter?: string; stack?: string; now?: Date} = {}): ServiceGroup[] {
	const byStack = new Map<string | undefined, ServiceRow[]>();
	const sorted = services
		.filter(service => matchesFilter(service, filter) && (stack === undefined || service.stack === stack))
		.sort((a, b) => naturalCompare(a.name, b.name));
	for (const service of sorted) {
		const rows = byStack.get(service.stack) ?? [];
		rows.push({service, cells: serviceCells(service), health: replicaHealth(service, now)});
		byStack.set(service.stack, rows);
	}

	const stacks = [...byStack.keys()].filter((stack): stack is string => stack !== undefined).sort(naturalCompare);
	const groups: ServiceGroup[] = stacks.map(stack => ({stack, rows: byStack.get(stack) ?? []}));
	const standAlone = byStack.get(undefined);
	if (standAlone) {
		groups.push({rows: standAlone});
	}

	return groups;
}

/** The services in the order the screen lists them, for moving the cursor. */
export function orderedServices(groups: readonly ServiceGroup[]): SwarmService[] {
	return groups.flatMap(group => group.rows.map(row => row.service));
}
