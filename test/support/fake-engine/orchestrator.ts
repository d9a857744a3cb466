// swarmkit's manager in miniature: keeps every service at its desired tasks (slots for
// replicated services, one task per eligible node for global ones), restarts failed tasks
// after the restart delay, moves tasks off drained and down nodes, runs rolling updates and
// rollbacks, and keeps at most `taskHistoryLimit` tasks per slot.
import type {Node, Service, Task} from './api-types.js';
import {stateRank} from './api-types.js';
import type {Clock} from './clock.js';
import type {IdGenerator} from './ids.js';
import {modeOf, policyOf, replicasOf, restartDelayMs, restartsOnFailure, taskSpecKey} from './spec.js';
import type {Store} from './store.js';
import {isActive, isFinished, TaskLifecycle, type Timings} from './task-lifecycle.js';
import {RollingUpdate, type UpdateKind, type UpdaterHost} from './updater.js';

/** The placement constraints swarmdeck's users write: node.role, node.hostname, node.id, node.labels.*. */
export function nodeSatisfies(node: Node, constraints: string[] = []): boolean {
	return constraints.every(constraint => {
		const match = /^\s*([\w.-]+)\s*(==|!=)\s*(.+?)\s*$/.exec(constraint);
		if (!match) {
			return true;
		}

		const [, key, operator, expected] = match;
		const actual = key === 'node.role'
			? node.Spec.Role
			: key === 'node.hostname'
				? node.Description.Hostname
				: key === 'node.id'
					? node.ID
					: key!.startsWith('node.labels.')
						? node.Spec.Labels[key!.slice('node.labels.'.length)]
						: undefined;
		return operator === '==' ? actual === expected : actual !== expected;
	});
}

export function isEligible(node: Node): boolean {
	return node.Spec.Availability === 'active' && node.Status.State === 'ready';
}

export class Orchestrator {
	readonly lifecycle: TaskLifecycle;
	taskHistoryLimit = 5;
	private readonly updates = new Map<string, RollingUpdate>();
	/** Restarted tasks waiting out the restart delay at ready. */
	private readonly restartHeld = new Set<string>();
	/** Slots whose task failed under restart condition none: left empty until the next update. */
	private readonly restartBlocked = new Set<string>();
	private placementTurn = 0;

	constructor(private readonly store: Store, private readonly clock: Clock, ids: IdGenerator, timings: Timings) {
		this.lifecycle = new TaskLifecycle(store, clock, ids, timings, {
			place: (task, service) => this.place(service),
			nodeCount: () => store.nodes.size,
			reachedRunning: task => {
				this.updates.get(task.ServiceID)?.taskRunning(task);
			},
			stopped: task => {
				this.updates.get(task.ServiceID)?.taskStopped(task);
				if (task.DesiredState === 'remove') {
					this.lifecycle.forget(task);
					store.deleteTask(task);
				} else {
					this.trimHistory(task);
				}

				const service = store.services.get(task.ServiceID);
				if (service) {
					this.startHeldTasks(service);
				}
			},
			failed: task => {
				this.taskFailed(task);
			},
		});
	}

	slotKeyOf(task: Task): string {
		return task.Slot === undefined ? task.NodeID ?? task.ID : String(task.Slot);
	}

	isUpToDate(task: Task, service: Service): boolean {
		return this.store.taskSpecKeys.get(task.ID) === taskSpecKey(service.Spec);
	}

	updateOf(serviceId: string): RollingUpdate | undefined {
		const update = this.updates.get(serviceId);
		return update?.active ? update : undefined;
	}

	// ---- what the API tells the orchestrator

	serviceCreated(service: Service): void {
		this.reconcile(service);
	}

	/**
	 * After every update through the API. As swarmkit's orchestrator does, an update runs
	 * whenever tasks are out of date, so a scale or a policy change in the middle of a
	 * rollout (or of a paused one) takes it up again, from where the tasks are.
	 */
	serviceUpdated(service: Service, {rollback}: {rollback: boolean}): void {
		this.updates.get(service.ID)?.cancel();
		this.updates.delete(service.ID);
		for (const key of this.restartBlocked) {
			if (key.startsWith(`${service.ID}/`)) {
				this.restartBlocked.delete(key);
			}
		}

		this.reconcile(service);
		this.startUpdate(service, rollback ? 'rollback' : 'update');
	}

