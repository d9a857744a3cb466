// `continue` keeps rolling whatever happens: the failure ratio and monitor are not consulted.
import {defineRule} from '../finding.js';
import {isJob, policyFix} from '../words.js';

export const failureActionContinue = defineRule({
	id: 'failure-action-continue',
	severity: 'warning',
	check({service}) {
		if (service.updatePolicy.failureAction !== 'continue' || isJob(service)) {
			return [];
		}

		return [{
			message: 'Update failure action continue: failed tasks are not watched at all, so a broken image rolls through every slot.',
			fix: policyFix(service, [{policy: 'update', field: 'failureAction', value: 'rollback'}]),
		}];
	},
});
