import {describe, expect, it} from 'vitest';
import {editText, pastedText, withoutLastCharacter} from '../../../source/input/text-edit.js';
import {KeyTokenizer, noKey, type InputKey} from '../../../source/input/tokenizer.js';

/** The field's text after typing `chunks` into it, read as the terminal sends them. */
function typeInto(text: string, ...chunks: string[]): string {
	const tokenizer = new KeyTokenizer();
	const keys = [...chunks.flatMap(chunk => tokenizer.push(chunk)), ...tokenizer.flush()];
	return keys.reduce((current, {input, key}) => editText(current, input, key), text);
}

const key = (flags: Partial<InputKey>) => ({...noKey, ...flags});

describe('editText', () => {
	it('adds typed characters at the end', () => {
		expect(typeInto('vote', ':v2')).toBe('vote:v2');
		expect(typeInto('', 'héllo 日本 😀')).toBe('héllo 日本 😀');
	});

	it('removes one character with Backspace, whether the terminal sends DEL or BS', () => {
		expect(typeInto('abc', '\u007F')).toBe('ab');
		expect(typeInto('abc', '\b')).toBe('ab');
		expect(typeInto('4', '\u007F\u007F\u007F5')).toBe('5');
	});

	it('removes an emoji, or a letter with its accent, whole', () => {
		expect(typeInto('ok👩‍💻', '\u007F')).toBe('ok');
		expect(typeInto('ok🇫🇷', '\u007F')).toBe('ok');
		expect(typeInto('cafe\u0301', '\u007F')).toBe('caf');
	});

	it('removes the last character with Delete too: the cursor is always at the end', () => {
		expect(typeInto('abc', '\u001B[3~')).toBe('ab');
	});

	it('clears with Ctrl+U', () => {
		expect(typeInto('swarmdeck/vote:latest', '\u0015')).toBe('');
		expect(typeInto('old', '\u0015new')).toBe('new');
	});

	it('leaves the text alone for keys that belong to the dialog', () => {
		for (const chunk of ['\r', '\n', '\t', '\u001B[Z', '\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u001B[H', '\u001B[F', '\u001B[5~', '\u001B[6~', '\u001B']) {
			expect(typeInto('vote', chunk), JSON.stringify(chunk)).toBe('vote');
		}
	});

	it('ignores other Ctrl and Alt keys rather than typing their letter', () => {
		expect(typeInto('vote', '\u0003\u0001\u0017\u001Bx')).toBe('vote');
	});

	it('never stores a control character, whatever is typed', () => {
		const everyByte = Array.from({length: 0xA0}, (_, code) => String.fromCodePoint(code)).join('');
		expect(typeInto('', everyByte)).not.toMatch(/\p{Cc}/u);
		// Even if a key with one reached it.
		expect(editText('a', 'b\u0007c', noKey)).toBe('a');
		expect(editText('a', '\u009B', noKey)).toBe('a');
	});

	it('adds a paste as text, never as keys: Enter, Backspace or Ctrl+U in it do nothing', () => {
		expect(typeInto('', '\u001B[200~swarmdeck/vote:movies\u001B[201~')).toBe('swarmdeck/vote:movies');
		expect(editText('x', 'a\u007Fb\u0015c', key({paste: true}))).toBe('xabc');
	});
});

describe('pastedText', () => {
	it('drops a trailing line break: a copied line pastes as the line', () => {
		expect(pastedText('swarmdeck/vote:movies\n')).toBe('swarmdeck/vote:movies');
		expect(pastedText('swarmdeck/vote:movies\r\n')).toBe('swarmdeck/vote:movies');
		expect(pastedText('nginx\n\n\n')).toBe('nginx');
	});

	it('turns other line breaks and tabs into spaces', () => {
		expect(pastedText('one\ntwo\r\nthree\rfour\tfive')).toBe('one two three four five');
	});

	it('drops escape sequences whole, not only their ESC', () => {
		expect(pastedText('\u001B[31mred\u001B[0m')).toBe('red');
		expect(pastedText('\u001B]0;title\u0007text')).toBe('text');
		expect(pastedText('\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\')).toBe('link');
		expect(pastedText('a\u001B7b\u001B(Bc')).toBe('abc');
	});

	it('drops every other control character, C1 included', () => {
		expect(pastedText('a\u0000b\u0007c\u007Fd\u0085e\u009Bf\u001B')).toBe('abcdef');
	});

	it('keeps text beyond ASCII', () => {
		expect(pastedText('café 😀 日本')).toBe('café 😀 日本');
	});
});

describe('withoutLastCharacter', () => {
	it('is empty for empty text', () => {
		expect(withoutLastCharacter('')).toBe('');
	});

	it('removes one grapheme', () => {
		expect(withoutLastCharacter('ab')).toBe('a');
		expect(withoutLastCharacter('a😀')).toBe('a');
		expect(withoutLastCharacter('👍🏽')).toBe('');
	});
});
