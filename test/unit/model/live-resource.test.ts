import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {DockerError} from '../../../source/swarm/errors.js';
import {LiveResource, type LiveResourceOptions} from '../../../source/model/live-resource.js';

type Rows = Array<{name: string; running: number}>;

/** A fetch whose answers the test scripts: each call takes the next answer, the last one repeats. */
function scriptedFetch(...answers: Array<Rows | Error>) {
	let index = 0;
	const fetch = vi.fn(async (): Promise<Rows> => {
		const answer = answers[Math.min(index, answers.length - 1)]!;
		index++;
		if (answer instanceof Error) {
			throw answer;
		}

		// A fresh copy each time, as a real response would be.
		return structuredClone(answer);
	});
	return fetch;
}

const rows = (running: number): Rows => [{name: 'dockercoins_hasher', running}];

const unreachable = () => new DockerError('Cannot reach the Docker daemon at unix:///var/run/docker.sock (ECONNREFUSED).', undefined, true);

const describeError: LiveResourceOptions<Rows>['describeError'] = error => ({
	message: error instanceof Error ? error.message : String(error),
	unreachable: error instanceof DockerError && error.unreachable,
});

let resources: Array<LiveResource<Rows>> = [];

function live(fetch: () => Promise<Rows>, options: Partial<LiveResourceOptions<Rows>> = {}) {
	const resource = new LiveResource(fetch, {intervalMs: 1000, describeError, ...options});
	const notified = vi.fn();
	resource.subscribe(notified);
	resources.push(resource);
	return {resource, notified};
}

/** Lets the fetch promise settle without moving the clock. */
const settle = async () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	for (const resource of resources) {
		resource.stop();
	}

	resources = [];
	vi.useRealTimers();
});

describe('LiveResource polling', () => {
	it('fetches at once on start, then at its interval', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch, {intervalMs: 2000});
		resource.start();
		await settle();
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(resource.getSnapshot().data).toEqual(rows(1));
		await vi.advanceTimersByTimeAsync(1999);
		expect(fetch).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(6000);
		expect(fetch).toHaveBeenCalledTimes(5);
	});

	it('shows initial data before start, and fetches first one interval after it was read', async () => {
		const fetch = scriptedFetch(rows(2));
		const {resource, notified} = live(fetch, {intervalMs: 2000, initialData: rows(1)});
		expect(resource.getSnapshot().data).toEqual(rows(1));
		await vi.advanceTimersByTimeAsync(500);
		resource.start();
		await vi.advanceTimersByTimeAsync(1499);
		expect(fetch).not.toHaveBeenCalled();
		expect(notified).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(resource.getSnapshot().data).toEqual(rows(2));
		expect(notified).toHaveBeenCalledTimes(1);
	});

	it('fetches at once when started again after a stop, initial data or not', async () => {
		const fetch = scriptedFetch(rows(2));
		const {resource} = live(fetch, {intervalMs: 2000, initialData: rows(1)});
		resource.start();
		resource.stop();
		resource.start();
		await settle();
		expect(fetch).toHaveBeenCalledTimes(1);
		expect(resource.getSnapshot().data).toEqual(rows(2));
	});

	it('does not fetch before start, and start twice is still one poller', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch);
		await vi.advanceTimersByTimeAsync(5000);
		expect(fetch).not.toHaveBeenCalled();
		resource.start();
		resource.start();
		await vi.advanceTimersByTimeAsync(3000);
		expect(fetch).toHaveBeenCalledTimes(4);
	});

	it('asks the interval function with the current data', async () => {
		const fetch = scriptedFetch(rows(1), rows(3));
		const intervalMs = vi.fn((data: Rows | undefined) => data?.[0]?.running === 3 ? 5000 : 500);
		const {resource} = live(fetch, {intervalMs});
		resource.start();
		await settle();
		expect(intervalMs).toHaveBeenLastCalledWith(rows(1));
		await vi.advanceTimersByTimeAsync(500);
		expect(fetch).toHaveBeenCalledTimes(2);
		expect(intervalMs).toHaveBeenLastCalledWith(rows(3));
		await vi.advanceTimersByTimeAsync(4999);
		expect(fetch).toHaveBeenCalledTimes(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(3);
	});

	it('stop() stops polling', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch);
		resource.start();
		await vi.advanceTimersByTimeAsync(2000);
		expect(fetch).toHaveBeenCalledTimes(3);
		resource.stop();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(fetch).toHaveBeenCalledTimes(3);
		resource.refreshSoon(0);
		await vi.advanceTimersByTimeAsync(1000);
		expect(fetch).toHaveBeenCalledTimes(3);
	});

	it('stop() during a fetch schedules nothing after it', async () => {
		let answer: (value: Rows) => void = () => undefined;
		const fetch = vi.fn(async () => new Promise<Rows>(resolve => {
			answer = resolve;
		}));
		const {resource} = live(fetch);
		resource.start();
		resource.stop();
		answer(rows(1));
		await vi.advanceTimersByTimeAsync(10_000);
		expect(fetch).toHaveBeenCalledTimes(1);
	});
});

