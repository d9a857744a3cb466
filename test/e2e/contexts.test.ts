// Docker contexts on the lab: with DOCKER_HOST unset, swarmdeck goes where `docker context
// use` and --context say, as the docker CLI does, and names the context when it cannot.
import {execFile} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {labSockets} from '../support/lab.js';

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

beforeAll(async () => {
	await docker('context', 'create', 'lab', '--docker', `host=${labSockets.node1}`);
	await docker('context', 'create', 'lab-worker', '--docker', `host=${labSockets.node2}`);
	await docker('context', 'use', 'lab');
});

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
});
