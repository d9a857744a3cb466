import {describe, expect, it} from 'vitest';
import {humanDuration} from '../../../source/format/human-duration.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

describe('humanDuration', () => {
	it.each([
		[-5 * second, 'Less than a second'],
		[0, 'Less than a second'],
		[999, 'Less than a second'],
		[second, '1 second'],
		[2 * second - 1, '1 second'],
		[2 * second, '2 seconds'],
		[59 * second, '59 seconds'],
		[minute - 1, '59 seconds'],
	])('words %d ms under a minute as %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it.each([
		[minute, 'About a minute'],
		[2 * minute - 1, 'About a minute'],
		[2 * minute, '2 minutes'],
		[59 * minute, '59 minutes'],
		[hour - 1, '59 minutes'],
	])('truncates minutes: %d ms is %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it.each([
		[hour, 'About an hour'],
		// Hours are rounded to the nearest: up to 1h29m59.999s is still about an hour.
		[hour + 30 * minute - 1, 'About an hour'],
		[hour + 30 * minute, '2 hours'],
		[47 * hour + 30 * minute - 1, '47 hours'],
	])('rounds hours: %d ms is %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it.each([
		// 47.5 hours rounds to 48: days take over.
		[47 * hour + 30 * minute, '2 days'],
		[71 * hour + 29 * minute, '2 days'],
		[71 * hour + 30 * minute, '3 days'],
		[335 * hour + 30 * minute - 1, '13 days'],
	])('counts days below two weeks: %d ms is %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it.each([
		[335 * hour + 30 * minute, '2 weeks'],
		[21 * 24 * hour, '3 weeks'],
		[1439 * hour + 30 * minute - 1, '8 weeks'],
	])('counts weeks below 60 days: %d ms is %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it.each([
		[1439 * hour + 30 * minute, '2 months'],
		[90 * 24 * hour, '3 months'],
		[17_519 * hour + 30 * minute - 1, '24 months'],
	])('counts 30-day months below two years: %d ms is %s', (ms, expected) => {
		expect(humanDuration(ms)).toBe(expected);
	});

	it('counts years from the unrounded hours, so go-units says "1 years" right at the switch', () => {
		expect(humanDuration(17_519 * hour + 30 * minute)).toBe('1 years');
		expect(humanDuration(17_520 * hour)).toBe('2 years');
		expect(humanDuration(3 * 365 * 24 * hour)).toBe('3 years');
	});

	it('treats a value that is not a number like zero', () => {
		expect(humanDuration(Number.NaN)).toBe('Less than a second');
	});
});
