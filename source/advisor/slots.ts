// A service's tasks by slot (replicated) or node (global), newest first: the unit the
// orchestrator keeps one task running in, and keeps a short history of.
import type {SwarmTask} from '../swarm/types.js';

export type Slot = {key: string; label: string; tasks: SwarmTask[]};

export const failedStates = new Set<SwarmTask['state']>(['failed', 'rejected']);

const endedStates = new Set<SwarmTask['state']>(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

export function slotsOf(tasks: readonly SwarmTask[], serviceName: string): Slot[] {
	const slots = new Map<string, Slot>();
	for (const task of tasks) {
		const key = task.slot === undefined ? `node ${task.nodeId ?? '?'}` : String(task.slot);
		const label = task.slot === undefined ? `${serviceName} on node ${task.nodeId ?? '?'}` : `${serviceName}.${task.slot}`;
		const slot = slots.get(key) ?? {key, label, tasks: []};
		slot.tasks.push(task);
		slots.set(key, slot);
	}

	for (const slot of slots.values()) {
		slot.tasks.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
	}

	return [...slots.values()];
}

/** The orchestrator still wants a task here: one is desired running (or ready, waiting out a restart delay). */
export function isWanted(slot: Slot): boolean {
	return slot.tasks.some(task => task.desiredState === 'running' || task.desiredState === 'ready');
}

export function isRunning(slot: Slot): boolean {
	return slot.tasks.some(task => task.state === 'running' && task.desiredState === 'running');
}

/**
 * Since when the slot has had no running task, at the latest: the task that ended first in
 * the run of tasks since the last running one (when it ended), or the first of them that
 * never ran (when it was created). The swarm keeps a few tasks per slot, so it may be longer.
 */
export function downSince(slot: Slot): Date | undefined {
	let since: Date | undefined;
	for (const task of slot.tasks) {
		if (task.state === 'running') {
			break;
		}

		since = endedStates.has(task.state) ? task.stateSince : task.createdAt;
	}

	return since;
}
