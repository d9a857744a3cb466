// `docker service update|scale|rollback …` as people type or paste it, read into the same
// edits the keys make. The words are read by Node's util.parseArgs, which takes docker's
// long-flag grammar as pflag does: repeatable flags, `--flag value` and `--flag=value`,
// and it names a flag it does not know. Every flag the CLI has either makes an edit here or
// is refused by name: none is ignored.
import {parseArgs} from 'node:util';
import {ValidationError} from '../swarm/errors.js';
import {policyFieldLabel, policyFields, type PolicyField, type SpecEdit} from './edits.js';
import {families, familyEditsFromFlags, type FlagShape, type ReferenceLists} from './families.js';
import {checkImageReference, parsePolicyField} from './validate.js';
import type {PolicyKind} from '../swarm/types.js';

/** What a typed command asks for: edits to one service, or its rollback. */
export type TypedCommand =
	| {kind: 'update'; service: string; edits: SpecEdit[]}
	| {kind: 'rollback'; service: string}
	| {kind: 'remove'; service: string};

/** Flags that change nothing here: swarmdeck never waits for a write to converge and prints no IDs. */
const acceptedSwitches = {detach: {type: 'boolean', short: 'd'}, quiet: {type: 'boolean', short: 'q'}} as const;

const policyKinds = ['update', 'rollback'] as const satisfies readonly PolicyKind[];

/** Every flag read here, with its shape. */
export const editedFlags: Readonly<Record<string, FlagShape & {short?: string}>> = {
	...Object.fromEntries(Object.values(families).flatMap(family => Object.entries(family.flags))),
	replicas: {type: 'string'},
	image: {type: 'string'},
	force: {type: 'boolean'},
	rollback: {type: 'boolean'},
	// swarmdeck never asks a registry for the digest: the flag says what it does anyway.
	'no-resolve-image': {type: 'boolean'},
	...Object.fromEntries(policyKinds.flatMap(kind => policyFields.map(field => [policyFieldLabel(kind, field), {type: 'string'}]))),
	...acceptedSwitches,
};

/** The flags of `docker service update --help` that swarmdeck does not edit yet. */
export const notEditedFlags = [
	'cap-add', 'cap-drop', 'credential-spec', 'dns-add', 'dns-option-add', 'dns-option-rm', 'dns-rm', 'dns-search-add', 'dns-search-rm', 'endpoint-mode',
	'generic-resource-add', 'generic-resource-rm', 'group-add', 'group-rm', 'health-start-interval', 'host-add', 'host-rm', 'hostname', 'init', 'isolation',
	'limit-pids', 'log-driver', 'log-opt', 'max-concurrent', 'oom-score-adj', 'read-only', 'replicas-max-per-node', 'stop-grace-period', 'stop-signal',
	'sysctl-add', 'sysctl-rm', 'tty', 'ulimit-add', 'ulimit-rm', 'user', 'with-registry-auth', 'workdir',
] as const;

function flagRefusal(name: string): string {
	return (notEditedFlags as readonly string[]).includes(name)
		? `--${name} is a docker service update flag swarmdeck does not edit yet: nothing was sent. Run that one with docker itself.`
		: `There is no flag --${name} in docker service update: nothing was sent.`;
}

/** The flags of an update and the one service they name, or a sentence. */
function readUpdate(args: readonly string[]): {service: string; values: Map<string, string[]>} {
	const {tokens} = parseArgs({args: [...args], options: editedFlags as never, strict: false, allowPositionals: true, tokens: true});
	for (const token of tokens) {
		if (token.kind === 'option' && !Object.hasOwn(editedFlags, token.name)) {
			throw new ValidationError('command', flagRefusal(token.name));
		}
	}

	const parsed = parseFlagWords(() => parseArgs({args: [...args], options: editedFlags as never, strict: true, allowPositionals: true, tokens: true}));

	if (parsed.positionals.length !== 1) {
		throw new ValidationError('command', parsed.positionals.length === 0
			? 'name the service last: docker service update [flags] SERVICE'
			: `update takes one service, got ${parsed.positionals.join(', ')}: docker service update [flags] SERVICE`);
	}

	const values = new Map<string, string[]>();
	for (const token of parsed.tokens) {
		if (token.kind === 'option') {
			values.set(token.name, [...values.get(token.name) ?? [], token.value ?? 'true']);
		}
	}

	return {service: parsed.positionals[0]!, values};
}

/**
 * Runs Node's parseArgs on typed words, its refusal said as the palette says one: Node's
 * sentence names the flag and what is missing (`Option '--env-add <value>' argument missing`),
 * and a value that starts with a dash is told how to be written.
 */
