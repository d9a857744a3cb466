// Rules every service action's plan shares: what a change does to the running tasks, and
// the situations in which a change must be confirmed even when it looks harmless.
import {formatPolicyShort} from '../format/policy.js';
import {formatSeconds} from '../format/rollout.js';
import {replacesTasks} from '../spec/diff.js';
import {editedSpec, type SpecEdit} from '../spec/edits.js';
import type {SwarmService, SwarmTask, UpdatePolicy, UpdateState} from '../swarm/types.js';
import {formatGoDuration} from '../spec/go-duration.js';
import type {PlanLine} from './action.js';

/** A task's start time in words: whole seconds round a sub-second start down to "0s". */
function startTimeText(ms: number): string {
	return ms < 1000 ? 'under a second' : formatSeconds(ms);
}

export function isJob(service: SwarmService): boolean {
	return service.mode === 'replicated-job' || service.mode === 'global-job';
}

const updateInProgress: ReadonlySet<UpdateState> = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);

const stateWords: Record<UpdateState, string> = {
	updating: 'in the middle of an update',
	paused: 'in a paused update',
	completed: 'updated',
	rollback_started: 'in the middle of a rollback',
	rollback_paused: 'in a paused rollback',
	rollback_completed: 'rolled back',
};

/**
 * Lines that make any change to this service ask first, whatever it is: a job runs again
 * on every update, and a change during an update replaces the spec a rollback returns to.
 */
export function cautions(service: SwarmService): PlanLine[] {
	const lines: PlanLine[] = [];
	if (isJob(service)) {
		lines.push({text: `${service.name} is a ${service.mode} service: every update runs the job again, ${service.desiredTasks} new ${service.desiredTasks === 1 ? 'task' : 'tasks'}.`, tone: 'warning'});
	}

	const state = service.updateStatus?.state;
	if (state && updateInProgress.has(state)) {
		lines.push({
			text: `${service.name} is ${stateWords[state]}: this change starts a new update, and the spec a rollback returns to becomes the one in force now, half-way.`,
			tone: 'warning',
		});
	}

	return lines;
}

/** What the edits do to the running tasks, in one line. */
export function taskImpact(service: SwarmService, edits: readonly SpecEdit[]): PlanLine {
	if (isJob(service)) {
		return {text: `The job runs again: ${service.desiredTasks} new ${service.desiredTasks === 1 ? 'task' : 'tasks'}.`, tone: 'warning'};
	}

	if (!replacesTasks(service.spec, editedSpec(service.spec, edits))) {
		return {text: 'No task is replaced: only the service\'s settings change.', tone: 'muted'};
	}

	const count = service.desiredTasks;
	return {text: `Every task (${count}) is replaced, as the update policy says: ${formatPolicyShort(service.updatePolicy)}.`};
}

/**
 * What the edits do to the tasks and, when they replace them, how the rolling update will
 * go: its batches, how failures are watched, whether the service goes dark, and how long.
 */
export function replacementPlan(service: SwarmService, edits: readonly SpecEdit[], startMs?: number): PlanLine[] {
	return rollsOut(service, edits)
		? [{text: `Every task (${service.desiredTasks}) is replaced, as the update policy says (${formatPolicyShort(service.updatePolicy)}):`}, ...rollingUpdateLines(service.desiredTasks, service.updatePolicy, service.name, startMs)]
		: [taskImpact(service, edits)];
}

function rollsOut(service: SwarmService, edits: readonly SpecEdit[]): boolean {
	return !isJob(service) && replacesTasks(service.spec, editedSpec(service.spec, edits));
}

/** How long a rolling update may take, as the plan said: remembered to set beside the real duration. */
export type RolloutEstimate = {
	ms: number;
	/** The tasks' start time was not known: only the delays and the monitor are counted. */
	atLeast: boolean;
};

/**
 * The longest a running task of this service took from being created to running (Status.Timestamp
 * of a running task is when it got there; a health check holds it in `starting` until healthy):
 * how long a batch took to start last time. Undefined when no task runs.
 */
export function taskStartMs(tasks: readonly SwarmTask[]): number | undefined {
	const starts = tasks
		.filter(task => task.state === 'running' && task.desiredState === 'running')
		.map(task => task.stateSince.getTime() - task.createdAt.getTime())
		.filter(ms => Number.isFinite(ms) && ms >= 0);
	return starts.length === 0 ? undefined : Math.max(...starts);
}

