import {afterEach, describe, expect, it} from 'vitest';
import {makeService, daemonError, type FakeClient} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {makeTask, node1, node2, pause, startApp, stopAll} from './harness.js';

afterEach(() => {
	stopAll();
});

const size = {columns: 140, rows: 30};

function voteSwarm() {
	const one = makeTask('id-vote', {slot: 1, nodeId: node1.id});
	const two = makeTask('id-vote', {slot: 2, nodeId: node2.id});
	const failed = makeTask('id-vote', {slot: 2, nodeId: node2.id, desiredState: 'shutdown', state: 'failed', secondsAgo: 700, error: 'task: non-zero exit (143)'});
	const finished = makeTask('id-vote', {slot: 1, nodeId: node1.id, desiredState: 'shutdown', state: 'shutdown', secondsAgo: 900});
	return {one, two, failed, finished, options: {services: [makeService({name: 'api'}), makeService({name: 'vote', replicas: 2})], tasks: {'id-vote': [one, two, failed, finished]}, nodes: [node1, node2], waitFor: 'vote', size}};
}

/** Waits until swarmdeck has `count` log streams open, and returns them. */
async function openStreams(client: FakeClient, count: number): Promise<FakeClient['openLogs']> {
	const deadline = performance.now() + 2000;
	while (client.openLogs.length !== count) {
		if (performance.now() > deadline) {
			throw new Error(`expected ${count} open log streams, found ${client.openLogs.length}`);
		}

		await pause(10);
	}

	return client.openLogs;
}

/** The log lines on screen: the rows with a ` | `. */
function logRows(frame: string): string[] {
	return frame.split('\n').filter(line => line.includes(' | ')).map(line => line.trimEnd());
}

async function openVoteLogs(ui: Rendered): Promise<void> {
	await ui.press('G', 'l');
	await waitForFrame(ui, frame => frame.includes('Logs of vote'));
}

const at = (second: number) => `2026-12-07T00:00:${String(second).padStart(2, '0')}.000000000Z`;

