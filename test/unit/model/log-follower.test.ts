import {describe, expect, it} from 'vitest';
import {LogFollower, ReorderWindow} from '../../../source/model/log-follower.js';
import type {LogRequest, LogTarget, SwarmClient} from '../../../source/swarm/client.js';
import type {LogLine, LogProblem} from '../../../source/swarm/log-stream.js';

const line = (second: number, text: string, taskId = 't1'): LogLine => {
	const timestamp = `2026-12-07T00:00:${String(second).padStart(2, '0')}.000000000Z`;
	return {timestamp, sortKey: timestamp.slice(0, -1), taskId, stream: 'stdout', text};
};

describe('ReorderWindow', () => {
	it('holds lines for the window, then lets them out in timestamp order across replicas', () => {
		const window = new ReorderWindow(300);
		window.push([line(3, 'node2 c', 't2'), line(5, 'node2 e', 't2')], 1000);
		window.push([line(1, 'node1 a'), line(4, 'node1 d')], 1100);
		expect(window.take(1200)).toEqual([]);
		expect(window.take(1300).map(item => item.text)).toEqual(['node1 a', 'node2 c', 'node1 d', 'node2 e']);
		expect(window.size).toBe(0);
	});

	it('lets out with a due line every held line that sorts before it, and keeps later ones', () => {
		const window = new ReorderWindow(300);
		window.push([line(5, 'due')], 0);
		window.push([line(2, 'early'), line(9, 'late')], 200);
		expect(window.take(300).map(item => item.text)).toEqual(['early', 'due']);
		expect(window.take(500).map(item => item.text)).toEqual(['late']);
	});

	it('keeps lines of one timestamp in arrival order, and a line without one after the line before it', () => {
		const window = new ReorderWindow(0);
		window.push([line(1, 'first'), line(1, 'second'), {...line(0, 'continued'), timestamp: '', sortKey: ''}], 0);
		expect(window.take(0).map(item => item.text)).toEqual(['first', 'second', 'continued']);
	});

	it('lets everything out when asked for all (the stream ended)', () => {
		const window = new ReorderWindow(10_000);
		window.push([line(2, 'b'), line(1, 'a')], 0);
		expect(window.take(1, {all: true}).map(item => item.text)).toEqual(['a', 'b']);
	});
});

/** A client whose `logs` yields what a test pushes, and says when it was closed. */
function scriptedLogs() {
	const queue: Array<Array<LogLine | LogProblem>> = [];
	let wake: (() => void) | undefined;
	const state = {opened: 0, closed: 0, requests: [] as Array<{target: LogTarget; request: LogRequest}>, fail: undefined as Error | undefined};
	const client = {
		async * logs(target: LogTarget, request: LogRequest, signal: AbortSignal) {
			state.opened++;
			state.requests.push({target, request});
			signal.addEventListener('abort', () => wake?.(), {once: true});
			try {
				if (state.fail) {
					throw state.fail;
				}

				while (!signal.aborted) {
					const batch = queue.shift();
					if (batch) {
						yield batch;
						continue;
					}

					await new Promise<void>(resolve => {
						wake = resolve;
					});
				}
			} finally {
				state.closed++;
			}
		},
	} as unknown as SwarmClient;
	return {
		client,
		state,
		push(batch: Array<LogLine | LogProblem>) {
			queue.push(batch);
			wake?.();
		},
	};
}

const settle = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

