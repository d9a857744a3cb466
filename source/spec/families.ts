// The rest of the spec `docker service update` changes, one declaration per flag family:
// how its flags are read into an edit, how the edit changes the raw spec (as the CLI's
// cli/command/service/update.go does), the value a stale-write check compares, the flags
// that make it again, and how it reads in a plan. The editors, the palette and the write
// layer all go through these, so what is shown, typed and sent cannot drift apart.
import {ValidationError} from '../swarm/errors.js';
import type {RawServiceSpec} from '../swarm/types.js';
import {formatGoDuration} from './go-duration.js';
import {
	cpusText, memoryText, mountText, parseCommandLine, parseConstraint, parseCount, parseCpus, parseEnvEntry, parseFileRequest, parseKey, parseLabelEntry, parseMemory, parseMount,
	parseMountTarget, parsePlacementPreference, parsePort, parsePositiveDuration, parseRestartCondition, portLabel, portText,
	type MountConfig, type PortConfig, type RestartCondition,
} from './values.js';

/** A secret or config the swarm has, by ID and name: what a reference is resolved against. */
export type NamedObject = {id: string; name: string};
export type NamedNetwork = NamedObject & {scope?: string; ingress?: boolean};

/** A port a service publishes on the routing mesh, which no other service may take. */
export type PublishedPort = {serviceId: string; service: string; port: number; protocol: string};

/**
 * What names in the flags are looked up in: the swarm's secrets, configs and networks; and
 * the ports other services publish, to refuse a clash before the daemon does.
 */
export type ReferenceLists = {secrets: readonly NamedObject[]; configs: readonly NamedObject[]; networks: readonly NamedNetwork[]; publishedPorts?: readonly PublishedPort[]};

export const emptyReferenceLists: ReferenceLists = {secrets: [], configs: [], networks: []};

/** A secret or config given to the service as a file, its name resolved to the swarm's ID. */
export type FileReference = {name: string; id: string; target: string; uid: string; gid: string; mode: number};

export type FamilyEdit =
	| {kind: 'env'; add: readonly string[]; remove: readonly string[]}
	| {kind: 'labels'; add: readonly string[]; remove: readonly string[]}
	| {kind: 'containerLabels'; add: readonly string[]; remove: readonly string[]}
	| {kind: 'constraints'; add: readonly string[]; remove: readonly string[]}
	| {kind: 'placementPrefs'; add: readonly string[]; remove: readonly string[]}
	| {kind: 'ports'; add: readonly PortConfig[]; remove: readonly PortConfig[]}
	| {kind: 'secrets'; add: readonly FileReference[]; remove: readonly string[]}
	| {kind: 'configs'; add: readonly FileReference[]; remove: readonly string[]}
	| {kind: 'networks'; add: readonly NamedObject[]; remove: readonly NamedObject[]}
	| {kind: 'mounts'; add: readonly MountConfig[]; remove: readonly string[]}
	| {kind: 'resources'; limitCpu?: number; limitMemory?: number; reserveCpu?: number; reserveMemory?: number}
	| {kind: 'restart'; condition?: RestartCondition; delay?: number; maxAttempts?: number; window?: number}
	| {kind: 'health'; none?: true; cmd?: string; interval?: number; timeout?: number; retries?: number; startPeriod?: number}
	| {kind: 'args'; args: readonly string[]}
	| {kind: 'entrypoint'; command: readonly string[]};

export type FamilyKind = FamilyEdit['kind'];
type EditOf<K extends FamilyKind> = Extract<FamilyEdit, {kind: K}>;

/** A flag as `docker service update` declares it: a value, repeatable or not, or a switch. */
export type FlagShape = {type: 'string' | 'boolean'; multiple?: boolean};

/** The values of one family's flags as typed: each flag's values in order; a switch is `['true']`. */
export type FlagValues = ReadonlyMap<string, readonly string[]>;