	serviceRemoved(service: Service): void {
		this.updates.get(service.ID)?.cancel();
		this.updates.delete(service.ID);
		for (const task of this.store.tasksOf(service.ID)) {
			if (isFinished(task)) {
				this.lifecycle.forget(task);
				this.store.deleteTask(task);
			} else {
				this.lifecycle.setDesired(task, 'remove');
			}
		}
	}

	/** A node changed (availability, state, role) or was removed: every service may need to move. */
	nodesChanged(node?: Node): void {
		if (node && node.Status.State === 'ready') {
			// Its agent reports again: tasks told to stop while it was down stop now.
			for (const task of this.store.tasks.values()) {
				if (task.NodeID === node.ID) {
					this.lifecycle.drive(task);
				}
			}
		}

		for (const service of this.store.services.values()) {
			this.reconcile(service);
		}

		this.lifecycle.retryUnplaced();
	}

	// ---- keeping the desired tasks

	reconcile(service: Service): void {
		this.dropExtraTasks(service);
		this.fillSlots(service);
		this.startHeldTasks(service);
	}

	/**
	 * One task per slot: where an abandoned update left two (a start-first replacement whose
	 * old task was never stopped), the best one stays (up to date, then running) and the
	 * others stop, as swarmkit's updater does when it finds an up-to-date task in a slot.
	 */
	private dropExtraTasks(service: Service): void {
		const update = this.updateOf(service.ID);
		const slots = new Map<string, Task[]>();
		for (const task of this.store.tasksOf(service.ID)) {
			if (isActive(task)) {
				const key = this.slotKeyOf(task);
				slots.set(key, [...slots.get(key) ?? [], task]);
			}
		}

		for (const tasks of slots.values()) {
			if (tasks.length < 2 || tasks.some(task => update?.owns(task.ID))) {
				continue;
			}

			const score = (task: Task) => (this.isUpToDate(task, service) ? 100 : 0) + (task.DesiredState === 'running' ? 10 : 0) + stateRank(task.Status.State);
			const [keep] = [...tasks].sort((a, b) => score(b) - score(a));
			for (const task of tasks) {
				if (task !== keep) {
					this.lifecycle.setDesired(task, 'shutdown');
				}
			}
		}
	}

	private fillSlots(service: Service): void {
		const tasks = this.store.tasksOf(service.ID);
		const mode = modeOf(service.Spec);
		const activeBySlot = new Map<string, Task[]>();
		for (const task of tasks) {
			if (isActive(task)) {
				const key = this.slotKeyOf(task);
				activeBySlot.set(key, [...activeBySlot.get(key) ?? [], task]);
			}
		}

		// Tasks on nodes that are drained, down or gone move (replicated) or go (global).
		for (const task of tasks) {
			if (!isActive(task) || !task.NodeID) {
				continue;
			}

			const node = this.store.nodes.get(task.NodeID);
			const leaves = !node || node.Spec.Availability === 'drain' || node.Status.State === 'down'
				|| !nodeSatisfies(node, service.Spec.TaskTemplate.Placement?.Constraints);
			if (leaves) {
				this.lifecycle.setDesired(task, mode === 'global' && !node ? 'remove' : 'shutdown');
				const key = this.slotKeyOf(task);
				activeBySlot.set(key, (activeBySlot.get(key) ?? []).filter(other => other !== task));
			}
		}

		if (mode === 'global' || mode === 'global-job') {
			for (const node of this.store.nodes.values()) {
				if (isEligible(node) && nodeSatisfies(node, service.Spec.TaskTemplate.Placement?.Constraints)
					&& (activeBySlot.get(node.ID) ?? []).length === 0 && this.mayStart(service, node.ID)) {
					this.createTask(service, {nodeId: node.ID, desired: 'running'});
				}
			}

			return;
		}

		const replicas = replicasOf(service.Spec);
		for (let slot = 1; slot <= replicas; slot++) {
			if ((activeBySlot.get(String(slot)) ?? []).length === 0 && this.mayStart(service, String(slot))) {
				this.createTask(service, {slot, desired: 'running'});
			}
		}

		for (const [key, active] of activeBySlot) {
			if (Number(key) > replicas) {
				for (const task of active) {
					this.lifecycle.setDesired(task, 'remove');
				}
			}
		}
	}

