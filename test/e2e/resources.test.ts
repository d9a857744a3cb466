// What the services use, and removing a service, on the lab, by keys in a real terminal:
// the stack's network with the services attached to it, Enter lists those services; a
// secret the test creates is listed by name; a scratch service is removed once its name is
// typed. The test's secret and service are removed afterwards in any case.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, removeService} from '../support/lab.js';
import {selectService, swarmdeckPerTest, waitForResult, words} from '../support/tmux.js';

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
const formWhoami = 'swarmdeck-e2e-whoami';
const cliWhoami = 'swarmdeck-e2e-whoami-cli';
const pastedVote = 'swarmdeck-e2e-vote';

afterAll(async () => {
	await removeSecret();
	for (const name of [scratch, formWhoami, cliWhoami, pastedVote]) {
		await removeService(name);
	}
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

/** A spec as the daemon keeps it, without what the two creates differ in on purpose: the name and the published port. */
function comparable(spec: {Name?: string; EndpointSpec?: {Ports?: Array<Record<string, unknown>>}}): unknown {
	const copy = structuredClone(spec);
	delete copy.Name;
	for (const port of copy.EndpointSpec?.Ports ?? []) {
		delete port['PublishedPort'];
	}

	return copy;
}

describe('creating a service on the lab', () => {
	it('creates the seed whoami from the form, with the spec docker service create makes from the same flags', async () => {
		await removeService(formWhoami);
		await removeService(cliWhoami);
		// The seed publishes 8000:8000, which the lab's webui holds: free ports here instead.
		await docker(['service', 'create', '--detach', '--quiet', '--no-resolve-image', '--name', cliWhoami, '--update-failure-action', 'rollback', '--update-delay', '10s', '--update-monitor', '10s', '--publish', '18081:8000', 'swarmdeck/whoami:1.0']);
		const screen = await start({dockerHost: labSockets.node1, rows: 50});
		await screen.press('c');
		await screen.waitFor(text => text.includes('Create a service'), 'the create form');
		// Field by field, each in one read as over ssh: name, image, then ports past mode and replicas.
		await screen.burst(formWhoami, 'Tab', 'swarmdeck/whoami:1.0', 'Tab');
		await screen.waitFor(text => text.includes('swarmdeck/whoami:1.0'), 'the image typed');
		await screen.burst('Tab', 'Tab', '18080:8000', 'Tab');
		await screen.waitFor(text => /Ports\s+18080:8000/.test(text), 'the port typed');
		// Env, constraints, then the update policy's delay, failure action and monitor.
		await screen.burst('Tab', 'Tab', 'Tab', 'C-u', '10s', 'Tab');
		await screen.waitFor(text => /delay\s+10s/.test(text), 'the update delay typed');
		await screen.press('Right');
		await screen.burst('Tab', 'C-u', '10s');
		const command = `docker service create --detach --no-resolve-image --name ${formWhoami} --publish 18080:8000 --update-delay 10s --update-failure-action rollback --update-monitor 10s swarmdeck/whoami:1.0`;
		await screen.waitFor(text => words(text).includes(`$ ${command}`), 'the command of the seed flags');
		await screen.press('Enter');
		await screen.waitFor(text => text.includes(`Create ${formWhoami}?`), 'the question');
		await screen.press('y');
		await screen.waitFor(text => text.includes(`✔ ${formWhoami} created`), 'the service created');
		const [fromForm, fromCli] = [(await inspectJson(formWhoami)).Spec, (await inspectJson(cliWhoami)).Spec];
		expect(comparable(fromForm)).toEqual(comparable(fromCli));
		expect(fromForm.EndpointSpec.Ports[0].PublishedPort).toBe(18080);
	});
});

describe('a pasted docker service create on the lab', () => {
	it('creates vote with 4 replicas and a published port after y', async () => {
		await removeService(pastedVote);
		const screen = await start({dockerHost: labSockets.node1});
		await screen.press(':');
		// The lab's vote holds no port, but 5000 may be taken on a shared machine's lab: a free one.
		await screen.paste(`docker service create --name ${pastedVote} --replicas 4 --publish 15000:80 swarmdeck/vote:latest`);
		await screen.press('Enter');
		await screen.waitFor(text => text.includes(`Create ${pastedVote}?`), 'the question');
		await screen.press('y');
		await screen.waitFor(text => text.includes(`✔ ${pastedVote} created`), 'the service created');
		const spec = (await inspectJson(pastedVote)).Spec;
		expect(spec.Mode).toEqual({Replicated: {Replicas: 4}});
		expect(spec.EndpointSpec.Ports).toEqual([{Protocol: 'tcp', TargetPort: 80, PublishedPort: 15000, PublishMode: 'ingress'}]);
		expect(spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
	});
});
