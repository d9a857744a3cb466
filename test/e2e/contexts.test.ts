// Docker contexts on the lab: with DOCKER_HOST unset, swarmdeck goes where `docker context
// use` and --context say, as the docker CLI does, and names the context when it cannot.
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEngine, type StartedEngine} from '../support/fake-engine/harness.js';
import {labSockets} from '../support/lab.js';
import {swarmdeckPerTest, words} from '../support/tmux.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const config = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-docker-config-'));
// No DOCKER_HOST: the context decides.
const env: NodeJS.ProcessEnv = {...process.env, DOCKER_CONFIG: config};
delete env['DOCKER_HOST'];
delete env['DOCKER_CONTEXT'];

async function docker(...args: string[]): Promise<string> {
	return (await run('docker', args, {env})).stdout;
}

async function swarmdeck(...args: string[]): Promise<{stdout: string; stderr: string; code: number}> {
	try {
		const {stdout, stderr} = await run('node', [cli, ...args], {env, timeout: 30_000});
		return {stdout, stderr, code: 0};
	} catch (error) {
		const {stdout = '', stderr = '', code = -1} = error as {stdout?: string; stderr?: string; code?: number};
		return {stdout, stderr, code};
	}
}

// A second swarm to switch to: the fake engine, with services the lab does not have.
let other: StartedEngine;

beforeAll(async () => {
	other = await startEngine({services: [{Name: 'billing', Mode: {Replicated: {Replicas: 2}}}, {Name: 'ledger', Mode: {Replicated: {Replicas: 1}}}], realTime: true});
	await docker('context', 'create', 'prod-eu', '--docker', `host=${other.host}`);
	await docker('context', 'create', 'lab', '--docker', `host=${labSockets.node1}`);
	await docker('context', 'create', 'lab-worker', '--docker', `host=${labSockets.node2}`);
	await docker('context', 'use', 'lab');
});

afterAll(async () => {
	await other?.close();
});

const start = swarmdeckPerTest();

describe('docker contexts', () => {
	it('follows docker context use, as docker service ls does', async () => {
		const listed = await docker('service', 'ls', '--format', '{{.Name}}');
		const {stdout, code} = await swarmdeck('--once');
		expect(code).toBe(0);
		for (const name of listed.trim().split('\n')) {
			expect(stdout).toContain(name);
		}
	});

	it('takes --context over the current context, and names the context when it cannot be used', async () => {
		const {stderr, code} = await swarmdeck('--once', '--context', 'lab-worker');
		expect(code).toBe(1);
		expect(stderr).toMatch(new RegExp(`^swarmdeck: .*context lab-worker \\(${labSockets.node2.replaceAll('/', '\\/')}\\)`));
		expect(stderr).toMatch(/is a swarm worker: workers cannot list or change services/);
	});

	it('says there is no such context, and exits 1', async () => {
		const {stdout, stderr, code} = await swarmdeck('--once', '--context', 'nosuch');
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toMatch(/^swarmdeck: There is no docker context named "nosuch" \(looked for .*\)\. `docker context ls` lists them\.\n$/);
	});

	it('W lists the contexts, a refused switch names the context, and :ctx NAME shows only the other swarm', async () => {
		const screen = await start({dockerHost: '', args: ['--context', 'lab'], env: {DOCKER_CONFIG: config}});
		await screen.press('W');
		const listed = words(await screen.waitFor(text => words(text).includes('(in use)'), 'the list of contexts'));
		expect(listed).toContain(`lab (in use) ${labSockets.node1}`);
		expect(listed).toContain(`lab-worker ${labSockets.node2}`);
		expect(listed).toContain(`prod-eu ${other.host}`);

		await screen.press(':');
		await screen.type('context lab-w');
		await screen.burst('Tab', 'Enter');
		const refused = words(await screen.waitFor(text => text.includes('✘ Switching to context lab-worker failed'), 'the refusal'));
		expect(refused).toContain(`context lab-worker (${labSockets.node2})) is a swarm worker`);
		expect(refused).toContain('whoami');

		await screen.press(':');
		await screen.type('ctx prod-eu');
		await screen.press('Enter');
		const switched = await screen.waitFor(text => text.includes(`context prod-eu (${other.host})`) && text.includes('billing'), 'the other swarm');
		expect(switched).toContain('ledger');
		// Nothing of the lab stays: its services, its header, the status line of the refusal.
		for (const gone of ['whoami', 'dockercoins', labSockets.node1, 'lab-worker']) {
			expect(switched).not.toContain(gone);
		}
	});
});
