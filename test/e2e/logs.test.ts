// Logs on the lab: what the tasks say, read the way `docker service logs` prints it, live,
// and for a task that failed its health check.
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {daemonProxy} from '../support/proxy.js';
import {docker, inspectJson, labSockets, resetDemoServices, waitFor} from '../support/lab.js';
import {swarmdeckPerTest, type Terminal} from '../support/tmux.js';

const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('whoami');
});

afterAll(async () => {
	await resetDemoServices('whoami');
});

const squeeze = (line: string) => line.trim().replaceAll(/\s+/g, ' ');

/** The log rows on screen, squeezed: the lines with ` | `. */
function logRows(screen: string): string[] {
	return screen.split('\n').filter(line => line.includes(' | ')).map(line => squeeze(line));
}

/** The highest "N units of work done" on screen. */
function workDone(screen: string): number {
	return Math.max(-1, ...[...screen.matchAll(/worker v0\.1: (\d+) units of work done/g)].map(match => Number(match[1])));
}

describe('logs on the lab swarm', () => {
	it('follows dockercoins_worker live, with the lines docker service logs prints', async () => {
		const screen = await start({dockerHost: labSockets.node1, columns: 140, rows: 36});
		// The palette line and the timestamps key (w) in one read.
		await screen.burst(':', 'logs dockercoins_worker', 'Enter', 'w');
		await screen.waitFor(text => text.includes('$ docker service logs --follow --tail 100 --timestamps --no-task-ids dockercoins_worker'), 'the logs command with --timestamps');
		const first = await screen.waitFor(text => workDone(text) >= 0, 'a line of work done');

		// The same lines as the CLI prints them, timestamps included: the three newest, so on screen.
		// --tail counts per task, and a worker that started before redis was up has a failed task
		// beside the running one, so the newest three are picked by their timestamps.
		// On a lab just up, the worker may not have written three lines yet.
		const cliLines = await waitFor('three lines from the worker', async () => {
			const lines = (await docker(['service', 'logs', '--timestamps', '--no-task-ids', '--tail', '3', 'dockercoins_worker'])).split('\n').filter(line => line.includes(' | ')).map(line => squeeze(line));
			return lines.length >= 3 ? lines : undefined;
		});
		const cli = cliLines.sort((a, b) => Date.parse(a.split(' ')[0]!) - Date.parse(b.split(' ')[0]!)).slice(-3);
		const matched = await screen.waitFor(text => cli.every(line => logRows(text).includes(line)), `the CLI's lines on screen:\n${cli.join('\n')}`, 20_000);
		expect(logRows(matched).at(-1)).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z dockercoins_worker\.1@node\d \| worker v0\.1: \d+ units of work done$/);

		// Following: a newer line arrives without a key (the worker writes one every 5 s).
		const seen = workDone(matched);
		await screen.waitFor(text => workDone(text) > seen, 'a newer line, live', 20_000);
		expect(workDone(first)).toBeLessThanOrEqual(seen);

		// Paused, the view holds still and counts; p follows again.
		await screen.press('p');
		const paused = await screen.waitFor(text => /paused · [1-9]\d* new lines?/.test(text), 'new lines counted while paused', 20_000);
		expect(workDone(paused)).toBeGreaterThan(seen);
		await screen.press('p');
		await screen.waitFor(text => text.includes('following') && workDone(text) > workDone(paused), 'the counted lines shown', 20_000);

		// s starts from a minute back: a new request, only lines of the last minute, as many as the
		// CLI finds there (a moment apart, a line may come or go at either end).
		const asked = Date.now();
		await screen.press('s');
		const cliMinute = (await docker(['service', 'logs', '--since', '1m', '--no-task-ids', 'dockercoins_worker'])).split('\n').filter(line => line.includes(' | '));
		const minute = await screen.waitFor(text => text.includes('$ docker service logs --follow --since 1m --timestamps --no-task-ids dockercoins_worker') && logRows(text).length >= Math.max(1, cliMinute.length - 2), 'the last minute of logs');
		const times = logRows(minute).map(row => Date.parse(row.split(' ')[0]!));
		expect(times.length).toBeLessThanOrEqual(cliMinute.length + 2);
		expect(Math.min(...times)).toBeGreaterThanOrEqual(asked - 61_000);
	});

	it('marks a global service\'s lines as the CLI does, one per node', async () => {
		const cli = (await docker(['service', 'logs', '--no-task-ids', 'agent'])).split('\n').filter(line => line.includes(' | ')).map(line => squeeze(line));
		expect(cli.length).toBeGreaterThanOrEqual(3);
		const screen = await start({dockerHost: labSockets.node1, columns: 140, rows: 36});
		await screen.burst(':', 'logs agent', 'Enter');
		const shown = await screen.waitFor(text => logRows(text).length >= cli.length, 'the agent\'s lines');
		expect(logRows(shown).sort()).toEqual(cli.sort());
	});

	it('reaches the logs of whoami 2.0\'s failed task from the tasks screen', async () => {
		await docker(['service', 'update', '--detach', '--quiet', '--no-resolve-image', '--image', 'swarmdeck/whoami:2.0', 'whoami']);
		const failedId = await waitFor('a whoami 2.0 task to fail its health check', async () => {
			const rows = (await docker(['service', 'ps', '--no-trunc', '--format', '{{.ID}} {{.Image}} {{.CurrentState}}', 'whoami'])).split('\n');
			return rows.find(row => row.includes('whoami:2.0') && row.includes('Failed'))?.split(' ')[0];
		}, 150_000, 1000);
		await waitFor('the rollback to complete', async () => (await inspectJson('whoami')).UpdateStatus?.State === 'rollback_completed', 150_000, 1000);
		const expected = (await docker(['service', 'logs', '--no-task-ids', failedId])).split('\n').filter(line => line.includes(' | ')).map(line => squeeze(line));
		expect(expected.join('\n')).toContain('whoami 2.0 starting');

		const screen: Terminal = await start({dockerHost: labSockets.node1, columns: 140, rows: 40});
		await screen.burst(':', 'tasks whoami', 'Enter');
		const tasks = await screen.waitFor(text => text.includes('CURRENT STATE') && text.includes(failedId.slice(0, 12)), 'the failed task in the table');
		// Down to its row and l, in one read.
		const rows = tasks.split('\n');
		const header = rows.findIndex(line => line.startsWith('ID '));
		const index = rows.findIndex(line => line.startsWith(failedId.slice(0, 12))) - header - 1;
		await screen.burst(...Array.from({length: index}, () => 'j'), 'l');
		const logs = await screen.waitFor(text => text.includes(`$ docker service logs --follow --tail 100 --no-task-ids ${failedId.slice(0, 12)}`) && logRows(text).length >= expected.length, 'the failed task\'s logs');
		expect(logs).toMatch(/Logs of task whoami\.\d@node\d \(failed\)/);
		expect(logRows(logs)).toEqual(expected);

		// Esc goes back to the tasks.
		await screen.press('Escape');
		await screen.waitFor(text => text.includes('CURRENT STATE'), 'the tasks screen again');
	});

	it('opens the stream again after the connection to the daemon drops, without repeating a line', async () => {
		const proxy = daemonProxy(join(tmpdir(), `swarmdeck-logs-proxy-${process.pid}.sock`), labSockets.node1.replace('unix://', ''));
		await proxy.open();
		try {
			const screen = await start({dockerHost: proxy.host, columns: 140, rows: 36});
			await screen.burst(':', 'logs dockercoins_worker', 'Enter', 'w');
			const before = await screen.waitFor(text => workDone(text) >= 0, 'a line of work done');
			proxy.cut();
			await screen.waitFor(text => text.includes('The stream stopped:'), 'the stream stopped, in words', 15_000);
			await proxy.open();
			const after = await screen.waitFor(text => text.includes('following') && !text.includes('The stream stopped:') && workDone(text) > workDone(before) + 1, 'newer lines after reconnecting', 60_000);
			const rows = logRows(after);
			expect(new Set(rows).size).toBe(rows.length);
			// The lines are in order, one every 5 s, none missing between the two streams.
			const counts = rows.map(row => Number(/(\d+) units of work done/.exec(row)?.[1])).filter(count => !Number.isNaN(count));
			expect(counts).toEqual(counts.map((_count, index) => counts[0]! + index));
		} finally {
			proxy.cut();
		}
	});
});
