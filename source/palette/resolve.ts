// What a line typed in the `:` palette means. The palette's commands are the key
// registry's commands that have a palette name, so a view or an action has one name in the
// help, the README and here; this only reads the line and checks its words.
import {parse} from 'shell-quote';
import type {FormValues} from '../actions/action.js';
import {nodeActionById, serviceActionById} from '../actions/index.js';
import {commandById, commands, paletteUsage, type Command, type CommandId, type PaletteArgument} from '../keys/registry.js';
import {typedWordsField} from '../actions/service/typed-update.js';
import {createWordsField} from '../actions/service/create.js';
import {ValidationError} from '../swarm/errors.js';
import {updateTarget} from '../spec/update-command.js';

/** What the palette knows of the swarm, to check and complete names. */
export type PaletteContext = {
	services: ReadonlyArray<{id: string; name: string}>;
	stacks: readonly string[];
	nodes?: ReadonlyArray<{id: string; hostname: string}>;
	/** The docker contexts' names, for `:context`. */
	contexts?: readonly string[];
};

export type PaletteIntent = {
	command: Command & {id: CommandId};
	/** The service named, for commands on one. */
	serviceId?: string;
	stack?: string;
	/** The node named, for commands on one. */
	nodeId?: string;
	/** The docker context named, for `:context`. */
	context?: string;
	/** The action's form fields given on the line; the form asks for the others. */
	values?: FormValues;
	/** Every field of the action's form was given: no form opens. */
	complete?: boolean;
};

export type Resolved = {intent: PaletteIntent} | {error: string};

type PaletteCommand = Command & {id: CommandId; palette: NonNullable<Command['palette']>};

export const paletteCommands: readonly PaletteCommand[] = (commands as ReadonlyArray<Command & {id: CommandId}>)
	.filter((command): command is PaletteCommand => command.palette !== undefined);

/** The command typed as `name`, by its name or an alias, whatever the case. */
export function paletteCommand(name: string): PaletteCommand | undefined {
	const wanted = name.toLowerCase();
	return paletteCommands.find(command => command.palette.name === wanted || command.palette.aliases?.includes(wanted));
}

/**
 * The words of a line, split as a shell would (quotes, backslashes), never run: a `;`, a
 * pipe or `$(…)` is refused, since the palette takes one command, not a shell line.
 */
export function paletteWords(line: string): {words: string[]} | {error: string} {
	// Variables stay as typed: the palette has no environment to take them from.
	const entries = parse(line.trim().replace(/^:/, ''), name => `$${name}`);
	const words: string[] = [];
	for (const entry of entries) {
		if (typeof entry === 'string') {
			words.push(entry);
		} else if ('op' in entry && entry.op === 'glob') {
			words.push(entry.pattern);
		} else if ('comment' in entry) {
			break;
		} else {
			return {error: `The palette takes one command, not shell syntax: remove the "${'op' in entry ? entry.op : ''}".`};
		}
	}

	return {words};
}

/** Edits (insert, delete, change a letter) between two words: how far a typo is from a name. */
function distance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (const [i, charA] of [...a].entries()) {
		const current = [i + 1];
		for (const [j, charB] of [...b].entries()) {
			current.push(Math.min(previous[j + 1]! + 1, current[j]! + 1, previous[j]! + (charA === charB ? 0 : 1)));
		}

		previous = current;
	}

	return previous[b.length]!;
}

/** The name `typed` most likely meant: one it starts, or one a typo or two away. */
export function closest(typed: string, names: readonly string[]): string | undefined {
	const lower = typed.toLowerCase();
	const started = names.find(name => name.toLowerCase().startsWith(lower));
	if (started) {
		return started;
	}

	const allowed = Math.max(1, Math.floor(lower.length / 3));
	const ranked = names.map(name => ({name, edits: distance(lower, name.toLowerCase())})).filter(candidate => candidate.edits <= allowed).sort((a, b) => a.edits - b.edits);
	return ranked[0]?.name;
}

function resolveArgument(argument: PaletteArgument, word: string, context: PaletteContext): {serviceId?: string; stack?: string; nodeId?: string; context?: string} | {error: string} {
	if (argument.kind === 'context') {
		const contexts = context.contexts ?? [];
		if (contexts.includes(word)) {
			return {context: word};
		}

		const guess = closest(word, contexts);
		return {error: `There is no docker context named "${word}".${guess ? ` Did you mean ${guess}?` : ''} :context alone lists them.`};
	}

	if (argument.kind === 'node') {
		const nodes = context.nodes ?? [];
		const node = nodes.find(candidate => candidate.hostname === word || candidate.id === word);
		if (node) {
			return {nodeId: node.id};
		}

		const guess = closest(word, nodes.map(candidate => candidate.hostname));
		return {error: `No node is named "${word}".${guess ? ` Did you mean ${guess}?` : ''} Tab completes names.`};
	}

	if (argument.kind === 'service') {
		const service = context.services.find(candidate => candidate.name === word || candidate.id === word);
		if (service) {
			return {serviceId: service.id};
		}

		const guess = closest(word, context.services.map(candidate => candidate.name));
		return {error: `No service is named "${word}".${guess ? ` Did you mean ${guess}?` : ''} Tab completes names.`};
	}

	if (argument.kind === 'stack') {
		if (context.stacks.includes(word)) {
			return {stack: word};
		}

		const guess = closest(word, context.stacks);
		return {error: `No stack is named "${word}".${guess ? ` Did you mean ${guess}?` : ''} Tab completes names.`};
	}

	return {};
}

