import {describe, expect, it} from 'vitest';
import {unreachableFailureRatio} from '../../../source/advisor/rules/unreachable-failure-ratio.js';
import {labInput, withUpdateConfig} from '../../fixtures/advisor/load.js';

const withRatio = (ratio: number) => withUpdateConfig({MaxFailureRatio: ratio});

describe('unreachable-failure-ratio', () => {
	it('warns for a ratio of 1, which no count of failures exceeds (whoami, 3 replicas)', () => {
		expect(unreachableFailureRatio.check(labInput('whoami', withRatio(1)))).toEqual([{
			message: 'Max failure ratio 1 is never exceeded, even with all 3 tasks failing: the failure action rollback never fires, and a broken update ends "completed".',
			fix: 'docker service update --update-max-failure-ratio 0.33 whoami',
		}]);
	});

	it('warns with one replica too, suggesting 0 (act on the first failure)', () => {
		expect(unreachableFailureRatio.check(labInput('dockercoins_rng', withRatio(1)))[0]?.fix).toBe('docker service update --update-max-failure-ratio 0 dockercoins_rng');
	});

	it('leaves ratios below 1 alone, and a policy that does not watch failures', () => {
		expect(unreachableFailureRatio.check(labInput('vote', withRatio(0.99)))).toEqual([]);
		expect(unreachableFailureRatio.check(labInput('vote', withUpdateConfig({MaxFailureRatio: 1, FailureAction: 'continue'})))).toEqual([]);
	});
});
