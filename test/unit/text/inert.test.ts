import {describe, expect, it} from 'vitest';
import {hasUnsafeText, inert, inertDeep} from '../../../source/text/inert.js';
import {stringsIn, unsafeCharactersIn} from '../../support/hostile-text.js';

const character = (codePoint: number) => String.fromCodePoint(codePoint);
const range = (from: number, to: number) => Array.from({length: to - from + 1}, (_, index) => from + index);

const c0 = range(0x00, 0x1F);
const c1 = range(0x80, 0x9F);
const bidi = [...range(0x20_2A, 0x20_2E), ...range(0x20_66, 0x20_69)];
const unsafe = new Set([...c0, 0x7F, ...c1, ...bidi]);

describe('inert on single characters', () => {
	it.each([
		[0x1B, '␛'],
		[0x0D, '␍'],
		[0x0A, '␊'],
		[0x09, '␉'],
		[0x07, '␇'],
		[0x00, '␀'],
		[0x08, '␈'],
		[0x1F, '␟'],
		[0x7F, '␡'],
	])('shows U+%s as %s', (codePoint, shown) => {
		expect(inert(character(codePoint))).toBe(shown);
	});

	it('shows every C0 control as its Unicode control picture, U+2400 + n', () => {
		for (const codePoint of c0) {
			expect(inert(character(codePoint))).toBe(character(0x24_00 + codePoint));
		}
	});

	it('spells every C1 control as \\x80…\\x9f text', () => {
		for (const codePoint of c1) {
			expect(inert(character(codePoint))).toBe(`\\x${codePoint.toString(16)}`);
		}

		expect(inert('\u009B')).toBe(String.raw`\x9b`);
	});

	it('spells every bidi override and isolate as \\u text', () => {
		expect(bidi.map(codePoint => inert(character(codePoint)))).toEqual([
			String.raw`\u202a`, String.raw`\u202b`, String.raw`\u202c`, String.raw`\u202d`, String.raw`\u202e`,
			String.raw`\u2066`, String.raw`\u2067`, String.raw`\u2068`, String.raw`\u2069`,
		]);
	});

	it('leaves every other character of the Basic Multilingual Plane as it is', () => {
		const changed: number[] = [];
		for (let codePoint = 0; codePoint <= 0xFF_FF; codePoint++) {
			const isSurrogate = codePoint >= 0xD8_00 && codePoint <= 0xDF_FF;
			if (!unsafe.has(codePoint) && !isSurrogate && inert(character(codePoint)) !== character(codePoint)) {
				changed.push(codePoint);
			}
		}

		expect(changed).toEqual([]);
	});

	it('turns every unsafe character into text with no unsafe character left', () => {
		for (const codePoint of unsafe) {
			const shown = inert(character(codePoint));
			expect(unsafeCharactersIn(shown), `U+${codePoint.toString(16)}`).toEqual([]);
			expect(shown.length).toBeGreaterThan(0);
		}
	});
});

describe('inert on text', () => {
	it.each([
		['OSC 0 title', '\u001B]0;pwned\u0007', '␛]0;pwned␇'],
		['OSC 2 title ended by ST', '\u001B]2;pwned\u001B\\', '␛]2;pwned␛\\'],
		['OSC 52 clipboard', '\u001B]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u0007', '␛]52;c;Y3VybCBldmlsLnNoIHwgc2g=␇'],
		['OSC 8 link', '\u001B]8;;https://evil.example/\u001B\\click\u001B]8;;\u001B\\', '␛]8;;https://evil.example/␛\\click␛]8;;␛\\'],
		['CSI cursor move and erase', 'a\u001B[2J\u001B[H\u001B[1;1Hb\u001B[K', 'a␛[2J␛[H␛[1;1Hb␛[K'],
		['bare CR', 'PORT=80\rPORT=1', 'PORT=80␍PORT=1'],
		['LF', 'one\ntwo', 'one␊two'],
		['C1 CSI', 'x\u009B2Jy', String.raw`x\x9b2Jy`],
		['bidi override', 'invoice\u202Egpj.exe', String.raw`invoice\u202egpj.exe`],
		['backspace over text', 'safe\b\b\b\bevil', 'safe␈␈␈␈evil'],
	])('makes a %s inert', (_kind, text, shown) => {
		expect(inert(text)).toBe(shown);
		expect(unsafeCharactersIn(inert(text))).toEqual([]);
	});

	it('keeps wide, combining, emoji and other scripts as they are', () => {
		for (const text of ['日本語のラベル', 'e\u0301te\u0301', '👩‍💻 ship it', 'שלום עולם', 'مرحبا', 'Ünïcödé', '', 'plain-text_1.0']) {
			expect(inert(text)).toBe(text);
		}
	});

	it('keeps the text around each control, in order', () => {
		expect(inert('日本\u001B]0;t\u0007語 é\r')).toBe('日本␛]0;t␇語 é␍');
	});

	it('changes nothing a second time', () => {
		const once = inert('\u001B]0;x\u0007\r\u009B\u202E\u007F');
		expect(inert(once)).toBe(once);
	});
});

