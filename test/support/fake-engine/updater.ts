// One rolling update (or rollback) of one service, after swarmkit's updater: slots whose
// task is out of date are replaced in batches of Parallelism (0: all at once), stop-first or
// start-first; after each batch runs, Delay; after the last, Delay then Monitor; a task it
// created that fails before running, or within Monitor of running, counts as a failure, and
// once failures / slots > MaxFailureRatio the failure action decides: pause, continue or
// roll back.
import type {Service, Task} from './api-types.js';
import {stateRank} from './api-types.js';
import type {Clock, TimerHandle} from './clock.js';
import type {Policy} from './spec.js';

export type UpdateKind = 'update' | 'rollback';

/** What the updater needs from the orchestrator: it owns no state of its own in the store. */
export type UpdaterHost = {
	service(id: string): Service | undefined;
	/** Slots whose active tasks are all out of date, in slot order. */
	dirtySlots(service: Service): string[];
	/** The tasks of the slot that are meant to run (desired running or ready). */
	activeTasks(service: Service, slotKey: string): Task[];
	upToDate(task: Task, service: Service): boolean;
	/** Starts the replacement of `old` with the service's current spec, in the same slot. */
	replace(service: Service, old: Task, desired: 'running' | 'ready'): Task;
	stop(task: Task): void;
	setDesired(task: Task, desired: 'running'): void;
	task(id: string): Task | undefined;
	/** The failure action fired (pause, or an automatic rollback). */
	/** The update has slots to replace: its UpdateStatus says so. */
	started(updater: RollingUpdate): void;
	failed(updater: RollingUpdate, failedTaskId: string): void;
	completed(updater: RollingUpdate): void;
	/** The update found nothing to replace. */
	nothingToDo(updater: RollingUpdate): void;
};

type SlotInFlight = {oldIds: string[]; newId: string; running: boolean; finished: boolean};

export class RollingUpdate {
	private queue: string[] = [];
	private total = 0;
	private readonly inFlight = new Map<string, SlotInFlight>();
	/** Tasks this update created, with when they reached running. */
	private readonly created = new Map<string, number | undefined>();
	private readonly failures = new Set<string>();
	private timer: TimerHandle | undefined;
	private stopped = false;

	constructor(
		readonly serviceId: string,
		readonly kind: UpdateKind,
		readonly policy: Policy,
		private readonly clock: Clock,
		private readonly host: UpdaterHost,
	) {}

	get active(): boolean {
		return !this.stopped;
	}

	start(service: Service): void {
		this.queue = this.host.dirtySlots(service);
		this.total = this.queue.length;
		if (this.total === 0) {
			this.stopped = true;
			this.host.nothingToDo(this);
			return;
		}

		this.host.started(this);
		this.nextBatch(service);
	}

	cancel(): void {
		this.stopped = true;
		this.timer?.cancel();
	}

	owns(taskId: string): boolean {
		return this.created.has(taskId);
	}

	private nextBatch(service: Service): void {
		const size = this.policy.parallelism === 0 ? this.queue.length : this.policy.parallelism;
		for (const slotKey of this.queue.splice(0, size)) {
			// The slot as it is now: it may have been scaled away, drained, or brought up to date.
			const active = this.host.activeTasks(service, slotKey);
			if (active.length === 0 || active.some(task => this.host.upToDate(task, service))) {
				continue;
			}

			const old = active.find(task => task.DesiredState === 'running') ?? active[0]!;
			const stopFirst = this.policy.order === 'stop-first';
			const replacement = this.host.replace(service, old, stopFirst ? 'ready' : 'running');
			this.created.set(replacement.ID, undefined);
			this.inFlight.set(slotKey, {oldIds: active.map(task => task.ID), newId: replacement.ID, running: false, finished: false});
			if (stopFirst) {
				for (const task of active) {
					this.host.stop(task);
				}
			}
		}

		this.checkBatch();
	}

	/**
	 * A task stopped. One this update created counts as a failure, as in swarmkit (a drain or
	 * a node going down under a new task can pause an update); an old task of a stop-first
	 * slot being down lets its replacement start.
	 */
	taskStopped(task: Task): void {
		if (this.created.has(task.ID)) {
			this.taskFailed(task);
			return;
		}

		for (const slot of this.inFlight.values()) {
			const replacement = this.host.task(slot.newId);
			const oldDone = slot.oldIds.every(id => {
				const old = this.host.task(id);
				return !old || stateRank(old.Status.State) > stateRank('running');
			});
			if (!slot.finished && oldDone && replacement?.DesiredState === 'ready') {
				this.host.setDesired(replacement, 'running');
			}
		}
	}

	taskRunning(task: Task): void {
		if (!this.created.has(task.ID)) {
			return;
		}

		this.created.set(task.ID, this.clock.now());
		for (const slot of this.inFlight.values()) {
			if (slot.newId === task.ID) {
				slot.running = true;
				slot.finished = true;
				if (this.policy.order === 'start-first') {
					for (const id of slot.oldIds) {
						const old = this.host.task(id);
						if (old) {
							this.host.stop(old);
						}
					}
				}
			}
		}

		this.checkBatch();
	}

	taskFailed(task: Task): void {
		if (this.stopped || !this.created.has(task.ID)) {
			return;
		}

		const runningSince = this.created.get(task.ID);
		const counts = runningSince === undefined || this.clock.now() - runningSince <= this.policy.monitorMs;
		for (const slot of this.inFlight.values()) {
			if (slot.newId === task.ID) {
				slot.finished = true;
			}
		}

		if (counts && this.policy.failureAction !== 'continue') {
			this.failures.add(task.ID);
			if (this.failures.size / this.total > this.policy.maxFailureRatio) {
				this.cancel();
				this.host.failed(this, task.ID);
				return;
			}
		}

		this.checkBatch();
	}

	private checkBatch(): void {
		if (this.stopped || this.timer || [...this.inFlight.values()].some(slot => !slot.finished)) {
			return;
		}

		this.inFlight.clear();
		this.timer = this.clock.schedule(this.policy.delayMs, () => {
			this.timer = undefined;
			const service = this.serviceNow();
			if (!service) {
				return;
			}

			if (this.queue.length > 0) {
				this.nextBatch(service);
				return;
			}

			// Failures of the last batch still count for one Monitor period.
			this.timer = this.clock.schedule(this.policy.monitorMs, () => {
				this.timer = undefined;
				if (!this.stopped) {
					this.stopped = true;
					this.host.completed(this);
				}
			});
		});
	}

	private serviceNow(): Service | undefined {
		return this.stopped ? undefined : this.host.service(this.serviceId);
	}
}
