// The updater acts when failures / slots changed > MaxFailureRatio. Per the swarmkit updater,
// a ratio of at least (n−1)/n can never act (and 1 never does): the failure action is dead.
import {defineRule} from '../finding.js';
import {isJob, policyFix, slotCount} from '../words.js';

/** The largest ratio, in hundredths, that still acts before the last slot: (n−2)/n rounded down. */
function reachableRatio(slots: number): number {
	return Math.max(0, Math.floor(((slots - 2) / slots) * 100) / 100);
}

export const unreachableFailureRatio = defineRule({
	id: 'unreachable-failure-ratio',
	severity: 'warning',
	check(input) {
		const {service} = input;
		const {failureAction, maxFailureRatio} = service.updatePolicy;
		const slots = slotCount(input);
		if (failureAction === 'continue' || isJob(service) || slots === 0) {
			return [];
		}

		// With one slot (n−1)/n is 0, the ratio that acts on the first failure: only 1 is dead there.
		const limit = slots === 1 ? 1 : (slots - 1) / slots;
		if (maxFailureRatio < limit) {
			return [];
		}

		const needed = Math.floor(maxFailureRatio * slots) + 1;
		const reason = needed > slots
			? `needs more than ${slots} of ${slots} tasks to fail`
			: `needs all ${slots} tasks to fail`;
		return [{
			message: `Max failure ratio ${maxFailureRatio} with ${slots} ${slots === 1 ? 'slot' : 'slots'} ${reason}, which the updater never counts: the failure action ${failureAction} never fires.`,
			fix: policyFix(service, [{policy: 'update', field: 'maxFailureRatio', value: reachableRatio(slots)}]),
		}];
	},
});
