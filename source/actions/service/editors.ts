// One editor per kind of field of the rest of the spec. A list (env, labels, placement,
// ports, secrets, configs, networks, mounts) is edited as lines: one per entry the spec
// has, edit it to change it, clear it to remove it, fill an empty one to add. Each editor
// turns what was typed into the flags `docker service update` takes and reads them with
// the same family declaration the palette uses, so the command shown is the change sent.
// Only what changed is sent, each field guarded by the value it had when shown.
import {char, type Binding} from '../../keys/bindings.js';
import {updateCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import type {SwarmService} from '../../swarm/types.js';
import {currentValue, describeEdit, type GuardedEdit, type SpecEdit} from '../../spec/edits.js';
import {checkPortClashes, emptyReferenceLists, familyOf, fileReferenceText, joinWords, type FamilyKind, type ReferenceLists} from '../../spec/families.js';
import {formatGoDuration} from '../../spec/go-duration.js';
import {cpusText, memoryText, mountText, portText, restartConditions} from '../../spec/values.js';
import {checkWith, defineServiceAction, type Decision, type FormField, type FormGroup, type FormValues, type ServiceAction} from '../action.js';
import {cautions, replacementPlan, rolloutEstimate} from '../plan.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type Json = Record<string, any>;

const containerSpecOf = (service: SwarmService): Json => (service.spec.TaskTemplate?.ContainerSpec ?? {}) as Json;
const taskTemplateOf = (service: SwarmService): Json => (service.spec.TaskTemplate ?? {}) as Json;

/** Reads the flags typed into the family's edit; none given, no edit. */
function familyEdit(kind: FamilyKind, flags: ReadonlyMap<string, readonly string[]>, references: ReferenceLists): SpecEdit | undefined {
	return familyOf(kind).fromFlags(flags, references);
}

/** The decision every editor reaches from its edits: the command, the plan, always confirmed. */
function editorDecision(service: SwarmService, title: string, edits: readonly SpecEdit[], startMs?: number): Decision {
	if (edits.length === 0) {
		throw new ValidationError(title, 'nothing to save: every line is as it was');
	}

	const guarded: GuardedEdit[] = edits.map(edit => ({edit, seen: currentValue(service.spec, edit)}));
	return {
		write: {kind: 'update', edits: guarded},
		command: updateCommand(service.name, edits),
		title: `Change the ${title} of ${service.name}?`,
		lines: [...edits.map(edit => ({text: describeEdit(service.spec, edit)})), ...cautions(service), ...replacementPlan(service, edits, startMs)],
		estimate: rolloutEstimate(service, edits, startMs),
		confirm: true,
		progress: `Changing the ${title} of ${service.name}`,
		summary: `${service.name}: ${edits.map(edit => describeEdit(service.spec, edit)).join('; ')}`,
	};
}

/** One list of an editor: the family it edits and how its entries read as lines. */
type ListPart = {
	kind: FamilyKind;
	title: string;
	/** The flag without `-add` / `-rm`: `env`, `constraint`. */
	flag: string;
	/** The entries the spec has, each as `--X-add` writes it. */
	entries: (service: SwarmService, references: ReferenceLists) => string[];
	/** What `--X-rm` takes to remove an entry: its key, name or target. */
	identity: (entry: string) => string;
	/** Adding an entry with the same identity replaces it (env, labels, mounts): no remove needed. */
	addReplaces: boolean;
	/** Empty lines to add entries on. */
	blank: number;
	/** What → offers on an empty line: the swarm's secrets, configs or networks by name. */
	suggestions?: (references: ReferenceLists) => string[];
};

/**
 * The form keys of a list's lines: an entry's by its text (`env=A=1`, `#2` on a repeat), so
 * what was typed stays on its entry when the spec changes under the form; a new line's by
 * its place (`env+0`).
 */
export function lineKeys(kind: FamilyKind, entries: readonly string[], blank: number): string[] {
	const seen = new Map<string, number>();
	const keys = entries.map(entry => {
		const count = (seen.get(entry) ?? 0) + 1;
		seen.set(entry, count);
		return `${kind}=${entry}${count > 1 ? `#${count}` : ''}`;
	});
	return [...keys, ...Array.from({length: blank}, (_, index) => `${kind}+${index}`)];
}

/** The keys of the lines a list grew by as it was typed (see FormGroup.more), in order. */
function grownKeys(kind: FamilyKind, blank: number, values: FormValues): string[] {
	const keys: string[] = [];
	for (let index = blank; `${kind}+${index}` in values; index++) {
		keys.push(`${kind}+${index}`);
	}

	return keys;
}

/** The `--X-add` and `--X-rm` values the lines make, against the entries shown. */
function listFlags(part: ListPart, service: SwarmService, values: FormValues, references: ReferenceLists): Map<string, string[]> {
	const entries = part.entries(service, references);
	const keys = [...lineKeys(part.kind, entries, part.blank), ...grownKeys(part.kind, part.blank, values)];
	const add: string[] = [];
	const remove: string[] = [];
	for (const [index, key] of keys.entries()) {
		const before = entries[index];
		const text = (values[key] ?? before ?? '').trim();
		if (text === (before ?? '')) {
			continue;
		}

		if (before !== undefined && !(text !== '' && part.addReplaces && part.identity(text) === part.identity(before))) {
			remove.push(part.identity(before));
		}

		if (text !== '') {
			add.push(text);
		}
	}

	return new Map([[`${part.flag}-add`, add], [`${part.flag}-rm`, remove]].filter(([, list]) => list!.length > 0) as Array<[string, string[]]>);
}

function listLines(part: ListPart, service: SwarmService, references: ReferenceLists): FormGroup {
	const entries = part.entries(service, references);
	const family = familyOf(part.kind);
	// A line is checked alone, as the flag that adds it.
	const check = checkWith(text => text.trim() === '' ? undefined : family.fromFlags(new Map([[`${part.flag}-add`, [text.trim()]]]), references));
	const keys = lineKeys(part.kind, entries, part.blank);
	const suggestions = part.suggestions?.(references);
	const blankLine = (key: string): FormField => ({key, label: '+ add', initial: '', check, ...(suggestions?.length ? {suggestions} : {})});
	return {
		fields: keys.map((key, index) => index < entries.length ? {key, label: `${index + 1}`, initial: entries[index]!, check} : blankLine(key)),
		// Filling the last + line adds another: any number of entries go in one change, one rolling update.
		more: count => blankLine(`${part.kind}+${part.blank + count}`),
	};
}

type ListEditor = {
	id: string;
	key: Binding;
	/** `env`, `placement`: in titles, the help and the palette. */
	name: string;
	description: string;
	parts: readonly ListPart[];
	intro?: (service: SwarmService, references: ReferenceLists) => string[];
	needsReferences?: boolean;
};

function listEditor<const Id extends string>(editor: ListEditor & {id: Id}): ServiceAction & {id: Id} {
	return defineServiceAction({
		id: editor.id,
		keys: [editor.key],
		description: editor.description,
		name: `${editor.name} change`,
		palette: {name: `edit-${editor.name}`, fields: []},
		needsReferences: editor.needsReferences,
		formFollowsSpec: true,
		form: (service, references = emptyReferenceLists) => ({
			title: `${editor.name[0]!.toUpperCase()}${editor.name.slice(1)} of ${service.name}`,
			intro: [...editor.intro?.(service, references) ?? [], 'Edit a line to change it, clear it to remove it, fill a + line to add one.'],
			groups: editor.parts.map(part => ({title: editor.parts.length > 1 ? `${part.title} (--${part.flag}-add/-rm)` : undefined, ...listLines(part, service, references)})),
		}),
		decide(service, values, {references = emptyReferenceLists, taskStartMs} = {}) {
			const edits = editor.parts.flatMap(part => familyEdit(part.kind, listFlags(part, service, values, references), references) ?? []);
			checkPortClashes(service.id, edits, references);
			return editorDecision(service, editor.name, edits, taskStartMs);
		},
	});
}

const beforeEquals = (entry: string) => entry.split('=')[0]!;
const labelEntries = (labels: Record<string, string> | undefined) => Object.entries(labels ?? {}).map(([key, value]) => `${key}=${value}`);

export const envEditor = listEditor({
	id: 'editEnv',
	key: char('E'),
	name: 'env',
	description: 'Edit the env (--env-add/--env-rm); replaces tasks',
	parts: [{kind: 'env', title: 'env', flag: 'env', entries: service => [...(containerSpecOf(service)['Env'] as string[] | undefined) ?? []], identity: beforeEquals, addReplaces: true, blank: 3}],
});

export const labelsEditor = listEditor({
	id: 'editLabels',
	key: char('L'),
	name: 'labels',
	description: 'Edit the service labels and the container labels',
	parts: [
		{kind: 'labels', title: 'Service labels', flag: 'label', entries: service => labelEntries(service.spec.Labels), identity: beforeEquals, addReplaces: true, blank: 2},
		{kind: 'containerLabels', title: 'Container labels', flag: 'container-label', entries: service => labelEntries(containerSpecOf(service)['Labels'] as Record<string, string> | undefined), identity: beforeEquals, addReplaces: true, blank: 2},
	],
});

const placementOf = (service: SwarmService): Json => (taskTemplateOf(service)['Placement'] ?? {}) as Json;

export const placementEditor = listEditor({
	id: 'editPlacement',
	key: char('P'),
	name: 'placement',
	description: 'Edit the placement constraints and preferences',
	intro: () => ['Constraints compare with == or !=: node.role, node.hostname, node.id, node.labels.KEY, engine.labels.KEY, node.platform.os/arch.'],
	parts: [
		{kind: 'constraints', title: 'Constraints', flag: 'constraint', entries: service => [...(placementOf(service)['Constraints'] as string[] | undefined) ?? []], identity: entry => entry, addReplaces: false, blank: 2},
		{
			kind: 'placementPrefs', title: 'Preferences', flag: 'placement-pref',
			entries: service => ((placementOf(service)['Preferences'] as Json[] | undefined) ?? []).map(preference => `spread=${preference['Spread']?.['SpreadDescriptor'] ?? ''}`),
			identity: entry => entry, addReplaces: false, blank: 1,
		},
	],
});

export const portsEditor = listEditor({
	id: 'editPorts',
	key: char('O'),
	name: 'ports',
	description: 'Edit the published ports; replaces tasks',
	// The ports other services publish, to refuse a clash.
	needsReferences: true,
	intro: () => ['A port is published=P,target=T,protocol=tcp|udp|sctp,mode=ingress|host, or P:T/udp. Removing one removes every port to its target port, protocol and mode, as --publish-rm does.'],
	parts: [{
		kind: 'ports', title: 'Ports', flag: 'publish',
		entries: service => ((service.spec.EndpointSpec?.Ports ?? []) as Json[]).map(port => portText({Protocol: port['Protocol'] ?? 'tcp', TargetPort: port['TargetPort'], ...(port['PublishedPort'] ? {PublishedPort: port['PublishedPort']} : {}), PublishMode: port['PublishMode'] ?? 'ingress'})),
		// --publish-rm takes the target port, protocol and mode; the published port plays no part.
		identity: entry => entry.split(',').filter(field => !field.startsWith('published=')).join(','),
		addReplaces: false,
		blank: 2,
	}],
});

function fileEntries(service: SwarmService, field: 'Secrets' | 'Configs', nameField: string): string[] {
	return ((containerSpecOf(service)[field] as Json[] | undefined) ?? [])
		// A credential spec's config has no file: it is not edited here.
		.filter(reference => reference['File'])
		.map(reference => fileReferenceText({name: reference[nameField], id: '', target: reference['File']['Name'], uid: reference['File']['UID'] ?? '0', gid: reference['File']['GID'] ?? '0', mode: reference['File']['Mode'] ?? 0o444}));
}

const sourceOf = (entry: string) => /(?:^|,)(?:source|src)=([^,]*)/.exec(entry)?.[1] ?? entry;
const names = (objects: ReadonlyArray<{name: string}>) => objects.length === 0 ? '(none)' : objects.map(object => object.name).join(', ');

/** The editor of the secrets or the configs: both are files named from the swarm's list. */
function filesEditor<const Id extends string>(id: Id, key: Binding, what: 'secret' | 'config', description: string) {
	const kind = what === 'secret' ? 'secrets' : 'configs';
	return listEditor({
		id,
		key,
		name: kind,
		description,
		needsReferences: true,
		intro: (_service, references) => [`${what === 'secret' ? 'Secrets' : 'Configs'} in this swarm: ${names(references[kind])}${references[kind].length > 0 ? ' (→ on a + line offers them)' : ''}.`, 'A line is a name, or source=NAME,target=PATH,uid=0,gid=0,mode=0444.'],
		parts: [{
			kind, title: kind, flag: what,
			entries: service => fileEntries(service, what === 'secret' ? 'Secrets' : 'Configs', what === 'secret' ? 'SecretName' : 'ConfigName'),
			identity: sourceOf, addReplaces: false, blank: 2,
			suggestions: references => references[kind].map(object => object.name),
		}],
	});
}

export const secretsEditor = filesEditor('editSecrets', char('S'), 'secret', 'Edit the secrets given as files; replaces tasks');
export const configsEditor = filesEditor('editConfigs', char('K'), 'config', 'Edit the configs given as files; replaces tasks');

/** The networks a service can be attached to: swarm-scoped, the ingress network aside. */
const attachable = (references: ReferenceLists) => references.networks.filter(network => (network.scope === undefined || network.scope === 'swarm') && !network.ingress);

export const networksEditor = listEditor({
	id: 'editNetworks',
	key: char('N'),
	name: 'networks',
	description: 'Edit the swarm networks attached; replaces tasks',
	needsReferences: true,
	intro: (_service, references) => [`Swarm networks: ${names(attachable(references))}${attachable(references).length > 0 ? ' (→ on a + line offers them)' : ''}.`],
	parts: [{
		suggestions: references => attachable(references).map(network => network.name),
		kind: 'networks', title: 'Networks', flag: 'network',
		// The spec keeps IDs; the lines show names, looked up when the editor opened.
		entries: (service, references) => ((taskTemplateOf(service)['Networks'] as Json[] | undefined) ?? []).map(network => references.networks.find(known => known.id === network['Target'])?.name ?? network['Target'] as string),
		identity: entry => entry,
		addReplaces: false,
		blank: 2,
	}],
});

export const mountsEditor = listEditor({
	id: 'editMounts',
	key: char('M'),
	name: 'mounts',
	description: 'Edit the mounts: bind, volume, tmpfs; replaces tasks',
	intro: () => ['A line is type=bind|volume|tmpfs,source=SRC,target=PATH, with ,readonly to mount it read-only. Adding one to a target already mounted replaces it.'],
	parts: [{
		kind: 'mounts', title: 'Mounts', flag: 'mount',
		entries: service => ((containerSpecOf(service)['Mounts'] as Json[] | undefined) ?? []).map(mount => mountText({Type: mount['Type'], Source: mount['Source'], Target: mount['Target'], ReadOnly: mount['ReadOnly']})),
		identity: entry => /(?:^|,)(?:target|dst|destination)=([^,]*)/.exec(entry)?.[1] ?? entry,
		addReplaces: true,
		blank: 2,
	}],
});

/** One field of a fields editor: a flag, its value in the spec as the flag writes it. */
type FieldPart = {flag: string; label: string; current: (service: SwarmService) => string; choices?: readonly string[]};

type FieldsEditor = {
	id: string;
	key: Binding;
	name: string;
	description: string;
	kinds: readonly FamilyKind[];
	fields: readonly FieldPart[];
	note: string;
};

/** The flags whose text changed; `no-healthcheck` is a switch, given when chosen. */
function changedFlags(editor: FieldsEditor, service: SwarmService, values: FormValues): Map<string, string[]> {
	const flags = new Map<string, string[]>();
	for (const field of editor.fields) {
		const text = (values[field.flag] ?? field.current(service)).trim();
		if (text !== field.current(service)) {
			if (field.flag === 'no-healthcheck') {
				// Turned back on with nothing else typed: the image's own check again, as an empty --health-cmd makes it.
				if (text === 'yes') {
					flags.set('no-healthcheck', ['true']);
				} else if (!flags.has('health-cmd')) {
					flags.set('health-cmd', [(values['health-cmd'] ?? '').trim()]);
				}
			} else {
				flags.set(field.flag, [text]);
			}
		}
	}

	return flags;
}

function fieldsEditor<const Id extends string>(editor: FieldsEditor & {id: Id}): ServiceAction & {id: Id} {
	const editsOf = (service: SwarmService, values: FormValues) => editor.kinds.flatMap(kind => familyEdit(kind, changedFlags(editor, service, values), emptyReferenceLists) ?? []);
	return defineServiceAction({
		id: editor.id,
		keys: [editor.key],
		description: editor.description,
		name: `${editor.name} change`,
		palette: {name: `edit-${editor.name}`, fields: []},
		formFollowsSpec: true,
		form: service => ({
			title: `${editor.name[0]!.toUpperCase()}${editor.name.slice(1)} of ${service.name}`,
			groups: [{fields: editor.fields.map(field => ({
				key: field.flag,
				label: field.label,
				initial: field.current(service),
				choices: field.choices,
				check: checkWith(text => field.choices ? undefined : editor.kinds.map(kind => familyEdit(kind, new Map([[field.flag, [text.trim()]]]), emptyReferenceLists))),
			}))}],
			note: editor.note,
		}),
		decide: (service, values, {taskStartMs} = {}) => editorDecision(service, editor.name, editsOf(service, values), taskStartMs),
	});
}

const resourcesOf = (service: SwarmService, part: 'Limits' | 'Reservations'): Json => ((taskTemplateOf(service)['Resources'] as Json | undefined)?.[part] ?? {}) as Json;

export const resourcesEditor = fieldsEditor({
	id: 'editResources',
	key: char('R'),
	name: 'resources',
	description: 'Edit the CPU and memory limits and reservations',
	kinds: ['resources'],
	note: 'CPUs as a number (0.5), memory with b, k, m, g (512M); 0 means none.',
	fields: [
		{flag: 'limit-cpu', label: 'limit CPUs', current: service => cpusText(resourcesOf(service, 'Limits')['NanoCPUs'] ?? 0)},
		{flag: 'limit-memory', label: 'limit memory', current: service => memoryText(resourcesOf(service, 'Limits')['MemoryBytes'] ?? 0)},
		{flag: 'reserve-cpu', label: 'reserve CPUs', current: service => cpusText(resourcesOf(service, 'Reservations')['NanoCPUs'] ?? 0)},
		{flag: 'reserve-memory', label: 'reserve memory', current: service => memoryText(resourcesOf(service, 'Reservations')['MemoryBytes'] ?? 0)},
	],
});

const restartOf = (service: SwarmService): Json => (taskTemplateOf(service)['RestartPolicy'] ?? {}) as Json;

export const restartEditor = fieldsEditor({
	id: 'editRestart',
	key: char('T'),
	name: 'restart',
	description: 'Edit the restart policy; replaces tasks',
	kinds: ['restart'],
	note: 'Max attempts 0: no limit. Window 0s: attempts are counted over the task\'s life.',
	fields: [
		{flag: 'restart-condition', label: 'condition', current: service => restartOf(service)['Condition'] ?? 'any', choices: restartConditions},
		{flag: 'restart-delay', label: 'delay', current: service => formatGoDuration(restartOf(service)['Delay'] ?? 5_000_000_000)},
		{flag: 'restart-max-attempts', label: 'max attempts', current: service => String(restartOf(service)['MaxAttempts'] ?? 0)},
		{flag: 'restart-window', label: 'window', current: service => formatGoDuration(restartOf(service)['Window'] ?? 0)},
	],
});

const healthOf = (service: SwarmService): Json => (containerSpecOf(service)['Healthcheck'] ?? {}) as Json;

function healthCommand(service: SwarmService): string {
	const test = (healthOf(service)['Test'] as string[] | undefined) ?? [];
	return test[0] === 'CMD-SHELL' ? test[1] ?? '' : test[0] === 'CMD' ? joinWords(test.slice(1)) : '';
}

export const healthEditor = fieldsEditor({
	id: 'editHealth',
	key: char('h'),
	name: 'health',
	description: 'Edit the health check, or turn it off; replaces tasks',
	kinds: ['health'],
	note: 'An empty command uses the image\'s HEALTHCHECK; "none: yes" turns every check off (--no-healthcheck).',
	fields: [
		{flag: 'health-cmd', label: 'command', current: healthCommand},
		{flag: 'health-interval', label: 'interval', current: service => formatGoDuration(healthOf(service)['Interval'] ?? 0)},
		{flag: 'health-timeout', label: 'timeout', current: service => formatGoDuration(healthOf(service)['Timeout'] ?? 0)},
		{flag: 'health-retries', label: 'retries', current: service => String(healthOf(service)['Retries'] ?? 0)},
		{flag: 'health-start-period', label: 'start period', current: service => formatGoDuration(healthOf(service)['StartPeriod'] ?? 0)},
		{flag: 'no-healthcheck', label: 'none', current: service => ((healthOf(service)['Test'] as string[] | undefined)?.[0] === 'NONE' ? 'yes' : 'no'), choices: ['no', 'yes']},
	],
});

export const commandEditor = fieldsEditor({
	id: 'editCommand',
	key: char('x'),
	name: 'command',
	description: 'Edit the entrypoint and its args; replaces tasks',
	kinds: ['entrypoint', 'args'],
	note: 'Words as a shell splits them (quote a word with spaces). Empty: the image\'s ENTRYPOINT or CMD.',
	fields: [
		{flag: 'entrypoint', label: 'entrypoint', current: service => joinWords((containerSpecOf(service)['Command'] as string[] | undefined) ?? [])},
		{flag: 'args', label: 'args', current: service => joinWords((containerSpecOf(service)['Args'] as string[] | undefined) ?? [])},
	],
});

export const editors = [envEditor, labelsEditor, placementEditor, portsEditor, secretsEditor, configsEditor, networksEditor, mountsEditor, resourcesEditor, restartEditor, healthEditor, commandEditor] as const;