describe('the logs screen', () => {
	it('opens with l on a service, follows live, and merges the replicas in time order, each marked with its task', async () => {
		const {one, two, options} = voteSwarm();
		const {client, ui} = await startApp(options);
		await openVoteLogs(ui);
		const [stream] = await openStreams(client, 1);
		expect(stream).toMatchObject({kind: 'service', id: 'id-vote', query: {follow: true, timestamps: true, details: true, tail: '100', stdout: true, stderr: true}});
		expect(ui.frame()).toContain('$ docker service logs --follow --tail 100 --no-task-ids vote');
		await waitForFrame(ui, frame => frame.includes('No log lines yet. Following'));

		// node2's line arrives first but was written later: it shows after node1's.
		client.writeLog({serviceId: 'id-vote', taskId: two.id, nodeId: node2.id, time: at(3), text: 'GET / 200 from two'});
		client.writeLog({serviceId: 'id-vote', taskId: one.id, nodeId: node1.id, time: at(1), text: 'GET / 200 from one'});
		client.writeLog({serviceId: 'id-vote', taskId: one.id, nodeId: node1.id, time: at(5), text: '\u001B]0;owned\u0007\u001B[2Jtitle'});
		const frame = await waitForFrame(ui, text => text.includes('title'));
		expect(logRows(frame)).toEqual([
			'vote.1@node1 | GET / 200 from one',
			'vote.2@node2 | GET / 200 from two',
			'vote.1@node1 | ␛]0;owned␇␛[2Jtitle',
		]);
		expect(frame).toContain('lines 1-3 of 3');
	});

	it('takes :logs SERVICE from the palette', async () => {
		const {options} = voteSwarm();
		const {client, ui} = await startApp(options);
		await ui.press(':');
		await ui.type('logs vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('Logs of vote'));
		expect(await openStreams(client, 1)).toMatchObject([{kind: 'service', id: 'id-vote'}]);
	});

	it('shows timestamps, starts further back, pauses, filters and picks one task, by keys sent in bursts', async () => {
		const {one, two, options} = voteSwarm();
		const {client, ui} = await startApp(options);
		await openVoteLogs(ui);
		await openStreams(client, 1);
		const write = (task: typeof one, second: number, text: string) => {
			client.writeLog({serviceId: 'id-vote', taskId: task.id, nodeId: task.nodeId!, time: at(second), text});
		};

		write(one, 1, 'GET /health 200');
		write(two, 2, 'POST /vote error: redis down');
		await waitForFrame(ui, frame => frame.includes('redis down'));

		// w shows the timestamps; s twice starts 5 minutes back, on a new stream, the old one closed.
		const before = Date.now();
		await ui.burst('w', 's', 's');
		const [reopened] = await openStreams(client, 1);
		expect(reopened!.query['since']).toBeGreaterThanOrEqual(Math.floor((before / 1000) - 300 - 1));
		expect(reopened!.query['since']).toBeLessThanOrEqual((Date.now() / 1000) - 299);
		expect(reopened!.query['tail']).toBe('all');
		await waitForFrame(ui, frame => frame.includes('$ docker service logs --follow --since 5m --timestamps --no-task-ids vote'));
		write(one, 1, 'GET /health 200');
		write(two, 2, 'POST /vote error: redis down');
		let frame = await waitForFrame(ui, text => text.includes('redis down'));
		expect(logRows(frame)).toEqual([
			`${at(1)} vote.1@node1 | GET /health 200`,
			`${at(2)} vote.2@node2 | POST /vote error: redis down`,
		]);

		// Paused, the view holds still and counts what arrives.
		await ui.press('p');
		write(one, 3, 'GET /health 200 again');
		write(one, 4, 'GET /results 200');
		frame = await waitForFrame(ui, text => text.includes('paused · 2 new lines'));
		expect(logRows(frame)).toHaveLength(2);
		await ui.press('p');
		frame = await waitForFrame(ui, text => text.includes('GET /results'));
		expect(frame).toContain('following');
		expect(logRows(frame)).toHaveLength(4);

		// A filter keeps what matches; a leading ! keeps the rest.
		await ui.burst('w', '/', ...'health', keys.enter);
		frame = await waitForFrame(ui, text => logRows(text).length === 2);
		expect(logRows(frame)).toEqual(['vote.1@node1 | GET /health 200', 'vote.1@node1 | GET /health 200 again']);
		await ui.burst('/', keys.ctrlU, ...'!health', keys.enter);
		frame = await waitForFrame(ui, text => text.includes('/!health'));
		expect(logRows(frame)).toEqual(['vote.2@node2 | POST /vote error: redis down', 'vote.1@node1 | GET /results 200']);
		await ui.press('/', keys.escape);
		frame = await waitForFrame(ui, text => logRows(text).length === 4);

		// o picks one task, then the other, then each node, then all again.
		await ui.press('o');
		frame = await waitForFrame(ui, text => text.includes('only vote.1@node1'));
		expect(logRows(frame).every(row => row.startsWith('vote.1@node1'))).toBe(true);
		await ui.burst('o', 'o');
		frame = await waitForFrame(ui, text => text.includes('only node node1'));
		await ui.burst('o', 'o');
		frame = await waitForFrame(ui, text => !text.includes('only '));
		expect(logRows(frame)).toHaveLength(4);
	});

	it('opens the logs of a failed task from the tasks screen, with history shown too, and closes the stream on Esc', async () => {
		const {failed, finished, options} = voteSwarm();
		const {client, ui} = await startApp(options);
		await ui.press('G', keys.enter);
		await waitForFrame(ui, frame => frame.includes('CURRENT STATE'));
		// Rows: vote.1, vote.2, its failed task.
		await ui.burst('j', 'j', 'l');
		await waitForFrame(ui, frame => frame.includes('Logs of task vote.2@node2 (failed)'));
		expect(await openStreams(client, 1)).toMatchObject([{kind: 'task', id: failed.id}]);
		expect(ui.frame()).toContain(`$ docker service logs --follow --tail 100 --no-task-ids ${failed.id.slice(0, 12)}`);
		client.writeLog({serviceId: 'id-vote', taskId: failed.id, nodeId: node2.id, time: at(1), text: 'vote stopping'});
		await waitForFrame(ui, frame => frame.includes('vote.2@node2 | vote stopping'));

		await ui.press(keys.escape);
		await waitForFrame(ui, frame => frame.includes('CURRENT STATE'));
		await openStreams(client, 0);

		// With a the finished history shows (vote.1's old task under it); its logs open the same way.
		await ui.burst('a', 'j', 'l');
		await waitForFrame(ui, frame => frame.includes('Logs of task vote.1@node1 (shutdown)'));
		expect(await openStreams(client, 1)).toMatchObject([{kind: 'task', id: finished.id}]);
	});

	it('says the daemon\'s sentence when it refuses, and keeps only the newest lines of a noisy service', async () => {
		const {one, options} = voteSwarm();
		const {client, ui} = await startApp(options);
		client.logsError = daemonError(500, 'configured logging driver does not support reading');
		await openVoteLogs(ui);
		await waitForFrame(ui, frame => frame.includes('The daemon cannot give these logs: configured logging driver does not support reading'));
		await ui.press(keys.escape);
		client.logsError = undefined;
		await openVoteLogs(ui);
		await openStreams(client, 1);
		for (let index = 0; index < 6000; index++) {
			client.writeLog({serviceId: 'id-vote', taskId: one.id, nodeId: node1.id, time: `2026-12-07T00:00:00.${String(index).padStart(9, '0')}Z`, text: `line ${index}`});
		}

		const frame = await waitForFrame(ui, text => text.includes('line 5999'), 5000);
		expect(frame).toMatch(/lines \d+-5000 of 5000 \(the newest 5,000 are kept\)/);
		// The oldest line kept is the 1,001st: g goes to the top (and holds the view still).
		await ui.press('g');
		const top = await waitForFrame(ui, text => text.includes('lines 1-'));
		expect(logRows(top)[0]).toBe('vote.1@node1 | line 1000');
		expect(top).toContain('paused · 0 new lines');

		// Paused, the view keeps its lines even when a flood pushes them out of the buffer.
		for (let index = 6000; index < 12_000; index++) {
			client.writeLog({serviceId: 'id-vote', taskId: one.id, nodeId: node1.id, time: `2026-12-07T00:00:01.${String(index).padStart(9, '0')}Z`, text: `line ${index}`});
		}

		const held = await waitForFrame(ui, text => text.includes('paused · 6000 new lines'), 5000);
		expect(logRows(held)).toEqual(logRows(top));
		await ui.press('p');
		await waitForFrame(ui, text => text.includes('line 11999') && text.includes('following'), 5000);
	});
});
