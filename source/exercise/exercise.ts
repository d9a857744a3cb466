// A guided exercise, as read from its file: a title and steps, each with an instruction, the
// command a student would type, and the checks on the swarm's state that tick the step. The
// format is JSON (documented in lab/exercises/README.md): the checks are few and flat, and a
// parser of our own gives each mistake its line without a YAML dependency.
import {parseGoDuration} from '../spec/go-duration.js';
import {failureActionsFor} from '../spec/validate.js';
import {nodeAvailabilities, updateOrders, type NodeAvailability, type PolicyKind, type UpdatePolicy, type UpdateState} from '../swarm/types.js';
import {JsonSyntaxError, parseJsonWithLines, type JsonValue} from './json-lines.js';

export const checkableUpdateStates = ['none', 'updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed'] as const;
/** UpdateStatus.State, or `none` where the service has no UpdateStatus (never updated, or a no-op update). */
export type CheckableUpdateState = UpdateState | 'none';

export const nodeStates = ['ready', 'down', 'unknown', 'disconnected'] as const;

export type Check =
	| {kind: 'replicas' | 'runningTasks'; service: string; value: number}
	| {kind: 'image'; service: string; value: string}
	| {kind: 'updateState'; service: string; value: CheckableUpdateState}
	| {kind: 'policy'; service: string; policy: PolicyKind; value: Partial<UpdatePolicy>}
	| {kind: 'noTaskReplaced'; service: string}
	| {kind: 'availability'; node: string; value: NodeAvailability}
	| {kind: 'nodeState'; node: string; value: (typeof nodeStates)[number]};

export type ExerciseStep = {
	instruction: string;
	/** What a student would type in a shell to do it (swarmdeck's keys do the same). */
	command?: string;
	/** All must hold at once for the step to tick. */
	checks: readonly Check[];
};

export type Exercise = {
	title: string;
	about?: string;
	steps: readonly ExerciseStep[];
};

/** An exercise as loaded from its file: loading the same file again is a new run. */
export type LoadedExercise = {exercise: Exercise; file: string; loadedAt: Date};

/** A file that is not an exercise, with the line of the mistake. */
export class ExerciseFileError extends Error {}

type Located = {value: JsonValue; path: string};

/** What each check's condition key takes, and how it becomes a Check. */
const serviceConditions = ['replicas', 'runningTasks', 'image', 'updateState', 'updatePolicy', 'rollbackPolicy', 'noTaskReplaced'] as const;
const nodeConditions = ['availability', 'state'] as const;
const policyFields = ['parallelism', 'delay', 'failureAction', 'monitor', 'maxFailureRatio', 'order'] as const;