describe('LogFollower', () => {
	it('opens the stream again after it fails, from the last line seen, without showing a line twice', async () => {
		const streams: Array<{request: LogRequest; batches: Array<Array<LogLine | LogProblem>>; fail?: Error}> = [
			{request: {}, batches: [[line(1, 'a'), line(2, 'b', 't1'), line(2, 'c', 't2')]], fail: new Error('connection reset')},
			{request: {}, batches: [[line(2, 'b', 't1'), line(2, 'c', 't2'), line(2, 'd', 't3'), line(3, 'e')]]},
		];
		let opened = 0;
		const client = {
			async * logs(_target: LogTarget, request: LogRequest, signal: AbortSignal) {
				const script = streams[opened++];
				if (!script) {
					await new Promise(resolve => {
						signal.addEventListener('abort', resolve, {once: true});
					});
					return;
				}

				script.request = request;
				yield * script.batches;
				if (script.fail) {
					throw script.fail;
				}

				// The second stream stays open, as a healthy one does.
				await new Promise(resolve => {
					signal.addEventListener('abort', resolve, {once: true});
				});
			},
		} as unknown as SwarmClient;
		const follower = new LogFollower(client, {kind: 'service', id: 's'}, {tail: 100}, {renderEveryMs: 10, reorderMs: 0, reopenDelayMs: {min: 30, max: 30}});
		follower.start();
		await settle(15);
		expect(follower.getSnapshot()).toMatchObject({state: 'failed', error: 'connection reset'});
		await settle(100);
		expect(opened).toBeGreaterThanOrEqual(2);
		expect(streams[0]!.request).toEqual({tail: 100});
		expect(streams[1]!.request).toEqual({since: new Date('2026-12-07T00:00:02.000Z')});
		const snapshot = follower.getSnapshot();
		expect(snapshot.entries.map(entry => entry.line.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(snapshot).toMatchObject({state: 'following', error: undefined});
		follower.stop();
	});

	it('keeps only the newest lines, counting those pushed out', async () => {
		const logs = scriptedLogs();
		const follower = new LogFollower(logs.client, {kind: 'service', id: 's'}, {tail: 100}, {maxLines: 5, renderEveryMs: 10, reorderMs: 0});
		follower.start();
		logs.push(Array.from({length: 12}, (_, index) => line(index, `line ${index}`)));
		await settle(60);
		const snapshot = follower.getSnapshot();
		expect(snapshot.entries.map(entry => entry.line.text)).toEqual(['line 7', 'line 8', 'line 9', 'line 10', 'line 11']);
		expect(snapshot.received).toBe(12);
		expect(snapshot.dropped).toBe(7);
		expect(snapshot.state).toBe('following');
		follower.stop();
	});

	it('remembers at most its bound of lines at one timestamp, however many share it', async () => {
		const logs = scriptedLogs();
		const follower = new LogFollower(logs.client, {kind: 'service', id: 's'}, {tail: 100}, {maxLines: 5, renderEveryMs: 10, reorderMs: 0});
		follower.start();
		logs.push(Array.from({length: 40}, (_, index) => line(3, `same instant ${index}`)));
		await settle(60);
		expect(follower.getSnapshot().received).toBe(40);
		expect(follower.rememberedAtNewest).toBe(5);
		follower.stop();
	});

	it('tells its listeners a few times a second, not once a line, however noisy the service', async () => {
		const logs = scriptedLogs();
		const follower = new LogFollower(logs.client, {kind: 'service', id: 's'}, {}, {renderEveryMs: 100, reorderMs: 0});
		let renders = 0;
		follower.subscribe(() => {
			renders++;
		});
		follower.start();
		const started = Date.now();
		let pushed = 0;
		while (Date.now() - started < 500) {
			logs.push(Array.from({length: 50}, () => line(1, `line ${pushed++}`)));
			await settle(2);
		}

		await settle(150);
		expect(follower.getSnapshot().received).toBe(pushed);
		expect(pushed).toBeGreaterThan(1000);
		expect(renders).toBeLessThanOrEqual(9);
		follower.stop();
	});

	it('closes the stream when stopped, and hears nothing after', async () => {
		const logs = scriptedLogs();
		const follower = new LogFollower(logs.client, {kind: 'task', id: 't1'}, {since: new Date(0)}, {renderEveryMs: 10, reorderMs: 0});
		follower.start();
		await settle(20);
		expect(logs.state.requests).toEqual([{target: {kind: 'task', id: 't1'}, request: {since: new Date(0)}}]);
		follower.stop();
		await settle(20);
		expect(logs.state.closed).toBe(1);
		logs.push([line(1, 'too late')]);
		await settle(30);
		expect(follower.getSnapshot().entries).toEqual([]);
	});

	it('says why the daemon refused, and what it could not read', async () => {
		const failing = scriptedLogs();
		failing.state.fail = new Error('service vote not found');
		const refused = new LogFollower(failing.client, {kind: 'service', id: 'vote'}, {}, {renderEveryMs: 10});
		refused.start();
		await settle(20);
		expect(refused.getSnapshot()).toMatchObject({state: 'failed', error: 'service vote not found'});
		refused.stop();

		const logs = scriptedLogs();
		const follower = new LogFollower(logs.client, {kind: 'service', id: 's'}, {}, {renderEveryMs: 10, reorderMs: 0});
		follower.start();
		logs.push([{problem: 'configured logging driver does not support reading'}]);
		await settle(30);
		expect(follower.getSnapshot().problems).toEqual(['configured logging driver does not support reading']);
		// However many tasks cannot be read, the newest five are kept.
		logs.push(Array.from({length: 30}, (_, index) => ({problem: `task t${index} cannot be read`})));
		await settle(30);
		expect(follower.getSnapshot().problems).toEqual(Array.from({length: 5}, (_, index) => `task t${index + 25} cannot be read`));
		follower.stop();
	});
});
