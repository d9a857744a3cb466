// The checks are pure functions of the services and nodes on screen; each shipped exercise is
// walked here through the states the lab goes through (as `docker service inspect` shows them
// on the lab, one poll after another), including the slow ones the end-to-end tests leave out.
import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {parseExercise, type Exercise} from '../../../source/exercise/exercise.js';
import {advanceExercise, evaluateCheck, isFinished, startExercise, type ExerciseProgress, type SwarmState} from '../../../source/exercise/progress.js';
import {exercisePanelLines} from '../../../source/format/exercise.js';
import {defaultUpdatePolicy, type SwarmNode, type SwarmService, type UpdateState} from '../../../source/swarm/types.js';
import {makeService} from '../../support/fake-client.js';

const exercisesFolder = fileURLToPath(new URL('../../../lab/exercises/', import.meta.url));
const shipped = (file: string): Exercise => parseExercise(readFileSync(exercisesFolder + file, 'utf8'), file);

const node = (hostname: string, availability: SwarmNode['availability'] = 'active', state: SwarmNode['state'] = 'ready'): SwarmNode => ({
	id: `id-${hostname}`, hostname, role: 'worker', availability, state, address: '10.0.0.1', isLeader: false, version: 1, specDigest: 'x', engineVersion: '20.10.24', labels: {},
});

const nodes = [node('node1'), node('node2'), node('node3')];

/** A lab service as a poll shows it. `state` is UpdateStatus.State. */
function service(name: string, {replicas = 1, running = replicas, image, state, policy = {}, rollbackPolicy = {}}: {replicas?: number; running?: number; image: string; state?: UpdateState; policy?: Partial<SwarmService['updatePolicy']>; rollbackPolicy?: Partial<SwarmService['updatePolicy']>}): SwarmService {
	return makeService({
		name,
		replicas,
		runningTasks: running,
		desiredTasks: replicas,
		image,
		updatePolicy: {...defaultUpdatePolicy, ...policy},
		rollbackPolicy: {...defaultUpdatePolicy, ...rollbackPolicy},
		...(state ? {updateStatus: {state, message: state}} : {}),
	});
}

const swarm = (...services: SwarmService[]): SwarmState => ({services, nodes});

/** Feeds the states in order; returns the step reached after each. */
function walk(exercise: Exercise, states: readonly SwarmState[]): {steps: number[]; progress: ExerciseProgress} {
	let progress = startExercise(states[0]!);
	const steps: number[] = [];
	for (const state of states) {
		progress = advanceExercise(exercise, progress, state);
		steps.push(progress.step);
	}

	return {steps, progress};
}

