// How one task moves through its states on its node, as the agent reports them: new →
// pending → assigned → accepted → preparing → ready → starting → running, one step every
// `stepMs`; a task desired "ready" (the new task of a stop-first update) waits at ready; a
// task told to stop reaches shutdown after `stopMs`. An image marked broken fails its health
// check at starting, as swarmdeck/whoami:2.0 does on the lab. A task on a down node does not
// move at all: its agent cannot report.
import type {Node, Service, Task, TaskState} from './api-types.js';
import {stateRank} from './api-types.js';
import type {Clock, TimerHandle} from './clock.js';
import type {IdGenerator} from './ids.js';
import {attachmentsFor} from './networks.js';
import {imageOf, taskSpecOf} from './spec.js';
import type {Store} from './store.js';

export type Timings = {
	/** Engine time between two states of a starting task. */
	stepMs: number;
	/** From "desired shutdown" to shutdown for a task that runs. */
	stopMs: number;
	/** From starting to failed for an image whose health check fails. */
	healthFailMs: number;
};

export const defaultTimings: Timings = {stepMs: 100, stopMs: 500, healthFailMs: 2000};

/** Status.Message for each state, as swarmkit's agent writes them. */
const stateMessages: Partial<Record<TaskState, string>> = {
	new: 'created',
	pending: 'pending task scheduling',
	assigned: 'scheduler assigned task to node',
	accepted: 'accepted',
	preparing: 'preparing',
	ready: 'prepared',
	starting: 'starting',
	running: 'started',
	shutdown: 'shutdown',
	complete: 'finished',
};

const startSequence: TaskState[] = ['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'];

export const unhealthyError = 'task: non-zero exit (143): dockerexec: unhealthy container';

export type LifecycleHooks = {
	/** A node for a task leaving pending, or undefined when none fits. */
	place(task: Task, service: Service): Node | undefined;
	/** How many nodes exist, for the "no suitable node" message. */
	nodeCount(): number;
	reachedRunning(task: Task): void;
	stopped(task: Task): void;
	failed(task: Task): void;
};

export function isActive(task: Task): boolean {
	return stateRank(task.DesiredState) <= stateRank('running');
}

export function isFinished(task: Task): boolean {
	return stateRank(task.Status.State) > stateRank('running');
}

export class TaskLifecycle {
	private readonly timers = new Map<string, TimerHandle>();
	readonly brokenImages = new Set<string>();

	constructor(
		private readonly store: Store,
		private readonly clock: Clock,
		private readonly ids: IdGenerator,
		readonly timings: Timings,
		private readonly hooks: LifecycleHooks,
	) {}

	create(service: Service, options: {slot?: number; nodeId?: string; desired: 'running' | 'ready'}): Task {
		const now = this.store.stamp();
		const task: Task = {
			ID: this.ids.objectId(),
			Version: {Index: 0},
			CreatedAt: now,
			UpdatedAt: now,
			Labels: {},
			Spec: taskSpecOf(service.Spec),
			ServiceID: service.ID,
			...(options.slot === undefined ? {} : {Slot: options.slot}),
			...(options.nodeId === undefined ? {} : {NodeID: options.nodeId}),
			Status: {Timestamp: now, State: 'new', Message: 'created', PortStatus: {}},
			DesiredState: options.desired,
		};
		const attachments = attachmentsFor(this.store, service.Spec);
		if (attachments) {
			task.NetworksAttachments = attachments;
		}

		this.store.putTask(task);
		this.drive(task);
		return task;
	}

	/** Changes what the task should be, and lets it move towards that. */
	setDesired(task: Task, desired: TaskState): void {
		if (task.DesiredState !== desired) {
			this.store.writeTask(task, current => {
				current.DesiredState = desired;
			});
		}

		this.drive(task);
	}

