// The session's timeline on the lab: actions done by keys appear in the timeline view and in
// `swarmdeck history` with their commands and what the swarm did in answer, and the history
// file keeps no env value.
import {execFile} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, resetDemoServices, waitConverged, waitFor} from '../support/lab.js';
import {swarmdeckPerTest, waitForResult} from '../support/tmux.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const stateHome = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-timeline-'));
const secret = 'hunter2-not-in-history';
const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('vote');
	// A value the history must never hold, in the spec the rollback goes back to.
	await docker(['service', 'update', '--detach', '--quiet', '--env-add', `DB_PASSWORD=${secret}`, 'vote']);
	await waitFor('vote to settle', async () => (await inspectJson('vote')).UpdateStatus?.State !== 'updating', 120_000, 1000);
});

afterAll(async () => {
	await resetDemoServices('vote');
});

describe('the timeline on the lab', () => {
	it('records a scale, a policy change and a rollback done by keys, with the swarm\'s answers', async () => {
		const screen = await start({dockerHost: labSockets.node1, stateHome});
		await screen.burst('/', 'vote', 'Enter');
		await screen.waitFor(text => text.split('\n').some(line => line.startsWith('vote ')), 'vote selected');
		await screen.burst('s', 'C-u', '3', 'Enter');
		await waitForResult(screen, 'docker service scale vote=3');
		await waitConverged('vote');
		await screen.burst('u', 'C-u', '2', 'Enter');
		await screen.waitFor(text => /^✔ /m.test(text) && /^\$ docker service update .*--update-parallelism 2/m.test(text), 'the policy result');
		await screen.burst('r', 'y');
		await waitForResult(screen, 'docker service rollback vote');
		await waitFor('the rollback to complete', async () => (await inspectJson('vote')).UpdateStatus?.State === 'rollback_completed', 120_000, 1000);

		await screen.press('H');
		const shown = await screen.waitFor(text => text.includes('rollback_started → rollback_completed'), 'the rollback\'s outcome in the timeline', 30_000);
		const lines = shown.split("\n");
		const commandLine = (command: RegExp) => lines.findIndex(line => command.test(line));
		const rollback = commandLine(/^\d\d:\d\d:\d\d {2}\$ docker service rollback vote$/);
		const policy = commandLine(/^\d\d:\d\d:\d\d {2}\$ docker service update .*--update-parallelism 2 .*vote$/);
		const scale = commandLine(/^\d\d:\d\d:\d\d {2}\$ docker service scale vote=3$/);
		// Newest first, each with its result under it, the rollback's answers under that.
		expect(rollback).toBeGreaterThan(0);
		expect(policy).toBeGreaterThan(rollback);
		expect(scale).toBeGreaterThan(policy);
		expect(lines[rollback + 1]).toMatch(/^ {10}✔ /);
		expect(lines.slice(rollback + 2, policy).join('\n')).toMatch(/↳ \d\d:\d\d:\d\d vote: update state .*rollback_completed/);
		expect(lines[scale + 1]).toMatch(/^ {10}✔ vote scaled from \d+ to 3 replicas/);

		const {stdout} = await run('node', [cli, 'history', '--markdown'], {env: {...process.env, XDG_STATE_HOME: stateHome}});
		const rows = stdout.trim().split('\n');
		expect(rows[0]).toBe('| Time | Target | Command | Outcome |');
		expect(rows.filter(row => /\| vote \| `docker service (scale|update|rollback) /.test(row))).toHaveLength(3);
		expect(rows.some(row => /\| vote \| \| ↳ vote: update state .*rollback_completed \|$/.test(row))).toBe(true);

		const directory = path.join(stateHome, 'swarmdeck', 'history');
		const files = readdirSync(directory);
		expect(files).toHaveLength(1);
		const file = path.join(directory, files[0]!);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file, 'utf8')).not.toContain(secret);
	});
});
