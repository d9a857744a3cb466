// Every key swarmdeck answers to is declared here, once: the navigation keys below, and
// each action's own key from its declaration in source/actions. The hint bar, the help
// overlay and the README key table are generated from this list, and input handlers look
// commands up here, so a binding cannot exist without being documented.
import type {Key} from 'ink';
import type {Action} from '../actions/action.js';
import {nodeActions, serviceActions} from '../actions/index.js';
import {char, ctrl, shiftTab, special, type Binding} from './bindings.js';

/** Where a command applies. A new resource screen adds its own scope. */
export type Scope = 'global' | 'list' | 'service' | 'services' | 'stacks' | 'resources' | 'tasks' | 'logs' | 'detail' | 'nodes' | 'nodeTasks' | 'node' | 'dialog' | 'form' | 'confirm' | 'palette';

/** What a word of a palette command names; the palette completes and checks it. */
export type PaletteArgument = {name: string; kind: 'service' | 'stack' | 'node' | 'context' | 'text'};

/** How a command is typed in the `:` palette: `:scale vote 7`. */
export type PaletteEntry = {
	name: string;
	aliases?: readonly string[];
	/** The words after the name, in order; the last ones may be left out where a form asks for them. */
	args?: readonly PaletteArgument[];
};

export type Command = {
	id: string;
	scope: Scope;
	description: string;
	bindings: readonly Binding[];
	/** Changes the swarm: refused in read-only mode, and never bound there. */
	mutating?: boolean;
	/** What a refusal calls it: 'Read-only mode: scale up is disabled'. */
	action?: string;
	/** Shown in the bottom hint bar (the help overlay lists every command). */
	hint?: string;
	/** Also reachable from the `:` palette, under this name. */
	palette?: PaletteEntry;
};

const service: PaletteArgument = {name: 'SERVICE', kind: 'service'};
const node: PaletteArgument = {name: 'NODE', kind: 'node'};

/** An action's command: its own key and palette words after the target it applies to. */
function actionCommand<const Id extends string, const S extends Scope>(action: Action<never, unknown> & {id: Id}, scope: S, target: PaletteArgument) {
	return {
		id: action.id,
		scope,
		description: action.description,
		bindings: action.keys,
		mutating: true,
		action: action.name,
		hint: action.hint,
		...(action.palette ? {palette: {name: action.palette.name, args: action.palette.usage ?? [target, ...action.palette.fields.map(field => ({name: field.toUpperCase(), kind: 'text' as const}))]}} : {}),
	};
}

