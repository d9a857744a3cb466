// What the services use, and removing a service, on the lab, by keys in a real terminal:
// the stack's network with the services attached to it, Enter lists those services; a
// secret the test creates is listed by name; a scratch service is removed once its name is
// typed. The test's secret and service are removed afterwards in any case.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, labSockets, removeService} from '../support/lab.js';
import {selectService, swarmdeckPerTest, waitForResult} from '../support/tmux.js';

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

const scratch = 'swarmdeck-e2e-rm';

afterAll(async () => {
	await removeSecret();
	await removeService(scratch);
});

describe('secrets and networks on the lab', () => {
	it('lists the stack network with its services, Enter lists them, and a secret by name only', async () => {
		const screen = await start({dockerHost: labSockets.node1});
		await screen.press(':');
		await screen.type('networks');
		await screen.press('Enter');
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

describe('removing a service on the lab', () => {
	it('removes a scratch service only once its name is typed in full', async () => {
		await removeService(scratch);
		// Not waited for: the form reads the service, not its tasks.
		await docker(['service', 'create', '--detach', '--quiet', '--no-resolve-image', '--name', scratch, '--replicas', '1', 'swarmdeck/whoami:1.0']);
		const screen = await start({dockerHost: labSockets.node1, ready: text => text.includes(scratch)});
		await selectService(screen, scratch);
		await screen.press('D');
		await screen.waitFor(text => text.includes(`Type ${scratch} in full to remove it.`), 'the remove form');
		await screen.type(scratch.slice(0, -1));
		await screen.press('Enter');
		expect(await docker(['service', 'ls', '--format', '{{.Name}}'])).toContain(scratch);
		await screen.type(scratch.slice(-1));
		await screen.press('Enter');
		await waitForResult(screen, `docker service rm ${scratch}`);
		expect((await docker(['service', 'ls', '--format', '{{.Name}}'])).split('\n')).not.toContain(scratch);
	});
});
