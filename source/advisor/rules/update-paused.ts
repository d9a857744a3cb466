// A paused update or rollback stays so until someone acts: swarmkit never resumes it. Only
// a new update clears it; the same spec sent again resumes the update where it stopped.
import {humanDuration} from '../../format/human-duration.js';
import {updateCommand} from '../../swarm/commands.js';
import {defineRule} from '../finding.js';

export const updatePaused = defineRule({
	id: 'update-paused',
	severity: 'warning',
	check({service, now}) {
		const status = service.updateStatus;
		if (status?.state !== 'paused' && status?.state !== 'rollback_paused') {
			return [];
		}

		// The daemon sets no time when it pauses; the service was last written then (a write since would have resumed it).
		const since = status.completedAt ?? service.updatedAt;
		const how = status.state === 'paused' ? 'The update is paused' : 'The rollback is paused (rollback_paused)';
		const reason = status.message ? ` (${status.message})` : '';
		const way = status.state === 'paused'
			? 'sending the spec again resumes it, `docker service rollback` returns to the previous spec'
			: 'only a new update clears it';
		return [{
			message: `${how}${reason} for ${humanDuration(now.getTime() - since.getTime()).toLowerCase()}: nothing moves until someone acts; ${way}.`,
			fix: updateCommand(service.name, []),
		}];
	},
});
