import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {
	commandById,
	commands,
	hintsFor,
	keyLabel,
	resolveCommand,
	scopeTitles,
	type Command,
	type Scope,
} from '../../../source/keys/registry.js';
import {noKey} from '../../../source/input/tokenizer.js';

type Press = {name: string; input: string; key: Key};

const press = (name: string, input: string, key: Partial<Key> = {}): Press => ({name, input, key: {...noKey, ...key}});
const typed = (character: string): Press => press(character, character);

const specialKeys = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageUp', 'pageDown', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'] as const;

/** Every keypress worth trying: printable ASCII, with Ctrl and Meta, and every special key alone and with Shift. */
const presses: Press[] = [
	...Array.from({length: 95}, (_, index) => typed(String.fromCodePoint(32 + index))),
	...Array.from({length: 26}, (_, index) => String.fromCodePoint(97 + index)).map(letter => press(`Ctrl+${letter}`, letter, {ctrl: true})),
	...Array.from({length: 26}, (_, index) => String.fromCodePoint(97 + index)).map(letter => press(`Meta+${letter}`, letter, {meta: true})),
	...specialKeys.map(name => press(name, '', {[name]: true})),
	...specialKeys.map(name => press(`Shift+${name}`, '', {[name]: true, shift: true})),
];

const resolve = (input: string, key: Partial<Key>, scopes: Scope[]) => resolveCommand(input, {...noKey, ...key}, scopes)?.id;

const allCommands = commands as readonly Command[];
const scopes = Object.keys(scopeTitles) as Scope[];

describe('resolveCommand', () => {
	it('takes a paste for text, never a command, even one made of a command key', () => {
		expect(resolveCommand('q', {...noKey, paste: true}, scopes)).toBeUndefined();
		expect(resolveCommand('y', {...noKey, paste: true}, ['confirm'])).toBeUndefined();
		expect(resolveCommand('y', noKey, ['confirm'])?.id).toBe('confirm');
	});

	it('moves down with j and the down arrow in a list', () => {
		expect(resolve('j', {}, ['list'])).toBe('down');
		expect(resolve('', {downArrow: true}, ['list'])).toBe('down');
		expect(resolve('k', {}, ['list'])).toBe('up');
		expect(resolve('G', {}, ['list'])).toBe('last');
		expect(resolve('g', {}, ['list'])).toBe('first');
	});

	it('opens the scale dialog with s on a service', () => {
		expect(resolve('s', {}, ['service'])).toBe('scale');
		expect(resolve('+', {}, ['service'])).toBe('scaleUp');
		expect(resolve('-', {}, ['service'])).toBe('scaleDown');
		expect(resolve('r', {}, ['service'])).toBe('rollback');
	});

	it('cancels a dialog with Esc and applies with Enter', () => {
		expect(resolve('', {escape: true}, ['dialog'])).toBe('cancel');
		expect(resolve('', {return: true}, ['dialog'])).toBe('submit');
	});

	it('moves back a field with Shift+Tab, never forward', () => {
		expect(resolve('', {tab: true, shift: true}, ['form'])).toBe('previousField');
		expect(resolve('', {tab: true}, ['form'])).toBe('nextField');
	});

	it('confirms with y and declines with n or Esc', () => {
		expect(resolve('y', {}, ['confirm'])).toBe('confirm');
		expect(resolve('n', {}, ['confirm'])).toBe('decline');
		expect(resolve('', {escape: true}, ['confirm'])).toBe('decline');
		expect(resolve('Y', {}, ['confirm'])).toBeUndefined();
	});

	it('quits with q or Ctrl+C, but a Ctrl or Meta letter is not the letter', () => {
		expect(resolve('q', {}, ['global'])).toBe('quit');
		expect(resolve('c', {ctrl: true}, ['global'])).toBe('quit');
		expect(resolve('c', {}, ['global'])).toBeUndefined();
		expect(resolve('q', {ctrl: true}, ['global'])).toBeUndefined();
		expect(resolve('j', {meta: true}, ['list'])).toBeUndefined();
	});

	it('goes back from the tasks screen with Esc or ←', () => {
		// The scopes the tasks screen resolves its keys in.
		const tasksScreen: Scope[] = ['tasks', 'detail', 'service', 'list'];
		expect(resolve('', {escape: true}, tasksScreen)).toBe('back');
		expect(resolve('', {leftArrow: true}, tasksScreen)).toBe('back');
		expect(resolve('a', {}, tasksScreen)).toBe('history');
		expect(resolve('j', {}, tasksScreen)).toBe('down');
		expect(resolve('s', {}, tasksScreen)).toBe('scale');
	});

	it('answers only in the scopes it was asked about', () => {
		expect(resolve('s', {}, ['list', 'services'])).toBeUndefined();
		expect(resolve('j', {}, ['dialog', 'form'])).toBeUndefined();
		expect(resolve('y', {}, ['service'])).toBeUndefined();
	});

	it('lets the first scope win when two scopes bind the same key', () => {
		expect(resolve('', {escape: true}, ['tasks', 'detail', 'services'])).toBe('back');
		expect(resolve('', {escape: true}, ['services', 'tasks', 'detail'])).toBe('clearFilter');
		expect(resolve('', {downArrow: true}, ['form', 'list'])).toBe('nextField');
	});
});

