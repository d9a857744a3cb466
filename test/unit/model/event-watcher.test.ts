import {describe, expect, it} from 'vitest';
import {watchEvents} from '../../../source/model/event-watcher.js';
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
		const stop = watchEvents(client, {onEvent: item => seen.push(item), minBackoffMs: 1, maxBackoffMs: 2});
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
		const stop = watchEvents(client, {onEvent: () => undefined, onConnected: () => reconnections++, minBackoffMs: 1, maxBackoffMs: 2});
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

		const stop = watchEvents(client, {onEvent: () => undefined, minBackoffMs: 20, maxBackoffMs: 60});
		await until(() => attempts.length >= 4);
		stop();
		const gaps = times.slice(1).map((time, index) => time - times[index]!);
		expect(gaps[0]).toBeGreaterThanOrEqual(18);
		expect(gaps[1]).toBeGreaterThanOrEqual(38);
		expect(gaps[2]).toBeGreaterThanOrEqual(58);
		expect(gaps[2]).toBeLessThan(200);
	});
});
