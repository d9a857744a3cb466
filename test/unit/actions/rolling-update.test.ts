import {describe, expect, it} from 'vitest';
import {rollingUpdateLines, rolloutEstimateMs, taskStartMs} from '../../../source/actions/plan.js';
import {defaultUpdatePolicy, type SwarmTask, type UpdatePolicy} from '../../../source/swarm/types.js';

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

describe('the estimate from how long the tasks took to start', () => {
	const task = (state: SwarmTask['state'], createdAt: string, stateSince: string, desiredState: SwarmTask['desiredState'] = 'running'): SwarmTask => ({
		id: `t-${createdAt}`, serviceId: 's', slot: 1, desiredState, state, createdAt: new Date(createdAt), stateSince: new Date(stateSince), message: '', image: 'vote', ports: [],
	});

	it('takes the slowest running task: a batch waits for its slowest', () => {
		expect(taskStartMs([
			task('running', '2026-12-07T03:15:12.2Z', '2026-12-07T03:15:12.9Z'),
			task('running', '2026-12-07T03:15:12.2Z', '2026-12-07T03:15:15.6Z'),
			// Finished tasks' timestamps say when they stopped; tasks on their way have not started yet.
			task('shutdown', '2026-12-07T03:00:00Z', '2026-12-07T03:15:12Z', 'shutdown'),
			task('running', '2026-12-07T03:00:00Z', '2026-12-07T03:15:12Z', 'shutdown'),
			task('starting', '2026-12-07T03:15:20Z', '2026-12-07T03:15:21Z'),
		])).toBe(3400);
		expect(taskStartMs([])).toBeUndefined();
		expect(taskStartMs([task('failed', '2026-12-07T03:00:00Z', '2026-12-07T03:00:09Z', 'shutdown')])).toBeUndefined();
	});

	it('counts each batch\'s start and delay, then the last monitor', () => {
		expect(rolloutEstimateMs(4, policy({parallelism: 2, delay: 10 * second, monitor: 5 * second}), 3000)).toBe((2 * (10_000 + 3000)) + 5000);
		expect(rolloutEstimateMs(4, policy({parallelism: 0}), 3000)).toBe(3000 + 5000);
		expect(texts(4, {parallelism: 2, delay: 10 * second}).at(-1)).toMatch(/^Estimate: 25s /);
		expect(rollingUpdateLines(4, policy({parallelism: 2, delay: 10 * second}), 'vote', 3400).at(-1)).toEqual({
			text: 'Estimate: about 32s (2 batches × 3s to start, as its tasks took last time, a 10s delay after each, the last batch\'s 5s monitor).',
			tone: 'muted',
		});
		expect(rollingUpdateLines(1, policy({}), 'vote', 2000)).toContainEqual({
			text: 'vote has no running task while its one task is replaced (stop-first, 1 replica): down for as long as a new task takes to start (2s last time).',
			tone: 'danger',
		});
	});
});
