// One slot failing again and again: the restart policy keeps replacing a task that keeps
// failing. The history shows it before anyone looks: a crash loop, with its last error.
import {humanDuration} from '../../format/human-duration.js';
import {defineRule} from '../finding.js';
import {failedStates, slotsOf} from '../slots.js';

/** Failures that count: in the last ten minutes, at least three in one slot. */
const windowMs = 10 * 60_000;
const threshold = 3;

export const failingSlot = defineRule({
	id: 'failing-slot',
	severity: 'warning',
	check({service, tasks, now}) {
		return slotsOf(tasks, service.name).flatMap(slot => {
			const failures = slot.tasks.filter(task => failedStates.has(task.state) && now.getTime() - task.stateSince.getTime() <= windowMs);
			if (failures.length < threshold) {
				return [];
			}

			const [last] = failures;
			const error = last?.error ?? last?.message ?? 'no error given';
			return [{
				message: `${slot.label} failed ${failures.length} times in the last ${humanDuration(windowMs).toLowerCase()} (the swarm keeps only the last few), last ${humanDuration(now.getTime() - last!.stateSince.getTime()).toLowerCase()} ago: "${error}".`,
			}];
		});
	},
});
