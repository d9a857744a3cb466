// A failure action of rollback or pause watches for failed tasks; without a health check a
// task fails only when its process exits, so an image that runs but serves errors rolls on.
import {defineRule} from '../finding.js';
import {shellWord} from '../../swarm/commands.js';

export const noHealthCheck = defineRule({
	id: 'no-health-check',
	severity: 'warning',
	check({service, health}) {
		const action = service.updatePolicy.failureAction;
		if (action === 'continue' || (health.from !== 'none' && health.from !== 'spec only')) {
			return [];
		}

		const where = health.from === 'spec only'
			? 'no health check in the spec, and the image is not on this manager to tell whether it has one'
			: health.where === 'spec' ? 'its health check disabled in the spec' : 'no health check in the spec or in the image';
		const automatic = action === 'rollback' ? 'an automatic rollback' : 'the pause';
		return [{
			// The daemon's default (pause) is a note; a rollback asked for is a warning: it was chosen to catch this.
			severity: action === 'rollback' ? 'warning' : 'info',
			message: `Failure action ${action} with ${where}: only tasks that exit are caught, so ${automatic} never fires for a task that runs but does not work.`,
			fix: health.from === 'spec only' ? undefined : `docker service update --health-cmd '<a command that fails when the service is broken>' ${shellWord(service.name)}`,
		}];
	},
});