describe('hasUnsafeText', () => {
	it('finds any unsafe character and only those', () => {
		expect(hasUnsafeText('plain 日本 é 👩‍💻')).toBe(false);
		for (const codePoint of unsafe) {
			expect(hasUnsafeText(`a${character(codePoint)}b`)).toBe(true);
		}
	});
});

describe('inertDeep', () => {
	it('makes strings inert at every depth, in values and keys', () => {
		const raw = {
			Spec: {
				Name: 'web',
				Labels: {'evil\u001B]0;t\u0007': 'v\u001B]52;c;eA==\u0007', plain: 'ok'},
				TaskTemplate: {ContainerSpec: {Env: ['A=1\rB=2'], Args: ['-c', 'echo \u009B']}},
			},
		};
		expect(inertDeep(raw)).toEqual({
			Spec: {
				Name: 'web',
				Labels: {'evil␛]0;t␇': 'v␛]52;c;eA==␇', plain: 'ok'},
				TaskTemplate: {ContainerSpec: {Env: ['A=1␍B=2'], Args: ['-c', String.raw`echo \x9b`]}},
			},
		});
	});

	it('keeps numbers, booleans, null and undefined, and the shape', () => {
		const raw = {Version: {Index: 41}, Replicas: 0, ReadOnly: false, Leader: true, Previous: null, Missing: undefined, List: [1, 'two', [null, 'x\r']]};
		expect(inertDeep(raw)).toEqual({Version: {Index: 41}, Replicas: 0, ReadOnly: false, Leader: true, Previous: null, Missing: undefined, List: [1, 'two', [null, 'x␍']]});
	});

	it('works on a bare string, number or array', () => {
		expect(inertDeep('a\u001B')).toBe('a␛');
		expect(inertDeep(3)).toBe(3);
		expect(inertDeep(['\r'])).toEqual(['␍']);
	});

	it('does not change its input', () => {
		const raw = {Labels: {key: 'v\u001B[2J'}, Env: ['A=\r']};
		const copy = structuredClone(raw);
		inertDeep(raw);
		expect(raw).toEqual(copy);
	});

	it('hands back what holds nothing unsafe as it is, and copies only the way to what does', () => {
		const raw = {Spec: {Name: 'web', Labels: {a: '1'}}, Tasks: [{Slot: 1}, {Error: 'x\r'}], Ports: [{Port: 80}]};
		expect(inertDeep(raw.Spec)).toBe(raw.Spec);
		const safe = inertDeep(raw);
		expect(safe).not.toBe(raw);
		expect(safe.Spec).toBe(raw.Spec);
		expect(safe.Ports).toBe(raw.Ports);
		expect(safe.Tasks).not.toBe(raw.Tasks);
		expect(safe.Tasks[0]).toBe(raw.Tasks[0]);
		expect(safe.Tasks[1]).toEqual({Error: 'x␍'});
		expect(Object.keys(safe)).toEqual(['Spec', 'Tasks', 'Ports']);
	});

	it('keeps a __proto__ key as data where a later key is unsafe', () => {
		const raw = JSON.parse('{"__proto__": {"polluted": true}, "evil\\u001b": 1}') as Record<string, unknown>;
		const safe = inertDeep(raw);
		expect(Object.keys(safe)).toEqual(['__proto__', 'evil␛']);
		expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});

	it('leaves objects that are not plain JSON alone', () => {
		const when = new Date('2026-11-21T10:00:00Z');
		expect(inertDeep({when}).when).toBe(when);
	});

	it('leaves no unsafe character anywhere in a JSON document', () => {
		const payload = '\u001B]0;t\u0007\u001B]52;c;eA==\u0007\u001B[2J\r\n\u009B\u202E';
		const safe = inertDeep({[payload]: [payload, {[payload]: payload}], n: 1});
		expect(stringsIn(safe).filter(text => unsafeCharactersIn(text).length > 0)).toEqual([]);
		expect(stringsIn(safe)).toEqual(Array.from({length: 5}, (_, index) => index === 4 ? 'n' : inert(payload)));
	});
});
