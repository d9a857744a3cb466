// The rows of the nodes view: `docker node ls` (cli/command/node/formatter.go), ordered as
// the CLI orders them (hostnames in natural order), with the role, the tasks meant to run
// on each node and its labels added, since those are what an incident asks about.
import type {SwarmNode, SwarmTask} from '../swarm/types.js';
import type {Column} from './columns.js';
import {compareNatural, prettyState} from './task-table.js';

export const nodeColumns: ReadonlyArray<Column & {key: keyof NodeRow}> = [
	{key: 'hostname', header: 'HOSTNAME', minWidth: 8, shrink: 1, cut: 'middle'},
	{key: 'role', header: 'ROLE', minWidth: 6},
	{key: 'managerStatus', header: 'MANAGER STATUS', minWidth: 7, shrink: 2},
	{key: 'availability', header: 'AVAILABILITY', minWidth: 6, shrink: 2},
	{key: 'status', header: 'STATUS', minWidth: 6},
	{key: 'engineVersion', header: 'ENGINE VERSION', minWidth: 7, shrink: 1, dropOrder: 2},
	{key: 'tasks', header: 'TASKS', minWidth: 5},
	{key: 'labels', header: 'LABELS', minWidth: 6, shrink: 3, optional: true, dropOrder: 1},
];

export type NodeRow = {
	hostname: string;
	/** `Manager` or `Worker`. */
	role: string;
	/** `Leader`, `Reachable`, `Unreachable` for managers, as `docker node ls` says; '' for workers. */
	managerStatus: string;
	/** `Active`, `Pause`, `Drain`. */
	availability: string;
	/** `Ready`, `Down`, `Unknown`, `Disconnected`. */
	status: string;
	engineVersion: string;
	/** Tasks meant to run on the node (desired state running), whatever their state now. */
	tasks: string;
	/** `k=v, k2=v2`, sorted by key. */
	labels: string;
	node: SwarmNode;
};

/** MANAGER STATUS as the CLI prints it: the leader says Leader, other managers their reachability. */
export function formatManagerStatus(node: SwarmNode): string {
	if (node.role !== 'manager') {
		return '';
	}

	return node.isLeader ? 'Leader' : prettyState(node.reachability ?? 'unknown');
}

export function formatNodeLabels(labels: Readonly<Record<string, string>>): string {
	return Object.entries(labels)
		.sort(([a], [b]) => compareNatural(a, b))
		.map(([key, value]) => `${key}=${value}`)
		.join(', ');
}

/** Tasks meant to run (desired state running) per node ID. */
export function countTasksByNode(tasks: readonly SwarmTask[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const task of tasks) {
		if (task.nodeId && task.desiredState === 'running') {
			counts.set(task.nodeId, (counts.get(task.nodeId) ?? 0) + 1);
		}
	}

	return counts;
}

/** The rows, by hostname in natural order. `tasks` undefined: the counts are not known yet. */
export function buildNodeRows(nodes: readonly SwarmNode[], tasks: readonly SwarmTask[] | undefined): NodeRow[] {
	const counts = tasks ? countTasksByNode(tasks) : undefined;
	return [...nodes]
		.sort((a, b) => compareNatural(a.hostname, b.hostname) || compareNatural(a.id, b.id))
		.map(node => ({
			hostname: node.hostname,
			role: prettyState(node.role),
			managerStatus: formatManagerStatus(node),
			availability: prettyState(node.availability),
			status: prettyState(node.state),
			engineVersion: node.engineVersion,
			tasks: counts ? String(counts.get(node.id) ?? 0) : '…',
			labels: formatNodeLabels(node.labels),
			node,
		}));
}

export function nodeCells(row: NodeRow): string[] {
	return nodeColumns.map(column => row[column.key] as string);
}
