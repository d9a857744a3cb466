import {describe, expect, it} from 'vitest';
import {failureActionContinue} from '../../../source/advisor/rules/failure-action-continue.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('failure-action-continue', () => {
	it('warns that failures are not watched and offers rollback', () => {
		expect(failureActionContinue.check(labInput('vote', {spec(spec) {
			spec.UpdateConfig!.FailureAction = 'continue';
		}}))).toEqual([{
			message: 'Update failure action continue: failed tasks are not watched at all, so a broken image rolls through every slot.',
			fix: 'docker service update --update-failure-action rollback vote',
		}]);
	});

	it('is silent for the lab as deployed', () => {
		expect(failureActionContinue.check(labInput('vote'))).toEqual([]);
		expect(failureActionContinue.check(labInput('whoami'))).toEqual([]);
	});
});
