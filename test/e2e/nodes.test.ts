// The nodes view on the lab, by keys in a real terminal: drain node3 and watch its tasks
// leave, activate it again, label it and unlabel it, then lose node3's daemon and get it
// back, each checked with the docker CLI. Whatever happens, node3 ends up active, up and
// without the test's label.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, labSockets, resetDemoServices, waitFor} from '../support/lab.js';
import {swarmdeckPerTest, waitForResult, words, type Terminal} from '../support/tmux.js';

const run = promisify(execFile);
const labScript = new URL('../../scripts/lab', import.meta.url).pathname;
const label = 'swarmdeck-e2e';

const start = swarmdeckPerTest();

type NodeJson = {Spec: {Availability: string; Labels?: Record<string, string>}; Status: {State: string}};

async function node3(): Promise<NodeJson> {
	return (JSON.parse(await docker(['node', 'inspect', 'node3'])) as NodeJson[])[0]!;
}

/** Names of the tasks meant to run on node3, as `docker node ps` lists them. */
async function tasksOnNode3(): Promise<string[]> {
	const out = await docker(['node', 'ps', 'node3', '--filter', 'desired-state=running', '--format', '{{.Name}}']);
	return out.split('\n').filter(Boolean).sort();
}

/** Puts node3 back: its daemon running, Ready, active, without the test's label. */
async function restoreNode3(): Promise<void> {
	await run(labScript, ['revive', 'node3']);
	await waitFor('node3 to be Ready', async () => (await node3()).Status.State === 'ready', 90_000);
	const node = await node3();
	if (node.Spec.Availability !== 'active') {
		await docker(['node', 'update', '--availability', 'active', 'node3']);
	}

	if (node.Spec.Labels?.[label] !== undefined) {
		await docker(['node', 'update', '--label-rm', label, 'node3']);
	}
}

beforeAll(async () => {
	await restoreNode3();
	// Spread the demo tasks again, so node3 runs some of them to be moved.
	await resetDemoServices();
});

afterAll(async () => {
	await restoreNode3();
	await resetDemoServices();
});

/** The nodes view, cursor on node3: `n` and two downs in one read, as over ssh. */
async function openNode3(): Promise<Terminal> {
	const screen = await start({dockerHost: labSockets.node1});
	await screen.burst('n', 'j', 'j');
	await screen.waitFor(text => /^node3\s+Worker\s+Active\s+Ready/m.test(text), 'node3 in the nodes view');
	return screen;
}

const row = (screen: string, hostname: string) => screen.split('\n').find(line => line.startsWith(`${hostname} `)) ?? '';

describe('the nodes view on the lab', () => {
	it('drains node3 with its tasks leaving on screen, then activates it again', async () => {
		const before = await tasksOnNode3();
		const replicated = before.filter(name => !name.startsWith('agent.'));
		expect(replicated.length, 'node3 runs replicated tasks to move').toBeGreaterThan(0);

		const screen = await openNode3();
		// Its tasks, as docker node ps shows them.
		await screen.press('Enter');
		await screen.waitFor(text => replicated.every(name => text.includes(name)), `node3's tasks ${replicated.join(', ')}`);

		await screen.press('d');
		const question = await screen.waitFor(text => text.includes('Drain node3?'), 'the drain confirmation');
		expect(words(question)).toContain(`${replicated.length} ${replicated.length === 1 ? 'task' : 'tasks'} will move from node3 to other nodes: ${replicated.join(', ')}.`);
		expect(question).toContain('$ docker node update --availability drain node3');
		expect((await node3()).Spec.Availability).toBe('active');

		await screen.press('y');
		await waitForResult(screen, 'docker node update --availability drain node3');
		expect((await node3()).Spec.Availability).toBe('drain');
		// The tasks leave the node's table as the swarm shuts them down; one that fails on its
		// way out (the dockercoins worker does) stays in sight, desired Shutdown, as on the task screen.
		const stillWanted = /\snode3\s+Running\s/;
		await screen.waitFor(text => !stillWanted.test(text) && /\d+ finished tasks? \(desired and current Shutdown\) hidden/.test(text), 'node3\'s tasks to leave the screen', 60_000);
		await waitFor('node3 to run no task', async () => (await tasksOnNode3()).length === 0, 60_000);

		await screen.press('u');
		await screen.waitFor(text => text.includes('Activate node3?') && text.includes('$ docker node update --availability active node3'), 'the activate confirmation');
		await screen.press('y');
		await waitForResult(screen, 'docker node update --availability active node3');
		expect((await node3()).Spec.Availability).toBe('active');
		await screen.press('Escape');
		await screen.waitFor(text => /^node3\s+Worker\s+Active\s+Ready/m.test(text), 'node3 Active in the nodes view');
	});

	it('refuses a bad label key, then adds a label and removes it', async () => {
		const screen = await openNode3();
		const spec = (await node3()).Spec;
		await screen.press('l');
		await screen.waitFor(text => text.includes('Add a label to node3'), 'the label form');
		await screen.type('a=b');
		await screen.press('Enter');
		await screen.waitFor(text => text.includes('a label key cannot contain "="') && text.includes('nothing was sent'), 'the sentence for a=b');
		expect((await node3()).Spec).toEqual(spec);

		await screen.burst('C-u', label, 'Tab', 'blue', 'Enter');
		await screen.waitFor(text => text.includes(`Label node3 ${label}=blue?`), 'the label confirmation');
		await screen.press('y');
		await waitForResult(screen, `docker node update --label-add ${label}=blue node3`);
		expect((await node3()).Spec.Labels).toEqual({[label]: 'blue'});
		await screen.waitFor(text => row(text, 'node3').includes(`${label}=blue`), 'the label in node3\'s row');

		await screen.press('L');
		await screen.waitFor(text => text.includes('Remove a label from node3'), 'the unlabel form');
		await screen.press('Enter');
		await screen.waitFor(text => text.includes(`Remove the label ${label} from node3?`), 'the unlabel confirmation');
		await screen.press('y');
		await waitForResult(screen, `docker node update --label-rm ${label} node3`);
		expect((await node3()).Spec.Labels ?? {}).toEqual({});
		await screen.waitFor(text => !row(text, 'node3').includes(label), 'the label gone from node3\'s row');
	});

	it('shows node3 down when its daemon is killed, and ready when it is revived', async () => {
		const screen = await openNode3();
		await run(labScript, ['kill', 'node3']);
		const down = await screen.waitFor(text => /^node3\s+Worker\s+Active\s+Down/m.test(text), 'node3 Down on screen', 60_000);
		expect(down).toContain('1 not ready');
		// Its tasks are given up there and started elsewhere: the count on screen drops to 0.
		await screen.waitFor(text => /^node3\s+Worker\s+Active\s+Down\s+\S+\s+0$/m.test(text), 'node3 with no task left, on screen', 60_000);
		// The services lose nothing for long: node3's replicated tasks start elsewhere.
		await waitFor('vote to run 4 tasks without node3', async () => /4\/4/.test(await docker(['service', 'ls', '--filter', 'name=vote', '--format', '{{.Replicas}}'])), 90_000);

		await run(labScript, ['revive', 'node3']);
		await screen.waitFor(text => /^node3\s+Worker\s+Active\s+Ready/m.test(text) && !text.includes('not ready'), 'node3 Ready again on screen', 90_000);
		expect(await screen.screen()).not.toContain('[exit ');
	});
});