describe('hintsFor', () => {
	it('shows the service actions with their first key', () => {
		const hints = hintsFor(['service']);
		expect(hints).toContainEqual({keys: 's', hint: 'scale'});
		expect(hints).toContainEqual({keys: 'r', hint: 'rollback'});
		expect(hints).toContainEqual({keys: 'u', hint: 'policy'});
	});

	it('hides every mutating command in read-only mode and keeps the rest', () => {
		const readOnly = hintsFor(['global', 'services', 'service'], {readOnly: true}).map(hint => hint.hint);
		for (const command of allCommands.filter(candidate => candidate.mutating && candidate.hint)) {
			expect(readOnly).not.toContain(command.hint);
		}

		expect(readOnly).toEqual(expect.arrayContaining(['help', 'quit', 'tasks', 'filter']));
		expect(hintsFor(['global', 'services', 'service']).map(hint => hint.hint)).toEqual(expect.arrayContaining(['scale', 'rollback', 'image', 'force']));
	});

	it('lists only commands of the given scopes that have a hint', () => {
		expect(hintsFor(['list'])).toEqual([]);
		expect(hintsFor(['confirm'])).toEqual([{keys: 'y', hint: 'yes'}, {keys: 'n', hint: 'no'}]);
	});
});

describe('the registry as a whole', () => {
	it('gives every command a description and at least one binding, or a palette name for one typed only there', () => {
		for (const command of allCommands) {
			expect(command.description.trim(), command.id).not.toBe('');
			if (command.bindings.length === 0) {
				expect((command as Command).palette?.name, command.id).toBeTruthy();
				continue;
			}

			expect(command.bindings[0]!.label.trim(), command.id).not.toBe('');
		}
	});

	it('labels every binding with something a person can read in the help', () => {
		const blank = allCommands.flatMap(command => command.bindings.filter(binding => binding.label.trim() === '').map(() => command.id));
		expect(blank).toEqual([]);
	});

	it('has unique command ids, and every scope has a title', () => {
		const ids = allCommands.map(command => command.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const command of allCommands) {
			expect(scopeTitles[command.scope], command.id).toBeTruthy();
		}
	});

	it('each binding matches at least one real keypress, so nothing is documented but dead', () => {
		for (const command of allCommands) {
			for (const binding of command.bindings) {
				const hits = presses.filter(candidate => binding.matches(candidate.input, candidate.key));
				expect(hits.length, `${command.id} ${binding.label}`).toBeGreaterThan(0);
			}
		}
	});

	it('never binds one keypress to two commands of the same scope', () => {
		const clashes: string[] = [];
		for (const scope of scopes) {
			for (const candidate of presses) {
				const matching = allCommands.filter(command => command.scope === scope && command.bindings.some(binding => binding.matches(candidate.input, candidate.key)));
				if (matching.length > 1) {
					clashes.push(`${scope}: ${candidate.name} → ${matching.map(command => command.id).join(', ')}`);
				}
			}
		}

		expect(clashes).toEqual([]);
	});

	it('resolves each command from its own keys in its own scope', () => {
		for (const command of allCommands) {
			for (const binding of command.bindings) {
				const hit = presses.find(candidate => binding.matches(candidate.input, candidate.key))!;
				expect(resolveCommand(hit.input, hit.key, [command.scope])?.id, `${command.id} ${binding.label}`).toBe(command.id);
			}
		}
	});

	it('marks exactly the swarm-changing actions as mutating', () => {
		const mutating = allCommands.filter(command => command.mutating).map(command => command.id).sort();
		expect(mutating).toEqual([
			'activateNode', 'create', 'createCopy', 'demoteNode', 'drainNode', 'editCommand', 'editConfigs', 'editEnv', 'editHealth', 'editLabels', 'editMounts', 'editNetworks', 'editPlacement', 'editPorts',
			'editResources', 'editRestart', 'editSecrets', 'force', 'image', 'labelAddNode', 'labelRemoveNode', 'pauseNode', 'policy', 'promoteNode', 'remove', 'rollback', 'scale', 'scaleDown', 'scaleUp', 'typedUpdate',
		]);
	});

	it('commandById and keyLabel read the registry', () => {
		expect(commandById('down').scope).toBe('list');
		expect(keyLabel(commandById('down'))).toBe('↓/j');
		expect(keyLabel(commandById('quit'))).toBe('q/Ctrl+C');
		expect(keyLabel(commandById('previousField'))).toBe('Shift+Tab/↑');
	});
});

describe('keys of a screen and the global keys', () => {
	// The global keys answer on every screen beside the screen's own: a screen key that is
	// also a global key would do two things at once (the logs' T once opened the timeline too).
	it('never share a key', () => {
		const overlays: Scope[] = ['global', 'dialog', 'form', 'confirm', 'palette'];
		const clashes: string[] = [];
		for (const {name, input, key} of presses) {
			const global = resolveCommand(input, key, ['global']);
			if (!global) {
				continue;
			}

			for (const scope of scopes.filter(candidate => !overlays.includes(candidate))) {
				const own = resolveCommand(input, key, [scope]);
				if (own) {
					clashes.push(`${name}: ${scope} ${own.id} and global ${global.id}`);
				}
			}
		}

		expect(clashes).toEqual([]);
	});
});
