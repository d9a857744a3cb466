// With n slots, a ratio of at least (n−1)/n (and below 1) is exceeded only when every task
// has failed. On the lab, 3 replicas with ratio 0.67 did roll back, but only once all three
// slots ran the failing image: the service was down before the rollback began.
import {defineRule} from '../finding.js';
import {isJob, policyFix, slotCount} from '../words.js';

/** The largest ratio, in hundredths, that acts before the last slot fails: below (n−2)/n + 1/n. */
export function reachableRatio(slots: number): number {
	return slots <= 1 ? 0 : Math.max(0, Math.floor(((slots - 2) / slots) * 100) / 100);
}

export const failureRatioNeedsEveryTask = defineRule({
	id: 'failure-ratio-needs-every-task',
	severity: 'warning',
	check(input) {
		const {service} = input;
		const {failureAction, maxFailureRatio} = service.updatePolicy;
		const slots = slotCount(input);
		if (failureAction === 'continue' || isJob(service) || slots < 2 || maxFailureRatio >= 1 || maxFailureRatio < (slots - 1) / slots) {
			return [];
		}

		return [{
			message: `Max failure ratio ${maxFailureRatio} with ${slots} tasks is exceeded only when all ${slots} have failed: the ${failureAction} comes after every slot runs the failing version.`,
			fix: policyFix(service, [{policy: 'update', field: 'maxFailureRatio', value: reachableRatio(slots)}]),
		}];
	},
});
