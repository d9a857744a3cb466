// Removing a service cannot be undone: the swarm keeps no copy of its spec. So it is never
// one key away: the form asks for the service's name, typed in full, and says first what
// goes with it — its tasks, the ports it publishes, its place in a stack.
import {char} from '../../keys/bindings.js';
import {removeCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import type {SwarmService} from '../../swarm/types.js';
import {defineServiceAction, type PlanLine} from '../action.js';
import {isJob, plural} from '../plan.js';

/** The published ports as `docker service ls` shows them: `*:8000->80/tcp`. */
function publishedPorts(service: SwarmService): string[] {
	return service.ports
		.filter(port => port.publishedPort !== undefined)
		.map(port => `*:${port.publishedPort}->${port.targetPort}/${port.protocol}${port.publishMode === 'host' ? ' (host)' : ''}`);
}

/** What goes with the service, in words, before anything is typed. */
export function removalLines(service: SwarmService): PlanLine[] {
	const tasks = service.desiredTasks === 0 && service.runningTasks === 0
		? {text: `${service.name} has no task running: only the service goes.`}
		: {text: `Its ${plural(service.desiredTasks, 'task')} (${service.runningTasks} running) ${isJob(service) ? 'are stopped, finished or not' : 'stop'} and are removed with it.`, tone: 'danger' as const};
	const ports = publishedPorts(service);
	return [
		tasks,
		ports.length > 0
			? {text: `Ports freed: ${ports.join(', ')}: nothing answers on them any more.`, tone: 'warning'}
			: {text: 'It publishes no port.', tone: 'muted'},
		...(service.stack === undefined ? [] : [{text: `It belongs to stack ${service.stack}: \`docker stack deploy\` would create it again.`, tone: 'muted' as const}]),
		{text: 'The swarm keeps no copy of its spec: there is no rollback from this.', tone: 'warning'},
	];
}

const mustType = (service: SwarmService) => `type ${service.name} in full to remove it`;

export const remove = defineServiceAction({
	id: 'remove',
	keys: [char('D')],
	description: 'Remove the service, once its name is typed in full',
	name: 'remove',
	palette: {name: 'rm', fields: []},
	form: service => ({
		title: `Remove ${service.name}`,
		intro: removalLines(service).map(line => line.text),
		note: 'Enter removes it once the name matches; Esc keeps it.',
		groups: [{fields: [{
			key: 'name',
			label: 'Name',
			initial: '',
			check: text => text === service.name ? undefined : new ValidationError('name', mustType(service)).sentence,
		}]}],
	}),
	decide(service, values) {
		if (values['name'] !== service.name) {
			throw new ValidationError('name', mustType(service));
		}

		const ports = publishedPorts(service);
		return {
			write: {kind: 'remove'},
			command: removeCommand(service.name),
			title: `Remove ${service.name}?`,
			lines: removalLines(service),
			// Typing the name in full was the question.
			confirm: false,
			progress: `Removing ${service.name}`,
			summary: `${service.name} removed: ${plural(service.desiredTasks, 'task')} stopping${ports.length > 0 ? `, ${ports.length === 1 ? 'port' : 'ports'} ${service.ports.flatMap(port => port.publishedPort === undefined ? [] : [port.publishedPort]).join(', ')} freed` : ''}`,
		};
	},
});
