// Where a student is in an exercise, judged from the swarm's state alone: pure functions over
// the services and nodes the screen already reads. Nothing here asks the daemon: a step ticks
// on the next services poll (every 1-2 s, sooner on a swarm event), or on the next nodes read
// (at once on a node event, else every 15 s), whether the change came from swarmdeck's keys
// or from `docker` typed in another terminal.
import {displayImage} from '../spec/image-reference.js';
import {formatGoDuration} from '../spec/go-duration.js';
import {policyFieldLabels} from '../format/policy.js';
import type {SwarmNode, SwarmService, UpdatePolicy} from '../swarm/types.js';
import type {Check, Exercise} from './exercise.js';

/** What the checks read: the model's services and nodes, undefined until first read. */
export type SwarmState = {
	services: readonly SwarmService[] | undefined;
	nodes: readonly SwarmNode[] | undefined;
};

export type CheckResult = {
	met: boolean;
	/** What the check wants, in words: `dockercoins_hasher has 7 replicas`. */
	wants: string;
	/** What the swarm has now, when it is not what is wanted: `now 1`. */
	now?: string;
	/** Failed for the rest of this step: something happened that cannot be undone. */
	spoiled?: boolean;
};

export type ExerciseProgress = {
	/** The step under way, counted from 0; the number of steps once all are done. */
	step: number;
	/** The swarm as it was when the step began (for "since the step began" checks). */
	baseline?: SwarmState;
	/** The checks of the step under way, as of the last state seen. */
	results: readonly CheckResult[];
	/** Checks of this step broken for good (a task was replaced): by index. */
	spoiled: readonly number[];
	/** When each step ticked, by index. */
	tickedAt: readonly Date[];
};

/** What the check wants, in words. */
export function describeCheck(check: Check): string {
	switch (check.kind) {
		case 'replicas': {
			return `${check.service} has ${check.value} replica${check.value === 1 ? '' : 's'}`;
		}

		case 'runningTasks': {
			return `${check.service} runs ${check.value} task${check.value === 1 ? '' : 's'}`;
		}

		case 'image': {
			return `${check.service} runs the image ${check.value}`;
		}

		case 'updateState': {
			return check.value === 'none' ? `${check.service} has no update status` : `${check.service}'s update status is ${check.value}`;
		}

		case 'policy': {
			return `${check.service}'s ${check.policy} policy: ${describePolicy(check.value)}`;
		}

		case 'noTaskReplaced': {
			return `no task of ${check.service} replaced since this step began`;
		}

		case 'availability': {
			return `node ${check.node} is ${check.value}`;
		}

		case 'nodeState': {
			return `node ${check.node} is ${check.value}`;
		}
	}
}

function policyFieldText(field: keyof UpdatePolicy, value: UpdatePolicy[keyof UpdatePolicy]): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

function describePolicy(policy: Partial<UpdatePolicy>): string {
	return (Object.keys(policy) as Array<keyof UpdatePolicy>).map(field => `${policyFieldLabels[field]} ${policyFieldText(field, policy[field]!)}`).join(', ');
}

/**
 * What the tasks of a service are made from. The orchestrator replaces tasks only when the
 * task template (image, env, a forced update…) or the endpoint spec changes: the service list
 * the screen polls shows that, with no task list read for it. A task that dies and is
 * restarted on its own is not counted.
 */
function taskMaking(service: SwarmService): string {
	return JSON.stringify([service.spec.TaskTemplate ?? {}, service.spec['EndpointSpec'] ?? {}]);
}

/** Where the check stands in this state; `baseline` is the state when the step began. */
export function evaluateCheck(check: Check, state: SwarmState, baseline: SwarmState | undefined): CheckResult {
	const wants = describeCheck(check);
	if ('node' in check) {
		const node = state.nodes?.find(candidate => candidate.hostname === check.node || candidate.id === check.node);
		if (!node) {
			return {met: false, wants, now: state.nodes ? `no node named ${check.node}` : 'nodes not read yet'};
		}

		const value = check.kind === 'availability' ? node.availability : node.state;
		return value === check.value ? {met: true, wants} : {met: false, wants, now: `now ${value}`};
	}

	const service = state.services?.find(candidate => candidate.name === check.service);
	if (!service) {
		return {met: false, wants, now: state.services ? `no service named ${check.service}` : 'services not read yet'};
	}

	const compare = (now: string | number, wanted: string | number): CheckResult => now === wanted ? {met: true, wants} : {met: false, wants, now: `now ${now}`};
	switch (check.kind) {
		case 'replicas': {
			return service.replicas === undefined ? {met: false, wants, now: `${service.mode}, not replicated`} : compare(service.replicas, check.value);
		}

		case 'runningTasks': {
			return compare(service.runningTasks, check.value);
		}

		case 'image': {
			return compare(displayImage(service.image), displayImage(check.value));
		}

		case 'updateState': {
			return compare(service.updateStatus?.state ?? 'none', check.value);
		}

		case 'policy': {
			const policy = check.policy === 'update' ? service.updatePolicy : service.rollbackPolicy;
			const differ = (Object.keys(check.value) as Array<keyof UpdatePolicy>).filter(field => policy[field] !== check.value[field]);
			return differ.length === 0
				? {met: true, wants}
				: {met: false, wants, now: `now ${differ.map(field => `${policyFieldLabels[field]} ${policyFieldText(field, policy[field])}`).join(', ')}`};
		}

		case 'noTaskReplaced': {
			const before = baseline?.services?.find(candidate => candidate.id === service.id);
			if (!before) {
				return {met: false, wants, now: `${check.service} was not there when the step began`};
			}

			return taskMaking(before) === taskMaking(service)
				? {met: true, wants}
				: {met: false, wants, now: 'its tasks were replaced', spoiled: true};
		}
	}
}

export function startExercise(state: SwarmState): ExerciseProgress {
	return {step: 0, baseline: state.services ? state : undefined, results: [], spoiled: [], tickedAt: []};
}

/** Whether the exercise is done: every step ticked. */
export function isFinished(exercise: Exercise, progress: ExerciseProgress): boolean {
	return progress.step >= exercise.steps.length;
}

/**
 * The progress once the swarm is in `state`: the step ticks when all its checks hold at
 * once, and the next begins with this state as its baseline (and may tick at once too). A
 * spoiled check stays failed until the exercise is started again.
 */
export function advanceExercise(exercise: Exercise, progress: ExerciseProgress, state: SwarmState, now = new Date()): ExerciseProgress {
	if (!state.services) {
		return progress;
	}

	let current: ExerciseProgress = progress.baseline ? progress : {...progress, baseline: state};
	for (;;) {
		const step = exercise.steps[current.step];
		if (!step) {
			return current;
		}

		const results = step.checks.map((check, index) => {
			const result = evaluateCheck(check, state, current.baseline);
			return current.spoiled.includes(index) ? {...result, met: false, spoiled: true, now: result.now ?? 'its tasks were replaced'} : result;
		});
		const spoiled = results.flatMap((result, index) => result.spoiled ? [index] : []);
		if (!results.every(result => result.met)) {
			return {...current, results, spoiled};
		}

		current = {step: current.step + 1, baseline: state, results: [], spoiled: [], tickedAt: [...current.tickedAt, now]};
	}
}
