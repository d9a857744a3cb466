// One rolling update (or rollback) of one service, after swarmkit's updater: slots whose
// task is out of date are replaced in batches of Parallelism (0: all at once), stop-first or
// start-first; after each batch runs, Delay; after the last, Delay then Monitor; a task it
// created that fails before running, or within Monitor of running, counts as a failure, and
// once failures / slots > MaxFailureRatio the failure action decides: pause, continue or
// roll back.
import type {Service, Task} from './api-types.js';
import type {Clock, TimerHandle} from './clock.js';
import type {Policy} from './spec.js';

export type UpdateKind = 'update' | 'rollback';

/** What the updater needs from the orchestrator: it owns no state of its own in the store. */
export type UpdaterHost = {
	service(id: string): Service | undefined;
	/** The out-of-date tasks that run now, by slot key, in slot order. */
	dirtySlots(service: Service): Array<{slotKey: string; task: Task}>;
	/** Starts the replacement of `old` with the service's current spec. */
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

type SlotInFlight = {oldId: string; newId: string; running: boolean; finished: boolean};

export class RollingUpdate {
	private queue: Array<{slotKey: string; task: Task}> = [];
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
		for (const {slotKey, task: old} of this.queue.splice(0, size)) {
			const current = this.host.task(old.ID);
			if (!current || (current.DesiredState !== 'running' && current.DesiredState !== 'ready')) {
				// Already gone (scaled down, node drained): nothing to replace here.
				continue;
			}

			const stopFirst = this.policy.order === 'stop-first';
			const replacement = this.host.replace(service, current, stopFirst ? 'ready' : 'running');
			this.created.set(replacement.ID, undefined);
			this.inFlight.set(slotKey, {oldId: current.ID, newId: replacement.ID, running: false, finished: false});
			if (stopFirst) {
				this.host.stop(current);
			}
		}

		this.checkBatch();
	}

	/** The old task of a stop-first slot is down: its replacement may start. */
	taskStopped(task: Task): void {
		for (const slot of this.inFlight.values()) {
			if (slot.oldId === task.ID && !slot.finished) {
				const replacement = this.host.task(slot.newId);
				if (replacement && replacement.DesiredState === 'ready') {
					this.host.setDesired(replacement, 'running');
				}
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
				const old = this.host.task(slot.oldId);
				if (old && this.policy.order === 'start-first') {
					this.host.stop(old);
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
