import {describe, expect, it} from 'vitest';
import {rollingUpdateLines} from '../../../source/actions/plan.js';
import {defaultUpdatePolicy, type UpdatePolicy} from '../../../source/swarm/types.js';

const second = 1e9;
const policy = (overrides: Partial<UpdatePolicy>): UpdatePolicy => ({...defaultUpdatePolicy, ...overrides});
const texts = (count: number, overrides: Partial<UpdatePolicy>) => rollingUpdateLines(count, policy(overrides), 'vote').map(line => line.text);

describe('rollingUpdateLines', () => {
	it('gives the batches, the failure watch and an estimate', () => {
		expect(texts(4, {parallelism: 2, delay: 10 * second, monitor: 10 * second, failureAction: 'rollback'})).toEqual([
			'4 tasks in 2 batches of 2, 10s apart, stop-first.',
			'A new task that stops within 10s of running counts as failed; the update rolls back on the first failure.',
			'Estimate: 30s (a delay after each batch, then the last batch\'s monitor) plus the time 2 batches take to start.',
		]);
	});

	it('counts the failures a ratio tolerates, and says when it can never act', () => {
		expect(texts(10, {maxFailureRatio: 0.25})[1]).toBe('A new task that stops within 5s of running counts as failed; the update pauses after 3 failures.');
		// Acting needs failures / 3 > 0.9: all three.
		expect(texts(3, {maxFailureRatio: 0.9})[1]).toBe('A new task that stops within 5s of running counts as failed; the update pauses after 3 failures.');
		expect(rollingUpdateLines(3, policy({maxFailureRatio: 1}), 'vote')[1]).toEqual({
			text: 'It never pauses by itself: with max failure ratio 1, 3 tasks cannot fail often enough.',
			tone: 'warning',
		});
		expect(texts(3, {failureAction: 'continue'})[1]).toBe('Failures are not watched (on failure continue): a broken image rolls through every task.');
	});

	it('warns that stop-first with one replica, or every task at once, leaves nothing running', () => {
		expect(rollingUpdateLines(1, policy({}), 'vote')).toContainEqual({
			text: 'vote has no running task while its one task is replaced (stop-first, 1 replica): down for as long as a new task takes to start.',
			tone: 'danger',
		});
		expect(texts(4, {parallelism: 0})).toContain('vote has no running task while its tasks are replaced (stop-first, every task at once): down for as long as a new task takes to start.');
		expect(texts(4, {parallelism: 0})[0]).toBe('4 tasks at once (parallelism 0), stop-first.');
		expect(texts(1, {order: 'start-first'}).join(' ')).not.toContain('no running task');
		expect(texts(4, {parallelism: 1}).join(' ')).not.toContain('no running task');
	});
});
