// Creating a service: a form with the fields a first exercise needs (name, image, mode and
// replicas, ports, env, constraints, the update and rollback policy), empty or copied from
// a service. The form's values are turned into `docker service create` words, and those
// words are read by the same parser as a create typed in the palette: what is shown is
// what is sent, whichever way it was asked for.
import {parse} from 'shell-quote';
import {shellWord} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import {updateOrders, type PolicyKind, type RawServiceSpec, type SwarmService} from '../../swarm/types.js';
import {checkServiceName, createModes, creationSpec, parseCreateCommand, splitCreateWords, type ServiceCreation} from '../../spec/create-command.js';
import {emptyReferenceLists, type ReferenceLists} from '../../spec/families.js';
import {policyFields, policyText, policyFieldLabel, type PolicyField} from '../../spec/edits.js';
import {policyIn} from '../../spec/read.js';
import {checkImageReference, failureActionsFor, parsePolicyField} from '../../spec/validate.js';
import {portText, type PortConfig} from '../../spec/values.js';
import {formatPolicyShort} from '../../format/policy.js';
import {checkWith, type Decision, type Form, type FormField, type FormValues, type PlanLine} from '../action.js';
import {plural} from '../plan.js';
import {policyFieldLabels} from '../../format/policy.js';

/** What a create sends: the whole spec, built before anything is sent. */
export type CreateWrite = {kind: 'create'; spec: RawServiceSpec};

/** The palette hands a typed create over as one value: the words after `create`, as JSON. */
export const createWordsField = 'words';

const policyKinds = ['update', 'rollback'] as const satisfies readonly PolicyKind[];

/** The words of a field that takes several values, split as a shell would (quotes kept together). */
function fieldWords(text: string): string[] {
	return parse(text.trim()).filter((entry): entry is string => typeof entry === 'string');
}

type ListField = {key: string; label: string; flag: string; read: (spec: RawServiceSpec) => string[]};

/* eslint-disable @typescript-eslint/no-explicit-any -- raw spec fields swarmdeck does not type */
const listFields: readonly ListField[] = [
	{key: 'publish', label: 'Ports', flag: 'publish', read: spec => ((spec.EndpointSpec?.Ports ?? []) as unknown as PortConfig[]).map(port => publishText(port))},
	{key: 'env', label: 'Env', flag: 'env', read: spec => ((spec.TaskTemplate?.ContainerSpec as any)?.Env ?? []) as string[]},
	{key: 'constraint', label: 'Constraints', flag: 'constraint', read: spec => ((spec.TaskTemplate as any)?.Placement?.Constraints ?? []) as string[]},
];
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A port as `--publish` is usually typed (`5000:80`, `53:53/udp`), the long syntax only where the short one cannot say it. */
function publishText(port: PortConfig): string {
	if ((port.PublishMode ?? 'ingress') !== 'ingress' || port.PublishedPort === undefined) {
		return portText(port);
	}

	return `${port.PublishedPort}:${port.TargetPort}${(port.Protocol ?? 'tcp') === 'tcp' ? '' : `/${port.Protocol}`}`;
}

/** Values of a list field as one line: each value a shell word. */
const joined = (values: readonly string[]) => values.map(value => shellWord(value)).join(' ');

/** The form, empty or filled from `copy` (the fields it has; the rest of its spec is not copied). */
export function createForm(copy?: SwarmService): Form {
	const policy = (kind: PolicyKind) => policyIn(copy?.spec ?? {}, kind);
	const policyField = (kind: PolicyKind, field: PolicyField): FormField => ({
		key: `${kind}.${field}`,
		label: policyFieldLabels[field],
		initial: policyText(field, policy(kind)[field]),
		...(field === 'failureAction' ? {choices: failureActionsFor(kind)} : (field === 'order' ? {choices: updateOrders} : {})),
		check: checkWith(text => parsePolicyField(kind, field, text)),
	});
	return {
		title: copy ? `Create a service like ${copy.name}` : 'Create a service',
		intro: copy ? [`Copied from ${copy.name}: name, image, mode, replicas, ports, env, constraints and policies. Nothing else of its spec is copied.`] : undefined,
		groups: [
			{title: 'service', fields: [
				{key: 'name', label: 'Name', initial: copy ? `${copy.name}-copy` : '', check: checkWith(checkServiceName)},
				{key: 'image', label: 'Image', initial: copy?.image.split('@')[0] ?? '', check: checkWith(checkImageReference)},
				{key: 'mode', label: 'Mode', initial: copy?.mode === 'global' ? 'global' : 'replicated', choices: createModes},
				{key: 'replicas', label: 'Replicas', initial: String(copy?.replicas ?? 1)},
				...listFields.map(field => ({key: field.key, label: field.label, initial: copy ? joined(field.read(copy.spec)) : ''})),
			]},
			...policyKinds.map(kind => ({title: `${kind} policy`, fields: policyFields.map(field => policyField(kind, field))})),
		],
		note: 'Ports, env and constraints take several values, separated by spaces: 8000:80 8443:443/tcp. Policy fields left at their default add no flag.',
	};
}