/** Reads a palette line into the command it runs, or says in a sentence why it cannot. */
export function resolvePalette(line: string, context: PaletteContext): Resolved {
	const split = paletteWords(line);
	if ('error' in split) {
		return split;
	}

	// `docker service scale vote=7`, as pasted from a handout: the leading words are optional.
	let pasted = split.words[0] === 'docker' && split.words[1] === 'service' ? split.words.slice(2) : (split.words[0] === 'service' ? split.words.slice(1) : split.words);
	if (pasted[0] === 'update') {
		return resolveTypedUpdate(pasted.slice(1), context);
	}

	// `create [flags] IMAGE`: the words are read and checked as the form's are, before asking.
	if (pasted[0] === 'create' && pasted.length > 1) {
		return {intent: {command: commandById('create'), values: {[createWordsField]: JSON.stringify(pasted.slice(1))}, complete: true}};
	}

	if (pasted[0] === 'remove') {
		pasted = ['rm', ...pasted.slice(1)];
	}

	const [name = ''] = pasted;
	let words = pasted.slice(1);
	if (split.words[0] === 'docker' && pasted === split.words) {
		return {error: 'The palette runs docker service create, update, scale, rollback and rm: type docker service …, or a swarmdeck command (Tab lists them).'};
	}

	if (name === '') {
		return {error: 'Type a command: Tab lists them, :help shows every key and command.'};
	}

	const command = paletteCommand(name);
	if (!command) {
		const guess = closest(name, paletteCommands.map(candidate => candidate.palette.name));
		return {error: `There is no command :${name}.${guess ? ` Did you mean :${guess}?` : ''} Tab lists the commands.`};
	}

	const args = command.palette.args ?? [];
	const action = serviceActionById(command.id) ?? nodeActionById(command.id);
	// `:scale vote=7`, as `docker service scale vote=7` is typed.
	if (action?.palette?.fields.length === 1 && words.length === 1 && words[0]!.includes('=')) {
		const [target = '', ...value] = words[0]!.split('=');
		words = [target, value.join('=')];
	}

	// A text word can be left for the form to ask; a context left out means "list them".
	const required = args.filter(argument => argument.kind !== 'text' && argument.kind !== 'context').length;
	if (words.length < required || words.length > args.length) {
		const count = words.length < required ? `needs ${required === 1 ? 'a' : required} ${args.slice(0, required).map(argument => argument.name.toLowerCase()).join(' and ')}` : `takes ${args.length === 0 ? 'no words' : `at most ${args.length} ${args.length === 1 ? 'word' : 'words'}`} after its name`;
		return {error: `:${command.palette.name} ${count}: ${paletteUsage(command.palette)}`};
	}

	const intent: PaletteIntent = {command};
	for (const [index, word] of words.entries()) {
		const argument = args[index]!;
		const resolved = resolveArgument(argument, word, context);
		if ('error' in resolved) {
			return resolved;
		}

		Object.assign(intent, resolved);
		// A command's own text (`:exercise FILE`); an action's fields are read below.
		if (argument.kind === 'text' && !action) {
			intent.values = {...intent.values, [argument.name.toLowerCase()]: word};
		}
	}

	if (action?.palette) {
		const fields = action.palette.fields;
		intent.values = Object.fromEntries(words.slice(1).map((word, index) => [fields[index]!, word]));
		// Every field the form has was given (or there is no form): it goes straight to the decision.
		intent.complete = words.length - 1 === fields.length && (fields.length > 0 || !action.form);
	}

	return {intent};
}

/**
 * `update [flags] SERVICE`: the service is found and every flag checked to be one swarmdeck
 * reads; the values are checked by the action, against the service and the swarm's lists.
 */
function resolveTypedUpdate(words: readonly string[], context: PaletteContext): Resolved {
	let target: string;
	try {
		target = updateTarget(words);
	} catch (error) {
		return {error: error instanceof ValidationError ? error.sentence : String(error)};
	}

	const resolved = resolveArgument({name: 'SERVICE', kind: 'service'}, target, context);
	if ('error' in resolved) {
		return resolved;
	}

	return {intent: {command: commandById('typedUpdate'), ...resolved, values: {[typedWordsField]: JSON.stringify(words)}, complete: true}};
}
