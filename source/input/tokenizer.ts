// Splits what the terminal sends into keys. A read from stdin can hold many keys at once
// (over SSH or tmux, when the machine is busy, or on a paste), and an escape sequence can
// be cut in two by a read. This turns any such stream of chunks into the same keys, in
// the same order, as when they are typed slowly. Pure: no timers, no streams.
import type {Key} from 'ink';
import {graphemeSegments} from '../text/graphemes.js';

/** Ink's key flags, plus `paste`: the input is text pasted in one go, never a command. */
export type InputKey = Key & {paste: boolean};

/** One key, as handlers receive it: `input` is its text (`''` for a named key such as ↑). */
export type Keypress = {input: string; key: InputKey};

/** What the tokenizer waits for before it can say what the last bytes mean. */
export type Pending = 'escape' | 'paste' | undefined;

const escape = '\u001B';
export const pasteStart = `${escape}[200~`;
export const pasteEnd = `${escape}[201~`;

// Longer than any key a terminal sends; past it, bytes without an end are garbage.
const maxSequenceLength = 64;

export const noKey: InputKey = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
	paste: false,
};

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

function named(name: NamedKey, flags: Partial<InputKey> = {}): Keypress {
	return {input: '', key: {...noKey, [name]: true, ...flags}};
}

function text(input: string, flags: Partial<InputKey> = {}): Keypress {
	// Ink marks a capital letter as shifted; the registry's matchers expect the same.
	return {input, key: {...noKey, shift: /^[A-Z]$/.test(input), ...flags}};
}

function ctrl(letter: string, flags: Partial<InputKey> = {}): Keypress {
	return {input: letter, key: {...noKey, ctrl: true, ...flags}};
}

/** The final letter of `ESC [ … X` and `ESC O X` for cursor and editing keys. */
const letterKeys: Partial<Record<string, NamedKey>> = {
	A: 'upArrow',
	B: 'downArrow',
	C: 'rightArrow',
	D: 'leftArrow',
	H: 'home',
	F: 'end',
};

/** rxvt's Shift+arrows: `ESC [ a` … `ESC [ d`. */
const shiftedLetterKeys: Partial<Record<string, NamedKey>> = {
	a: 'upArrow',
	b: 'downArrow',
	c: 'rightArrow',
	d: 'leftArrow',
};

/** The number of `ESC [ n ~` (and rxvt's `ESC [ n ^`, `ESC [ n $`). */
const tildeKeys: Partial<Record<number, NamedKey>> = {
	1: 'home',
	3: 'delete',
	4: 'end',
	5: 'pageUp',
	6: 'pageDown',
	7: 'home',
	8: 'end',
};

/** The keypad in application mode sends `ESC O x` for its characters. */
const keypadText: Partial<Record<string, string>> = {
	j: '*', k: '+', l: ',', m: '-', n: '.', o: '/', p: '0', q: '1', r: '2', s: '3', t: '4', u: '5', v: '6', w: '7', x: '8', y: '9', X: '=',
};

/** xterm's modifier parameter: 1 + (Shift 1, Alt 2, Ctrl 4, Meta 8). */
function modifiers(parameter: number | undefined): Partial<InputKey> {
	const bits = (parameter ?? 1) - 1;
	if (!Number.isInteger(bits) || bits <= 0) {
		return {};
	}

	// Ink has one flag for Alt and Meta alike. Only the modifiers held are set, so that an
	// Alt read from a leading ESC stays.
	const held: Partial<InputKey> = {};
	if (bits & 1) {
		held.shift = true;
	}

	if (bits & 10) {
		held.meta = true;
	}

	if (bits & 4) {
		held.ctrl = true;
	}

	return held;
}

/** What Ctrl+\\ ] ^ _ send: the rest of C0 after Ctrl+A … Ctrl+Z (0x01 … 0x1A). */
const ctrlPunctuation: Partial<Record<number, string>> = {0x1C: '\\', 0x1D: ']', 0x1E: '^', 0x1F: '_'};

/** A C0 control character (or DEL) as the key it is; ESC is read elsewhere. */
function controlKey(code: number, flags: Partial<InputKey>): Keypress {
	switch (code) {
		case 0x0D:
		case 0x0A: {
			return named('return', flags);
		}

		case 0x09: {
			return named('tab', flags);
		}

		case 0x08:
		case 0x7F: {
			return named('backspace', flags);
		}

		case 0x00: {
			return ctrl(' ', flags);
		}

		default: {
			return ctrl(code <= 0x1A ? String.fromCodePoint(code + 0x60) : ctrlPunctuation[code] ?? '', flags);
		}
	}
}

const isControl = (code: number) => code < 0x20 || code === 0x7F;
const isC1 = (code: number) => code >= 0x80 && code <= 0x9F;
const isFinalByte = (character: string | undefined) => character !== undefined && character >= '\u0040' && character <= '\u007E';

