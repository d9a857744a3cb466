// `docker service create …` as people type it or paste it from a handout, read into a
// service spec. A create flag is its update twin applied to an empty service (`--env` is
// `--env-add`, `--publish` is `--publish-add`), so the same family parsers and the same
// spec edits the update uses build it, with the defaults the CLI sends filled in first.
import {parseArgs} from 'node:util';
import {ValidationError} from '../swarm/errors.js';
import type {RawServiceSpec, ServiceMode} from '../swarm/types.js';
import {editedSpec, type SpecEdit} from './edits.js';
import type {FlagShape, ReferenceLists} from './families.js';
import {editedFlags, editsFromFlags, parseFlagWords} from './update-command.js';
import {checkImageReference} from './validate.js';

/** The create flags that are an update's `--X-add` under another name. */
const addedAs: Readonly<Record<string, string>> = {
	env: 'env-add',
	label: 'label-add',
	'container-label': 'container-label-add',
	constraint: 'constraint-add',
	'placement-pref': 'placement-pref-add',
	publish: 'publish-add',
	secret: 'secret-add',
	config: 'config-add',
	network: 'network-add',
	mount: 'mount-add',
};

/** Update flags that mean nothing to a service that does not exist yet. */
const updateOnly = new Set(['image', 'force', 'rollback', 'args']);

const repeatable = {type: 'string', multiple: true} as const satisfies FlagShape;

/** Every flag `docker service create` takes that swarmdeck reads, with its shape and short name. */
export const createFlags: Readonly<Record<string, FlagShape & {short?: string}>> = {
	...Object.fromEntries(Object.entries(editedFlags).filter(([flag]) => !updateOnly.has(flag) && !/-(add|rm)$/.test(flag))),
	...Object.fromEntries(Object.keys(addedAs).map(flag => [flag, repeatable])),
	env: {...repeatable, short: 'e'},
	label: {...repeatable, short: 'l'},
	publish: {...repeatable, short: 'p'},
	name: {type: 'string'},
	mode: {type: 'string'},
};

/** Create flags swarmdeck does not set yet: refused by name, never ignored. */
const notCreatedFlags: ReadonlySet<string> = new Set([
	'cap-add', 'cap-drop', 'credential-spec', 'dns', 'dns-option', 'dns-search', 'endpoint-mode', 'env-file', 'generic-resource', 'group', 'health-start-interval',
	'host', 'hostname', 'init', 'isolation', 'limit-pids', 'log-driver', 'log-opt', 'max-concurrent', 'read-only', 'replicas-max-per-node', 'stop-grace-period',
	'stop-signal', 'sysctl', 'tty', 'ulimit', 'user', 'with-registry-auth', 'workdir',
]);

export const createModes = ['replicated', 'global'] as const satisfies readonly ServiceMode[];

/** What a create command asks for. */
export type ServiceCreation = {
	name: string;
	image: string;
	mode: (typeof createModes)[number];
	/** Replicated only: 1 when not given, as the CLI does. */
	replicas?: number;
	/** The edits its other flags make, applied to the defaults. */
	edits: SpecEdit[];
};

/** A service name as the daemon takes it: letters, digits, `-` and `_`, up to 63, not starting or ending with `-`. */
export function checkServiceName(text: string): string {
	const name = text.trim();
	if (name === '') {
		throw new ValidationError('name', 'must not be empty: swarmdeck names every service it creates (docker service create --name NAME), rather than let the daemon pick one');
	}

	if (name.length > 63) {
		throw new ValidationError('name', `is ${name.length} characters long; a service name has at most 63`);
	}

	if (!/^[a-zA-Z\d](?:[a-zA-Z\d_-]*[a-zA-Z\d])?$/.test(name)) {
		throw new ValidationError('name', `"${name}" is not a valid service name: letters, digits, - and _ only, starting and ending with a letter or digit`);
	}

	return name;
}

function flagRefusal(name: string): string {
	return notCreatedFlags.has(name)
		? `--${name} is a docker service create flag swarmdeck does not set yet: nothing was sent. Run that one with docker itself.`
		: `docker service create has no flag --${name}${updateOnly.has(name) || /-(add|rm)$/.test(name) ? ' (that is an update flag)' : ''}: nothing was sent.`;
}

