// Tasks wanted but not running for over a minute: no node fits, an image will not start, a
// host port is taken. An update waiting on such a task waits forever (there is no timeout).
import {humanDuration} from '../../format/human-duration.js';
import {defineRule} from '../finding.js';
import {downSince, isRunning, isWanted, slotsOf} from '../slots.js';

const graceMs = 60_000;

export const shortOfReplicas = defineRule({
	id: 'short-of-replicas',
	severity: 'warning',
	check({service, tasks, now}) {
		const short = slotsOf(tasks, service.name).filter(slot => isWanted(slot) && !isRunning(slot));
		const since = short.map(slot => downSince(slot)).filter(date => date !== undefined).map(date => date.getTime());
		if (short.length === 0 || since.length === 0 || service.mode.endsWith('job')) {
			return [];
		}

		const longest = now.getTime() - Math.min(...since);
		if (longest <= graceMs) {
			return [];
		}

		const latest = short.flatMap(slot => slot.tasks.slice(0, 1)).find(task => task.error ?? task.message);
		const why = latest ? `; latest: ${latest.state} "${latest.error ?? latest.message}"` : '';
		return [{
			message: `${short.length} of ${service.desiredTasks || short.length} tasks not running, the longest for ${humanDuration(longest).toLowerCase()}${why}. \`docker service ps --no-trunc ${service.name}\` shows why.`,
		}];
	},
});