	/** The task's container dies with `error` (a crash, a failed health check). */
	fail(task: Task, error: string, exitCode = 143): void {
		if (isFinished(task)) {
			return;
		}

		this.cancel(task);
		this.store.writeTask(task, current => {
			const message = current.Status.Message;
			current.Status = {
				...current.Status,
				Timestamp: this.store.stamp(),
				State: 'failed',
				Message: message,
				Err: error,
				...(current.Status.ContainerStatus ? {ContainerStatus: {...current.Status.ContainerStatus, PID: 0, ExitCode: exitCode}} : {}),
			};
			current.DesiredState = 'shutdown';
		});
		this.hooks.failed(task);
	}

	/** Schedules the task's next step, if it has one; a task on a down node waits. */
	drive(task: Task): void {
		this.cancel(task);
		if (isFinished(task) || this.onDownNode(task)) {
			return;
		}

		const state = task.Status.State;
		if (!isActive(task)) {
			const delay = state === 'running' ? this.timings.stopMs : this.timings.stepMs;
			this.later(task, delay, () => {
				this.setState(task, 'shutdown');
				this.hooks.stopped(task);
			});
			return;
		}

		const target: TaskState = task.DesiredState === 'ready' ? 'ready' : 'running';
		if (stateRank(state) >= stateRank(target)) {
			return;
		}

		if (state === 'starting' && this.brokenImages.has(imageOf({TaskTemplate: task.Spec} as Service['Spec']))) {
			this.later(task, this.timings.healthFailMs, () => {
				this.fail(task, unhealthyError);
			});
			return;
		}

		const next = startSequence[startSequence.indexOf(state) + 1]!;
		this.later(task, this.timings.stepMs, () => {
			if (next === 'assigned' && !task.NodeID) {
				const service = this.store.services.get(task.ServiceID);
				const node = service && this.hooks.place(task, service);
				if (!node) {
					this.waitForNode(task);
					return;
				}

				this.store.writeTask(task, current => {
					current.NodeID = node.ID;
				});
			}

			this.setState(task, next);
			if (next === 'running') {
				this.hooks.reachedRunning(task);
			} else {
				this.drive(task);
			}
		});
	}

	/** Tasks that wait in pending for a node: retried whenever nodes change. */
	readonly unplaced = new Set<string>();

	private waitForNode(task: Task): void {
		this.unplaced.add(task.ID);
		const total = this.hooks.nodeCount();
		const error = `no suitable node (${total} node${total === 1 ? '' : 's'} not available for new tasks)`;
		if (task.Status.State !== 'pending' || task.Status.Err !== error) {
			this.store.writeTask(task, current => {
				current.Status = {...current.Status, State: 'pending', Message: stateMessages.pending!, Err: error, Timestamp: this.store.stamp()};
			});
		}
	}

	retryUnplaced(): void {
		const waiting = [...this.unplaced];
		this.unplaced.clear();
		for (const id of waiting) {
			const task = this.store.tasks.get(id);
			if (task) {
				this.drive(task);
			}
		}
	}

	forget(task: Task): void {
		this.cancel(task);
		this.unplaced.delete(task.ID);
	}

	private onDownNode(task: Task): boolean {
		return task.NodeID !== undefined && this.store.nodes.get(task.NodeID)?.Status.State === 'down';
	}

	private setState(task: Task, state: TaskState): void {
		this.store.writeTask(task, current => {
			const status = {...current.Status};
			delete status.Err;
			const container = current.Status.ContainerStatus ?? (stateRank(state) >= stateRank('ready') ? {ContainerID: this.ids.containerId(), PID: 0, ExitCode: 0} : undefined);
			current.Status = {
				...status,
				Timestamp: this.store.stamp(),
				State: state,
				Message: stateMessages[state] ?? state,
				...(container ? {ContainerStatus: {...container, PID: state === 'running' ? 1000 + Math.floor(this.ids.next() * 30_000) : 0}} : {}),
			};
		});
	}

	private later(task: Task, delayMs: number, run: () => void): void {
		this.timers.set(task.ID, this.clock.schedule(delayMs, () => {
			this.timers.delete(task.ID);
			if (this.store.tasks.has(task.ID)) {
				run();
			}
		}));
	}

	private cancel(task: Task): void {
		this.timers.get(task.ID)?.cancel();
		this.timers.delete(task.ID);
	}
}