/** The words before the image (flags and their values), and the image with its args. */
export function splitCreateWords(args: readonly string[]) {
	const {tokens: loose} = parseArgs({args: [...args], options: createFlags as never, strict: false, allowPositionals: true, tokens: true});
	const imageToken = loose.find(token => token.kind === 'positional' || token.kind === 'option-terminator');
	const flagWords = imageToken ? args.slice(0, imageToken.index) : [...args];
	const afterFlags = imageToken?.kind === 'option-terminator' ? args.slice(imageToken.index + 1) : (imageToken ? args.slice(imageToken.index) : []);
	return {flagWords, afterFlags, loose};
}

/**
 * Reads the words after `create`: flags, then IMAGE, then the args. As in docker, flags stop
 * at the image: whatever follows it is the command's args, dashes included.
 */
export function parseCreateCommand(args: readonly string[], lists: ReferenceLists): ServiceCreation {
	const options = createFlags as never;
	const {flagWords, afterFlags, loose} = splitCreateWords(args);
	for (const token of loose) {
		if (token.kind === 'option' && token.index < flagWords.length && !Object.hasOwn(createFlags, token.name)) {
			throw new ValidationError('command', flagRefusal(token.name));
		}
	}

	const parsed = parseFlagWords(() => parseArgs({args: [...flagWords], options, strict: true, allowPositionals: false, tokens: true}));

	const [imageText, ...commandArgs] = afterFlags;
	if (imageText === undefined) {
		throw new ValidationError('image', 'name the image after the flags: docker service create [flags] IMAGE [ARG...]');
	}

	const values = new Map<string, string[]>();
	for (const token of parsed.tokens) {
		if (token.kind === 'option') {
			const flag = addedAs[token.name] ?? token.name;
			values.set(flag, [...values.get(flag) ?? [], token.value ?? 'true']);
		}
	}

	const name = checkServiceName(values.get('name')?.at(-1) ?? '');
	const image = checkImageReference(imageText);
	const modeText = values.get('mode')?.at(-1) ?? 'replicated';
	if (!(createModes as readonly string[]).includes(modeText)) {
		throw new ValidationError('mode', `must be replicated or global, got "${modeText}" (swarmdeck does not create jobs yet)`);
	}

	const mode = modeText as ServiceCreation['mode'];
	const replicasText = values.get('replicas')?.at(-1);
	if (mode === 'global' && replicasText !== undefined) {
		throw new ValidationError('replicas', 'can only be used with replicated mode, as docker says');
	}

	values.delete('name');
	values.delete('mode');
	values.delete('replicas');
	values.delete('detach');
	values.delete('quiet');
	values.delete('no-resolve-image');
	const edits = editsFromFlags(values, lists);
	if (commandArgs.length > 0) {
		edits.push({kind: 'args', args: commandArgs});
	}

	let replicas: number | undefined;
	if (mode === 'replicated') {
		if (replicasText !== undefined && !/^\d+$/.test(replicasText.trim())) {
			throw new ValidationError('replicas', `must be a whole number from 0 up, got "${replicasText}"`);
		}

		replicas = replicasText === undefined ? 1 : Number(replicasText.trim());
	}

	return {name, image, mode, ...(replicas === undefined ? {} : {replicas}), edits};
}

const second = 1_000_000_000;

/** A policy as the CLI sends it when none of its flags is given. */
const defaultPolicy = () => ({Parallelism: 1, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'});

/**
 * The spec `docker service create` sends for these flags: its defaults (a 10 s stop grace
 * period, restart on any exit after 5 s, one task at a time on update and rollback, a VIP),
 * then each flag's edit, as the update applies it.
 */
export function creationSpec(creation: ServiceCreation): RawServiceSpec {
	const base: RawServiceSpec = {
		Name: creation.name,
		Labels: {},
		TaskTemplate: {
			ContainerSpec: {Image: creation.image, Init: false, StopGracePeriod: 10 * second, DNSConfig: {}, Isolation: 'default'},
			Resources: {Limits: {}, Reservations: {}},
			RestartPolicy: {Condition: 'any', Delay: 5 * second, MaxAttempts: 0},
			Placement: {},
			ForceUpdate: 0,
		},
		Mode: creation.mode === 'global' ? {Global: {}} : {Replicated: {Replicas: creation.replicas ?? 1}},
		UpdateConfig: defaultPolicy(),
		RollbackConfig: defaultPolicy(),
		EndpointSpec: {Mode: 'vip'},
	};
	return editedSpec(base, creation.edits);
}
