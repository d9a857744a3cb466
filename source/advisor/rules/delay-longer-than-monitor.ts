// The updater watches a batch for Monitor after it runs, then sleeps Delay before the next.
// A failure after Monitor but inside Delay is not counted, though the update is still on
// that batch. The wording is "at least as long"; at equal values the gap is empty
// (the lab's whoami has delay = monitor = 10s), so only a longer delay is reported.
import {defineRule} from '../finding.js';
import {duration, policyFix} from '../words.js';

export const delayLongerThanMonitor = defineRule({
	id: 'delay-longer-than-monitor',
	severity: 'info',
	check({service}) {
		const {delay, monitor, failureAction} = service.updatePolicy;
		if (failureAction === 'continue' || delay <= monitor) {
			return [];
		}

		return [{
			message: `Delay ${duration(delay)} is longer than the monitor ${duration(monitor)}: a task failing in the ${duration(delay - monitor)} between them is not counted, though the update waits on its batch.`,
			fix: policyFix(service, [{policy: 'update', field: 'monitor', value: delay}]),
		}];
	},
});
