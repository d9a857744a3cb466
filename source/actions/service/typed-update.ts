// `docker service update …` typed or pasted in the palette. The words are read into the
// same edits the keys make (source/spec/update-command.ts), checked against this service,
// shown as the command swarmdeck would run, and sent only after `y`.
import {updateCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import {currentValue, describeEdit, editedSpec, type SpecEdit} from '../../spec/edits.js';
import {policyIn} from '../../spec/read.js';
import {checkPortClashes, emptyReferenceLists} from '../../spec/families.js';
import {parseServiceCommand} from '../../spec/update-command.js';
import {checkNewImage, parseReplicas} from '../../spec/validate.js';
import type {SwarmService} from '../../swarm/types.js';
import {defineServiceAction} from '../action.js';
import {cautions, replacementPlan, rolloutEstimate} from '../plan.js';

/** The palette hands the words over as one value: the words after `update`, as JSON. */
export const typedWordsField = 'words';

/** Checks what only the service can tell: it can be scaled, the image is a new one. */
function checkForService(service: SwarmService, edit: SpecEdit): SpecEdit {
	if (edit.kind === 'replicas') {
		return {kind: 'replicas', replicas: parseReplicas(String(edit.replicas), service)};
	}

	if (edit.kind === 'image') {
		return {kind: 'image', image: checkNewImage(edit.image, service)};
	}

	return edit;
}

export const typedUpdate = defineServiceAction({
	id: 'typedUpdate',
	keys: [],
	description: 'Run a docker service update, typed or pasted',
	name: 'update',
	// Read by the palette itself (source/palette/resolve.ts): flags first, the service last, as docker takes them.
	palette: {name: 'update', fields: [], usage: [{name: '[FLAGS]', kind: 'text'}, {name: 'SERVICE', kind: 'service'}]},
	needsReferences: true,
	decide(service, values, {references = emptyReferenceLists, taskStartMs} = {}) {
		const words = JSON.parse(values[typedWordsField] ?? '[]') as string[];
		const command = parseServiceCommand(['update', ...words], references);
		if (command.kind !== 'update') {
			throw new ValidationError('update', 'a rollback is typed as docker service rollback SERVICE');
		}

		const edits = command.edits.map(edit => checkForService(service, edit));
		checkPortClashes(service.id, edits, references);
		// The rollout follows the update policy of the new spec, when the same command changes it.
		const rollingOut = {...service, updatePolicy: policyIn(editedSpec(service.spec, edits), 'update')};
		return {
			write: {kind: 'update', edits: edits.map(edit => ({edit, seen: currentValue(service.spec, edit)}))},
			command: updateCommand(service.name, edits),
			title: `Update ${service.name}?`,
			lines: [...edits.map(edit => ({text: describeEdit(service.spec, edit)})), ...cautions(service), ...replacementPlan(rollingOut, edits, taskStartMs)],
			estimate: rolloutEstimate(rollingOut, edits, taskStartMs),
			confirm: true,
			progress: `Updating ${service.name}`,
			summary: `${service.name}: ${edits.map(edit => describeEdit(service.spec, edit)).join('; ')}`,
		};
	},
});
