// stop-first stops the old task before starting the new one: when every slot goes at once
// (one replica, parallelism 0 or ≥ replicas), nothing runs until the new tasks do.
import {defineRule} from '../finding.js';
import {allAtOnce, isJob, policyFix, slotCount, tasksWord} from '../words.js';

export const stopFirstOutage = defineRule({
	id: 'stop-first-outage',
	severity: 'warning',
	check(input) {
		const {service} = input;
		const {order, parallelism} = service.updatePolicy;
		const slots = slotCount(input);
		if (order !== 'stop-first' || isJob(service) || slots === 0 || !allAtOnce(parallelism, slots)) {
			return [];
		}

		const why = slots === 1 ? 'with 1 replica' : `with parallelism ${parallelism} and ${tasksWord(slots)}`;
		const fix = slots === 1 || service.mode === 'global'
			? policyFix(service, [{policy: 'update', field: 'order', value: 'start-first'}])
			: policyFix(service, [{policy: 'update', field: 'parallelism', value: Math.max(1, Math.floor(slots / 2))}]);
		return [{
			message: `stop-first ${why}: every update stops all of them before their replacements start, an outage until the new ${slots === 1 ? 'task runs' : 'tasks run'}.`,
			fix,
		}];
	},
});
