// Every key swarmdeck answers to is declared here, once. The hint bar and the help overlay
// are generated from this list, and input handlers look commands up here, so a binding
// cannot exist without being documented.
import type {Key} from 'ink';

/** Where a command applies. A new resource screen adds its own scope. */
export type Scope = 'global' | 'list' | 'service' | 'services' | 'tasks' | 'detail' | 'dialog' | 'form' | 'confirm';

export type Binding = {
	/** What the help shows, e.g. '↑/k'. */
	label: string;
	matches: (input: string, key: Key) => boolean;
};

export type Command = {
	id: string;
	scope: Scope;
	description: string;
	bindings: Binding[];
	/** Changes the swarm: refused in read-only mode, and never bound there. */
	mutating?: boolean;
	/** What a refusal calls it: 'Read-only mode: scale up is disabled'. */
	action?: string;
	/** Shown in the bottom hint bar (the help overlay lists every command). */
	hint?: string;
};

const char = (character: string, label = character): Binding => ({
	label,
	matches: (input, key) => input === character && !key.ctrl && !key.meta,
});

const special = (label: string, name: keyof Key): Binding => ({
	label,
	matches: (_input, key) => Boolean(key[name]) && !(name === 'tab' && key.shift),
});

const ctrl = (character: string): Binding => ({
	label: `Ctrl+${character.toUpperCase()}`,
	matches: (input, key) => key.ctrl && input === character,
});

const shiftTab: Binding = {label: 'Shift+Tab', matches: (_input, key) => key.tab && key.shift};

export const commands = [
	// Anywhere outside a dialog.
	{id: 'help', scope: 'global', description: 'Show or hide this help', bindings: [char('?')], hint: 'help'},
	{id: 'quit', scope: 'global', description: 'Quit swarmdeck', bindings: [char('q'), ctrl('c')], hint: 'quit'},
	{id: 'events', scope: 'global', description: 'Live swarm events (services and nodes), newest first', bindings: [char('e')], hint: 'events'},

	// Moving in a list.
	{id: 'up', scope: 'list', description: 'Move up', bindings: [special('↑', 'upArrow'), char('k')]},
	{id: 'down', scope: 'list', description: 'Move down', bindings: [special('↓', 'downArrow'), char('j')]},
	{id: 'pageUp', scope: 'list', description: 'Page up', bindings: [special('PgUp', 'pageUp')]},
	{id: 'pageDown', scope: 'list', description: 'Page down', bindings: [special('PgDn', 'pageDown')]},
	{id: 'first', scope: 'list', description: 'First row', bindings: [special('Home', 'home'), char('g')]},
	{id: 'last', scope: 'list', description: 'Last row', bindings: [special('End', 'end'), char('G')]},

	// The services screen.
	{id: 'open', scope: 'services', description: 'Open the task table of the selected service', bindings: [special('Enter', 'return')], hint: 'tasks'},
	{id: 'filter', scope: 'services', description: 'Filter services by name', bindings: [char('/')], hint: 'filter'},
	{id: 'clearFilter', scope: 'services', description: 'Clear the filter', bindings: [special('Esc', 'escape')]},

	// Any screen opened from the services screen.
	{id: 'back', scope: 'detail', description: 'Back to the services', bindings: [special('Esc', 'escape'), special('←', 'leftArrow')], hint: 'back'},

	// The tasks screen.
	{id: 'history', scope: 'tasks', description: 'Show or hide finished task history (desired and current Shutdown)', bindings: [char('a')], hint: 'history'},

	// On the selected service, from the services, tasks and inspect screens.
	{id: 'inspect', scope: 'service', description: 'Inspect: the service as `docker service inspect --pretty` shows it, and what changed since the previous spec', bindings: [char('d')], hint: 'inspect'},
	{id: 'scale', scope: 'service', description: 'Scale: type a replica count', bindings: [char('s')], mutating: true, action: 'scale', hint: 'scale'},
	{id: 'scaleUp', scope: 'service', description: 'Scale up by one', bindings: [char('+')], mutating: true, action: 'scale up', hint: '+1'},
	{id: 'scaleDown', scope: 'service', description: 'Scale down by one', bindings: [char('-')], mutating: true, action: 'scale down', hint: '-1'},
	{id: 'policy', scope: 'service', description: 'Edit the update and rollback policy', bindings: [char('u')], mutating: true, action: 'policy change', hint: 'policy'},
	{id: 'rollback', scope: 'service', description: 'Roll back to the previous spec (asks first)', bindings: [char('r')], mutating: true, action: 'rollback', hint: 'rollback'},
	{id: 'image', scope: 'service', description: 'Change the image (asks first)', bindings: [char('i')], mutating: true, action: 'image change', hint: 'image'},
	{id: 'force', scope: 'service', description: 'Force a redeploy of every task (asks first)', bindings: [char('f')], mutating: true, action: 'force redeploy', hint: 'force'},

	// Inside a dialog.
	{id: 'submit', scope: 'dialog', description: 'Apply / save', bindings: [special('Enter', 'return')], hint: 'apply'},
	{id: 'cancel', scope: 'dialog', description: 'Cancel: close the dialog and change nothing', bindings: [special('Esc', 'escape')], hint: 'cancel'},
	{id: 'nextField', scope: 'form', description: 'Next field', bindings: [special('Tab', 'tab'), special('↓', 'downArrow')], hint: 'next field'},
	{id: 'previousField', scope: 'form', description: 'Previous field', bindings: [shiftTab, special('↑', 'upArrow')]},
	{id: 'nextChoice', scope: 'form', description: 'Next choice of a field with fixed choices', bindings: [special('→', 'rightArrow'), char(' ', 'Space')], hint: 'choose'},
	{id: 'previousChoice', scope: 'form', description: 'Previous choice of a field with fixed choices', bindings: [special('←', 'leftArrow')]},
	{id: 'confirm', scope: 'confirm', description: 'Yes: do it', bindings: [char('y')], hint: 'yes'},
	{id: 'decline', scope: 'confirm', description: 'No: change nothing', bindings: [char('n'), special('Esc', 'escape')], hint: 'no'},
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
export function hintsFor(scopes: readonly Scope[], {readOnly = false} = {}): Array<{keys: string; hint: string}> {
	return (commands as readonly Command[])
		.filter(command => scopes.includes(command.scope) && command.hint && !(readOnly && command.mutating))
		.map(command => ({keys: command.bindings[0]!.label, hint: command.hint!}));
}

export const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	list: 'Moving',
	services: 'Services screen',
	tasks: 'Tasks screen',
	detail: 'Tasks, inspect and events screens',
	service: 'Actions on the selected service',
	dialog: 'Dialogs',
	form: 'Forms',
	confirm: 'Confirmations',
};

/** The key table of the README, generated so it cannot drift from the bindings. */
export function keyTableMarkdown(): string {
	const rows = (commands as readonly Command[])
		.filter(command => command.hint || command.scope === 'service')
		.map(command => `| ${keyLabel(command).replaceAll('|', String.raw`\|`)} | ${command.description}${command.mutating ? ' (not in `--read-only`)' : ''} |`);
	return ['| Key | What it does |', '| --- | --- |', ...rows].join('\n');
}
