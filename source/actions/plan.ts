// Rules every service action's plan shares: what a change does to the running tasks, and
// the situations in which a change must be confirmed even when it looks harmless.
import {formatPolicyShort} from '../format/policy.js';
import {replacesTasks} from '../spec/diff.js';
import {editedSpec, type SpecEdit} from '../spec/edits.js';
import type {SwarmService, UpdateState} from '../swarm/types.js';
import type {PlanLine} from './action.js';

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

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}
