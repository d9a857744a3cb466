// How a key is named and recognised. The registry, and every action that declares its own
// key, build their bindings from these, so a key reads the same in the help as it is matched.
import type {Key} from 'ink';

export type Binding = {
	/** What the help shows, e.g. '↑/k'. */
	label: string;
	matches: (input: string, key: Key) => boolean;
};

/** A printable character, without Ctrl or Alt. */
export const char = (character: string, label = character): Binding => ({
	label,
	matches: (input, key) => input === character && !key.ctrl && !key.meta,
});

/** A named key of Ink's Key: Enter, Esc, arrows, Tab… (Shift+Tab is its own binding). */
export const special = (label: string, name: keyof Key): Binding => ({
	label,
	matches: (_input, key) => Boolean(key[name]) && !(name === 'tab' && key.shift),
});

export const ctrl = (character: string): Binding => ({
	label: `Ctrl+${character.toUpperCase()}`,
	matches: (input, key) => key.ctrl && input === character,
});

export const shiftTab: Binding = {label: 'Shift+Tab', matches: (_input, key) => key.tab && key.shift};
