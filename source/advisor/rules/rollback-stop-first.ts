// The rollback has its own order, stop-first by default: a service kept up by a start-first
// update goes down when that update is rolled back, if every slot rolls back at once.
import {defineRule} from '../finding.js';
import {allAtOnce, isJob, policyFix, slotCount, tasksWord} from '../words.js';

export const rollbackStopFirst = defineRule({
	id: 'rollback-stop-first',
	severity: 'warning',
	check(input) {
		const {service} = input;
		const slots = slotCount(input);
		const rollback = service.rollbackPolicy;
		if (isJob(service) || slots === 0 || service.updatePolicy.order !== 'start-first' || rollback.order !== 'stop-first' || !allAtOnce(rollback.parallelism, slots)) {
			return [];
		}

		return [{
			message: `The update is start-first but the rollback stop-first with ${slots === 1 ? '1 replica' : `rollback parallelism ${rollback.parallelism} and ${tasksWord(slots)}`}: a rollback stops every task before starting the old ones, the outage the update avoids.`,
			fix: policyFix(service, [{policy: 'rollback', field: 'order', value: 'start-first'}]),
		}];
	},
});
