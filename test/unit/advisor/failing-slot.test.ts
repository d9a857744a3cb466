import {describe, expect, it} from 'vitest';
import {failingSlot} from '../../../source/advisor/rules/failing-slot.js';
import {capturedAt, labInput} from '../../fixtures/advisor/load.js';

describe('failing-slot', () => {
	it('reports the slot that keeps failing, with its last error (advisor-crash)', () => {
		const [finding, ...rest] = failingSlot.check(labInput('advisor-crash'));
		expect(rest).toEqual([]);
		expect(finding?.message).toMatch(/^advisor-crash\.1 failed [3-5] times in the last 10 minutes \(the swarm keeps only the last few\), last .* ago: "task: non-zero exit \(1\)"\.$/);
	});

	it('forgets failures older than ten minutes', () => {
		expect(failingSlot.check(labInput('advisor-crash', {now: new Date(capturedAt.getTime() + (11 * 60_000))}))).toEqual([]);
	});

	it('is silent for healthy services', () => {
		expect(failingSlot.check(labInput('whoami'))).toEqual([]);
		expect(failingSlot.check(labInput('agent'))).toEqual([]);
	});
});
