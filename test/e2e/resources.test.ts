// What the services use, on the lab, by keys in a real terminal: the stack's network with
// the services attached to it, Enter lists those services; a secret the test creates is
// listed by name. The test's secret is removed afterwards.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, labSockets} from '../support/lab.js';
import {swarmdeckPerTest} from '../support/tmux.js';

const start = swarmdeckPerTest();
const secretName = 'swarmdeck-e2e-secret';
const secretValue = 'e2e-value-never-shown';

async function removeSecret(): Promise<void> {
	try {
		await docker(['secret', 'rm', secretName]);
	} catch {
		// Not there: nothing to remove.
	}
}

beforeAll(async () => {
	await removeSecret();
	const folder = await mkdtemp(path.join(os.tmpdir(), 'swarmdeck-secret-'));
	const file = path.join(folder, 'value');
	await writeFile(file, secretValue);
	await docker(['secret', 'create', secretName, file]);
	await rm(folder, {recursive: true});
});

afterAll(removeSecret);

describe('secrets and networks on the lab', () => {
	it('lists the stack network with its services, Enter lists them, and a secret by name only', async () => {
		const screen = await start({dockerHost: labSockets.node1});
		await screen.press('N');
		const networks = await screen.waitFor(text => /^dockercoins_default\s/m.test(text), 'the stack network listed');
		const attached = (await docker(['service', 'ls', '--filter', 'label=com.docker.stack.namespace=dockercoins', '--format', '{{.Name}}'])).split('\n').filter(Boolean).sort();
		const row = networks.split('\n').find(line => line.startsWith('dockercoins_default'))!;
		// The count is whole; the names may be cut to the terminal's width.
		expect(row).toMatch(new RegExp(String.raw`overlay\s+swarm\s+${attached.length}: dockercoins_`));

		// The network's row, then Enter: only the services attached to it remain.
		const cursor = networks.split('\n').filter(line => /^\S+\s+[\da-z]{12}\s/.test(line)).findIndex(line => line.startsWith('dockercoins_default'));
		await screen.burst('g', ...Array.from({length: cursor}, () => 'j'), 'Enter');
		const listed = await screen.waitFor(text => text.includes('using network dockercoins_default'), 'the services using the network');
		expect(listed).toContain('dockercoins_rng');
		expect(listed).not.toMatch(/^vote\s/m);

		await screen.press(':');
		await screen.type('secrets');
		await screen.press('Enter');
		const secrets = await screen.waitFor(text => text.includes(secretName), 'the test secret listed');
		expect(secrets.split('\n').find(line => line.startsWith(secretName))).toMatch(/ago\s+-$/);
		expect(await screen.output()).not.toContain(secretValue);
	});
});