export const commands = [
	// Anywhere outside a dialog.
	{id: 'help', scope: 'global', description: 'Show or hide this help', bindings: [char('?')], hint: 'help', palette: {name: 'help'}},
	{id: 'quit', scope: 'global', description: 'Quit swarmdeck', bindings: [char('q'), ctrl('c')], hint: 'quit', palette: {name: 'quit', aliases: ['q']}},
	{id: 'palette', scope: 'global', description: 'Command palette: type a view or an action by name, Tab completes', bindings: [char(':')], hint: 'palette'},
	{id: 'events', scope: 'global', description: 'Live swarm events (services and nodes), newest first', bindings: [char('e')], hint: 'events', palette: {name: 'events', aliases: ['ev']}},
	{id: 'stacks', scope: 'global', description: 'Stacks: each with its services and how many have converged', bindings: [char('t')], hint: 'stacks', palette: {name: 'stacks'}},
	{id: 'timeline', scope: 'global', description: 'This session\'s timeline: each action, its command and result, and what the swarm did in answer', bindings: [char('H')], palette: {name: 'timeline'}},
	{id: 'context', scope: 'global', description: 'Docker contexts: W or :context lists them (which swarm this is); :context NAME checks that swarm (the preflight) and switches to it', bindings: [char('W')], palette: {name: 'context', aliases: ['ctx'], args: [{name: 'NAME', kind: 'context'}]}},
	{id: 'exercise', scope: 'global', description: 'Guided exercise: `:exercise FILE` starts one from a JSON file (its steps in a panel, each ticking itself when the swarm gets there); X shows or hides the panel', bindings: [char('X')], palette: {name: 'exercise', args: [{name: 'FILE', kind: 'text'}]}},
	{id: 'nodes', scope: 'global', description: 'Nodes: role, leader, availability, state, engine, tasks and labels, live', bindings: [char('n')], hint: 'nodes', palette: {name: 'nodes', aliases: ['node', 'no']}},
	{id: 'secrets', scope: 'global', description: 'Secrets: name, ID, dates and the services that use each (never its data)', bindings: [], palette: {name: 'secrets', aliases: ['secret']}},
	{id: 'configs', scope: 'global', description: 'Configs: name, ID, dates and the services that use each', bindings: [], palette: {name: 'configs', aliases: ['config']}},
	{id: 'networks', scope: 'global', description: 'Networks: name, ID, driver, scope and the services that use each', bindings: [], palette: {name: 'networks', aliases: ['network', 'net']}},

	// Moving in a list.
	{id: 'up', scope: 'list', description: 'Move up', bindings: [special('↑', 'upArrow'), char('k')]},
	{id: 'down', scope: 'list', description: 'Move down', bindings: [special('↓', 'downArrow'), char('j')]},
	{id: 'pageUp', scope: 'list', description: 'Page up', bindings: [special('PgUp', 'pageUp')]},
	{id: 'pageDown', scope: 'list', description: 'Page down', bindings: [special('PgDn', 'pageDown')]},
	{id: 'first', scope: 'list', description: 'First row', bindings: [special('Home', 'home'), char('g')]},
	{id: 'last', scope: 'list', description: 'Last row', bindings: [special('End', 'end'), char('G')]},

	// The services screen.
	{id: 'open', scope: 'services', description: 'Open the task table of the selected service', bindings: [special('Enter', 'return')], hint: 'tasks', palette: {name: 'tasks', aliases: ['ps'], args: [service]}},
	{id: 'filter', scope: 'services', description: 'Filter services by name', bindings: [char('/')], hint: 'filter'},
	{id: 'create', scope: 'services', description: 'Create a service: a form with name, image, mode, replicas, ports, env, constraints and policies', bindings: [char('c')], hint: 'create', mutating: true, action: 'create', palette: {name: 'create', args: [{name: '[FLAGS] IMAGE', kind: 'text'}]}},
	{id: 'clearFilter', scope: 'services', description: 'Clear the filter', bindings: [special('Esc', 'escape')]},
	{id: 'attention', scope: 'services', description: 'Jump to the next service that needs a look: a paused update or rollback, then a rolled-back one, one short of replicas, one with a policy warning (marked !)', bindings: [char('!')], hint: 'needs a look'},

	// The stacks screen.
	{id: 'openStack', scope: 'stacks', description: 'List the services of the selected stack', bindings: [special('Enter', 'return')], hint: 'services', palette: {name: 'stack', args: [{name: 'STACK', kind: 'stack'}]}},

	// The secrets, configs and networks screens.
	{id: 'openUsers', scope: 'resources', description: 'List the services that use the selected secret, config or network', bindings: [special('Enter', 'return')], hint: 'services'},

	// The nodes screen, and a node's tasks.
	{id: 'openNode', scope: 'nodes', description: 'The tasks of the selected node, as `docker node ps` shows them', bindings: [special('Enter', 'return')], hint: 'tasks', palette: {name: 'node-ps', args: [node]}},
	{id: 'backToNodes', scope: 'nodeTasks', description: 'Back to the nodes', bindings: [special('Esc', 'escape'), special('←', 'leftArrow')], hint: 'back'},
	// The actions on the selected node, each declared with its key in source/actions/node.
	...nodeActions.map(action => actionCommand(action, 'node', node)),

	// Any screen opened from the services screen.
	{id: 'back', scope: 'detail', description: 'Back to the services', bindings: [special('Esc', 'escape'), special('←', 'leftArrow')], hint: 'back', palette: {name: 'services', aliases: ['svc']}},

	// The tasks screen.
	{id: 'history', scope: 'tasks', description: 'Show or hide finished task history (desired and current Shutdown)', bindings: [char('a')], hint: 'history'},

	// The logs screen.
	{id: 'logsSince', scope: 'logs', description: 'Start further back: tail 100, last 1m, 5m, 15m, 1h, all (asks the daemon again)', bindings: [char('s')], hint: 'since'},
	{id: 'logsTimestamps', scope: 'logs', description: 'Show or hide timestamps (when each line was written)', bindings: [char('w')], hint: 'timestamps'},
	{id: 'logsPause', scope: 'logs', description: 'Pause or resume following: paused, the lines hold still and new ones are counted', bindings: [char('p')], hint: 'pause'},
	{id: 'logsFilter', scope: 'logs', description: 'Filter lines by text; a leading ! keeps the lines that do not match', bindings: [char('/')], hint: 'filter'},
	{id: 'logsPick', scope: 'logs', description: 'Only one task or node: each press picks the next, then all again', bindings: [char('o')], hint: 'only'},

	// On the selected service, from the services, tasks and inspect screens.
	{id: 'logs', scope: 'service', description: 'Logs of the selected service, following live (on the tasks screen: of the selected task, failed ones too)', bindings: [char('l')], hint: 'logs', palette: {name: 'logs', args: [service]}},
	{id: 'inspect', scope: 'service', description: 'Inspect: the service as `docker service inspect --pretty` shows it, and what changed since the previous spec', bindings: [char('d')], hint: 'inspect', palette: {name: 'inspect', args: [service]}},
	{id: 'createCopy', scope: 'service', description: 'Create a service like the selected one: the create form, filled from it', bindings: [char('C')], mutating: true, action: 'create'},
	// The actions on the selected service, each declared with its key in source/actions.
	...serviceActions.map(action => actionCommand(action, 'service', service)),

	// Inside a dialog.
	{id: 'submit', scope: 'dialog', description: 'Apply / save', bindings: [special('Enter', 'return')], hint: 'apply'},
	{id: 'cancel', scope: 'dialog', description: 'Cancel: close the dialog and change nothing', bindings: [special('Esc', 'escape')], hint: 'cancel'},
	{id: 'nextField', scope: 'form', description: 'Next field', bindings: [special('Tab', 'tab'), special('↓', 'downArrow')], hint: 'next field'},
	{id: 'previousField', scope: 'form', description: 'Previous field', bindings: [shiftTab, special('↑', 'upArrow')]},
	{id: 'nextChoice', scope: 'form', description: 'Next choice of a field with fixed choices', bindings: [special('→', 'rightArrow'), char(' ', 'Space')], hint: 'choose'},
	{id: 'previousChoice', scope: 'form', description: 'Previous choice of a field with fixed choices', bindings: [special('←', 'leftArrow')]},
	{id: 'confirm', scope: 'confirm', description: 'Yes: do it', bindings: [char('y')], hint: 'yes'},
	{id: 'decline', scope: 'confirm', description: 'No: change nothing', bindings: [char('n'), special('Esc', 'escape')], hint: 'no'},

	// The palette, while it is open.
	{id: 'paletteRun', scope: 'palette', description: 'Run the command typed', bindings: [special('Enter', 'return')], hint: 'run'},
	{id: 'paletteClose', scope: 'palette', description: 'Close the palette, running nothing', bindings: [special('Esc', 'escape')], hint: 'close'},
	{id: 'paletteComplete', scope: 'palette', description: 'Complete the word: a command, a service or a stack', bindings: [special('Tab', 'tab')], hint: 'complete'},
	{id: 'paletteOlder', scope: 'palette', description: 'The command typed before', bindings: [special('↑', 'upArrow')], hint: 'history'},
	{id: 'paletteNewer', scope: 'palette', description: 'The command typed after', bindings: [special('↓', 'downArrow')]},
] as const satisfies readonly Command[];

