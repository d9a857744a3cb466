// The decisions of the service actions, straight from their declarations: what they send,
// what they say, and when they ask first.
import {describe, expect, it} from 'vitest';
import {serviceActionById, serviceActions} from '../../../source/actions/index.js';
import type {Decision, FormValues} from '../../../source/actions/action.js';
import type {RawServiceSpec, SwarmService} from '../../../source/swarm/types.js';
import {validationError} from '../../support/errors.js';
import {makeService} from '../../support/fake-client.js';

const second = 1_000_000_000;

function decide(actionId: string, service: SwarmService, values: FormValues = {}): Decision {
	return serviceActionById(actionId)!.decide(service, values);
}

const text = (decision: Decision) => decision.lines.map(line => line.text).join('\n');

function refusalOf(actionId: string, service: SwarmService): string | undefined {
	return serviceActionById(actionId)!.refusal?.(service);
}

const vote = () => makeService({name: 'vote', replicas: 4});

describe('every action', () => {
	it('has a unique ID, a key (or is typed in the palette), a description and a name for refusals', () => {
		const ids = serviceActions.map(action => action.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const action of serviceActions) {
			expect(action.keys.length > 0 || action.id === 'typedUpdate').toBe(true);
			expect(action.description).not.toBe('');
			expect(action.name).not.toBe('');
		}
	});
});

describe('scale', () => {
	it('sends the count typed, with the docker service scale command, without asking', () => {
		const decision = decide('scale', vote(), {replicas: '7'});
		expect(decision.write).toEqual({kind: 'update', edits: [{edit: {kind: 'replicas', replicas: 7}}]});
		expect(decision.command).toBe('docker service scale vote=7');
		expect(decision.confirm).toBe(false);
		expect(text(decision)).toContain('Tasks are added; no running task is replaced.');
		expect(decision.summary).toBe('vote scaled from 4 to 7 replicas');
	});

	it('asks before 0, bound to the spec shown', () => {
		const service = vote();
		const decision = decide('scale', service, {replicas: '0'});
		expect(decision.confirm).toBe(true);
		expect(decision.write).toMatchObject({basis: {specDigest: service.specDigest}});
		expect(text(decision)).toContain('This stops every task of vote');
	});

	it.each([
		[4, '41', true],
		[4, '40', false],
		[20, '101', true],
		[20, '100', false],
		[0, '5', false],
		[0, '101', true],
	])('from %i, asks before %s: %s (above ten times the count, or above 100)', (replicas, typed, asks) => {
		const decision = decide('scale', makeService({name: 'vote', replicas}), {replicas: typed});
		expect(decision.confirm).toBe(asks);
		expect(text(decision).includes('check the number')).toBe(asks);
	});

	it('refuses a global service in the CLI\'s words, and bad counts by the field', () => {
		expect(refusalOf('scale', makeService({name: 'agent', mode: 'global'}))).toContain('scale can only be used with replicated or replicated-job mode');
		expect(validationError(() => decide('scale', vote(), {replicas: 'abc'})).message).toBe('replicas: must be a whole number from 0 up, got "abc"');
		expect(validationError(() => decide('scale', vote(), {replicas: '4'})).message).toBe('replicas: vote already has 4 replicas');
	});

	it('on a job: never claims no task is replaced, says the job runs again, and asks first', () => {
		const job = makeService({name: 'migrate', mode: 'replicated-job', replicas: 3});
		const decision = decide('scale', job, {replicas: '5'});
		expect(decision.confirm).toBe(true);
		expect(text(decision)).toContain('migrate is a replicated-job service: every update runs the job again, 3 new tasks.');
		expect(text(decision)).not.toContain('no running task is replaced');
		expect(serviceActionById('scale')!.form!(job).note).toBe('A new count of completions runs the job again.');
	});

	it('during an update: warns that it replaces the spec a rollback returns to, and asks first', () => {
		const updating = makeService({name: 'vote', replicas: 4, updateStatus: {state: 'updating', message: 'update in progress'}});
		const decision = decide('scale', updating, {replicas: '5'});
		expect(decision.confirm).toBe(true);
		expect(text(decision)).toContain('vote is in the middle of an update: this change starts a new update, and the spec a rollback returns to becomes the one in force now, half-way.');
		const paused = makeService({name: 'vote', replicas: 4, updateStatus: {state: 'paused', message: 'update paused'}});
		expect(text(decide('scale', paused, {replicas: '5'}))).toContain('vote is in a paused update');
		const done = makeService({name: 'vote', replicas: 4, updateStatus: {state: 'completed', message: 'update completed'}});
		expect(decide('scale', done, {replicas: '5'}).confirm).toBe(false);
	});
});

describe('+ and -', () => {
	it('step from the count shown and remember it, so a count that moved meanwhile is not overwritten', () => {
		expect(decide('scaleUp', vote()).write).toEqual({kind: 'update', edits: [{edit: {kind: 'replicas', replicas: 5}, seen: '4'}]});
		expect(decide('scaleDown', vote()).write).toEqual({kind: 'update', edits: [{edit: {kind: 'replicas', replicas: 3}, seen: '4'}]});
	});

	it('ask before - reaches 0, and refuse - at 0', () => {
		const one = makeService({name: 'api', replicas: 1});
		expect(decide('scaleDown', one)).toMatchObject({confirm: true, title: 'Scale api to 0?'});
		expect(refusalOf('scaleDown', makeService({name: 'api', replicas: 0}))).toBe('api already has 0 replicas.');
		expect(refusalOf('scaleUp', makeService({name: 'api', replicas: 0}))).toBeUndefined();
	});
});

