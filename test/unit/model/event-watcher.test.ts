import {getEventListeners} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import {pause, watchEvents, type EventWatcher} from '../../../source/model/event-watcher.js';
import type {EventStreamOptions, SwarmClient} from '../../../source/swarm/client.js';
import type {SwarmEvent} from '../../../source/swarm/types.js';

const event = (second: number): SwarmEvent => ({
	type: 'service',
	action: 'update',
	id: 'svc',
	name: 'vote',
	time: new Date(Date.UTC(2026, 10, 21, 10, 0, second)),
	attributes: {name: 'vote'},
});

type Attempt = {since?: Date; outcome: 'refused' | 'opened'};

/** A client whose event streams are scripted: each call takes the next script step. */
function scriptedClient(steps: Array<'refuse' | SwarmEvent[]>) {
	const attempts: Attempt[] = [];
	const client = {
		async * events(_signal: AbortSignal, options: EventStreamOptions = {}) {
			const step = steps.shift();
			if (step === undefined || step === 'refuse') {
				attempts.push({since: options.since, outcome: 'refused'});
				throw Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'});
			}

			attempts.push({since: options.since, outcome: 'opened'});
			options.onOpen?.();
			for (const item of step) {
				yield item;
			}
		},
	} as unknown as SwarmClient;
	return {client, attempts};
}

const until = async (condition: () => boolean) => {
	for (let tries = 0; tries < 200 && !condition(); tries++) {
		await new Promise(resolve => {
			setTimeout(resolve, 5);
		});
	}
};

describe('watchEvents', () => {
	it('resumes just after the last event seen, so nothing that happened while down is lost', async () => {
		const {client, attempts} = scriptedClient([[event(1), event(2)], 'refuse', [event(5)], []]);
		const seen: SwarmEvent[] = [];
		const {stop} = watchEvents(client, {onEvent: item => seen.push(item), minBackoffMs: 1, maxBackoffMs: 2});
		await until(() => attempts.length >= 3);
		stop();
		expect(seen.map(item => item.time.getUTCSeconds())).toEqual([1, 2, 5]);
		expect(attempts[0]!.since).toBeUndefined();
		expect(attempts[1]!.since?.getTime()).toBe(event(2).time.getTime() + 1);
		expect(attempts[2]!.since?.getTime()).toBe(event(2).time.getTime() + 1);
	});

	it('says "connected" only when a dropped stream really reopens, not on every failed try', async () => {
		const {client, attempts} = scriptedClient([[], 'refuse', 'refuse', 'refuse', [], []]);
		let reconnections = 0;
		const {stop} = watchEvents(client, {onEvent: () => undefined, onConnected: () => reconnections++, minBackoffMs: 1, maxBackoffMs: 2});
		await until(() => attempts.length >= 5);
		stop();
		expect(attempts.slice(0, 5).map(attempt => attempt.outcome)).toEqual(['opened', 'refused', 'refused', 'refused', 'opened']);
		expect(reconnections).toBeGreaterThanOrEqual(1);
		expect(reconnections).toBeLessThanOrEqual(2);
	});

	it('waits longer after each refusal, up to the maximum', async () => {
		const {client, attempts} = scriptedClient(['refuse', 'refuse', 'refuse', 'refuse']);
		const times: number[] = [];
		const original = client.events.bind(client);
		(client as {events: SwarmClient['events']}).events = (signal, options) => {
			times.push(Date.now());
			return original(signal, options);
		};

		const {stop} = watchEvents(client, {onEvent: () => undefined, minBackoffMs: 20, maxBackoffMs: 60});
		await until(() => attempts.length >= 4);
		stop();
		const gaps = times.slice(1).map((time, index) => time - times[index]!);
		expect(gaps[0]).toBeGreaterThanOrEqual(18);
		expect(gaps[1]).toBeGreaterThanOrEqual(38);
		expect(gaps[2]).toBeGreaterThanOrEqual(58);
		expect(gaps[2]).toBeLessThan(200);
	});
});

/** A client whose streams open and then say nothing, like an idle daemon or a dead connection. */
function silentClient() {
	const attempts: Array<{since?: Date; signal: AbortSignal}> = [];
	const client = {
		async * events(signal: AbortSignal, options: EventStreamOptions = {}): AsyncGenerator<SwarmEvent> {
			attempts.push({since: options.since, signal});
			options.onOpen?.();
			await new Promise(resolve => {
				signal.addEventListener('abort', resolve, {once: true});
			});
			// Not one event, ever.
			yield * [];
		},
	} as unknown as SwarmClient;
	return {client, attempts};
}