export function parseFlagWords<T>(parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		const message = (error as Error).message;
		const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
		throw new ValidationError('command', ambiguous
			? `the value of ${ambiguous[1]} starts with a dash: write it ${ambiguous[1]}=VALUE. Nothing was sent.`
			: `${message.split('. To specify')[0]!.replace(/\.$/, '')}: nothing was sent.`);
	}
}

/** The service an update names; throws the sentence for a flag swarmdeck does not read, or a missing name. */
export function updateTarget(args: readonly string[]): string {
	return readUpdate(args).service;
}

function lastValue(values: ReadonlyMap<string, readonly string[]>, flag: string): string | undefined {
	return values.get(flag)?.at(-1);
}

/** The edits an update's flags make: the rest of the spec by family, then replicas, image, policies and force. */
export function editsFromFlags(values: ReadonlyMap<string, readonly string[]>, lists: ReferenceLists): SpecEdit[] {
	const edits: SpecEdit[] = familyEditsFromFlags(values, lists);
	const replicas = lastValue(values, 'replicas');
	if (replicas !== undefined) {
		if (!/^\d+$/.test(replicas.trim())) {
			throw new ValidationError('replicas', `must be a whole number from 0 up, got "${replicas}"`);
		}

		edits.push({kind: 'replicas', replicas: Number(replicas.trim())});
	}

	const image = lastValue(values, 'image');
	if (image !== undefined) {
		edits.push({kind: 'image', image: checkImageReference(image)});
	}

	for (const policy of policyKinds) {
		for (const field of policyFields) {
			const text = lastValue(values, policyFieldLabel(policy, field));
			if (text !== undefined) {
				edits.push({kind: 'policy', policy, field: field as PolicyField, value: parsePolicyField(policy, field, text)});
			}
		}
	}

	if (values.has('force')) {
		edits.push({kind: 'force'});
	}

	return edits;
}

/**
 * Reads the words of `[docker] [service] update|scale|rollback …` into the command they
 * make, or throws a ValidationError whose sentence says why nothing is sent.
 */
export function parseServiceCommand(words: readonly string[], lists: ReferenceLists): TypedCommand {
	let rest = [...words];
	if (rest[0] === 'docker') {
		rest = rest.slice(1);
	}

	if (rest[0] === 'service') {
		rest = rest.slice(1);
	}

	const [verb, ...args] = rest;
	switch (verb) {
		case 'scale': {
			if (args.length !== 1 || !/^[^=\s]+=[^=\s]*$/.test(args[0]!)) {
				throw new ValidationError('scale', args.length > 1 ? 'swarmdeck scales one service at a time: docker service scale SERVICE=REPLICAS' : 'type docker service scale SERVICE=REPLICAS, like vote=7');
			}

			const [service = '', replicas = ''] = args[0]!.split('=');
			return {kind: 'update', service, edits: editsFromFlags(new Map([['replicas', [replicas]]]), {secrets: [], configs: [], networks: []})};
		}

		case 'rollback': {
			const options = args.filter(arg => arg.startsWith('-'));
			const unknown = options.find(option => !['-d', '--detach', '-q', '--quiet'].includes(option));
			if (unknown) {
				throw new ValidationError('rollback', `docker service rollback takes no flag ${unknown} here: nothing was sent.`);
			}

			const names = args.filter(arg => !arg.startsWith('-'));
			if (names.length !== 1) {
				throw new ValidationError('rollback', 'type docker service rollback SERVICE, one service');
			}

			return {kind: 'rollback', service: names[0]!};
		}

		case 'update': {
			const {service, values} = readUpdate(args);
			if (values.has('rollback')) {
				if ([...values.keys()].some(flag => !['rollback', 'detach', 'quiet'].includes(flag))) {
					throw new ValidationError('rollback', 'other flags may not be combined with --rollback, as in docker');
				}

				return {kind: 'rollback', service};
			}

			const edits = editsFromFlags(values, lists);
			if (edits.length === 0) {
				throw new ValidationError('update', 'these flags change nothing: add one, like --env-add KEY=value');
			}

			return {kind: 'update', service, edits};
		}

		case 'rm':
		case 'remove': {
			if (args.length !== 1 || args[0]!.startsWith('-')) {
				throw new ValidationError('rm', 'swarmdeck removes one service at a time, once its name is typed again: docker service rm SERVICE');
			}

			return {kind: 'remove', service: args[0]!};
		}

		default: {
			throw new ValidationError('command', `swarmdeck runs docker service update, scale, rollback and rm${verb ? `, not ${verb}` : ''}`);
		}
	}
}