	/**
	 * Starts tasks held at ready that no update holds any more: a stop-first replacement whose
	 * update was superseded while it waited, once the other tasks of its slot have stopped.
	 * (swarmkit's updater starts an up-to-date task it finds in a slot the same way.)
	 */
	private startHeldTasks(service: Service): void {
		const update = this.updateOf(service.ID);
		const tasks = this.store.tasksOf(service.ID);
		for (const task of tasks) {
			if (task.DesiredState !== 'ready' || update?.owns(task.ID) || this.restartHeld.has(task.ID) || !this.isUpToDate(task, service)) {
				continue;
			}

			const key = this.slotKeyOf(task);
			const slotBusy = tasks.some(other => other !== task && this.slotKeyOf(other) === key && (other.DesiredState === 'running' || !isFinished(other)));
			if (!slotBusy) {
				this.lifecycle.setDesired(task, 'running');
			}
		}
	}

	createTask(service: Service, options: {slot?: number; nodeId?: string; desired: 'running' | 'ready'}): Task {
		const task = this.lifecycle.create(service, options);
		this.store.taskSpecKeys.set(task.ID, taskSpecKey(service.Spec));
		// swarmkit's reaper looks at a slot when a task is created in it too.
		this.trimHistory(task);
		return task;
	}

	private mayStart(service: Service, slotKey: string): boolean {
		return !this.restartBlocked.has(`${service.ID}/${slotKey}`);
	}

	/**
	 * swarmkit's restart supervisor: the failed task's replacement is created at once, held at
	 * ready, and started when the restart policy's delay has passed (never with condition none).
	 */
	private taskFailed(task: Task): void {
		const service = this.store.services.get(task.ServiceID);
		this.trimHistory(task);
		if (service) {
			this.restart(service, task);
		}

		// After the restart, as in swarmkit: a rollback this failure triggers replaces the restarted task too.
		this.updates.get(task.ServiceID)?.taskFailed(task);
	}

	private restart(service: Service, task: Task): void {

		const key = `${service.ID}/${this.slotKeyOf(task)}`;
		if (!restartsOnFailure(service.Spec)) {
			this.restartBlocked.add(key);
			return;
		}

		const slotTaken = this.store.tasksOf(service.ID).some(other => other !== task && isActive(other) && this.slotKeyOf(other) === this.slotKeyOf(task));
		if (slotTaken) {
			return;
		}

		const replacement = this.createTask(service, {...(task.Slot === undefined ? {nodeId: task.NodeID} : {slot: task.Slot}), desired: 'ready'});
		this.restartHeld.add(replacement.ID);
		this.clock.schedule(restartDelayMs(service.Spec), () => {
			this.restartHeld.delete(replacement.ID);
			if (this.store.tasks.get(replacement.ID)?.DesiredState === 'ready' && !this.updates.get(service.ID)?.owns(replacement.ID)) {
				this.lifecycle.setDesired(replacement, 'running');
			}
		});
	}

	private place(service: Service): Node | undefined {
		const constraints = service.Spec.TaskTemplate.Placement?.Constraints;
		const candidates = [...this.store.nodes.values()].filter(node => isEligible(node) && nodeSatisfies(node, constraints));
		if (candidates.length === 0) {
			return undefined;
		}

		const load = new Map<string, number>();
		for (const task of this.store.tasksOf(service.ID)) {
			if (isActive(task) && task.NodeID) {
				load.set(task.NodeID, (load.get(task.NodeID) ?? 0) + 1);
			}
		}

		const fewest = Math.min(...candidates.map(node => load.get(node.ID) ?? 0));
		const best = candidates.filter(node => (load.get(node.ID) ?? 0) === fewest);
		return best[this.placementTurn++ % best.length];
	}

