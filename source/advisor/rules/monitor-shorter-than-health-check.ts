// A task that starts healthy and breaks later is declared unhealthy only after interval ×
// retries; if the monitor window closes first, that failure is not counted.
import {defineRule} from '../finding.js';
import {duration, policyFix} from '../words.js';

export const monitorShorterThanHealthCheck = defineRule({
	id: 'monitor-shorter-than-health-check',
	severity: 'warning',
	check({service, health}) {
		const {failureAction, monitor} = service.updatePolicy;
		if (failureAction === 'continue' || (health.from !== 'spec' && health.from !== 'image')) {
			return [];
		}

		const {interval, retries} = health.check;
		const needed = interval * retries;
		if (monitor >= needed) {
			return [];
		}

		return [{
			message: `Monitor ${duration(monitor)} is shorter than the ${duration(needed)} the health check (from the ${health.from}) needs to declare a task unhealthy (interval ${duration(interval)} × ${retries} retries): a task that breaks after starting slips through.`,
			fix: policyFix(service, [{policy: 'update', field: 'monitor', value: needed + interval}]),
		}];
	},
});
