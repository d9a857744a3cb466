// The rows of the stacks screen: each stack (`com.docker.stack.namespace`) with its services
// and how far they have converged, as `docker stack ls` lists them, with the counts an
// operator looks at first.
import type {SwarmService} from '../swarm/types.js';
import type {Column} from './columns.js';
import {naturalCompare} from './natural-order.js';

export const stackColumns: readonly Column[] = [
	{header: 'STACK', minWidth: 10, shrink: 1},
	{header: 'SERVICES', minWidth: 8},
	{header: 'CONVERGED', minWidth: 9},
	{header: 'TASKS', minWidth: 5},
	{header: 'UPDATING', minWidth: 8, optional: true},
];

export type StackRow = {
	stack: string;
	services: number;
	/** Services running every task they want. */
	converged: number;
	runningTasks: number;
	desiredTasks: number;
	/** Services whose update or rollback is under way or paused. */
	updating: number;
};

const inProgress = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);

export function stackRows(services: readonly SwarmService[]): StackRow[] {
	const rows = new Map<string, StackRow>();
	for (const service of services) {
		if (service.stack === undefined) {
			continue;
		}

		const row = rows.get(service.stack) ?? {stack: service.stack, services: 0, converged: 0, runningTasks: 0, desiredTasks: 0, updating: 0};
		row.services++;
		row.converged += service.runningTasks === service.desiredTasks ? 1 : 0;
		row.runningTasks += service.runningTasks;
		row.desiredTasks += service.desiredTasks;
		row.updating += inProgress.has(service.updateStatus?.state ?? '') ? 1 : 0;
		rows.set(service.stack, row);
	}

	return [...rows.values()].sort((a, b) => naturalCompare(a.stack, b.stack));
}

export function stackCells(row: StackRow): string[] {
	return [row.stack, String(row.services), `${row.converged}/${row.services}`, `${row.runningTasks}/${row.desiredTasks}`, row.updating > 0 ? String(row.updating) : ''];
}

/** The stacks, by name: what the palette completes and checks. */
export function stackNames(services: readonly SwarmService[]): string[] {
	return [...new Set(services.flatMap(service => service.stack === undefined ? [] : [service.stack]))].sort();
}
