import {describe, expect, it} from 'vitest';
import {FailureLog} from '../../../source/model/failure-log.js';
import type {SwarmTask} from '../../../source/swarm/types.js';

const now = new Date('2026-12-07T04:00:00Z');

function task(id: string, state: SwarmTask['state'], minutesAgo: number): SwarmTask {
	const at = new Date(now.getTime() - (minutesAgo * 60_000));
	return {id, serviceId: 's', slot: 1, desiredState: 'shutdown', state, stateSince: at, createdAt: at, message: '', image: 'vote', ports: []};
}

describe('the log of tasks seen failing', () => {
	it('keeps each failed or rejected task once, from the last ten minutes, and says when it grows', () => {
		const log = new FailureLog();
		let changes = 0;
		log.subscribe(() => changes++);
		log.observe([task('a', 'failed', 1), task('b', 'rejected', 2), task('c', 'running', 1), task('d', 'failed', 12)], now);
		expect([...log.getSnapshot().keys()]).toEqual(['a', 'b']);
		// The same tasks read again by the next poll change nothing.
		const before = log.getSnapshot();
		log.observe([task('a', 'failed', 1), task('b', 'rejected', 2)], now);
		expect(log.getSnapshot()).toBe(before);
		expect(changes).toBe(1);
		// Nine minutes on, a new failure: `a` and `b` are older than ten minutes by then and go.
		log.observe([task('e', 'failed', 0)], new Date(now.getTime() + (9.5 * 60_000)));
		expect([...log.getSnapshot().keys()]).toEqual(['e']);
		expect(changes).toBe(2);
	});
});
