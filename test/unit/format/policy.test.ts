import {describe, expect, it} from 'vitest';
import {formatPolicyShort} from '../../../source/format/policy.js';
import {defaultUpdatePolicy} from '../../../source/swarm/types.js';

const second = 1_000_000_000;

describe('formatPolicyShort', () => {
	it('reads the daemon\'s default policy in one line', () => {
		expect(formatPolicyShort(defaultUpdatePolicy)).toBe('1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first');
	});

	it('says "all at once" for parallelism 0', () => {
		expect(formatPolicyShort({...defaultUpdatePolicy, parallelism: 0})).toMatch(/^all at once, /);
	});

	it('writes durations as Go does and keeps the other values', () => {
		expect(formatPolicyShort({
			parallelism: 2,
			delay: 90 * second,
			failureAction: 'rollback',
			monitor: 500_000_000,
			maxFailureRatio: 0.25,
			order: 'start-first',
		})).toBe('2 at a time, delay 1m30s, monitor 500ms, on failure rollback, max failure 0.25, start-first');
	});
});
