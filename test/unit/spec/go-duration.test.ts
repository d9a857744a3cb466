import {describe, expect, it} from 'vitest';
import {formatGoDuration, parseGoDuration} from '../../../source/spec/go-duration.js';

const ns = 1;
const us = 1000 * ns;
const ms = 1000 * us;
const s = 1000 * ms;
const m = 60 * s;
const h = 60 * m;

describe('parseGoDuration', () => {
	// The valid cases of Go's own time.ParseDuration tests.
	it.each<[string, number]>([
		['0', 0],
		['5s', 5 * s],
		['30s', 30 * s],
		['1478s', 1478 * s],
		['-5s', -5 * s],
		['+5s', 5 * s],
		['-0', 0],
		['+0', 0],
		['5.0s', 5 * s],
		['5.6s', 5 * s + 600 * ms],
		['5.s', 5 * s],
		['.5s', 500 * ms],
		['1.0s', s],
		['1.00s', s],
		['1.004s', s + 4 * ms],
		['1.0040s', s + 4 * ms],
		['100.00100s', 100 * s + ms],
		['10ns', 10],
		['11us', 11 * us],
		['12\u00B5s', 12 * us],
		['12\u03BCs', 12 * us],
		['13ms', 13 * ms],
		['14s', 14 * s],
		['15m', 15 * m],
		['16h', 16 * h],
		['3h30m', 3 * h + 30 * m],
		['10.5s4m', 4 * m + 10 * s + 500 * ms],
		['-2m3.4s', -(2 * m + 3 * s + 400 * ms)],
		['1h2m3s4ms5us6ns', h + 2 * m + 3 * s + 4 * ms + 5 * us + 6 * ns],
		['39h9m14.425s', 39 * h + 9 * m + 14 * s + 425 * ms],
		['52763797000ns', 52_763_797_000],
		['0.3333333333333333333h', 20 * m],
		['0.100000000000000000000h', 6 * m],
		['0.830103483285477580700h', 49 * m + 48 * s + 372_539_827],
		['1m30s', 90 * s],
		['1.5s', 1500 * ms],
	])('parses %s', (text, expected) => {
		expect(parseGoDuration(text)).toBe(expected);
	});

	it.each([
		'',
		'3',
		'10',
		'00',
		'-',
		's',
		'.',
		'-.',
		'.s',
		'+.s',
		'1d',
		'10x',
		'1..5s',
		'1.5.s',
		'10 s',
		' 10s',
		'10s ',
		'1s 2m',
		'--1s',
		'+-1s',
		'1S',
		'1constructor',
		'1toString',
		'\u0085\u0085',
		'hello world',
	])('refuses %j', text => {
		expect(parseGoDuration(text)).toBeUndefined();
	});

	it('does not return negative zero', () => {
		expect(Object.is(parseGoDuration('-0s'), 0)).toBe(true);
		expect(Object.is(parseGoDuration('-0'), 0)).toBe(true);
	});

	it('accepts exactly the int64 range, as Go does', () => {
		expect(parseGoDuration('9223372036854775807ns')).toBe(2 ** 63);
		expect(parseGoDuration('9223372036854775.807us')).toBe(2 ** 63);
		expect(parseGoDuration('9223372036s854ms775us807ns')).toBe(2 ** 63);
		expect(parseGoDuration('-9223372036854775808ns')).toBe(-(2 ** 63));
		expect(parseGoDuration('-9223372036854775.808us')).toBe(-(2 ** 63));
		expect(parseGoDuration('2562047h')).toBe(2_562_047 * h);

		expect(parseGoDuration('9223372036854775808ns')).toBeUndefined();
		expect(parseGoDuration('9223372036854775.808us')).toBeUndefined();
		expect(parseGoDuration('9223372036854ms775us808ns')).toBeUndefined();
		expect(parseGoDuration('-9223372036854775809ns')).toBeUndefined();
		expect(parseGoDuration('2562048h')).toBeUndefined();
		expect(parseGoDuration('99999999999999999999s')).toBeUndefined();
	});
});

describe('formatGoDuration', () => {
	// Go's own time.Duration.String tests, within what a JavaScript number holds exactly.
	it.each<[number, string]>([
		[0, '0s'],
		[1, '1ns'],
		[300, '300ns'],
		[1100, '1.1\u00B5s'],
		[us, '1\u00B5s'],
		[2200 * us, '2.2ms'],
		[500 * ms, '500ms'],
		[3300 * ms, '3.3s'],
		[10 * s, '10s'],
		[1500 * ms, '1.5s'],
		[90 * s, '1m30s'],
		[4 * m + 5 * s, '4m5s'],
		[4 * m + 5001 * ms, '4m5.001s'],
		[5 * h + 6 * m + 7001 * ms, '5h6m7.001s'],
		[8 * m + 1, '8m0.000000001s'],
		[h, '1h0m0s'],
		[m, '1m0s'],
		[999_999_999, '999.999999ms'],
		[-1500 * ms, '-1.5s'],
		[-h, '-1h0m0s'],
		[-300, '-300ns'],
		[2500 * h, '2500h0m0s'],
	])('formats %d ns as %s', (value, expected) => {
		expect(formatGoDuration(value)).toBe(expected);
	});

	it('drops fractions of a nanosecond', () => {
		expect(formatGoDuration(1.9)).toBe('1ns');
		expect(formatGoDuration(-0.5)).toBe('0s');
	});

	it('refuses what is not a number', () => {
		expect(() => formatGoDuration(Number.NaN)).toThrow(RangeError);
		expect(() => formatGoDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
	});
});

describe('round trips', () => {
	it.each([0, 1, 999, us, 1234 * us, ms, 5 * s, 1500 * ms, 90 * s, h, 36 * h + 1, 7 * 24 * h + 3 * m + 17 * ms, -42 * s])(
		'parses back %d ns from its own text',
		value => {
			expect(parseGoDuration(formatGoDuration(value))).toBe(value);
		},
	);

	it.each(['0s', '300ns', '1\u00B5s', '500ms', '1.5s', '10s', '1m30s', '1h0m0s', '5h6m7.001s', '-2m3.4s'])(
		'formats %s back to the same text',
		text => {
			const value = parseGoDuration(text);
			expect(value).toBeDefined();
			expect(formatGoDuration(value!)).toBe(text);
		},
	);

	it('normalises other spellings to Go\'s canonical form', () => {
		expect(formatGoDuration(parseGoDuration('90s')!)).toBe('1m30s');
		expect(formatGoDuration(parseGoDuration('0')!)).toBe('0s');
		expect(formatGoDuration(parseGoDuration('1.5h')!)).toBe('1h30m0s');
		expect(formatGoDuration(parseGoDuration('1000us')!)).toBe('1ms');
		expect(formatGoDuration(parseGoDuration('12\u03BCs')!)).toBe('12\u00B5s');
	});
});
