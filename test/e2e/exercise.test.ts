// Guided exercises on the lab: one completed by swarmdeck's keys, one by plain `docker`
// commands typed in a second terminal while swarmdeck only watches; a bad file starts nothing.
// The slower exercises (a delayed rollout, two rollbacks, the automatic rollback) are done by
// keys in exercise-rollouts.test.ts, which runs beside this file on a second lab.
import {execFile} from 'node:child_process';
import {writeFileSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, labSockets, resetDemoServices, runningTaskIds} from '../support/lab.js';
import {selectService, swarmdeckPerTest} from '../support/tmux.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const exercises = fileURLToPath(new URL('../../lab/exercises/', import.meta.url));
const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('dockercoins_hasher');
});

afterAll(async () => {
	await resetDemoServices('dockercoins_hasher');
});

describe('guided exercises on the lab', () => {
	it('ticks the policy exercise done by `docker` in another terminal, and no task was replaced', async () => {
		const screen = await start({dockerHost: labSockets.node1, args: ['--exercise', `${exercises}2-policy-no-op.json`]});
		await screen.waitFor(text => text.includes('Exercise: Change the update policy: no task is replaced · step 1 of 1'), 'the exercise panel');
		const tasksBefore = await runningTaskIds('dockercoins_hasher');
		await docker(['service', 'update', '--detach', '--quiet', '--update-parallelism', '2', '--update-max-failure-ratio', '0.25', 'dockercoins_hasher']);
		await screen.waitFor(text => text.includes('✓ Exercise done: Change the update policy: no task is replaced, all 1 step'), 'the exercise done', 15_000);
		expect(await runningTaskIds('dockercoins_hasher')).toEqual(tasksBefore);
	});

	it('ticks the scale exercise done by keys, step by step', async () => {
		const screen = await start({dockerHost: labSockets.node1, args: ['--exercise', `${exercises}1-scale.json`]});
		await screen.waitFor(text => text.includes('○ dockercoins_hasher has 7 replicas (now 1)'), 'the first step unticked');
		await selectService(screen, 'dockercoins_hasher');
		await screen.burst('s', 'C-u', '7', 'Enter');
		await screen.waitFor(text => text.includes('✓ Exercise done: Scale the hasher to 7, all 2 steps'), 'the exercise done', 30_000);
		const replicas = await docker(['service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', 'dockercoins_hasher']);
		expect(replicas.trim()).toBe('7');
	});

	it('refuses a bad exercise file with its line, before connecting', async () => {
		const folder = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-exercise-'));
		const bad = path.join(folder, 'bad.json');
		writeFileSync(bad, '{\n  "title": "Bad",\n  "steps": [\n    {"instruction": "x", "checks": [{"service": "vote", "replicaz": 7}]}\n  ]\n}\n');
		const failed = await run('node', [cli, '--exercise', bad], {env: {...process.env, DOCKER_HOST: 'unix:///nonexistent.sock'}}).catch((error: unknown) => error as {code: number; stderr: string; stdout: string});
		expect(failed).toMatchObject({code: 2, stdout: ''});
		expect((failed as {stderr: string}).stderr).toBe(`swarmdeck: ${bad} line 4: a check has no field "replicaz" (it takes "service", "node", "replicas", "runningTasks", "image", "updateState", "updatePolicy", "rollbackPolicy", "noTaskReplaced", "availability", "state").\n`);
	});
});