describe('LiveResource listeners', () => {
	it('notifies when the data changes', async () => {
		const fetch = scriptedFetch(rows(1), rows(2));
		const {resource, notified} = live(fetch);
		resource.start();
		await settle();
		expect(notified).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1000);
		expect(notified).toHaveBeenCalledTimes(2);
		expect(resource.getSnapshot().data).toEqual(rows(2));
	});

	it('does not notify when a new response has the same JSON, and keeps the old object', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource, notified} = live(fetch);
		resource.start();
		await settle();
		const first = resource.getSnapshot();
		await vi.advanceTimersByTimeAsync(5000);
		expect(fetch).toHaveBeenCalledTimes(6);
		expect(notified).toHaveBeenCalledTimes(1);
		expect(resource.getSnapshot()).toBe(first);
		expect(resource.getSnapshot().data).toBe(first.data);
	});

	it('uses a custom equals when given', async () => {
		const fetch = scriptedFetch(rows(1), rows(2), rows(3));
		const {resource, notified} = live(fetch, {equals: () => true});
		resource.start();
		await vi.advanceTimersByTimeAsync(2000);
		expect(fetch).toHaveBeenCalledTimes(3);
		expect(notified).toHaveBeenCalledTimes(1);
		expect(resource.getSnapshot().data).toEqual(rows(1));
	});

	it('stops notifying a listener that unsubscribed', async () => {
		const fetch = scriptedFetch(rows(1), rows(2));
		const {resource, notified} = live(fetch);
		const other = vi.fn();
		const unsubscribe = resource.subscribe(other);
		resource.start();
		await settle();
		unsubscribe();
		await vi.advanceTimersByTimeAsync(1000);
		expect(notified).toHaveBeenCalledTimes(2);
		expect(other).toHaveBeenCalledTimes(1);
	});
});

describe('LiveResource.refreshSoon', () => {
	it('refreshes within the delay instead of waiting for the interval', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch, {intervalMs: 10_000});
		resource.start();
		await settle();
		resource.refreshSoon(50);
		await vi.advanceTimersByTimeAsync(49);
		expect(fetch).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(fetch).toHaveBeenCalledTimes(2);
	});

	it('coalesces a burst of calls into one fetch', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch, {intervalMs: 10_000});
		resource.start();
		await settle();
		for (let index = 0; index < 20; index++) {
			resource.refreshSoon();
		}

		await vi.advanceTimersByTimeAsync(100);
		expect(fetch).toHaveBeenCalledTimes(2);
	});

	it('keeps its promise of "within the delay" when calls keep coming', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch, {intervalMs: 10_000});
		resource.start();
		await settle();
		// An event every 30ms for a second: a refresh is still due 50ms after the first one.
		for (let index = 0; index < 33; index++) {
			resource.refreshSoon(50);
			await vi.advanceTimersByTimeAsync(30);
			if (index === 1) {
				expect(fetch).toHaveBeenCalledTimes(2);
			}
		}

		expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(10);
		expect(fetch.mock.calls.length).toBeLessThanOrEqual(22);
	});

	it('never pushes an earlier refresh later', async () => {
		const fetch = scriptedFetch(rows(1));
		const {resource} = live(fetch, {intervalMs: 10_000});
		resource.start();
		await settle();
		resource.refreshSoon(0);
		resource.refreshSoon(500);
		await settle();
		expect(fetch).toHaveBeenCalledTimes(2);
	});

	it('runs one more fetch right after one that was in flight when asked', async () => {
		const answers: Array<(value: Rows) => void> = [];
		const fetch = vi.fn(async () => new Promise<Rows>(resolve => {
			answers.push(resolve);
		}));
		const {resource} = live(fetch, {intervalMs: 10_000});
		resource.start();
		resource.refreshSoon();
		resource.refreshSoon();
		await vi.advanceTimersByTimeAsync(1000);
		expect(fetch).toHaveBeenCalledTimes(1);
		answers[0]!(rows(1));
		await settle();
		expect(fetch).toHaveBeenCalledTimes(2);
	});
});

