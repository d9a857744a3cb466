// The updater acts when failures ÷ slots updated > MaxFailureRatio. A ratio of 1 or more is
// never exceeded: on the lab, a 3-replica service with ratio 1 updated to an image failing
// its health check ended "update completed" with every new task failed. (The swarmkit
// reading that (n−1)/n can never act either did not hold on the lab: see
// failure-ratio-needs-every-task.ts.)
import {defineRule} from '../finding.js';
import {isJob, policyFix, slotCount} from '../words.js';
import {reachableRatio} from './failure-ratio-needs-every-task.js';

export const unreachableFailureRatio = defineRule({
	id: 'unreachable-failure-ratio',
	severity: 'warning',
	check(input) {
		const {service} = input;
		const {failureAction, maxFailureRatio} = service.updatePolicy;
		const slots = slotCount(input);
		if (failureAction === 'continue' || isJob(service) || slots === 0 || maxFailureRatio < 1) {
			return [];
		}

		return [{
			message: `Max failure ratio ${maxFailureRatio} is never exceeded, even with all ${slots} tasks failing: the failure action ${failureAction} never fires, and a broken update ends "completed".`,
			fix: policyFix(service, [{policy: 'update', field: 'maxFailureRatio', value: reachableRatio(slots)}]),
		}];
	},
});
