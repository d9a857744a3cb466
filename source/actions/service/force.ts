// A forced redeploy replaces every task with the same spec: always confirmed.
import {char} from '../../keys/bindings.js';
import {updateCommand} from '../../swarm/commands.js';
import {defineServiceAction} from '../action.js';
import {cautions, replacementPlan, rolloutEstimate} from '../plan.js';

export const force = defineServiceAction({
	id: 'force',
	keys: [char('f')],
	description: 'Force a redeploy of every task (asks first)',
	hint: 'force',
	name: 'force redeploy',
	palette: {name: 'force', fields: []},
	decide(service, _values, context = {}) {
		const edit = {kind: 'force'} as const;
		return {
			write: {kind: 'update', edits: [{edit}], basis: {specDigest: service.specDigest}},
			command: updateCommand(service.name, [edit]),
			title: `Force a redeploy of ${service.name}?`,
			lines: [...cautions(service), ...replacementPlan(service, [edit], context.taskStartMs), {text: 'Each new task runs the same spec as the one it replaces.', tone: 'muted'}],
			confirm: true,
			estimate: rolloutEstimate(service, [edit], context.taskStartMs),
			progress: `Forcing a redeploy of ${service.name}`,
			summary: `${service.name} redeploy forced: every task is replaced as the update policy says`,
		};
	},
});
