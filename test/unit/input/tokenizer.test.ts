import {describe, expect, it} from 'vitest';
import {KeyTokenizer, noKey, type InputKey, type Keypress} from '../../../source/input/tokenizer.js';

/** Every key the chunks make, read as a terminal delivers them, then after waiting long enough. */
function keysOf(...chunks: string[]): Keypress[] {
	const tokenizer = new KeyTokenizer();
	const keys = chunks.flatMap(chunk => tokenizer.push(chunk));
	return [...keys, ...tokenizer.flush()];
}

/** A readable name for each key, so a test reads like what a person pressed. */
function describeKey({input, key}: Keypress): string {
	const names = (Object.keys(noKey) as Array<keyof InputKey>).filter(name => key[name] === true && !['ctrl', 'meta', 'shift', 'paste'].includes(name));
	const modifiers = [key.ctrl && 'Ctrl', key.meta && 'Alt', key.shift && names.length > 0 && 'Shift'].filter(Boolean);
	if (key.paste) {
		return `paste(${JSON.stringify(input)})`;
	}

	return [...modifiers, ...names, ...(names.length === 0 ? [input] : [])].join('+');
}

const names = (...chunks: string[]) => keysOf(...chunks).map(key => describeKey(key));

const esc = '\u001B';

describe('KeyTokenizer: a chunk with several keys gives each key, in order', () => {
	it('splits Backspace ×3, 5, Enter sent in one write', () => {
		expect(names('\u007F\u007F\u007F5\r')).toEqual(['backspace', 'backspace', 'backspace', '5', 'return']);
	});

	it('splits Home Down Down Enter sent in one write', () => {
		expect(names(`${esc}[H${esc}[B${esc}[B\r`)).toEqual(['home', 'downArrow', 'downArrow', 'return']);
	});

	it('splits letters typed together into one key each', () => {
		expect(names('yy')).toEqual(['y', 'y']);
		expect(names('jjk')).toEqual(['j', 'j', 'k']);
	});

	it('splits text and keys mixed in one write', () => {
		expect(names(`\u0015vote:v2\ry`)).toEqual(['Ctrl+u', 'v', 'o', 't', 'e', ':', 'v', '2', 'return', 'y']);
		expect(names(`ab${esc}[Acd\t`)).toEqual(['a', 'b', 'upArrow', 'c', 'd', 'tab']);
	});

	it('gives a text key its character as input and no flag, like Ink', () => {
		expect(keysOf('a')).toEqual([{input: 'a', key: noKey}]);
		expect(keysOf(' ')).toEqual([{input: ' ', key: noKey}]);
	});

	it('marks a capital letter as shifted, as Ink does', () => {
		expect(keysOf('G')).toEqual([{input: 'G', key: {...noKey, shift: true}}]);
	});

	it('gives named keys an empty input', () => {
		for (const chunk of ['\r', '\t', '\u007F', `${esc}[A`, `${esc}[3~`]) {
			expect(keysOf(chunk)[0]?.input, JSON.stringify(chunk)).toBe('');
		}
	});
});

describe('KeyTokenizer: control characters are keys, never text', () => {
	it('reads \\r and \\n as Enter, \\t as Tab', () => {
		expect(names('\r\n\t')).toEqual(['return', 'return', 'tab']);
	});

	it('reads both DEL (0x7F) and BS (0x08) as Backspace', () => {
		expect(keysOf('\u007F')).toEqual([{input: '', key: {...noKey, backspace: true}}]);
		expect(keysOf('\b')).toEqual([{input: '', key: {...noKey, backspace: true}}]);
	});

	it('reads Ctrl+letters as ctrl with the letter, as the registry expects', () => {
		expect(keysOf('\u0003')).toEqual([{input: 'c', key: {...noKey, ctrl: true}}]);
		expect(keysOf('\u0015')).toEqual([{input: 'u', key: {...noKey, ctrl: true}}]);
		expect(names('\u0001\u0017\u001A')).toEqual(['Ctrl+a', 'Ctrl+w', 'Ctrl+z']);
	});

	it('reads Ctrl+C wherever it sits in a chunk', () => {
		expect(names('ab\u0003cd')).toEqual(['a', 'b', 'Ctrl+c', 'c', 'd']);
	});

	it('reads Ctrl+Space and Ctrl+\\ ] ^ _', () => {
		expect(names('\u0000\u001C\u001D\u001E\u001F')).toEqual(['Ctrl+ ', 'Ctrl+\\', 'Ctrl+]', 'Ctrl+^', 'Ctrl+_']);
	});

	it('never makes a key whose input holds a control character', () => {
		const everyByte = Array.from({length: 0xA0}, (_, code) => String.fromCodePoint(code)).join('');
		for (const {input} of keysOf(everyByte)) {
			expect(input).not.toMatch(/\p{Cc}/u);
		}
	});

	it('drops C1 control characters (8-bit escapes)', () => {
		expect(names('a\u009B1;5Ab\u0085')).toEqual(['a', '1', ';', '5', 'A', 'b']);
	});
});