/** The `docker service create` words the form's values make, in the CLI's order: flags, then the image. */
export function createWords(values: FormValues): string[] {
	const words: string[] = ['--name', (values['name'] ?? '').trim()];
	const mode = values['mode'] ?? 'replicated';
	if (mode === 'global') {
		words.push('--mode', 'global');
	} else if ((values['replicas'] ?? '1').trim() !== '1') {
		words.push('--replicas', (values['replicas'] ?? '').trim());
	}

	for (const field of listFields) {
		for (const value of fieldWords(values[field.key] ?? '')) {
			words.push(`--${field.flag}`, value);
		}
	}

	const defaults = policyIn({}, 'update');
	for (const kind of policyKinds) {
		const kindDefaults = kind === 'update' ? defaults : policyIn({}, 'rollback');
		for (const field of policyFields) {
			const text = (values[`${kind}.${field}`] ?? '').trim();
			// A field at its default adds no flag: the command stays the one a person would type.
			if (text !== '' && text !== policyText(field, kindDefaults[field])) {
				words.push(`--${policyFieldLabel(kind, field)}`, text);
			}
		}
	}

	words.push((values['image'] ?? '').trim());
	return words;
}

/** Switches that say how the CLI behaves, not what is created: the command says them once, first. */
const behaviour = new Set(['--detach', '-d', '--no-resolve-image', '--quiet', '-q']);

/**
 * The command that does what swarmdeck does: it neither waits for the tasks (--detach) nor
 * asks a registry for the image's digest (--no-resolve-image).
 */
export function createCommand(words: readonly string[]): string {
	const {flagWords, afterFlags} = splitCreateWords(words);
	return ['docker', 'service', 'create', '--detach', '--no-resolve-image', ...flagWords.filter(word => !behaviour.has(word)), ...afterFlags].map(word => shellWord(word)).join(' ');
}

/** Where the words come from: the palette's, or the form's values. */
export function creationWords(values: FormValues): string[] {
	const typed = values[createWordsField];
	return typed === undefined ? createWords(values) : JSON.parse(typed) as string[];
}

function planLines(creation: ServiceCreation, spec: RawServiceSpec, existing: readonly SwarmService[]): PlanLine[] {
	const lines: PlanLine[] = [
		{text: `${creation.name}: ${creation.image}, ${creation.mode === 'global' ? 'global: one task on every node' : `${plural(creation.replicas ?? 1, 'replica')}`}.`},
	];
	const ports = (spec.EndpointSpec?.Ports ?? []) as unknown as PortConfig[];
	for (const port of ports) {
		const taken = existing.find(service => service.ports.some(other => other.publishedPort !== undefined && other.publishedPort === port.PublishedPort && other.protocol === (port.Protocol ?? 'tcp')));
		lines.push(taken
			? {text: `Port ${port.PublishedPort}/${port.Protocol ?? 'tcp'} is already published by ${taken.name}: the daemon will refuse it.`, tone: 'danger'}
			: {text: `Publishes ${publishText(port)}.`});
	}

	lines.push(
		{text: `Update policy: ${formatPolicyShort(policyIn(spec, 'update'))}.`, tone: 'muted'},
		{text: `Rollback policy: ${formatPolicyShort(policyIn(spec, 'rollback'))}.`, tone: 'muted'},
	);
	return lines;
}

/**
 * The decision the values lead to: the spec, the command, what it will do. Throws
 * ValidationError naming the field and the rule; a name already taken is refused here.
 */
export function decideCreate(values: FormValues, existing: readonly SwarmService[], references: ReferenceLists = emptyReferenceLists): Decision<CreateWrite> {
	const words = creationWords(values);
	const creation = parseCreateCommand(words, references);
	if (existing.some(service => service.name === creation.name)) {
		throw new ValidationError('name', `a service named ${creation.name} exists already: pick another name`);
	}

	const spec = creationSpec(creation);
	return {
		write: {kind: 'create', spec},
		command: createCommand(words),
		title: `Create ${creation.name}?`,
		lines: planLines(creation, spec, existing),
		confirm: true,
		progress: `Creating ${creation.name}`,
		summary: `${creation.name} created: ${creation.image}, ${creation.mode === 'global' ? 'global' : plural(creation.replicas ?? 1, 'replica')}`,
	};
}
