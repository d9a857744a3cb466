import {describe, expect, it} from 'vitest';
import {applyEdit, currentValue, describeEdit, editedSpec, editFlags, policyValue, type SpecEdit} from '../../../source/spec/edits.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';

const second = 1_000_000_000;

function spec(overrides: Partial<RawServiceSpec> = {}): RawServiceSpec {
	return {
		Name: 'vote',
		TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest', Env: ['A=1']}, ForceUpdate: 2},
		Mode: {Replicated: {Replicas: 4}},
		UpdateConfig: {Parallelism: 2, Delay: 10 * second},
		...overrides,
	};
}

describe('applyEdit', () => {
	it('sets the replicas of a replicated service', () => {
		expect(editedSpec(spec(), [{kind: 'replicas', replicas: 7}]).Mode).toEqual({Replicated: {Replicas: 7}});
	});

	it('sets the completions of a replicated job and keeps MaxConcurrent', () => {
		const job = spec({Mode: {ReplicatedJob: {MaxConcurrent: 2, TotalCompletions: 5}}});
		expect(editedSpec(job, [{kind: 'replicas', replicas: 9}]).Mode).toEqual({ReplicatedJob: {MaxConcurrent: 2, TotalCompletions: 9}});
	});

	it('sets the image and keeps the rest of the container spec', () => {
		const after = editedSpec(spec(), [{kind: 'image', image: 'swarmdeck/vote:movies'}]);
		expect(after.TaskTemplate?.ContainerSpec).toEqual({Image: 'swarmdeck/vote:movies', Env: ['A=1']});
		expect(after.TaskTemplate?.ForceUpdate).toBe(2);
	});

	it('writes a whole policy, the daemon\'s defaults filled in, with the one field changed', () => {
		const after = editedSpec(spec(), [{kind: 'policy', policy: 'update', field: 'order', value: 'start-first'}]);
		expect(after.UpdateConfig).toEqual({Parallelism: 2, Delay: 10 * second, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'start-first'});
		expect(after.RollbackConfig).toBeUndefined();
	});

	it('starts a rollback policy from the defaults when the spec has none', () => {
		const after = editedSpec(spec(), [{kind: 'policy', policy: 'rollback', field: 'failureAction', value: 'continue'}]);
		expect(after.RollbackConfig).toEqual({Parallelism: 1, Delay: 0, FailureAction: 'continue', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'});
	});

	it('increments the force-update counter, from 0 when absent', () => {
		expect(editedSpec(spec(), [{kind: 'force'}]).TaskTemplate?.ForceUpdate).toBe(3);
		const fresh = spec();
		delete fresh.TaskTemplate!.ForceUpdate;
		expect(editedSpec(fresh, [{kind: 'force'}]).TaskTemplate?.ForceUpdate).toBe(1);
	});

	it('never touches the spec it is given', () => {
		const original = spec();
		editedSpec(original, [{kind: 'replicas', replicas: 1}, {kind: 'image', image: 'x:1'}, {kind: 'force'}]);
		expect(original).toEqual(spec());
		const copy = structuredClone(original);
		applyEdit(copy, {kind: 'replicas', replicas: 1});
		expect(copy.Mode).toEqual({Replicated: {Replicas: 1}});
	});
});

describe('currentValue and policyValue', () => {
	it('read a field as the daemon applies it, defaults included', () => {
		expect(currentValue(spec(), {kind: 'replicas', replicas: 1})).toBe('4');
		expect(currentValue(spec({Mode: {Replicated: {}}}), {kind: 'replicas', replicas: 1})).toBe('1');
		expect(currentValue(spec(), {kind: 'image', image: ''})).toBe('swarmdeck/vote:latest');
		expect(currentValue(spec(), {kind: 'policy', policy: 'update', field: 'monitor', value: 0})).toBe(String(5 * second));
		expect(policyValue(spec({UpdateConfig: {Monitor: 0}}), 'update', 'monitor')).toBe(5 * second);
		expect(policyValue(spec(), 'rollback', 'failureAction')).toBe('pause');
	});
});

describe('editFlags and describeEdit', () => {
	const cases: Array<[SpecEdit, string[], string]> = [
		[{kind: 'replicas', replicas: 7}, ['--replicas', '7'], 'replicas 4 → 7'],
		[{kind: 'image', image: 'swarmdeck/vote:movies'}, ['--image', 'swarmdeck/vote:movies'], 'image swarmdeck/vote:latest → swarmdeck/vote:movies'],
		[{kind: 'policy', policy: 'update', field: 'delay', value: 90 * second}, ['--update-delay', '1m30s'], 'update-delay 10s → 1m30s'],
		[{kind: 'policy', policy: 'rollback', field: 'maxFailureRatio', value: 0.25}, ['--rollback-max-failure-ratio', '0.25'], 'rollback-max-failure-ratio 0 → 0.25'],
		[{kind: 'force'}, ['--force'], 'every task redeployed'],
	];

	it.each(cases)('%j is %j, read as %s', (edit, flags, words) => {
		expect(editFlags(edit)).toEqual(flags);
		expect(describeEdit(spec(), edit)).toBe(words);
	});
});
