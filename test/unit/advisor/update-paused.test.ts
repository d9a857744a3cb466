import {describe, expect, it} from 'vitest';
import {updatePaused} from '../../../source/advisor/rules/update-paused.js';
import {capturedAt, labInput} from '../../fixtures/advisor/load.js';

describe('update-paused', () => {
	it('says how long advisor-paused has been paused, why, and the way out', () => {
		// The daemon gives no pause time: the service's last write is when it paused.
		const now = new Date(labInput('advisor-paused').service.updatedAt.getTime() + (5 * 60_000) + 10_000);
		expect(now.getTime()).toBeGreaterThan(capturedAt.getTime());
		const [finding, ...rest] = updatePaused.check(labInput('advisor-paused', {now}));
		expect(rest).toEqual([]);
		expect(finding?.message).toMatch(/^The update is paused \(update paused due to failure or early termination of task \w+\) for 5 minutes: nothing moves until someone acts; sending the spec again resumes it/);
		expect(finding?.fix).toBe('docker service update advisor-paused');
	});

	it('names rollback_paused, which only a new update clears', () => {
		const input = labInput('advisor-paused');
		const [finding] = updatePaused.check({...input, service: {...input.service, updateStatus: {state: 'rollback_paused', message: ''}}});
		expect(finding?.message).toContain('The rollback is paused (rollback_paused) for');
		expect(finding?.message).toContain('only a new update clears it');
	});

	it('is silent for services that are not paused', () => {
		expect(updatePaused.check(labInput('whoami'))).toEqual([]);
	});
});