describe('a check', () => {
	const vote = service('vote', {replicas: 4, image: 'swarmdeck/vote:latest@sha256:' + 'a'.repeat(64), state: 'completed', policy: {delay: 3_000_000_000}});
	const state = swarm(vote);
	it('reads the service by name, and says what it has when it is not met', () => {
		expect(evaluateCheck({kind: 'replicas', service: 'vote', value: 4}, state, state)).toEqual({met: true, wants: 'vote has 4 replicas'});
		expect(evaluateCheck({kind: 'replicas', service: 'vote', value: 7}, state, state)).toEqual({met: false, wants: 'vote has 7 replicas', now: 'now 4'});
		expect(evaluateCheck({kind: 'replicas', service: 'votes', value: 7}, state, state).now).toBe('no service named votes');
		expect(evaluateCheck({kind: 'replicas', service: 'vote', value: 7}, {services: undefined, nodes: undefined}, undefined).now).toBe('services not read yet');
	});

	it('compares images as `docker service ps` shows them: a pinned digest does not count', () => {
		expect(evaluateCheck({kind: 'image', service: 'vote', value: 'swarmdeck/vote:latest'}, state, state).met).toBe(true);
		expect(evaluateCheck({kind: 'image', service: 'vote', value: 'docker.io/swarmdeck/vote:latest'}, state, state).met).toBe(true);
		expect(evaluateCheck({kind: 'image', service: 'vote', value: 'swarmdeck/vote:indent'}, state, state)).toMatchObject({met: false, now: 'now swarmdeck/vote:latest'});
	});

	it('reads the update state, `none` where there is none', () => {
		expect(evaluateCheck({kind: 'updateState', service: 'vote', value: 'completed'}, state, state).met).toBe(true);
		const never = swarm(service('vote', {image: 'x:1'}));
		expect(evaluateCheck({kind: 'updateState', service: 'vote', value: 'none'}, never, never).met).toBe(true);
		expect(evaluateCheck({kind: 'updateState', service: 'vote', value: 'updating'}, never, never).now).toBe('now none');
	});

	it('reads only the policy fields it names, durations in Go\'s words', () => {
		expect(evaluateCheck({kind: 'policy', service: 'vote', policy: 'update', value: {delay: 3_000_000_000}}, state, state).met).toBe(true);
		expect(evaluateCheck({kind: 'policy', service: 'vote', policy: 'update', value: {delay: 5_000_000_000, parallelism: 1}}, state, state))
			.toEqual({met: false, wants: 'vote\'s update policy: delay 5s, parallelism 1', now: 'now delay 3s'});
		expect(evaluateCheck({kind: 'policy', service: 'vote', policy: 'rollback', value: {delay: 3_000_000_000}}, state, state).met).toBe(false);
	});

	it('tells a replaced task by the task template, and not by replicas or policy', () => {
		const scaled = swarm(service('vote', {replicas: 9, image: vote.image, policy: {parallelism: 2, maxFailureRatio: 0.25}}));
		expect(evaluateCheck({kind: 'noTaskReplaced', service: 'vote'}, scaled, state).met).toBe(true);
		const updated = swarm(service('vote', {replicas: 4, image: 'swarmdeck/vote:indent'}));
		expect(evaluateCheck({kind: 'noTaskReplaced', service: 'vote'}, updated, state)).toMatchObject({met: false, spoiled: true});
		const forced = swarm({...vote, spec: {...vote.spec, TaskTemplate: {...vote.spec.TaskTemplate, ForceUpdate: 1}}});
		expect(evaluateCheck({kind: 'noTaskReplaced', service: 'vote'}, forced, state).met).toBe(false);
		expect(evaluateCheck({kind: 'noTaskReplaced', service: 'vote'}, state, swarm()).now).toBe('vote was not there when the step began');
	});

	it('reads a node by hostname', () => {
		const drained = {services: [], nodes: [node('node1'), node('node3', 'drain', 'down')]};
		expect(evaluateCheck({kind: 'availability', node: 'node3', value: 'drain'}, drained, drained).met).toBe(true);
		expect(evaluateCheck({kind: 'availability', node: 'node1', value: 'drain'}, drained, drained)).toMatchObject({met: false, now: 'now active'});
		expect(evaluateCheck({kind: 'nodeState', node: 'node3', value: 'down'}, drained, drained).met).toBe(true);
		expect(evaluateCheck({kind: 'availability', node: 'node9', value: 'drain'}, drained, drained).now).toBe('no node named node9');
	});
});

describe('the progress of an exercise', () => {
	const exercise = shipped('2-policy-no-op.json');
	const hasher = (options: Partial<Parameters<typeof service>[1]> = {}) => service('dockercoins_hasher', {image: 'dockercoins/hasher:v0.1', ...options});

	it('waits for the services before it begins, and ticks when every check holds at once', () => {
		let progress = startExercise({services: undefined, nodes: undefined});
		progress = advanceExercise(exercise, progress, {services: undefined, nodes: undefined});
		expect(progress.baseline).toBeUndefined();
		progress = advanceExercise(exercise, progress, swarm(hasher()));
		expect(progress.step).toBe(0);
		expect(progress.results.map(result => result.met)).toEqual([false, true]);
		progress = advanceExercise(exercise, progress, swarm(hasher({policy: {parallelism: 2}})));
		expect(progress.step).toBe(0);
		progress = advanceExercise(exercise, progress, swarm(hasher({policy: {parallelism: 2, maxFailureRatio: 0.25}})), new Date('2026-12-07T03:00:00Z'));
		expect(isFinished(exercise, progress)).toBe(true);
		expect(progress.tickedAt).toEqual([new Date('2026-12-07T03:00:00Z')]);
	});

	it('fails the step for good when a task was replaced, even if the template comes back', () => {
		const {steps, progress} = walk(exercise, [
			swarm(hasher()),
			swarm(hasher({image: 'dockercoins/hasher:v0.2', state: 'updating'})),
			swarm(hasher({state: 'rollback_completed', policy: {parallelism: 2, maxFailureRatio: 0.25}})),
		]);
		expect(steps).toEqual([0, 0, 0]);
		expect(progress.results[1]).toMatchObject({met: false, spoiled: true});
		expect(exercisePanelLines(exercise, progress, 200).at(-1)!.text).toBe('✗ no task of dockercoins_hasher replaced since this step began (its tasks were replaced: load the exercise again to start over)');
	});
});

