import {describe, expect, it} from 'vitest';
import {shortOfReplicas} from '../../../source/advisor/rules/short-of-replicas.js';
import {capturedAt, labInput} from '../../fixtures/advisor/load.js';

const later = (ms: number) => new Date(capturedAt.getTime() + ms);

describe('short-of-replicas', () => {
	it('waits a minute before saying a slot is down (advisor-crash, seconds old when captured)', () => {
		expect(shortOfReplicas.check(labInput('advisor-crash'))).toEqual([]);
	});

	it('reports the slot down for over a minute, with the latest error', () => {
		const [finding] = shortOfReplicas.check(labInput('advisor-crash', {now: later(3 * 60_000)}));
		expect(finding?.message).toMatch(/^1 of 1 tasks not running, the longest for 3 minutes; latest: /);
		expect(finding?.message).toContain('`docker service ps --no-trunc advisor-crash` shows why.');
	});

	it('is silent for services whose tasks all run, however late', () => {
		expect(shortOfReplicas.check(labInput('vote', {now: later(3_600_000)}))).toEqual([]);
		expect(shortOfReplicas.check(labInput('agent', {now: later(3_600_000)}))).toEqual([]);
	});
});