describe('policy', () => {
	const values = (changes: Record<string, string>) => changes;

	it('sends only the fields that differ, each with the value it was changed from', () => {
		const decision = decide('policy', vote(), values({'update.parallelism': '2', 'update.delay': '0s', 'rollback.failureAction': 'continue'}));
		expect(decision.write).toEqual({kind: 'update', edits: [
			{edit: {kind: 'policy', policy: 'update', field: 'parallelism', value: 2}, seen: '1'},
			{edit: {kind: 'policy', policy: 'rollback', field: 'failureAction', value: 'continue'}, seen: 'pause'},
		]});
		expect(decision.command).toBe('docker service update --update-parallelism 2 --rollback-failure-action continue vote');
		expect(decision.confirm).toBe(false);
		expect(decision.summary).toBe('vote: update-parallelism 1 → 2, rollback-failure-action pause → continue; no task is replaced');
	});

	it('reads durations as Go does: 5000ms is the 5s in force, nothing to save', () => {
		expect(validationError(() => decide('policy', vote(), values({'update.monitor': '5000ms'}))).sentence).toBe('Nothing to save: every value is already in force.');
	});

	it('refuses a bad value naming its flag', () => {
		expect(validationError(() => decide('policy', vote(), values({'update.delay': '10x'}))).message).toContain('update-delay: must be a duration');
		expect(validationError(() => decide('policy', vote(), values({'update.maxFailureRatio': '1.5'}))).message).toContain('update-max-failure-ratio: must be from 0 to 1');
		expect(validationError(() => decide('policy', vote(), values({'rollback.failureAction': 'rollback'}))).message).toContain('rollback-failure-action: must be one of continue, pause');
	});

	it('fills the form with the values in force and their choices', () => {
		const service = makeService({name: 'vote', spec: {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: 'x:1'}}, UpdateConfig: {Delay: 10 * second, Order: 'start-first'}}});
		const form = serviceActionById('policy')!.form!(service);
		const fields = form.groups.flatMap(group => group.fields);
		expect(Object.fromEntries(fields.map(field => [field.key, field.initial]))).toMatchObject({'update.delay': '10s', 'update.order': 'start-first', 'rollback.delay': '0s'});
		expect(fields.find(field => field.key === 'rollback.failureAction')?.choices).toEqual(['continue', 'pause']);
	});
});

describe('image, force and rollback', () => {
	it('image: asks first, bound to the spec shown, saying every task is replaced', () => {
		const service = vote();
		const decision = decide('image', service, {image: 'swarmdeck/vote:movies'});
		expect(decision).toMatchObject({confirm: true, command: 'docker service update --no-resolve-image --image swarmdeck/vote:movies vote'});
		expect(decision.write).toMatchObject({basis: {specDigest: service.specDigest}});
		expect(text(decision)).toContain('Every task (4) is replaced');
		expect(validationError(() => decide('image', service, {image: 'swarmdeck/vote:latest'})).message).toContain('already runs');
	});

	it('force: asks first, bound to the spec shown', () => {
		const decision = decide('force', vote());
		expect(decision).toMatchObject({confirm: true, command: 'docker service update --force vote', write: {edits: [{edit: {kind: 'force'}}]}});
	});

	it('rollback: lists every field that differs, whatever it is, and is bound to both specs', () => {
		const current: RawServiceSpec = {
			Name: 'vote',
			Labels: {team: 'blue'},
			TaskTemplate: {
				ContainerSpec: {Image: 'swarmdeck/vote:v2', Env: ['A=2'], Command: ['/app'], Secrets: [{SecretName: 's1', File: {Name: 's1'}}], User: 'nobody'},
				Placement: {Constraints: ['node.role==worker']},
				Resources: {Limits: {MemoryBytes: 1024}},
			},
			Mode: {Replicated: {Replicas: 5}},
			EndpointSpec: {Ports: [{TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp'}]},
		};
		const previous: RawServiceSpec = {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1'}}, Mode: {Replicated: {Replicas: 4}}};
		const service = makeService({name: 'vote', spec: current, previousSpec: previous});
		const decision = decide('rollback', service);
		expect(decision.write).toEqual({kind: 'rollback', basis: {specDigest: service.specDigest, previousSpecDigest: service.previousSpecDigest}});
		expect(decision.lines.map(line => line.text.trim().split(':')[0])).toEqual([
			'image', 'replicas', 'env', 'entrypoint', 'secrets', 'ports', 'constraints', 'resources', 'labels', 'TaskTemplate.ContainerSpec.User',
			'Tasks are replaced, following the rollback policy',
			'The swarm keeps one previous spec',
		]);
		expect(decision.summary).toBe('vote rolling back: image swarmdeck/vote:v2 → swarmdeck/vote:v1, replicas 5 → 4, env A=2 → (none) and 7 more');
	});

	it('rollback: refused without a previous spec', () => {
		expect(refusalOf('rollback', vote())).toBe('vote has no previous spec: there is nothing to roll back to (it was never updated, or an automatic rollback already used it).');
	});
});