/** Reads an exercise file's text; `name` is how errors name the file. Throws ExerciseFileError. */
export function parseExercise(source: string, name: string): Exercise {
	let parsed;
	try {
		parsed = parseJsonWithLines(source);
	} catch (error) {
		if (error instanceof JsonSyntaxError) {
			throw new ExerciseFileError(`${name} line ${error.line}: ${error.message} (exercise files are JSON).`);
		}

		throw error;
	}

	const lineOf = (path: string) => parsed.lines.get(path) ?? 1;
	const fail = (at: Located | string, message: string): never => {
		throw new ExerciseFileError(`${name} line ${lineOf(typeof at === 'string' ? at : at.path)}: ${message}.`);
	};

	const child = (parent: Located, key: string | number): Located | undefined => {
		const {value} = parent;
		const path = parent.path === '' ? String(key) : `${parent.path}.${key}`;
		if (Array.isArray(value) && typeof key === 'number') {
			return key < value.length ? {value: value[key]!, path} : undefined;
		}

		if (isObject(value) && typeof key === 'string' && Object.hasOwn(value, key)) {
			return {value: value[key]!, path};
		}

		return undefined;
	};

	const objectAt = (at: Located, what: string, allowed: readonly string[]): Record<string, JsonValue> => {
		if (!isObject(at.value)) {
			return fail(at, `${what} must be an object ({…})`);
		}

		const extra = Object.keys(at.value).find(key => !allowed.includes(key));
		if (extra !== undefined) {
			return fail(child(at, extra)!, `${what} has no field "${extra}" (it takes ${allowed.map(key => `"${key}"`).join(', ')})`);
		}

		return at.value;
	};

	const text = (at: Located | undefined, what: string, parentPath: string): string => {
		if (at === undefined) {
			return fail(parentPath, `${what} is missing`);
		}

		if (typeof at.value !== 'string' || at.value.trim() === '') {
			return fail(at, `${what} must be a text in double quotes, not empty`);
		}

		return at.value;
	};

	const wholeNumber = (at: Located, what: string): number => {
		if (typeof at.value !== 'number' || !Number.isInteger(at.value) || at.value < 0) {
			return fail(at, `${what} must be a whole number, 0 or more`);
		}

		return at.value;
	};

	const oneOf = <T extends string>(at: Located, what: string, choices: readonly T[]): T => {
		if (typeof at.value !== 'string' || !(choices as readonly string[]).includes(at.value)) {
			return fail(at, `${what} must be one of ${choices.join(', ')}`);
		}

		return at.value as T;
	};

	const policyValue = (at: Located, kind: PolicyKind): Partial<UpdatePolicy> => {
		const what = kind === 'update' ? 'updatePolicy' : 'rollbackPolicy';
		const fields = objectAt(at, what, policyFields);
		if (Object.keys(fields).length === 0) {
			fail(at, `${what} names no field (it takes ${policyFields.join(', ')})`);
		}

		const policy: Partial<UpdatePolicy> = {};
		for (const field of Object.keys(fields) as Array<(typeof policyFields)[number]>) {
			const value = child(at, field)!;
			switch (field) {
				case 'parallelism': {
					policy.parallelism = wholeNumber(value, 'parallelism');
					break;
				}

				case 'delay':
				case 'monitor': {
					const nanoseconds = typeof value.value === 'string' ? parseGoDuration(value.value) : undefined;
					if (nanoseconds === undefined || nanoseconds < 0) {
						fail(value, `${field} must be a duration such as "10s", "1m30s" or "0s"`);
					}

					policy[field] = nanoseconds;
					break;
				}

				case 'maxFailureRatio': {
					if (typeof value.value !== 'number' || value.value < 0 || value.value > 1) {
						fail(value, 'maxFailureRatio must be a number from 0 to 1, such as 0.25');
					}

					policy.maxFailureRatio = value.value as number;
					break;
				}

				case 'failureAction': {
					policy.failureAction = oneOf(value, 'failureAction', failureActionsFor(kind));
					break;
				}

				case 'order': {
					policy.order = oneOf(value, 'order', updateOrders);
					break;
				}
			}
		}

		return policy;
	};

	const check = (at: Located): Check => {
		const fields = objectAt(at, 'a check', ['service', 'node', ...serviceConditions, ...nodeConditions]);
		const subject = (['service', 'node'] as const).filter(key => key in fields);
		if (subject.length !== 1) {
			return fail(at, 'a check names either a "service" or a "node", one of them');
		}

		const conditions = subject[0] === 'service' ? serviceConditions : nodeConditions;
		const given = Object.keys(fields).filter(key => key !== subject[0]);
		const wrong = given.find(key => !(conditions as readonly string[]).includes(key));
		if (wrong !== undefined) {
			return fail(child(at, wrong)!, `a check on a ${subject[0]} takes ${conditions.map(key => `"${key}"`).join(', ')}, not "${wrong}"`);
		}

		if (given.length !== 1) {
			return fail(at, `a check tests one thing: give one of ${conditions.map(key => `"${key}"`).join(', ')} (write two checks for two)`);
		}

		const condition = given[0]!;
		const value = child(at, condition)!;
		if (subject[0] === 'node') {
			const node = text(child(at, 'node'), '"node"', at.path);
			return condition === 'availability'
				? {kind: 'availability', node, value: oneOf(value, 'availability', nodeAvailabilities)}
				: {kind: 'nodeState', node, value: oneOf(value, 'state', nodeStates)};
		}

		const service = text(child(at, 'service'), '"service"', at.path);
		switch (condition as (typeof serviceConditions)[number]) {
			case 'replicas':
			case 'runningTasks': {
				return {kind: condition as 'replicas' | 'runningTasks', service, value: wholeNumber(value, condition)};
			}

			case 'image': {
				return {kind: 'image', service, value: text(value, 'image', at.path)};
			}

			case 'updateState': {
				return {kind: 'updateState', service, value: oneOf(value, 'updateState', checkableUpdateStates)};
			}

			case 'updatePolicy':
			case 'rollbackPolicy': {
				const policy = condition === 'updatePolicy' ? 'update' : 'rollback';
				return {kind: 'policy', service, policy, value: policyValue(value, policy)};
			}

			case 'noTaskReplaced': {
				if (value.value !== true) {
					fail(value, 'noTaskReplaced takes only true');
				}

				return {kind: 'noTaskReplaced', service};
			}
		}
	};

	const root: Located = {value: parsed.value, path: ''};
	const top = objectAt(root, 'an exercise', ['title', 'about', 'steps']);
	const title = text(child(root, 'title'), '"title"', '');
	const about = 'about' in top ? text(child(root, 'about'), '"about"', '') : undefined;
	const stepsAt = child(root, 'steps');
	if (stepsAt === undefined || !Array.isArray(stepsAt.value) || stepsAt.value.length === 0) {
		return fail(stepsAt ?? '', '"steps" must be a list of one step or more');
	}

	const steps = stepsAt.value.map((_, index): ExerciseStep => {
		const stepAt = child(stepsAt, index)!;
		const step = objectAt(stepAt, 'a step', ['instruction', 'command', 'checks']);
		const checksAt = child(stepAt, 'checks');
		if (checksAt === undefined || !Array.isArray(checksAt.value) || checksAt.value.length === 0) {
			return fail(checksAt ?? stepAt, 'a step needs "checks": a list of one check or more, or it could never tick');
		}

		return {
			instruction: text(child(stepAt, 'instruction'), 'a step\'s "instruction"', stepAt.path),
			...('command' in step ? {command: text(child(stepAt, 'command'), '"command"', stepAt.path)} : {}),
			checks: checksAt.value.map((__, checkIndex) => check(child(checksAt, checkIndex)!)),
		};
	});

	return {title, ...(about === undefined ? {} : {about}), steps};
}

function isObject(value: JsonValue): value is Record<string, JsonValue> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
