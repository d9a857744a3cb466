// Node labels: `docker node update --label-add k=v` / `--label-rm k`. Placement constraints
// read them (`node.labels.k == v`), so a confirmation names the services whose constraints do.
import {char} from '../../keys/bindings.js';
import {nodeCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import type {SwarmService} from '../../swarm/types.js';
import {checkWith, defineNodeAction, type NodeSubject, type PlanLine} from '../action.js';

/** A label key as `--label-add` takes it: not empty, no `=`, no space at either end. */
export function parseLabelKey(text: string): string {
	if (text === '') {
		throw new ValidationError('key', 'a label key cannot be empty');
	}

	if (text.includes('=')) {
		throw new ValidationError('key', 'a label key cannot contain "=": the value goes in its own field');
	}

	if (text.trim() !== text) {
		throw new ValidationError('key', 'a label key cannot start or end with a space');
	}

	return text;
}

/** `node.labels.zone == a` or `node.labels.zone!=a` reads the label `zone`. */
function readsLabel(constraint: string, key: string): boolean {
	const [left = ''] = constraint.split(/==|!=/);
	return left.trim() === `node.labels.${key}`;
}

/** Services whose placement constraints read this node label. */
function constrainedServices(services: readonly SwarmService[], key: string): string[] {
	return services
		.filter(service => {
			const placement = service.spec.TaskTemplate?.['Placement'] as {Constraints?: unknown} | undefined;
			const constraints = Array.isArray(placement?.Constraints) ? placement.Constraints as unknown[] : [];
			return constraints.some(constraint => typeof constraint === 'string' && readsLabel(constraint, key));
		})
		.map(service => service.name)
		.sort();
}

function placementLine(services: readonly SwarmService[], key: string): PlanLine[] {
	const names = constrainedServices(services, key);
	return names.length === 0
		? [{text: `No service's placement constraint reads node.labels.${key}: no task moves.`, tone: 'muted'}]
		: [{text: `Placement constraints of ${names.join(', ')} read node.labels.${key}: their tasks may move.`, tone: 'warning'}];
}

export const labelAdd = defineNodeAction({
	id: 'labelAddNode',
	keys: [char('l')],
	description: 'Add a label to the node, or change its value (asks first)',
	hint: 'label',
	name: 'label add',
	palette: {name: 'label-add', fields: ['key', 'value']},
	form: ({node}) => ({
		title: `Add a label to ${node.hostname}`,
		intro: [Object.keys(node.labels).length === 0 ? 'It has no labels.' : `Its labels: ${Object.entries(node.labels).map(([key, value]) => `${key}=${value}`).join(', ')}`],
		note: 'Placement constraints such as node.labels.KEY==VALUE read node labels.',
		groups: [{fields: [
			{key: 'key', label: 'Key', initial: '', check: checkWith(parseLabelKey)},
			{key: 'value', label: 'Value', initial: ''},
		]}],
	}),
	decide({node, services}, values) {
		const key = parseLabelKey(values['key'] ?? '');
		const value = values['value'] ?? '';
		const old = node.labels[key];
		if (old === value) {
			throw new ValidationError('key', `this label is already on ${node.hostname}: ${key}=${value}, nothing to change`);
		}

		const edit = {kind: 'labelAdd', key, value} as const;
		return {
			write: {kind: 'node', edit, basis: {specDigest: node.specDigest}},
			command: nodeCommand(node.hostname, edit),
			title: `Label ${node.hostname} ${key}=${value}?`,
			lines: [
				{text: old === undefined ? `${node.hostname} gets the label ${key}=${value}.` : `The label ${key} changes: ${old} → ${value}.`},
				...placementLine(services, key),
			],
			confirm: true,
			progress: `Labelling ${node.hostname}`,
			summary: `${node.hostname} labelled ${key}=${value}`,
		};
	},
});

export const labelRemove = defineNodeAction({
	id: 'labelRemoveNode',
	keys: [char('L')],
	description: 'Remove a label from the node (asks first)',
	hint: 'unlabel',
	name: 'label remove',
	palette: {name: 'label-rm', fields: ['key']},
	refusal: ({node}: NodeSubject) => Object.keys(node.labels).length === 0 ? `${node.hostname} has no labels to remove.` : undefined,
	form: ({node}) => ({
		title: `Remove a label from ${node.hostname}`,
		groups: [{fields: [{key: 'key', label: 'Key', initial: Object.keys(node.labels).sort()[0] ?? '', choices: Object.keys(node.labels).sort()}]}],
		note: '→ and Space choose among its labels.',
	}),
	decide({node, services}, values) {
		const key = parseLabelKey(values['key'] ?? '');
		const value = node.labels[key];
		if (value === undefined) {
			throw new ValidationError('key', `there is no label "${key}" on ${node.hostname}`);
		}

		const edit = {kind: 'labelRemove', key} as const;
		return {
			write: {kind: 'node', edit, basis: {specDigest: node.specDigest}},
			command: nodeCommand(node.hostname, edit),
			title: `Remove the label ${key} from ${node.hostname}?`,
			lines: [{text: `${node.hostname} loses the label ${key}=${value}.`}, ...placementLine(services, key)],
			confirm: true,
			progress: `Removing the label ${key} from ${node.hostname}`,
			summary: `${node.hostname}: label ${key} removed`,
		};
	},
});
