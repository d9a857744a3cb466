// The editors of the rest of the spec and `docker service update` pasted in the palette, on
// the lab swarm: what swarmdeck shows and what `docker service inspect` says must agree.
import {rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, resetDemoServices, waitFor} from '../support/lab.js';
import {swarmdeckPerTest, waitForResult, words} from '../support/tmux.js';

const start = swarmdeckPerTest();

const secret = 'swarmdeck_e2e_secret';

afterAll(async () => {
	await resetDemoServices('dockercoins_rng', 'vote');
	await docker(['secret', 'rm', secret]).catch(() => undefined);
});

const envOf = async (service: string): Promise<string[]> => (await inspectJson(service)).Spec.TaskTemplate.ContainerSpec.Env ?? [];

describe('the env editor on the lab', () => {
	it('adds FOO=bar to dockercoins_rng from its tasks screen and removes it again; inspect agrees each time', async () => {
		const screen = await start({dockerHost: labSockets.node1});
		const before = await envOf('dockercoins_rng');
		await screen.burst(':', 'tasks dockercoins_rng', 'Enter');
		await screen.waitFor(text => /dockercoins_rng\.1\b/.test(text), 'the tasks of dockercoins_rng');
		// The editor, a new line and its value, sent in one burst.
		await screen.burst('E', ...before.map(() => 'Tab'), 'FOO=bar', 'Enter');
		await screen.waitFor(text => words(text).includes('Change the env of dockercoins_rng?') && words(text).includes('env: FOO=bar added'), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, 'docker service update --env-add FOO=bar dockercoins_rng');
		expect(await envOf('dockercoins_rng')).toEqual([...before, 'FOO=bar']);
		await screen.burst('d');
		await screen.waitFor(text => /Env:.*FOO=bar/.test(text), 'FOO=bar in swarmdeck\'s inspect');

		// From the inspect screen: FOO's line cleared.
		await screen.burst('E', ...before.map(() => 'Tab'), 'C-u', 'Enter');
		await screen.waitFor(text => words(text).includes('env: FOO removed'), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, 'docker service update --env-rm FOO dockercoins_rng');
		expect(await envOf('dockercoins_rng')).toEqual(before);
		await screen.waitFor(text => !text.includes('FOO=bar') && text.includes('Name:'), 'FOO=bar gone from swarmdeck\'s inspect');
	});
});

describe('docker service update pasted in the palette', () => {
	it('applies after y, and a bad value is refused in words with nothing sent', async () => {
		const screen = await start({dockerHost: labSockets.node1});
		const version = (await inspectJson('vote')).Version.Index as number;
		await screen.press(':');
		await screen.paste('docker service update --secret-add nosuch --update-parallelism 2 vote');
		await screen.press('Enter');
		await screen.waitFor(text => words(text).includes('there is no secret named "nosuch" in this swarm'), 'the refusal');
		expect((await inspectJson('vote')).Version.Index).toBe(version);

		await screen.press(':');
		await screen.paste('docker service update --update-parallelism 2 --update-delay 10s vote');
		await screen.press('Enter');
		await screen.waitFor(text => words(text).includes('Update vote?'), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, 'docker service update --update-parallelism 2 --update-delay 10s vote');
		const {Parallelism, Delay} = (await inspectJson('vote')).Spec.UpdateConfig;
		expect({Parallelism, Delay}).toEqual({Parallelism: 2, Delay: 10_000_000_000});
	});
});

describe('placement and secrets on the lab', () => {
	it('node.hostname!=node3 moves vote off node3 on screen, and a secret the test created is attached as a file', async () => {
		await docker(['secret', 'rm', secret]).catch(() => undefined);
		const file = path.join(os.tmpdir(), `${secret}-${process.pid}`);
		await writeFile(file, 'not shown anywhere\n');
		await docker(['secret', 'create', secret, file]);
		await rm(file);
		const screen = await start({dockerHost: labSockets.node1});
		await screen.burst(':', 'tasks vote', 'Enter');
		await screen.waitFor(text => /\bvote\.\d+ .*\bnode3\b/m.test(text), 'a task of vote on node3');
		await screen.burst('P', 'node.hostname!=node3', 'Enter');
		await screen.waitFor(text => words(text).includes('Change the placement of vote?'), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, "docker service update --constraint-add 'node.hostname!=node3' vote");
		// Running tasks only: the history keeps the ones that were on node3.
		await screen.waitFor(text => {
			const rows = text.split('\n').filter(line => /\bvote\.\d+ /.test(line) && /\bRunning +Running\b/.test(line));
			return rows.length === 4 && rows.every(line => !line.includes('node3'));
		}, 'four running tasks of vote, none on node3', 60_000);

		// By keys: the start of its name, → to complete it from the swarm's list, Enter; one burst.
		await screen.burst('S', secret.slice(0, 14), 'Right', 'Enter');
		await screen.waitFor(text => words(text).includes(`secrets: ${secret} as ${secret} added`), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, `docker service update --secret-add ${secret} vote`);
		const task = await waitFor('a task of vote with the secret', async () => {
			const ids = (await docker(['service', 'ps', 'vote', '-q', '--filter', 'desired-state=running'])).split('\n').filter(Boolean);
			for (const id of ids) {
				const secrets = JSON.parse(await docker(['inspect', id, '--format', '{{json .Spec.ContainerSpec.Secrets}}'])) as Array<{SecretName: string; File: {Name: string}}> | null;
				const found = secrets?.find(reference => reference.SecretName === secret);
				if (found) {
					return found;
				}
			}

			return undefined;
		}, 60_000);
		expect(task.File.Name).toBe(secret);
	});
});