describe('KeyTokenizer: escape sequences', () => {
	it.each([
		['↑', `${esc}[A`, 'upArrow'],
		['↓', `${esc}[B`, 'downArrow'],
		['→', `${esc}[C`, 'rightArrow'],
		['←', `${esc}[D`, 'leftArrow'],
		['↑ in application mode', `${esc}OA`, 'upArrow'],
		['↓ in application mode', `${esc}OB`, 'downArrow'],
		['→ in application mode', `${esc}OC`, 'rightArrow'],
		['← in application mode', `${esc}OD`, 'leftArrow'],
		['Home (xterm)', `${esc}[H`, 'home'],
		['Home (vt220)', `${esc}[1~`, 'home'],
		['Home (application mode)', `${esc}OH`, 'home'],
		['Home (rxvt)', `${esc}[7~`, 'home'],
		['End (xterm)', `${esc}[F`, 'end'],
		['End (vt220)', `${esc}[4~`, 'end'],
		['End (application mode)', `${esc}OF`, 'end'],
		['End (rxvt)', `${esc}[8~`, 'end'],
		['PgUp', `${esc}[5~`, 'pageUp'],
		['PgDn', `${esc}[6~`, 'pageDown'],
		['Delete', `${esc}[3~`, 'delete'],
		['keypad Enter', `${esc}OM`, 'return'],
	])('reads %s', (_name, sequence, expected) => {
		expect(keysOf(sequence)).toEqual([{input: '', key: {...noKey, [expected]: true}}]);
	});

	it('reads Shift+Tab', () => {
		expect(keysOf(`${esc}[Z`)).toEqual([{input: '', key: {...noKey, tab: true, shift: true}}]);
	});

	it.each([
		['Shift+↑', `${esc}[1;2A`, {upArrow: true, shift: true}],
		['Alt+↑', `${esc}[1;3A`, {upArrow: true, meta: true}],
		['Ctrl+↑', `${esc}[1;5A`, {upArrow: true, ctrl: true}],
		['Ctrl+Shift+→', `${esc}[1;6C`, {rightArrow: true, ctrl: true, shift: true}],
		['Ctrl+Alt+↓', `${esc}[1;7B`, {downArrow: true, ctrl: true, meta: true}],
		['Meta+←', `${esc}[1;9D`, {leftArrow: true, meta: true}],
		['Ctrl+Home', `${esc}[1;5H`, {home: true, ctrl: true}],
		['Ctrl+End', `${esc}[1;5F`, {end: true, ctrl: true}],
		['Ctrl+↑ (short form)', `${esc}[5A`, {upArrow: true, ctrl: true}],
		['Ctrl+↑ (application mode)', `${esc}O5A`, {upArrow: true, ctrl: true}],
		['Ctrl+Delete', `${esc}[3;5~`, {delete: true, ctrl: true}],
		['Shift+PgUp', `${esc}[5;2~`, {pageUp: true, shift: true}],
		['Ctrl+PgDn (rxvt)', `${esc}[6^`, {pageDown: true, ctrl: true}],
		['Shift+Delete (rxvt)', `${esc}[3$`, {delete: true, shift: true}],
		['Shift+↑ (rxvt)', `${esc}[a`, {upArrow: true, shift: true}],
		['Alt+↑ (ESC ESC)', `${esc}${esc}[A`, {upArrow: true, meta: true}],
		['Alt+↓ (ESC ESC, application mode)', `${esc}${esc}OB`, {downArrow: true, meta: true}],
		['Alt+Ctrl+↑ (ESC ESC)', `${esc}${esc}[1;5A`, {upArrow: true, meta: true, ctrl: true}],
	])('reads %s with its modifiers', (_name, sequence, flags) => {
		expect(keysOf(sequence)).toEqual([{input: '', key: {...noKey, ...flags}}]);
	});

	it('reads keypad characters in application mode as text', () => {
		expect(names(`${esc}Oq${esc}Ok${esc}Oy`)).toEqual(['1', '+', '9']);
	});

	it.each([
		['F1', `${esc}OP`],
		['F1 (Linux console)', `${esc}[[A`],
		['F5', `${esc}[15~`],
		['Ctrl+F12', `${esc}[24;5~`],
		['Insert', `${esc}[2~`],
		['focus in', `${esc}[I`],
		['focus out', `${esc}[O`],
		['an SGR mouse click', `${esc}[<0;10;20M`],
		['a kitty key report', `${esc}[97;5u`],
		['a cursor position report', `${esc}[12;40R`],
		['a mode report', `${esc}[?2004;1$y`],
		['a stray end of paste', `${esc}[201~`],
	])('swallows %s: no key, and nothing leaks as text', (_name, sequence) => {
		expect(names(`a${sequence}b`)).toEqual(['a', 'b']);
	});

	it('drops a sequence broken off by a byte that cannot be in one, and reads that byte on', () => {
		expect(names(`${esc}[1;5\u007Fx`)).toEqual(['backspace', 'x']);
		expect(names(`${esc}O5\rx`)).toEqual(['return', 'x']);
	});

	it('drops a sequence that never ends instead of waiting for it forever', () => {
		const tokenizer = new KeyTokenizer();
		expect(tokenizer.push(`${esc}[${'1;'.repeat(40)}`)).toEqual([]);
		expect(tokenizer.pending()).toBeUndefined();
		expect(tokenizer.push('x').map(key => key.input)).toEqual(['x']);
	});
});