describe('LiveResource errors', () => {
	it('keeps the last data, reports the error and unreachable', async () => {
		const fetch = scriptedFetch(rows(2), unreachable());
		const {resource, notified} = live(fetch);
		resource.start();
		await vi.advanceTimersByTimeAsync(1000);
		const snapshot = resource.getSnapshot();
		expect(snapshot.data).toEqual(rows(2));
		expect(snapshot.error).toContain('Cannot reach the Docker daemon');
		expect(snapshot.unreachable).toBe(true);
		expect(snapshot.retryInMs).toBe(1000);
		expect(notified).toHaveBeenCalledTimes(2);
	});

	it('reports a daemon error as reachable', async () => {
		const fetch = scriptedFetch(new DockerError('This node is not a swarm manager.', 503));
		const {resource} = live(fetch);
		resource.start();
		await settle();
		expect(resource.getSnapshot()).toMatchObject({error: 'This node is not a swarm manager.', unreachable: false});
		expect(resource.getSnapshot().data).toBeUndefined();
	});

	it('uses the error\'s message when no describeError is given', async () => {
		const resource = new LiveResource(scriptedFetch(new Error('socket hang up')), {intervalMs: 1000});
		resources.push(resource);
		resource.start();
		await settle();
		expect(resource.getSnapshot()).toMatchObject({error: 'socket hang up', unreachable: false});
	});

	it('backs off 1s, 2s, 4s, 8s, then stays at the maximum', async () => {
		const fetch = scriptedFetch(unreachable());
		const {resource} = live(fetch, {intervalMs: 500});
		const startedAt = Date.now();
		const times: number[] = [];
		fetch.mockImplementation(async () => {
			times.push(Date.now() - startedAt);
			throw unreachable();
		});
		resource.start();
		await vi.advanceTimersByTimeAsync(60_000);
		const gaps = times.slice(1).map((time, index) => time - times[index]!);
		expect(gaps.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
		expect(resource.getSnapshot().retryInMs).toBe(10_000);
	});

	it('honours its own minimum and maximum backoff', async () => {
		const fetch = scriptedFetch(unreachable());
		const {resource} = live(fetch, {minBackoffMs: 250, maxBackoffMs: 1500});
		const retries: Array<number | undefined> = [];
		resource.subscribe(() => retries.push(resource.getSnapshot().retryInMs));
		resource.start();
		await vi.advanceTimersByTimeAsync(5000);
		expect(retries.slice(0, 6)).toEqual([250, 500, 1000, 1500, 1500, 1500]);
	});

	it('recovers: clears the error, polls at its interval again, and restarts the backoff', async () => {
		const fetch = scriptedFetch(rows(1), unreachable(), unreachable(), rows(1), unreachable(), rows(1));
		const {resource, notified} = live(fetch, {intervalMs: 3000});
		resource.start();
		await settle();
		await vi.advanceTimersByTimeAsync(3000);
		expect(resource.getSnapshot().retryInMs).toBe(1000);
		await vi.advanceTimersByTimeAsync(1000);
		expect(resource.getSnapshot().retryInMs).toBe(2000);
		await vi.advanceTimersByTimeAsync(2000);
		expect(fetch).toHaveBeenCalledTimes(4);
		const recovered = resource.getSnapshot();
		expect(recovered.error).toBeUndefined();
		expect(recovered.unreachable).toBe(false);
		expect(recovered.retryInMs).toBeUndefined();
		expect(recovered.data).toEqual(rows(1));
		// Same data as before the failures, but the error went away: listeners must hear that.
		expect(notified).toHaveBeenCalledTimes(4);
		await vi.advanceTimersByTimeAsync(3000);
		expect(fetch).toHaveBeenCalledTimes(5);
		expect(resource.getSnapshot().retryInMs).toBe(1000);
		await vi.advanceTimersByTimeAsync(1000);
		expect(fetch).toHaveBeenCalledTimes(6);
		expect(resource.getSnapshot().error).toBeUndefined();
	});
});
