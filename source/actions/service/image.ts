// A new image replaces every task, so it is typed, then confirmed against the spec shown.
import {char} from '../../keys/bindings.js';
import {updateCommand} from '../../swarm/commands.js';
import {displayImage} from '../../spec/image-reference.js';
import {checkNewImage} from '../../spec/validate.js';
import {checkWith, defineServiceAction} from '../action.js';
import {cautions, replacementPlan, rolloutEstimate} from '../plan.js';

export const image = defineServiceAction({
	id: 'image',
	keys: [char('i')],
	description: 'Change the image (asks first)',
	hint: 'image',
	name: 'image change',
	palette: {name: 'image', fields: ['image']},
	form: service => ({
		title: `Image of ${service.name}`,
		groups: [{fields: [{
			key: 'image',
			label: 'Image',
			initial: displayImage(service.image),
			check: checkWith(text => checkNewImage(text, service)),
		}]}],
	}),
	decide(service, values, context = {}) {
		const next = checkNewImage(values['image'] ?? '', service);
		const edit = {kind: 'image', image: next} as const;
		const before = displayImage(service.image);
		return {
			write: {kind: 'update', edits: [{edit}], basis: {specDigest: service.specDigest}},
			command: updateCommand(service.name, [edit]),
			title: `Change the image of ${service.name}?`,
			lines: [{text: `${before} → ${next}`}, ...cautions(service), ...replacementPlan(service, [edit], context.taskStartMs)],
			confirm: true,
			estimate: rolloutEstimate(service, [edit], context.taskStartMs),
			progress: `Changing the image of ${service.name} to ${next}`,
			summary: `${service.name} image ${before} → ${next}; tasks are replaced as the update policy says`,
		};
	},
});
