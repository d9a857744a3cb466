import {describe, expect, it} from 'vitest';
import {failureRatioNeedsEveryTask} from '../../../source/advisor/rules/failure-ratio-needs-every-task.js';
import {labInput, withUpdateConfig} from '../../fixtures/advisor/load.js';

const withRatio = (ratio: number) => withUpdateConfig({MaxFailureRatio: ratio});

describe('failure-ratio-needs-every-task', () => {
	it('warns when vote (4 replicas) has a ratio of (n−1)/n: all four must fail first', () => {
		expect(failureRatioNeedsEveryTask.check(labInput('vote', withRatio(0.75)))).toEqual([{
			message: 'Max failure ratio 0.75 with 4 tasks is exceeded only when all 4 have failed: the pause comes after every slot runs the failing version.',
			fix: 'docker service update --update-max-failure-ratio 0.5 vote',
		}]);
	});

	it('counts the nodes of a global service as its tasks (agent on 3 nodes)', () => {
		expect(failureRatioNeedsEveryTask.check(labInput('agent', withRatio(0.7)))[0]?.message).toContain('with 3 tasks is exceeded only when all 3 have failed');
	});

	it('leaves alone a ratio that acts earlier, one replica, and 1 (another rule)', () => {
		expect(failureRatioNeedsEveryTask.check(labInput('vote', withRatio(0.5)))).toEqual([]);
		expect(failureRatioNeedsEveryTask.check(labInput('dockercoins_rng', withRatio(0.5)))).toEqual([]);
		expect(failureRatioNeedsEveryTask.check(labInput('vote', withRatio(1)))).toEqual([]);
	});
});