describe('KeyTokenizer: an escape sequence split across chunks', () => {
	const sequences = [`${esc}[A`, `${esc}[1;5A`, `${esc}[3~`, `${esc}[5~`, `${esc}OH`, `${esc}O5C`, `${esc}[Z`, `${esc}${esc}[B`];

	it.each(sequences)('puts %j back together wherever it is cut', sequence => {
		const whole = keysOf(sequence);
		expect(whole).toHaveLength(1);
		for (let cut = 1; cut < sequence.length; cut++) {
			expect(keysOf(sequence.slice(0, cut), sequence.slice(cut)), `cut after ${cut}`).toEqual(whole);
		}
	});

	it('puts a sequence back together from one byte per chunk', () => {
		expect(names(...`x${esc}[1;5Dy`)).toEqual(['x', 'Ctrl+leftArrow', 'y']);
	});

	it('holds the start of a sequence back until the rest comes, and says so', () => {
		const tokenizer = new KeyTokenizer();
		expect(tokenizer.push(`a${esc}`).map(key => describeKey(key))).toEqual(['a']);
		expect(tokenizer.pending()).toBe('escape');
		expect(tokenizer.push('[').map(key => describeKey(key))).toEqual([]);
		expect(tokenizer.pending()).toBe('escape');
		expect(tokenizer.push('B').map(key => describeKey(key))).toEqual(['downArrow']);
		expect(tokenizer.pending()).toBeUndefined();
	});
});

