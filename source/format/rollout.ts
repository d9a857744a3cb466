// Where a rolling update stands, in the spirit of the CLI's converge display
// (docker/cli service/progress): per slot the newest up-to-date task, its state as a step
// from new to running, and an overall count. Pure: the model feeds it up-to-date tasks.
import type {SwarmEvent, SwarmNode, SwarmService, SwarmTask, TaskState, UpdatePolicy, UpdateState} from '../swarm/types.js';
import {formatGoDuration} from '../spec/go-duration.js';
import {humanDuration} from './human-duration.js';

/** A task's state as a step on the way to running; finished states rank after it. */
export const stateSteps: Partial<Record<TaskState, number>> = {
	new: 1,
	allocated: 2,
	pending: 3,
	assigned: 4,
	accepted: 5,
	preparing: 6,
	ready: 7,
	starting: 8,
	running: 9,
	complete: 10,
	shutdown: 11,
	failed: 12,
	rejected: 13,
};

export const runningStep = 9;

/** How long the panel stays after a rollout settles, so its end is seen. */
export const settledDisplayMs = 10_000;

/** More slots than this collapse to the overall line, as the CLI does above 20. */
export const maxSlotBars = 20;

export type SlotProgress = {
	/** `2/4` for replicated services, the node's hostname for global ones. */
	label: string;
	/** `waiting`: the slot has no task of the new spec yet. */
	state: TaskState | 'waiting';
	step: number;
	error?: string;
	running: boolean;
};

export type RolloutPhase = 'updating' | 'rolling back' | 'paused' | 'rollback paused' | 'completed' | 'rolled back';

export type RolloutProgress = {
	phase: RolloutPhase;
	state: UpdateState;
	/** `overall progress: 2 out of 4 tasks` or `rolling back update: 1 out of 4 tasks`. */
	headline: string;
	running: number;
	total: number;
	slots: SlotProgress[];
	/** The policy the daemon is applying: the rollback policy while rolling back. */
	policy: UpdatePolicy;
	message: string;
	startedAt?: Date;
	completedAt?: Date;
};

const phases: Record<UpdateState, RolloutPhase> = {
	updating: 'updating',
	rollback_started: 'rolling back',
	paused: 'paused',
	rollback_paused: 'rollback paused',
	completed: 'completed',
	rollback_completed: 'rolled back',
};

const isRollbackState = (state: UpdateState) => state.startsWith('rollback');

/** Whether the rollout panel belongs on screen now: while it runs, while paused, and briefly after. */
export function showsRollout(service: SwarmService, now: Date): boolean {
	const status = service.updateStatus;
	if (!status) {
		return false;
	}

	if (status.state === 'completed' || status.state === 'rollback_completed') {
		return status.completedAt !== undefined && now.getTime() - status.completedAt.getTime() < settledDisplayMs;
	}

	return true;
}

const step = (state: TaskState) => stateSteps[state] ?? 0;

/**
 * The task that speaks for each slot (or node): among up-to-date tasks, the one with the
 * lowest desired state, then the furthest along; tasks on nodes that are down are skipped.
 */
export function tasksBySlot(tasks: readonly SwarmTask[], nodes: readonly SwarmNode[], mode: SwarmService['mode']): Map<string, SwarmTask> {
	const down = new Set(nodes.filter(node => node.state === 'down').map(node => node.id));
	const bySlot = new Map<string, SwarmTask>();
	for (const task of tasks) {
		if (step(task.desiredState) === 0 || step(task.state) === 0 || (task.nodeId && down.has(task.nodeId))) {
			continue;
		}

		const key = mode === 'global' ? task.nodeId ?? '' : String(task.slot ?? 0);
		const existing = bySlot.get(key);
		if (existing) {
			const desired = step(task.desiredState) - step(existing.desiredState);
			if (desired > 0 || (desired === 0 && step(task.state) <= step(existing.state))) {
				continue;
			}
		}

		bySlot.set(key, task);
	}

	return bySlot;
}