export type CommandId = (typeof commands)[number]['id'];
export type RegisteredCommand = Command & {id: CommandId};

const registered: readonly RegisteredCommand[] = commands;

export function commandById(id: CommandId): RegisteredCommand {
	return registered.find(command => command.id === id)!;
}

/** The command of one of `scopes` that this keypress means, if any (first scope wins). A paste is text, never a command. */
export function resolveCommand(input: string, key: Key & {paste?: boolean}, scopes: readonly Scope[]): RegisteredCommand | undefined {
	if (key.paste) {
		return undefined;
	}

	for (const scope of scopes) {
		const command = registered.find(candidate => candidate.scope === scope && candidate.bindings.some(binding => binding.matches(input, key)));
		if (command) {
			return command;
		}
	}

	return undefined;
}

export function keyLabel(command: Command): string {
	return command.bindings.map(binding => binding.label).join('/');
}

/** What the hint bar shows for these scopes: `s scale`, `? help`… */
export function hintsFor(scopes: readonly Scope[], {readOnly = false, without = []}: {readOnly?: boolean; without?: readonly string[]} = {}): Array<{keys: string; hint: string}> {
	return (commands as readonly Command[])
		.filter(command => scopes.includes(command.scope) && command.hint && !(readOnly && command.mutating) && !without.includes(command.id))
		.map(command => ({keys: command.bindings[0]!.label, hint: command.hint!}));
}

export const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	list: 'Moving',
	services: 'Services screen',
	tasks: 'Tasks screen',
	logs: 'Logs screen',
	detail: 'Tasks, inspect, logs and events screens',
	stacks: 'Stacks screen',
	resources: 'Secrets, configs and networks screens',
	nodes: 'Nodes screen',
	nodeTasks: 'A node\'s tasks',
	node: 'Actions on the selected node',
	service: 'Actions on the selected service',
	dialog: 'Dialogs',
	form: 'Forms',
	confirm: 'Confirmations',
	palette: 'The : palette',
};

/** `:scale SERVICE REPLICAS`: how a command is typed in the palette. */
export function paletteUsage(entry: PaletteEntry): string {
	return [`:${entry.name}`, ...(entry.args ?? []).map(argument => argument.name)].join(' ');
}

/** The key table of the README, generated so it cannot drift from the bindings. */
export function keyTableMarkdown(): string {
	const rows = (commands as readonly Command[])
		.filter(command => command.hint || command.palette || command.scope === 'service' || command.scope === 'node')
		.map(command => `| ${keyLabel(command).replaceAll('|', String.raw`\|`)} | ${command.palette ? `\`${paletteUsage(command.palette)}\`` : ''} | ${command.description}${command.mutating ? ' (not in `--read-only`)' : ''} |`);
	return ['| Key | Palette | What it does |', '| --- | --- | --- |', ...rows].join('\n');
}