/**
 * What reading at the start of the buffer gives: `length` characters make `keys` (none for
 * a sequence swarmdeck has no use for); or more bytes are needed to tell (`incomplete`);
 * or what follows `ESC [` / `ESC O` is no sequence at all (`none`).
 */
type Step = {length: number; keys: Keypress[]; startsPaste?: boolean};
type Read = Step | 'incomplete' | 'none';

/** `ESC [ …` from `start` on: parameters, intermediates, one final byte (ECMA-48). */
function readCsi(buffer: string, start: number, atEnd: boolean, flags: Partial<InputKey>): Read {
	let index = start;
	if (buffer[index] === '[') {
		// The Linux console's F1–F5: ESC [ [ A … ESC [ [ E.
		index++;
		if (index < buffer.length) {
			return {length: index + 1, keys: []};
		}

		return atEnd ? {length: index, keys: []} : 'incomplete';
	}

	while (index < buffer.length && buffer[index]! >= '0' && buffer[index]! <= '?') {
		index++;
	}

	const parameters = buffer.slice(start, index);
	// rxvt ends Shift+Delete, Shift+Home… with `$`, which ECMA-48 counts as an intermediate
	// byte: after plain digits it is the end of the key.
	const rxvtShift = buffer[index] === '$' && /^\d+$/.test(parameters);
	if (!rxvtShift) {
		while (index < buffer.length && buffer[index]! >= ' ' && buffer[index]! <= '/') {
			index++;
		}
	}

	if (index >= buffer.length) {
		if (!atEnd && index - start < maxSequenceLength) {
			return 'incomplete';
		}

		// Cut off for good: drop what came of it.
		return index === start ? 'none' : {length: index, keys: []};
	}

	const final = buffer[index]!;
	if (!rxvtShift && !isFinalByte(final)) {
		// Broken off by a byte that cannot be in a sequence: drop the part read, then read on.
		return index === start ? 'none' : {length: index, keys: []};
	}

	const length = index + 1;
	if (final === '~' && parameters === '200') {
		return {length, keys: [], startsPaste: true};
	}

	return {length, keys: csiKey(parameters, final, flags)};
}

function csiKey(parameters: string, final: string, flags: Partial<InputKey>): Keypress[] {
	if (/[^\d;]/.test(parameters)) {
		// Private sequences (`ESC [ < …` mouse reports, `ESC [ ? …` replies) are no keys.
		return [];
	}

	const numbers = parameters.split(';').map(part => part === '' ? undefined : Number(part));
	const [first, second] = numbers;
	const letter = letterKeys[final];
	if (letter) {
		// `ESC [ 1 ; 5 A` is Ctrl+↑; some terminals send `ESC [ 5 A`.
		return [named(letter, {...flags, ...modifiers(numbers.length > 1 ? second : first)})];
	}

	const shifted = shiftedLetterKeys[final];
	if (shifted && parameters === '') {
		return [named(shifted, {...flags, shift: true})];
	}

	if (final === 'Z') {
		return [named('tab', {...flags, shift: true})];
	}

	const tilde = first === undefined ? undefined : tildeKeys[first];
	if (tilde && final === '~') {
		return [named(tilde, {...flags, ...modifiers(second)})];
	}

	if (tilde && (final === '^' || final === '$')) {
		return [named(tilde, {...flags, ...(final === '^' ? {ctrl: true} : {shift: true})})];
	}

	// Function keys, Insert, focus reports, a stray end of paste: nothing swarmdeck uses.
	return [];
}

/** `ESC O X` from `start` on, optionally with a modifier digit: `ESC O 5 A`. */
function readSs3(buffer: string, start: number, atEnd: boolean, flags: Partial<InputKey>): Read {
	let index = start;
	let modifier: number | undefined;
	if (/\d/.test(buffer[index] ?? '')) {
		modifier = Number(buffer[index]);
		index++;
	}

	if (index >= buffer.length) {
		if (!atEnd) {
			return 'incomplete';
		}

		return index === start ? 'none' : {length: index, keys: []};
	}

	const final = buffer[index]!;
	if (!isFinalByte(final)) {
		return index === start ? 'none' : {length: index, keys: []};
	}

	const length = index + 1;
	const keyFlags = {...flags, ...modifiers(modifier)};
	const letter = letterKeys[final];
	if (letter) {
		return {length, keys: [named(letter, keyFlags)]};
	}

	if (final === 'M') {
		// The keypad's Enter.
		return {length, keys: [named('return', keyFlags)]};
	}

	const keypad = keypadText[final];
	return {length, keys: keypad ? [text(keypad, keyFlags)] : []};
}