describe('watchEvents and a stream that may be dead', () => {
	let watcher: EventWatcher | undefined;
	afterEach(() => {
		watcher?.stop();
		watcher = undefined;
	});

	it('reopens a silent stream when the reads recover from failing, resuming where it was', async () => {
		const {client, attempts} = silentClient();
		let reconnections = 0;
		watcher = watchEvents(client, {onEvent: () => undefined, onConnected: () => reconnections++, minBackoffMs: 1, maxBackoffMs: 2});
		await until(() => attempts.length === 1);
		watcher.readsFailing(true);
		watcher.readsFailing(true);
		// While the reads fail, a new stream would fail too: the old one is left alone.
		await pause(50, new AbortController().signal);
		expect(attempts).toHaveLength(1);
		watcher.readsFailing(false);
		await until(() => attempts.length === 2);
		expect(attempts[0]!.signal.aborted).toBe(true);
		expect(attempts[1]!.since).toBeInstanceOf(Date);
		expect(reconnections).toBe(1);
		// A second recovery is a second reason.
		watcher.readsFailing(true);
		watcher.readsFailing(false);
		await until(() => attempts.length === 3);
		expect(attempts[2]!.since).toEqual(attempts[1]!.since);
		expect(reconnections).toBe(2);
	});

	it('reopens a stream that stayed silent for the idle limit, resuming where it was', async () => {
		const {client, attempts} = silentClient();
		const started = new Date();
		watcher = watchEvents(client, {onEvent: () => undefined, idleLimitMs: 30});
		await until(() => attempts.length >= 3);
		expect(attempts[0]!.since).toBeUndefined();
		expect(attempts[1]!.since!.getTime()).toBeGreaterThanOrEqual(started.getTime());
		expect(attempts[2]!.since).toEqual(attempts[1]!.since);
	});

	it('leaves a silent stream open while nothing is wrong', async () => {
		const {client, attempts} = silentClient();
		watcher = watchEvents(client, {onEvent: () => undefined});
		await until(() => attempts.length === 1);
		watcher.readsFailing(false);
		await pause(100, new AbortController().signal);
		expect(attempts).toHaveLength(1);
		expect(attempts[0]!.signal.aborted).toBe(false);
	});

	it('cuts the pause between failed tries short when the reads recover', async () => {
		const {client, attempts} = scriptedClient(['refuse', 'refuse', []]);
		watcher = watchEvents(client, {onEvent: () => undefined, minBackoffMs: 600_000, maxBackoffMs: 600_000});
		await until(() => attempts.length === 1);
		watcher.readsFailing(true);
		await pause(50, new AbortController().signal);
		expect(attempts).toHaveLength(1);
		watcher.readsFailing(false);
		await until(() => attempts.length === 2);
		expect(attempts.map(attempt => attempt.outcome)).toEqual(['refused', 'refused']);
	});
});

describe('watchEvents reconnecting many times', () => {
	it('adds no listeners: no MaxListenersExceededWarning, and every finished try left none behind', async () => {
		const warnings: Error[] = [];
		const onWarning = (warning: Error) => {
			warnings.push(warning);
		};

		process.on('warning', onWarning);
		const signals: AbortSignal[] = [];
		const {client, attempts} = scriptedClient(Array.from({length: 40}, (_value, index) => index % 2 === 0 ? 'refuse' : [event(index)]));
		const original = client.events.bind(client);
		(client as {events: SwarmClient['events']}).events = (signal, options) => {
			signals.push(signal);
			return original(signal, options);
		};

		const {stop} = watchEvents(client, {onEvent: () => undefined, minBackoffMs: 1, maxBackoffMs: 1});
		await until(() => attempts.length >= 40);
		stop();
		// Warnings are emitted on the next tick.
		await pause(20, new AbortController().signal);
		process.off('warning', onWarning);
		expect(warnings.filter(warning => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
		expect(signals.length).toBeGreaterThanOrEqual(40);
		expect(signals.map(signal => getEventListeners(signal, 'abort').length)).toEqual(signals.map(() => 0));
	});
});

describe('pause', () => {
	it('removes its abort listener when the time is up and when aborted', async () => {
		const controller = new AbortController();
		await pause(1, controller.signal);
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
		const waiting = pause(600_000, controller.signal);
		controller.abort();
		await waiting;
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
	});
});