export type Family<K extends FamilyKind> = {
	kind: K;
	/** What the editor and the plan call it: `env`, `published ports`. */
	title: string;
	flags: Readonly<Record<string, FlagShape>>;
	/** False only for what lives outside the task template and the endpoint. */
	replacesTasks: boolean;
	/** The edit the flags make, or undefined when none of them was given; throws ValidationError. */
	fromFlags: (values: FlagValues, lists: ReferenceLists) => EditOf<K> | undefined;
	apply: (spec: RawServiceSpec, edit: EditOf<K>) => void;
	/** The field the edit changes, as text: what a stale-write check compares. */
	current: (spec: RawServiceSpec) => string;
	toFlags: (edit: EditOf<K>) => string[];
	/** In words, for a plan: `env: FOO=bar added, B removed`. */
	describe: (edit: EditOf<K>) => string;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON, shaped by the daemon */
type Json = Record<string, any>;

function taskTemplate(spec: RawServiceSpec): Json {
	spec.TaskTemplate ??= {};
	return spec.TaskTemplate as Json;
}

function containerSpec(spec: RawServiceSpec): Json {
	const task = taskTemplate(spec);
	task['ContainerSpec'] ??= {};
	return task['ContainerSpec'] as Json;
}

const containerField = (spec: RawServiceSpec, field: string): unknown => (spec.TaskTemplate?.ContainerSpec as Json | undefined)?.[field];

/** Sets a field, or drops it when empty: the CLI's JSON leaves empty lists out (omitempty). */
function setOrDrop(target: Json, field: string, value: unknown): void {
	const empty = value === undefined || value === 0 || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
	if (empty) {
		delete target[field];
	} else {
		target[field] = value;
	}
}

const json = (value: unknown) => JSON.stringify(value ?? null);

function list<T>(values: FlagValues, flag: string, parse: (text: string) => T): T[] {
	return (values.get(flag) ?? []).map(text => parse(text));
}

function single<T>(values: FlagValues, flag: string, parse: (text: string) => T): T | undefined {
	const all = values.get(flag);
	// pflag keeps the last value of a flag given twice.
	return all && all.length > 0 ? parse(all.at(-1)!) : undefined;
}

const repeatable = {type: 'string', multiple: true} as const satisfies FlagShape;
const once = {type: 'string'} as const satisfies FlagShape;

function changes(added: readonly string[], removed: readonly string[]): string {
	return [added.length > 0 ? `${added.join(', ')} added` : '', removed.length > 0 ? `${removed.join(', ')} removed` : ''].filter(Boolean).join('; ');
}

/** A family of `--X-add` / `--X-rm` flags whose values are kept as text. */
function textListFamily<K extends 'env' | 'labels' | 'containerLabels' | 'constraints' | 'placementPrefs'>(
	kind: K,
	declaration: {
		title: string; flag: string; replacesTasks: boolean;
		parseAdd: (text: string, flag: string) => string; parseRemove: (text: string, flag: string) => string;
		apply: (spec: RawServiceSpec, add: readonly string[], remove: readonly string[]) => void;
		current: (spec: RawServiceSpec) => unknown;
		/** How a value is written in the flags, when not as kept: `spread=node.labels.zone`. */
		text?: (value: string) => string;
	},
): Family<K> {
	const addFlag = `${declaration.flag}-add`;
	const removeFlag = `${declaration.flag}-rm`;
	const text = declaration.text ?? (value => value);
	return {
		kind,
		title: declaration.title,
		flags: {[addFlag]: repeatable, [removeFlag]: repeatable},
		replacesTasks: declaration.replacesTasks,
		fromFlags(values) {
			const add = list(values, addFlag, text => declaration.parseAdd(text, addFlag));
			const remove = list(values, removeFlag, text => declaration.parseRemove(text, removeFlag));
			return add.length + remove.length === 0 ? undefined : {kind, add, remove} as unknown as EditOf<K>;
		},
		apply: (spec, edit) => {
			const {add, remove} = edit as {add: readonly string[]; remove: readonly string[]};
			declaration.apply(spec, add, remove);
		},
		current: spec => json(declaration.current(spec)),
		toFlags(edit) {
			const {add, remove} = edit as {add: readonly string[]; remove: readonly string[]};
			return [...remove.flatMap(value => [`--${removeFlag}`, text(value)]), ...add.flatMap(value => [`--${addFlag}`, text(value)])];
		},
		describe(edit) {
			const {add, remove} = edit as {add: readonly string[]; remove: readonly string[]};
			return `${declaration.title}: ${changes(add.map(value => text(value)), remove.map(value => text(value)))}`;
		},
	};
}

const envKey = (entry: string) => entry.split('=')[0]!;

/**
 * The CLI rebuilds the list from a Go map, in no fixed order; here a variable keeps its
 * place and a new one goes last, so the same flags always make the same spec.
 */
function applyEnv(spec: RawServiceSpec, add: readonly string[], remove: readonly string[]): void {
	const removed = new Set(remove);
	const env = ((containerField(spec, 'Env') as string[] | undefined) ?? []).filter(entry => !removed.has(envKey(entry)));
	for (const entry of add) {
		const at = env.findIndex(existing => envKey(existing) === envKey(entry));
		if (at === -1) {
			env.push(entry);
		} else {
			env[at] = entry;
		}
	}

	setOrDrop(containerSpec(spec), 'Env', env);
}

function applyLabels(labels: Record<string, string> | undefined, add: readonly string[], remove: readonly string[]): Record<string, string> {
	const result = {...labels};
	for (const key of remove) {
		delete result[key];
	}

	for (const entry of add) {
		const [key = '', ...value] = entry.split('=');
		result[key] = value.join('=');
	}

	return result;
}

function placement(spec: RawServiceSpec): Json {
	const task = taskTemplate(spec);
	task['Placement'] ??= {};
	return task['Placement'] as Json;
}

const placementField = (spec: RawServiceSpec, field: string): unknown => (spec.TaskTemplate?.['Placement'] as Json | undefined)?.[field];

const env = textListFamily('env', {
	title: 'env',
	flag: 'env',
	replacesTasks: true,
	parseAdd: parseEnvEntry,
	parseRemove: parseKey,
	apply: applyEnv,
	current: spec => containerField(spec, 'Env'),
});

const labels = textListFamily('labels', {
	title: 'service labels',
	flag: 'label',
	replacesTasks: false,
	parseAdd: parseLabelEntry,
	parseRemove: parseKey,
	// Service labels are not omitempty in the API: an emptied set stays `{}`.
	apply(spec, add, remove) {
		spec.Labels = applyLabels(spec.Labels, add, remove);
	},
	current: spec => spec.Labels,
});

const containerLabels = textListFamily('containerLabels', {
	title: 'container labels',
	flag: 'container-label',
	replacesTasks: true,
	parseAdd: parseLabelEntry,
	parseRemove: parseKey,
	apply(spec, add, remove) {
		setOrDrop(containerSpec(spec), 'Labels', applyLabels(containerField(spec, 'Labels') as Record<string, string> | undefined, add, remove));
	},
	current: spec => containerField(spec, 'Labels'),
});

const constraints = textListFamily('constraints', {
	title: 'constraints',
	flag: 'constraint',
	replacesTasks: true,
	parseAdd: parseConstraint,
	parseRemove: (text, flag) => parseConstraint(text, flag),
	apply(spec, add, remove) {
		const removed = new Set(remove);
		const kept = [...((placementField(spec, 'Constraints') as string[] | undefined) ?? []), ...add].filter(constraint => !removed.has(constraint));
		// Sorted, as the CLI does, so the same constraints always make the same spec.
		setOrDrop(placement(spec), 'Constraints', kept.sort());
	},
	current: spec => placementField(spec, 'Constraints'),
});

type Preference = {Spread?: {SpreadDescriptor?: string}};

const placementPrefs = textListFamily('placementPrefs', {
	title: 'placement preferences',
	flag: 'placement-pref',
	replacesTasks: true,
	parseAdd: parsePlacementPreference,
	parseRemove: parsePlacementPreference,
	apply(spec, add, remove) {
		const removed = new Set(remove);
		const kept = ((placementField(spec, 'Preferences') as Preference[] | undefined) ?? []).filter(preference => !removed.has(preference.Spread?.SpreadDescriptor ?? ''));
		setOrDrop(placement(spec), 'Preferences', [...kept, ...add.map(descriptor => ({Spread: {SpreadDescriptor: descriptor}}))]);
	},
	current: spec => placementField(spec, 'Preferences'),
	text: descriptor => `spread=${descriptor}`,
});

type RawPort = {Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string; [key: string]: unknown};

/** The CLI's key for a port: `8080:80/tcp/ingress`, 0 for a port the swarm picks. */
const portKey = (port: RawPort) => `${port.PublishedPort ?? 0}:${port.TargetPort ?? 0}/${port.Protocol ?? ''}/${port.PublishMode ?? ''}`;
const sameProtocol = (a = '', b = '') => a === b || (a === '' && b === 'tcp') || (b === '' && a === 'tcp');
const sameMode = (a = '', b = '') => a === b || (a === '' && b === 'ingress') || (b === '' && a === 'ingress');

/** The key order of the API's JSON, so a spec compares equal to the one the daemon returns. */
const rawPort = (port: PortConfig): RawPort => ({Protocol: port.Protocol, TargetPort: port.TargetPort, ...(port.PublishedPort === undefined ? {} : {PublishedPort: port.PublishedPort}), PublishMode: port.PublishMode});

/** A port `--publish-rm` removes: every one with this target port, protocol and mode. */
const removalText = (port: PortConfig) => portText({...port, PublishedPort: undefined});

const ports: Family<'ports'> = {
	kind: 'ports',
	title: 'published ports',
	flags: {'publish-add': repeatable, 'publish-rm': repeatable},
	replacesTasks: true,
	fromFlags(values) {
		const add = list(values, 'publish-add', text => rawPort(parsePort(text, 'publish-add')) as PortConfig);
		// `--publish-rm 80` names the target port: the published one plays no part.
		const remove = list(values, 'publish-rm', text => ({...parsePort(text, 'publish-rm'), PublishedPort: undefined})).map(port => rawPort(port) as PortConfig);
		return add.length + remove.length === 0 ? undefined : {kind: 'ports', add, remove};
	},
	apply(spec, edit) {
		spec.EndpointSpec ??= {};
		const existing = new Map<string, RawPort>();
		for (const port of (spec.EndpointSpec.Ports ?? []) as RawPort[]) {
			if (!existing.has(portKey(port))) {
				existing.set(portKey(port), port);
			}
		}

		const kept = [...existing.values()].filter(port => !edit.remove.some(gone => sameProtocol(port.Protocol, gone.Protocol) && port.TargetPort === gone.TargetPort && sameMode(port.PublishMode, gone.PublishMode)));
		const added = edit.add.map(port => rawPort(port)).filter(port => !existing.has(portKey(port)));
		const result = [...kept, ...added].sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
		setOrDrop(spec.EndpointSpec as Json, 'Ports', result);
	},
	current: spec => json(spec.EndpointSpec?.Ports),
	toFlags: edit => [...edit.remove.flatMap(port => ['--publish-rm', removalText(port)]), ...edit.add.flatMap(port => ['--publish-add', portText(port)])],
	describe: edit => `published ports: ${changes(edit.add.map(port => portLabel(port)), edit.remove.map(port => `every port to ${port.TargetPort}/${port.Protocol}${port.PublishMode === 'host' ? ' (host)' : ''}`))}`,
};

/** A secret or config as `--secret-add` takes it back: every field said. */
export function fileReferenceText(reference: FileReference): string {
	return `source=${reference.name},target=${reference.target},uid=${reference.uid},gid=${reference.gid},mode=0${reference.mode.toString(8)}`;
}

/** Looks the names up in the swarm's list, as the CLI's ParseSecrets and ParseConfigs do. */
function resolveFiles(texts: readonly string[], flag: string, known: readonly NamedObject[], what: 'secret' | 'config'): FileReference[] {
	const targets = new Set<string>();
	return texts.map(text => {
		const request = parseFileRequest(text, flag);
		if (targets.has(request.target)) {
			throw new ValidationError(flag, `two ${what}s would be the file ${request.target}: give one of them another target=`);
		}

		targets.add(request.target);
		const found = known.find(object => object.name === request.source);
		if (!found) {
			throw new ValidationError(flag, `there is no ${what} named "${request.source}" in this swarm: create it first (docker ${what} create)`);
		}

		return {name: found.name, id: found.id, target: request.target, uid: request.uid, gid: request.gid, mode: request.mode};
	});
}

type FileEdit = {add: readonly FileReference[]; remove: readonly string[]};
const filesOf = (edit: {kind: string}) => edit as unknown as FileEdit;
/** A reference with every default: the CLI's short form, its name alone, says it all. */
const isPlainName = (reference: FileReference) => reference.target === reference.name && reference.uid === '0' && reference.gid === '0' && reference.mode === 0o444;

function fileFamily<K extends 'secrets' | 'configs'>(kind: K, what: 'secret' | 'config'): Family<K> {
	const field = what === 'secret' ? 'Secrets' : 'Configs';
	const nameField = what === 'secret' ? 'SecretName' : 'ConfigName';
	const idField = what === 'secret' ? 'SecretID' : 'ConfigID';
	return {
		kind,
		title: `${what}s`,
		flags: {[`${what}-add`]: repeatable, [`${what}-rm`]: repeatable},
		replacesTasks: true,
		fromFlags(values, lists) {
			const add = resolveFiles(values.get(`${what}-add`) ?? [], `${what}-add`, what === 'secret' ? lists.secrets : lists.configs, what);
			const remove = list(values, `${what}-rm`, text => parseKey(text, `${what}-rm`));
			return add.length + remove.length === 0 ? undefined : {kind, add, remove} as EditOf<K>;
		},
		apply(spec, edit) {
			const {add, remove} = filesOf(edit);
			const removed = new Set(remove);
			// A config with a runtime target belongs to a credential spec, which --config-rm leaves alone.
			const kept = ((containerField(spec, field) as Json[] | undefined) ?? []).filter(reference => reference['Runtime'] !== undefined || !removed.has(reference[nameField] as string));
			const added = add.map(reference => ({File: {Name: reference.target, UID: reference.uid, GID: reference.gid, Mode: reference.mode}, [idField]: reference.id, [nameField]: reference.name}));
			setOrDrop(containerSpec(spec), field, [...kept, ...added]);
		},
		current: spec => json(containerField(spec, field)),
		toFlags(edit) {
			const {add, remove} = filesOf(edit);
			return [...remove.flatMap(name => [`--${what}-rm`, name]), ...add.flatMap(reference => [`--${what}-add`, isPlainName(reference) ? reference.name : fileReferenceText(reference)])];
		},
		// Only names and paths: a secret's value is never read.
		describe(edit) {
			const {add, remove} = filesOf(edit);
			return `${what}s: ${changes(add.map(reference => `${reference.name} as ${reference.target}`), remove)}`;
		},
	};
}

function resolveNetwork(text: string, flag: string, known: readonly NamedNetwork[]): NamedObject {
	const name = text.trim();
	if (name === '' || name.includes('=') || name.includes(',')) {
		throw new ValidationError(flag, `"${text}" is not a network name: type the name alone (aliases and driver options are not edited here)`);
	}

	const found = known.find(network => network.name === name || network.id === name);
	if (!found) {
		throw new ValidationError(flag, `there is no network named "${name}" in this swarm`);
	}

	if (found.scope !== undefined && found.scope !== 'swarm') {
		throw new ValidationError(flag, `${found.name} is a ${found.scope} network: a service attaches only to swarm-scoped (overlay) networks`);
	}

	// The daemon refuses it too, after the person confirmed; a published port in ingress mode is what joins it.
	if (found.ingress && flag === 'network-add') {
		throw new ValidationError(flag, `${found.name} is the swarm's ingress network: a service joins it by publishing a port (--publish), not by --network-add`);
	}

	return {id: found.id, name: found.name};
}

const networks: Family<'networks'> = {
	kind: 'networks',
	title: 'networks',
	flags: {'network-add': repeatable, 'network-rm': repeatable},
	replacesTasks: true,
	fromFlags(values, lists) {
		const add = list(values, 'network-add', text => resolveNetwork(text, 'network-add', lists.networks));
		const remove = list(values, 'network-rm', text => resolveNetwork(text, 'network-rm', lists.networks));
		return add.length + remove.length === 0 ? undefined : {kind: 'networks', add, remove};
	},
	apply(spec, edit) {
		const removed = new Set(edit.remove.map(network => network.id));
		const kept = ((spec.TaskTemplate?.['Networks'] as Json[] | undefined) ?? []).filter(network => !removed.has(network['Target'] as string));
		for (const network of edit.add) {
			if (kept.some(existing => existing['Target'] === network.id)) {
				throw new ValidationError('network-add', `the service is already attached to network ${network.name}`);
			}

			kept.push({Target: network.id});
		}

		setOrDrop(taskTemplate(spec), 'Networks', kept.sort((a, b) => String(a['Target']).localeCompare(String(b['Target']))));
	},
	current: spec => json(spec.TaskTemplate?.['Networks']),
	toFlags: edit => [...edit.remove.flatMap(network => ['--network-rm', network.name]), ...edit.add.flatMap(network => ['--network-add', network.name])],
	describe: edit => `networks: ${changes(edit.add.map(network => network.name), edit.remove.map(network => network.name))}`,
};

const mounts: Family<'mounts'> = {
	kind: 'mounts',
	title: 'mounts',
	flags: {'mount-add': repeatable, 'mount-rm': repeatable},
	replacesTasks: true,
	fromFlags(values) {
		const add = list(values, 'mount-add', text => parseMount(text, 'mount-add'));
		const targets = new Set<string>();
		for (const mount of add) {
			if (targets.has(mount.Target)) {
				throw new ValidationError('mount-add', `two mounts have the target ${mount.Target}: a path takes one mount`);
			}

			targets.add(mount.Target);
		}

		const remove = list(values, 'mount-rm', text => parseMountTarget(text, 'mount-rm'));
		return add.length + remove.length === 0 ? undefined : {kind: 'mounts', add, remove};
	},
	apply(spec, edit) {
		// A mount replaces the one at its target; the result is sorted by source, then target, as the CLI does.
		const byTarget = new Map<string, Json>(edit.add.map(mount => [mount.Target, {...mount}]));
		for (const mount of (containerField(spec, 'Mounts') as Json[] | undefined) ?? []) {
			if (!byTarget.has(mount['Target'] as string)) {
				byTarget.set(mount['Target'] as string, mount);
			}
		}

		const removed = new Set(edit.remove);
		const result = [...byTarget.values()].filter(mount => !removed.has(mount['Target'] as string)).sort((a, b) => {
			const [sourceA = '', sourceB = ''] = [a['Source'] as string | undefined, b['Source'] as string | undefined];
			return sourceA === sourceB ? String(a['Target']).localeCompare(String(b['Target'])) : (sourceA < sourceB ? -1 : 1);
		});
		setOrDrop(containerSpec(spec), 'Mounts', result);
	},
	current: spec => json(containerField(spec, 'Mounts')),
	toFlags: edit => [...edit.remove.flatMap(target => ['--mount-rm', target]), ...edit.add.flatMap(mount => ['--mount-add', mountText(mount)])],
	describe: edit => `mounts: ${changes(edit.add.map(mount => `${mount.Type} ${mount.Source ? `${mount.Source} → ` : ''}${mount.Target}${mount.ReadOnly ? ' (read-only)' : ''}`), edit.remove)}`,
};

const resourceFlags = {limitCpu: 'limit-cpu', limitMemory: 'limit-memory', reserveCpu: 'reserve-cpu', reserveMemory: 'reserve-memory'} as const;
type ResourceField = keyof typeof resourceFlags;
const resourceFields = Object.keys(resourceFlags) as ResourceField[];
const isCpu = (field: ResourceField) => field === 'limitCpu' || field === 'reserveCpu';
const resourceText = (field: ResourceField, value: number) => (isCpu(field) ? cpusText(value) : memoryText(value));

const resources: Family<'resources'> = {
	kind: 'resources',
	title: 'resources',
	flags: Object.fromEntries(resourceFields.map(field => [resourceFlags[field], once])),
	replacesTasks: true,
	fromFlags(values) {
		const edit: EditOf<'resources'> = {kind: 'resources'};
		for (const field of resourceFields) {
			const flag = resourceFlags[field];
			const value = single(values, flag, text => (isCpu(field) ? parseCpus(text, flag) : parseMemory(text, flag)));
			if (value !== undefined) {
				edit[field] = value;
			}
		}

		return Object.keys(edit).length === 1 ? undefined : edit;
	},
	apply(spec, edit) {
		const task = taskTemplate(spec);
		const given = (fields: readonly ResourceField[]) => fields.some(field => edit[field] !== undefined);
		if (!given(resourceFields)) {
			return;
		}

		// The CLI makes sure both Limits and Reservations exist before it sets either.
		task['Resources'] = {...task['Resources'] as Json};
		const resources = task['Resources'] as Json;
		resources['Limits'] = {...resources['Limits'] as Json};
		resources['Reservations'] = {...resources['Reservations'] as Json};
		const set = (part: 'Limits' | 'Reservations', key: string, value: number | undefined) => {
			if (value !== undefined) {
				setOrDrop(resources[part] as Json, key, value);
			}
		};

		set('Limits', 'NanoCPUs', edit.limitCpu);
		set('Limits', 'MemoryBytes', edit.limitMemory);
		set('Reservations', 'NanoCPUs', edit.reserveCpu);
		set('Reservations', 'MemoryBytes', edit.reserveMemory);
	},
	current: spec => json(spec.TaskTemplate?.['Resources']),
	toFlags: edit => resourceFields.flatMap(field => (edit[field] === undefined ? [] : [`--${resourceFlags[field]}`, resourceText(field, edit[field])])),
	describe: edit => `resources: ${resourceFields.filter(field => edit[field] !== undefined).map(field => `${resourceFlags[field]} ${edit[field] === 0 ? 'none' : resourceText(field, edit[field]!)}`).join(', ')}`,
};

const restartFlags = {condition: 'restart-condition', delay: 'restart-delay', maxAttempts: 'restart-max-attempts', window: 'restart-window'} as const;
type RestartField = keyof typeof restartFlags;
const restartFields = Object.keys(restartFlags) as RestartField[];
const restartText = (field: RestartField, value: string | number) => (field === 'delay' || field === 'window' ? formatGoDuration(value as number) : String(value));

const restart: Family<'restart'> = {
	kind: 'restart',
	title: 'restart policy',
	flags: Object.fromEntries(restartFields.map(field => [restartFlags[field], once])),
	replacesTasks: true,
	fromFlags(values) {
		const edit: EditOf<'restart'> = {kind: 'restart'};
		const condition = single(values, restartFlags.condition, text => parseRestartCondition(text, restartFlags.condition));
		const delay = single(values, restartFlags.delay, text => parsePositiveDuration(text, restartFlags.delay));
		const maxAttempts = single(values, restartFlags.maxAttempts, text => parseCount(text, restartFlags.maxAttempts));
		const window = single(values, restartFlags.window, text => parsePositiveDuration(text, restartFlags.window));
		Object.assign(edit, condition === undefined ? {} : {condition}, delay === undefined ? {} : {delay}, maxAttempts === undefined ? {} : {maxAttempts}, window === undefined ? {} : {window});
		return Object.keys(edit).length === 1 ? undefined : edit;
	},
	apply(spec, edit) {
		const task = taskTemplate(spec);
		// With no policy yet, the CLI starts from swarm's defaults: any, 5s, no limit.
		const policy: Json = {...(task['RestartPolicy'] as Json | undefined ?? {Condition: 'any', Delay: 5_000_000_000, MaxAttempts: 0})};
		if (edit.condition !== undefined) {
			policy['Condition'] = edit.condition;
		}

		// Pointers in the API: a 0 given is sent as 0, not left out.
		if (edit.delay !== undefined) {
			policy['Delay'] = edit.delay;
		}

		if (edit.maxAttempts !== undefined) {
			policy['MaxAttempts'] = edit.maxAttempts;
		}

		if (edit.window !== undefined) {
			policy['Window'] = edit.window;
		}

		task['RestartPolicy'] = policy;
	},
	current: spec => json(spec.TaskTemplate?.['RestartPolicy']),
	toFlags: edit => restartFields.flatMap(field => (edit[field] === undefined ? [] : [`--${restartFlags[field]}`, restartText(field, edit[field])])),
	describe: edit => `restart policy: ${restartFields.filter(field => edit[field] !== undefined).map(field => `${restartFlags[field].replace('restart-', '')} ${restartText(field, edit[field]!)}`).join(', ')}`,
};

const healthFlags = {cmd: 'health-cmd', interval: 'health-interval', timeout: 'health-timeout', retries: 'health-retries', startPeriod: 'health-start-period'} as const;
type HealthField = keyof typeof healthFlags;
const healthFields = Object.keys(healthFlags) as HealthField[];
const healthText = (field: HealthField, value: string | number) => (field === 'cmd' || field === 'retries' ? String(value) : formatGoDuration(value as number));
const healthApiField: Record<Exclude<HealthField, 'cmd'>, string> = {interval: 'Interval', timeout: 'Timeout', retries: 'Retries', startPeriod: 'StartPeriod'};

const health: Family<'health'> = {
	kind: 'health',
	title: 'health check',
	flags: {...Object.fromEntries(healthFields.map(field => [healthFlags[field], once])), 'no-healthcheck': {type: 'boolean'}},
	replacesTasks: true,
	fromFlags(values) {
		const edit: EditOf<'health'> = {kind: 'health'};
		const cmd = single(values, healthFlags.cmd, text => text);
		const retries = single(values, healthFlags.retries, text => parseCount(text, healthFlags.retries));
		Object.assign(edit, cmd === undefined ? {} : {cmd}, retries === undefined ? {} : {retries});
		for (const field of ['interval', 'timeout', 'startPeriod'] as const) {
			const value = single(values, healthFlags[field], text => parsePositiveDuration(text, healthFlags[field]));
			if (value !== undefined) {
				edit[field] = value;
			}
		}

		if (values.has('no-healthcheck')) {
			if (Object.keys(edit).length > 1) {
				throw new ValidationError('no-healthcheck', '--no-healthcheck turns the check off: it cannot go with --health-* flags');
			}

			return {kind: 'health', none: true};
		}

		return Object.keys(edit).length === 1 ? undefined : edit;
	},
	apply(spec, edit) {
		const container = containerSpec(spec);
		if (edit.none) {
			container['Healthcheck'] = {Test: ['NONE']};
			return;
		}

		const check: Json = {...container['Healthcheck'] as Json | undefined};
		if (Array.isArray(check['Test']) && check['Test'][0] === 'NONE') {
			delete check['Test'];
		}

		for (const field of ['interval', 'timeout', 'startPeriod', 'retries'] as const) {
			if (edit[field] !== undefined) {
				setOrDrop(check, healthApiField[field], edit[field]);
			}
		}

		if (edit.cmd !== undefined) {
			setOrDrop(check, 'Test', edit.cmd === '' ? undefined : ['CMD-SHELL', edit.cmd]);
		}

		// The key order of the API's JSON.
		container['Healthcheck'] = Object.fromEntries(['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'].filter(key => key in check).map(key => [key, check[key]]));
	},
	current: spec => json(containerField(spec, 'Healthcheck')),
	toFlags: edit => (edit.none ? ['--no-healthcheck'] : healthFields.flatMap(field => (edit[field] === undefined ? [] : [`--${healthFlags[field]}`, healthText(field, edit[field])]))),
	describe: edit => (edit.none ? 'health check: none (the image\'s check is turned off too)' : `health check: ${healthFields.filter(field => edit[field] !== undefined).map(field => `${healthFlags[field].replace('health-', '')} ${field === 'cmd' && edit.cmd === '' ? '(the image\'s)' : healthText(field, edit[field]!)}`).join(', ')}`),
};

/** Words joined so that a shell, or the CLI's shlex, splits them back into the same words. */
export function joinWords(words: readonly string[]): string {
	return words.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`)).join(' ');
}

function wordsFamily<K extends 'args' | 'entrypoint'>(kind: K, flag: string, field: 'Args' | 'Command', title: string): Family<K> {
	const wordsOf = (edit: EditOf<K>): readonly string[] => (edit as {args?: readonly string[]; command?: readonly string[]}).args ?? (edit as {command?: readonly string[]}).command ?? [];
	const make = (words: string[]) => (kind === 'args' ? {kind, args: words} : {kind, command: words}) as EditOf<K>;
	return {
		kind,
		title,
		flags: {[flag]: once},
		replacesTasks: true,
		fromFlags: values => single(values, flag, text => make(parseCommandLine(text, flag))),
		apply(spec, edit) {
			setOrDrop(containerSpec(spec), field, [...wordsOf(edit)]);
		},
		current: spec => json(containerField(spec, field)),
		toFlags: edit => [`--${flag}`, joinWords(wordsOf(edit))],
		describe: edit => `${title}: ${wordsOf(edit).length === 0 ? 'the image\'s' : joinWords(wordsOf(edit))}`,
	};
}

/** Every family, in the order the CLI applies them. */
export const families: {readonly [K in FamilyKind]: Family<K>} = {
	labels,
	containerLabels,
	args: wordsFamily('args', 'args', 'Args', 'args'),
	entrypoint: wordsFamily('entrypoint', 'entrypoint', 'Command', 'entrypoint'),
	env,
	mounts,
	resources,
	restart,
	constraints,
	placementPrefs,
	networks,
	ports,
	health,
	secrets: fileFamily('secrets', 'secret'),
	configs: fileFamily('configs', 'config'),
};

export const familyKinds = Object.keys(families) as FamilyKind[];

export function familyOf<K extends FamilyKind>(kind: K): Family<K> {
	return families[kind] as Family<K>;
}

export function isFamilyEdit(edit: {kind: string}): edit is FamilyEdit {
	return Object.hasOwn(families, edit.kind);
}

/** The edits a set of flags makes, one per family given, in the CLI's order. */
export function familyEditsFromFlags(values: FlagValues, lists: ReferenceLists): FamilyEdit[] {
	return familyKinds.flatMap(kind => {
		const edit = (families[kind] as Family<FamilyKind>).fromFlags(values, lists);
		return edit ? [edit] : [];
	});
}

/** Refuses a port the edits publish on the routing mesh that another service already publishes. */
export function checkPortClashes(serviceId: string, edits: ReadonlyArray<{kind: string}>, lists: ReferenceLists): void {
	for (const edit of edits) {
		if (edit.kind !== 'ports') {
			continue;
		}

		for (const port of (edit as EditOf<'ports'>).add) {
			const taken = port.PublishMode === 'ingress' && port.PublishedPort !== undefined
				? lists.publishedPorts?.find(other => other.serviceId !== serviceId && other.port === port.PublishedPort && other.protocol === port.Protocol)
				: undefined;
			if (taken) {
				throw new ValidationError('publish-add', `port ${port.PublishedPort}/${port.Protocol} is already published by ${taken.service}: pick another published port`);
			}
		}
	}
}