export function rolloutProgress(service: SwarmService, upToDateTasks: readonly SwarmTask[], nodes: readonly SwarmNode[]): RolloutProgress | undefined {
	const status = service.updateStatus;
	if (!status) {
		return undefined;
	}

	const bySlot = tasksBySlot(upToDateTasks, nodes, service.mode);
	const hostnames = new Map(nodes.map(node => [node.id, node.hostname]));
	const total = service.mode === 'global' ? bySlot.size : service.replicas ?? bySlot.size;
	const global = service.mode === 'global';
	const keys = [...bySlot.keys()].sort((a, b) => global
		? (hostnames.get(a) ?? a).localeCompare(hostnames.get(b) ?? b)
		: Number(a) - Number(b));
	// Bars carry the task's own slot, so `3/4` is `vote.3` in the table below, when the slots
	// are 1…N as usual; odd numbers (left by earlier scaling) are counted in order, as the CLI does.
	const ownNumbers = !global && keys.every(key => Number(key) >= 1 && Number(key) <= total);
	const slots: Array<SlotProgress & {order: number}> = keys.map((key, index) => {
		const task = bySlot.get(key)!;
		const number = ownNumbers ? Number(key) : index + 1;
		return {
			label: global ? hostnames.get(key) ?? key.slice(0, 12) : `${number}/${total}`,
			order: global ? index : number,
			state: task.state,
			step: Math.min(step(task.state), runningStep),
			error: task.error,
			running: task.state === 'running' && step(task.desiredState) <= runningStep,
		};
	});
	// Slots still on the old spec have no up-to-date task yet: they wait with an empty bar
	// (the CLI draws one for every replica from the start), under the slot numbers not seen.
	for (let slot = 1; !global && slots.length < total; slot++) {
		if (!slots.some(shown => shown.order === slot)) {
			slots.push({label: `${slot}/${total}`, order: slot, state: 'waiting', step: 0, running: false});
		}
	}

	slots.sort((a, b) => a.order - b.order);
	const running = slots.filter(slot => slot.running).length;
	const rollback = isRollbackState(status.state);
	return {
		phase: phases[status.state],
		state: status.state,
		headline: rollback ? `rolling back update: ${running} out of ${total} tasks` : `overall progress: ${running} out of ${total} tasks`,
		running,
		total,
		slots: slots.map(({order: _order, ...slot}) => slot),
		policy: rollback ? service.rollbackPolicy : service.updatePolicy,
		message: status.message,
		startedAt: status.startedAt,
		completedAt: status.completedAt,
	};
}

/** `[=========>          ]`: a step out of the nine on the way to running. */
export function progressBar(currentStep: number, width: number, totalSteps = runningStep): string {
	const inner = Math.max(3, width - 2);
	const filled = Math.round((Math.min(currentStep, totalSteps) / totalSteps) * inner);
	if (filled >= inner) {
		return `[${'='.repeat(inner)}]`;
	}

	return `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(inner - Math.max(filled, 0))}]`;
}

/** Cuts an error like the CLI's progress display: one line, 75 characters at most. */
export function progressError(error: string): string {
	const line = error.replaceAll('\n', ' ');
	return line.length > 75 ? `${line.slice(0, 74)}…` : line;
}

export function ago(date: Date | undefined, now: Date): string {
	return date ? `${humanDuration(now.getTime() - date.getTime()).toLowerCase()} ago` : 'unknown';
}

/** The compact form for the services screen: `updating 2/4`, `rolled back`. */
export function rolloutBadge(service: SwarmService, counts?: {running: number; total: number}): string {
	const state = service.updateStatus?.state;
	if (!state) {
		return '';
	}

	const phase = phases[state];
	return (state === 'updating' || state === 'rollback_started') && counts ? `${phase} ${counts.running}/${counts.total}` : phase;
}

const finishedStates = new Set(['', 'completed', 'rollback_completed']);

/**
 * The update states this rollout went through, oldest first, read from swarm events:
 * `updating → rollback_started → rollback_completed`. Some states last less than a poll
 * (an automatic rollback can start and end within 100 ms), but each one sends an event.
 */
export function updateStatePath(events: readonly SwarmEvent[], serviceId: string): string[] {
	// Events come newest first: follow the chain of changes back to where the rollout began.
	const newestFirst: string[] = [];
	for (const event of events) {
		const next = event.attributes['updatestate.new'];
		if (event.type !== 'service' || event.id !== serviceId || next === undefined) {
			continue;
		}

		if (newestFirst.length === 0) {
			newestFirst.push(next);
		} else if (newestFirst.at(-1) !== next) {
			break;
		}

		const previous = event.attributes['updatestate.old'] ?? '';
		if (finishedStates.has(previous) || newestFirst.length > 8) {
			break;
		}

		newestFirst.push(previous);
	}

	return newestFirst.reverse();
}

/** Whole seconds, as Go writes a duration: `45s`, `1m30s`. */
export function formatSeconds(ms: number): string {
	return formatGoDuration(Math.max(0, Math.round(ms / 1000)) * 1e9);
}

/** The estimate a confirmation showed, and when its write was sent. */
export type ShownEstimate = {ms: number; atLeast: boolean; sentAt: Date};

/** The manager's clock and this machine's may differ this much and the estimate still be this rollout's. */
export const estimateClockSlackMs = 30_000;

/**
 * How long the rollout took (UpdateStatus StartedAt → CompletedAt) beside the estimate the
 * confirmation showed, when this rollout is the one that write started: `took 42s, estimated
 * about 40s`. While it runs, the estimate alone; nothing when neither is known.
 */
export function rolloutTiming(rollout: RolloutProgress, estimate?: ShownEstimate): string | undefined {
	const ours = estimate && rollout.startedAt && rollout.startedAt.getTime() >= estimate.sentAt.getTime() - estimateClockSlackMs;
	const estimated = ours ? `estimated ${estimate.atLeast ? 'at least' : 'about'} ${formatSeconds(estimate.ms)}` : undefined;
	if (rollout.startedAt && rollout.completedAt) {
		// A rollback's end is not the update's: its time is how long until it was over.
		const took = `${rollout.phase === 'completed' ? 'took' : 'over after'} ${formatSeconds(rollout.completedAt.getTime() - rollout.startedAt.getTime())}`;
		return estimated ? `${took}, ${estimated}` : took;
	}

	return estimated;
}
