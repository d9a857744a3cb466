import {describe, expect, it} from 'vitest';
import {unreachableFailureRatio} from '../../../source/advisor/rules/unreachable-failure-ratio.js';
import {labInput} from '../../fixtures/advisor/load.js';

const withRatio = (ratio: number) => ({spec(spec: {UpdateConfig?: {MaxFailureRatio?: number}}) {
	spec.UpdateConfig!.MaxFailureRatio = ratio;
}});

describe('unreachable-failure-ratio', () => {
	it('warns when vote (4 replicas) has a ratio of (n−1)/n: all four must fail', () => {
		const [finding] = unreachableFailureRatio.check(labInput('vote', withRatio(0.75)));
		expect(finding?.message).toBe('Max failure ratio 0.75 with 4 slots needs all 4 tasks to fail, which the updater never counts: the failure action pause never fires.');
		expect(finding?.fix).toBe('docker service update --update-max-failure-ratio 0.5 vote');
	});

	it('warns for a ratio of 1, which no count of failures exceeds', () => {
		expect(unreachableFailureRatio.check(labInput('whoami', withRatio(1)))[0]?.message).toContain('needs more than 3 of 3 tasks to fail');
	});

	it('leaves a ratio that can act alone: 0.5 of 4, and 0 with one replica', () => {
		expect(unreachableFailureRatio.check(labInput('vote', withRatio(0.5)))).toEqual([]);
		expect(unreachableFailureRatio.check(labInput('dockercoins_rng'))).toEqual([]);
	});

	it('counts the nodes of a global service as its slots (agent on 3 nodes)', () => {
		expect(unreachableFailureRatio.check(labInput('agent', withRatio(0.7)))[0]?.message).toContain('with 3 slots');
	});
});