describe('KeyTokenizer: Esc and Alt', () => {
	it('takes a lone ESC for the Esc key only once the caller stops waiting', () => {
		const tokenizer = new KeyTokenizer();
		expect(tokenizer.push(esc)).toEqual([]);
		expect(tokenizer.pending()).toBe('escape');
		expect(tokenizer.flush()).toEqual([{input: '', key: {...noKey, escape: true}}]);
		expect(tokenizer.pending()).toBeUndefined();
	});

	it('reads ESC followed by a key as Alt+key', () => {
		expect(keysOf(`${esc}a`)).toEqual([{input: 'a', key: {...noKey, meta: true}}]);
		expect(keysOf(`${esc}B`)).toEqual([{input: 'B', key: {...noKey, meta: true, shift: true}}]);
		expect(names(`${esc}\u007F`, `${esc}\r`, `${esc}é`)).toEqual(['Alt+backspace', 'Alt+return', 'Alt+é']);
	});

	it('reads Alt+[ and Alt+O once no sequence follows', () => {
		expect(names(`${esc}[`)).toEqual(['Alt+[']);
		expect(names(`${esc}O`)).toEqual(['Alt+O']);
		expect(names(`${esc}[${esc}[A`)).toEqual(['Alt+[', 'upArrow']);
	});

	it('reads two ESC not followed by a sequence as two Esc keys', () => {
		expect(names(`${esc}${esc}`)).toEqual(['escape', 'escape']);
		expect(names(`${esc}${esc}x`)).toEqual(['escape', 'Alt+x']);
		expect(names(`${esc}${esc}${esc}[A`)).toEqual(['escape', 'Alt+upArrow']);
	});

	it('reads Esc typed before other keys in a later chunk as Esc once waited for', () => {
		const tokenizer = new KeyTokenizer();
		tokenizer.push(esc);
		const waited = tokenizer.flush();
		expect([...waited, ...tokenizer.push('q')].map(key => describeKey(key))).toEqual(['escape', 'q']);
	});
});

describe('KeyTokenizer: text beyond ASCII', () => {
	it('keeps multi-byte characters whole', () => {
		expect(names('héllo')).toEqual(['h', 'é', 'l', 'l', 'o']);
		expect(names('日本')).toEqual(['日', '本']);
	});

	it('reads an emoji, even one made of several code points, as one key', () => {
		expect(names('a😀b')).toEqual(['a', '😀', 'b']);
		expect(names('👩‍💻🇫🇷')).toEqual(['👩‍💻', '🇫🇷']);
	});
});

describe('KeyTokenizer: bracketed paste', () => {
	const paste = (body: string) => `${esc}[200~${body}${esc}[201~`;

	it('gives the pasted text as one paste event, keys and all', () => {
		expect(keysOf(paste('swarmdeck/vote:movies'))).toEqual([{input: 'swarmdeck/vote:movies', key: {...noKey, paste: true}}]);
		expect(keysOf(paste('yq\r\u0003\u007F'))).toEqual([{input: 'yq\r\u0003\u007F', key: {...noKey, paste: true}}]);
	});

	it('keeps escape sequences inside a paste as pasted text, not keys', () => {
		expect(names(paste(`a${esc}[Ab`))).toEqual([`paste("a\\u001b[Ab")`]);
	});

	it('reads keys before and after a paste in the same chunk', () => {
		expect(names(`\u0015${paste('nginx:1.27\n')}\ry`)).toEqual(['Ctrl+u', 'paste("nginx:1.27\\n")', 'return', 'y']);
	});

	it('gathers a paste split over many chunks, wherever the markers are cut', () => {
		const whole = `i${paste('registry.example.com/team/app:2.0')}y`;
		const expected = ['i', 'paste("registry.example.com/team/app:2.0")', 'y'];
		for (let cut = 1; cut < whole.length; cut++) {
			expect(names(whole.slice(0, cut), whole.slice(cut)), `cut after ${cut}`).toEqual(expected);
		}

		expect(names(...whole)).toEqual(expected);
	});

	it('waits for the end of a paste, and says so', () => {
		const tokenizer = new KeyTokenizer();
		expect(tokenizer.push(`${esc}[200~abc${esc}[20`)).toEqual([]);
		expect(tokenizer.pending()).toBe('paste');
		expect(tokenizer.push(`1~x`).map(key => describeKey(key))).toEqual(['paste("abc")', 'x']);
		expect(tokenizer.pending()).toBeUndefined();
	});

	it('delivers a paste whose end never came as it stands when the caller stops waiting', () => {
		const tokenizer = new KeyTokenizer();
		tokenizer.push(`${esc}[200~half a pas`);
		expect(tokenizer.flush().map(key => describeKey(key))).toEqual(['paste("half a pas")']);
		expect(tokenizer.pending()).toBeUndefined();
		expect(tokenizer.push('q').map(key => describeKey(key))).toEqual(['q']);
	});

	it('gives nothing for an empty paste', () => {
		expect(keysOf(paste(''))).toEqual([]);
	});
});