	/** The task reaper: a slot keeps its newest tasks; finished ones beyond the limit are deleted. */
	private trimHistory(task: Task): void {
		const key = this.slotKeyOf(task);
		// tasksOf keeps creation order, oldest first.
		const slot = this.store.tasksOf(task.ServiceID).filter(other => this.slotKeyOf(other) === key);
		let excess = slot.length - this.taskHistoryLimit;
		for (const old of slot) {
			if (excess <= 0) {
				break;
			}

			if (!isActive(old) && isFinished(old)) {
				this.lifecycle.forget(old);
				this.store.deleteTask(old);
				excess--;
			}
		}
	}

	// ---- rolling updates

	private startUpdate(service: Service, kind: UpdateKind): void {
		const policy = policyOf(kind === 'rollback' ? service.Spec.RollbackConfig : service.Spec.UpdateConfig);
		const update = new RollingUpdate(service.ID, kind, policy, this.clock, this.updaterHost);
		this.updates.set(service.ID, update);
		update.start(service);
	}

	private readonly updaterHost: UpdaterHost = {
		service: id => this.store.services.get(id),
		task: id => this.store.tasks.get(id),
		dirtySlots: service => {
			const slots = new Map<string, Task[]>();
			for (const task of this.store.tasksOf(service.ID)) {
				if (isActive(task)) {
					const key = this.slotKeyOf(task);
					slots.set(key, [...slots.get(key) ?? [], task]);
				}
			}

			return [...slots]
				.filter(([, tasks]) => !tasks.some(task => this.isUpToDate(task, service)))
				.map(([key]) => key)
				.sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
		},
		activeTasks: (service, slotKey) => this.store.tasksOf(service.ID).filter(task => isActive(task) && this.slotKeyOf(task) === slotKey),
		upToDate: (task, service) => this.isUpToDate(task, service),
		replace: (service, old, desired) => this.createTask(service, {
			...(old.Slot === undefined ? {nodeId: old.NodeID} : {slot: old.Slot}),
			desired,
		}),
		stop: task => {
			this.lifecycle.setDesired(task, 'shutdown');
		},
		setDesired: (task, desired) => {
			this.lifecycle.setDesired(task, desired);
		},
		started: update => {
			const service = this.store.services.get(update.serviceId);
			if (service && update.kind === 'update') {
				this.store.writeService(service, current => {
					current.UpdateStatus = {State: 'updating', StartedAt: this.store.stamp(), Message: 'update in progress'};
				});
			}
		},
		nothingToDo: update => {
			const service = this.store.services.get(update.serviceId);
			if (service?.UpdateStatus?.State === 'rollback_started') {
				this.updaterHost.completed(update);
			}
		},
		completed: update => {
			const service = this.store.services.get(update.serviceId);
			if (!service) {
				return;
			}

			const rollback = update.kind === 'rollback';
			this.store.writeService(service, current => {
				current.UpdateStatus = {
					State: rollback ? 'rollback_completed' : 'completed',
					...(current.UpdateStatus?.StartedAt ? {StartedAt: current.UpdateStatus.StartedAt} : {}),
					CompletedAt: this.store.stamp(),
					Message: rollback ? 'rollback completed' : 'update completed',
				};
			});
		},
		failed: (update, failedTaskId) => {
			const service = this.store.services.get(update.serviceId);
			if (!service) {
				return;
			}

			const startedAt = service.UpdateStatus?.StartedAt;
			if (update.kind === 'update' && update.policy.failureAction === 'rollback' && service.PreviousSpec) {
				// An automatic rollback: the previous spec comes back and is then gone.
				this.store.writeService(service, current => {
					current.Spec = current.PreviousSpec!;
					delete current.PreviousSpec;
					current.UpdateStatus = {
						State: 'rollback_started',
						...(startedAt ? {StartedAt: startedAt} : {}),
						Message: `update rolled back due to failure or early termination of task ${failedTaskId}`,
					};
				});
				this.reconcile(service);
				this.startUpdate(service, 'rollback');
				return;
			}

			this.store.writeService(service, current => {
				current.UpdateStatus = {
					State: update.kind === 'rollback' ? 'rollback_paused' : 'paused',
					...(startedAt ? {StartedAt: startedAt} : {}),
					Message: `update paused due to failure or early termination of task ${failedTaskId}`,
				};
			});
		},
	};
}
