// Tasks seen failing, for the services screen's pulse. The daemon sends no task events and
// the app polls no task list for the whole swarm, so this counts the failed and rejected
// tasks among those it reads anyway: the up-to-date tasks of rollouts on screen (where a bad
// update fails) and the task tables open. `swarmdeck check` reads every task instead.
import {isFailed, pulseWindowMs} from '../format/pulse.js';
import type {SwarmTask} from '../swarm/types.js';

export class FailureLog {
	/** When each task seen failing failed, by task ID. */
	private failedAt: ReadonlyMap<string, Date> = new Map();
	private readonly listeners = new Set<() => void>();

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): ReadonlyMap<string, Date> => this.failedAt;

	observe(tasks: readonly SwarmTask[], now = new Date()): void {
		const recent = (at: Date) => now.getTime() - at.getTime() < pulseWindowMs;
		const fresh = tasks.filter(task => isFailed(task) && !this.failedAt.has(task.id) && recent(task.stateSince));
		if (fresh.length === 0) {
			return;
		}

		const kept = [...this.failedAt].filter(([, at]) => recent(at));
		this.failedAt = new Map([...kept, ...fresh.map(task => [task.id, task.stateSince] as const)]);
		for (const listener of this.listeners) {
			listener();
		}
	}
}