describe('the shipped exercises, walked through the lab\'s states', () => {
	it('are all here and all read', () => {
		const files = readdirSync(exercisesFolder).filter(file => file.endsWith('.json')).sort();
		expect(files).toEqual(['1-scale.json', '2-policy-no-op.json', '3-update-delay.json', '4-rollback-twice.json', '5-auto-rollback.json']);
		for (const file of files) {
			expect(shipped(file).steps.length).toBeGreaterThan(0);
		}
	});

	it('1: scale the hasher to 7', () => {
		const hasher = (replicas: number, running: number) => service('dockercoins_hasher', {replicas, running, image: 'dockercoins/hasher:v0.1'});
		const {steps} = walk(shipped('1-scale.json'), [swarm(hasher(1, 1)), swarm(hasher(7, 1)), swarm(hasher(7, 4)), swarm(hasher(7, 7))]);
		expect(steps).toEqual([0, 1, 1, 2]);
	});

	it('3: an update delay, then an image rolling out slot by slot', () => {
		const vote = (options: Partial<Parameters<typeof service>[1]>) => service('vote', {replicas: 4, image: 'swarmdeck/vote:latest', ...options});
		const delayed = {delay: 3_000_000_000};
		const {steps} = walk(shipped('3-update-delay.json'), [
			swarm(vote({})),
			swarm(vote({policy: delayed})),
			swarm(vote({policy: delayed, image: 'swarmdeck/vote:indent', state: 'updating', running: 3})),
			swarm(vote({policy: delayed, image: 'swarmdeck/vote:indent', state: 'updating', running: 4})),
			swarm(vote({policy: delayed, image: 'swarmdeck/vote:indent', state: 'completed', running: 4})),
		]);
		expect(steps).toEqual([0, 1, 2, 2, 3]);
	});

	it('4: roll back, then roll back again', () => {
		const rng = (image: string, state?: UpdateState) => service('dockercoins_rng', {image: `dockercoins/rng:${image}`, state});
		const {steps} = walk(shipped('4-rollback-twice.json'), [
			swarm(rng('v0.1')),
			swarm(rng('v0.2', 'updating')),
			swarm(rng('v0.2', 'completed')),
			swarm(rng('v0.1', 'rollback_started')),
			swarm(rng('v0.1', 'rollback_completed')),
			swarm(rng('v0.2', 'rollback_started')),
			swarm(rng('v0.2', 'rollback_completed')),
		]);
		expect(steps).toEqual([0, 0, 1, 1, 2, 2, 3]);
	});

	it('5: whoami 2.0 rolls back by itself', () => {
		const policy = {failureAction: 'rollback' as const, delay: 10_000_000_000, monitor: 10_000_000_000};
		const whoami = (image: string, state?: UpdateState, running = 3) => service('whoami', {replicas: 3, running, image: `swarmdeck/whoami:${image}`, state, policy});
		const {steps} = walk(shipped('5-auto-rollback.json'), [
			swarm(whoami('1.0')),
			swarm(whoami('2.0', 'updating', 2)),
			swarm(whoami('2.0', 'updating', 3)),
			swarm(whoami('1.0', 'rollback_started', 2)),
			swarm(whoami('1.0', 'rollback_completed')),
		]);
		expect(steps).toEqual([0, 1, 1, 1, 2]);
	});
});