/** Batches of `parallelism` (0: all at once) over `count` tasks. */
function batching(count: number, policy: UpdatePolicy): {batchSize: number; batches: number} {
	const batchSize = policy.parallelism === 0 ? count : Math.min(policy.parallelism, count);
	return {batchSize, batches: Math.ceil(count / batchSize)};
}

/** Each batch starts, then the delay; the last batch's monitor ends it. */
export function rolloutEstimateMs(count: number, policy: UpdatePolicy, startMs = 0): number {
	const {batches} = batching(count, policy);
	return (batches * ((policy.delay / 1e6) + startMs)) + (policy.monitor / 1e6);
}

/** The estimate the plan of these edits states, or undefined when they replace no task. */
export function rolloutEstimate(service: SwarmService, edits: readonly SpecEdit[], startMs?: number): RolloutEstimate | undefined {
	return rollsOut(service, edits) && service.desiredTasks > 0
		? {ms: rolloutEstimateMs(service.desiredTasks, service.updatePolicy, startMs), atLeast: startMs === undefined}
		: undefined;
}

const seconds = (nanoseconds: number) => formatGoDuration(nanoseconds);

/**
 * The rolling update that replaces `count` tasks under `policy`, in words, from what the
 * swarmkit updater does: batches of `parallelism` (0: all at once), `delay` slept after each
 * batch reaches running, a task that fails within `monitor` of starting counted, and the
 * failure action taken once failures / count exceeds the max failure ratio.
 */
export function rollingUpdateLines(count: number, policy: UpdatePolicy, name: string, startMs?: number): PlanLine[] {
	if (count === 0) {
		return [];
	}

	const {batchSize, batches} = batching(count, policy);
	const lines: PlanLine[] = [];
	const pace = batches === 1
		? `${plural(count, 'task')} at once${policy.parallelism === 0 ? ' (parallelism 0)' : ''}`
		: `${plural(count, 'task')} in ${plural(batches, 'batch', 'batches')} of ${batchSize}${policy.delay > 0 ? `, ${seconds(policy.delay)} apart` : ', one straight after another'}`;
	lines.push({text: `${pace}, ${policy.order}.`});

	if (policy.failureAction === 'continue') {
		lines.push({text: 'Failures are not watched (on failure continue): a broken image rolls through every task.', tone: 'warning'});
	} else {
		// Acts once failures / count > ratio: after floor(ratio × count) + 1 failures.
		const actsAfter = Math.floor(policy.maxFailureRatio * count) + 1;
		const action = policy.failureAction === 'rollback' ? 'rolls back' : 'pauses';
		lines.push(actsAfter > count
			? {text: `It never ${action} by itself: with max failure ratio ${policy.maxFailureRatio}, ${plural(count, 'task')} cannot fail often enough.`, tone: 'warning'}
			: {text: `A new task that stops within ${seconds(policy.monitor)} of running counts as failed; the update ${action} ${actsAfter === 1 ? 'on the first failure' : `after ${actsAfter} failures`}.`});
	}

	if (policy.order === 'stop-first' && batchSize === count) {
		lines.push({
			text: `${name} has no running task while ${count === 1 ? 'its one task is' : 'its tasks are'} replaced (stop-first, ${count === 1 ? '1 replica' : 'every task at once'}): down for as long as a new task takes to start${startMs === undefined ? '' : ` (${startTimeText(startMs)} last time)`}.`,
			tone: 'danger',
		});
	}

	if (startMs === undefined) {
		const fixed = (batches * policy.delay) + policy.monitor;
		lines.push({
			text: `Estimate: ${seconds(fixed)} (a delay after each batch, then the last batch's monitor) plus the time ${plural(batches, 'batch takes', 'batches take')} to start.`,
			tone: 'muted',
		});
	} else {
		const parts = [
			`${plural(batches, 'batch', 'batches')} × ${startTimeText(startMs)} to start, as its tasks took last time`,
			...(policy.delay > 0 ? [`a ${seconds(policy.delay)} delay after each`] : []),
			`the last batch's ${seconds(policy.monitor)} monitor`,
		];
		lines.push({text: `Estimate: about ${formatSeconds(rolloutEstimateMs(count, policy, startMs))} (${parts.join(', ')}).`, tone: 'muted'});
	}

	return lines;
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