/** The one key whose first character is at `start`: how Alt+key is read after its ESC. */
function readSingle(buffer: string, start: number, flags: Partial<InputKey>): Step {
	const code = buffer.codePointAt(start)!;
	const character = String.fromCodePoint(code);
	const length = start + character.length;
	if (isControl(code)) {
		return {length, keys: [controlKey(code, flags)]};
	}

	// A C1 control is a terminal's 8-bit escape: never text.
	return {length, keys: isC1(code) ? [] : [text(character, flags)]};
}

const alt = {meta: true};

function readEscape(buffer: string, atEnd: boolean): Step | 'incomplete' {
	const second = buffer[1];
	if (second === undefined) {
		return atEnd ? {length: 1, keys: [named('escape')]} : 'incomplete';
	}

	if (second === '[' || second === 'O') {
		const read = second === '[' ? readCsi(buffer, 2, atEnd, {}) : readSs3(buffer, 2, atEnd, {});
		// `ESC [` or `ESC O` that starts no sequence was Alt+[ or Alt+O.
		return read === 'none' ? {length: 2, keys: [text(second, alt)]} : read;
	}

	if (second === escape) {
		// ESC ESC [ A is Alt+↑. Otherwise the first ESC is the Esc key, and the second
		// starts whatever comes next.
		const third = buffer[2];
		const read = third === '[' ? readCsi(buffer, 3, atEnd, alt) : (third === 'O' ? readSs3(buffer, 3, atEnd, alt) : 'none');
		if (read === 'incomplete' || (third === undefined && !atEnd)) {
			return 'incomplete';
		}

		return read === 'none' ? {length: 1, keys: [named('escape')]} : read;
	}

	return readSingle(buffer, 1, alt);
}

/** A run of printable text, one key per character as a person sees it (an emoji is one). */
function readText(buffer: string): Step {
	let end = 0;
	while (end < buffer.length) {
		const code = buffer.codePointAt(end)!;
		if (isControl(code) || isC1(code)) {
			break;
		}

		end += code > 0xFF_FF ? 2 : 1;
	}

	return {length: end, keys: [...graphemeSegments(buffer.slice(0, end))].map(({segment}) => text(segment))};
}

function read(buffer: string, atEnd: boolean): Step | 'incomplete' {
	const code = buffer.codePointAt(0)!;
	if (code === 0x1B) {
		return readEscape(buffer, atEnd);
	}

	return isControl(code) || isC1(code) ? readSingle(buffer, 0, {}) : readText(buffer);
}

/** How many characters at the end of `buffer` could be the start of the paste's end marker. */
function partialEndMarker(buffer: string): number {
	for (let length = Math.min(buffer.length, pasteEnd.length - 1); length > 0; length--) {
		if (pasteEnd.startsWith(buffer.slice(-length))) {
			return length;
		}
	}

	return 0;
}

/**
 * Reads chunks as they come and returns the keys they complete. An escape sequence cut
 * by a read waits for the next chunk; only the caller knows when waiting has gone on long
 * enough (a lone Esc, a lost end of paste) and then calls `flush`.
 */
export class KeyTokenizer {
	private buffer = '';
	/** The text of a bracketed paste so far, while one is open. */
	private paste: string | undefined;

	push(chunk: string): Keypress[] {
		this.buffer += chunk;
		return this.drain(false);
	}

	/** Gives up waiting: a pending ESC is the Esc key, an unfinished paste is pasted as it is. */
	flush(): Keypress[] {
		return this.drain(true);
	}

	pending(): Pending {
		if (this.paste !== undefined) {
			return 'paste';
		}

		return this.buffer === '' ? undefined : 'escape';
	}

	private drain(atEnd: boolean): Keypress[] {
		const keys: Keypress[] = [];
		while (this.buffer !== '' || (atEnd && this.paste !== undefined)) {
			if (this.paste !== undefined) {
				if (!this.readPaste(keys, atEnd)) {
					break;
				}

				continue;
			}

			const step = read(this.buffer, atEnd);
			if (step === 'incomplete') {
				break;
			}

			keys.push(...step.keys);
			this.buffer = this.buffer.slice(step.length);
			if (step.startsPaste) {
				this.paste = '';
			}
		}

		return keys;
	}

	/** Moves paste text out of the buffer; true once the paste is complete. */
	private readPaste(keys: Keypress[], atEnd: boolean): boolean {
		const end = this.buffer.indexOf(pasteEnd);
		const complete = end !== -1 || atEnd;
		const taken = end === -1 ? (atEnd ? this.buffer.length : this.buffer.length - partialEndMarker(this.buffer)) : end;
		this.paste += this.buffer.slice(0, taken);
		this.buffer = this.buffer.slice(end === -1 ? taken : end + pasteEnd.length);
		if (!complete) {
			return false;
		}

		if (this.paste !== '') {
			keys.push({input: this.paste!, key: {...noKey, paste: true}});
		}

		this.paste = undefined;
		return true;
	}
}
