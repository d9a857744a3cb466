// Keys that reach swarmdeck in one read, as over SSH, inside tmux or on a busy machine:
// each burst below is ONE tmux send-keys, and must do what the same keys typed one by
// one do. The swarm is checked afterwards with the docker CLI, and what swarmdeck wrote
// to the terminal must hold no stray control character.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, resetDemoServices, waitConverged} from '../support/lab.js';
import {swarmdeckPerTest, type Terminal} from '../support/tmux.js';

const changed = ['dockercoins_hasher', 'dockercoins_worker', 'dockercoins_rng', 'vote'];

const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices(...changed);
});

afterAll(async () => {
	await resetDemoServices(...changed);
});

async function open(): Promise<Terminal> {
	return start({dockerHost: labSockets.node1});
}

/** Filters down to one service in a single burst: `/`, its name, Enter. */
async function select(screen: Terminal, name: string): Promise<void> {
	await screen.burst('/', name, 'Enter');
	await screen.waitFor(text => text.includes(`/${name}`) && text.split('\n').some(line => line.startsWith(`${name} `)), `${name} selected`);
}

describe('bursts of keys in one read, on the lab swarm', () => {
	it('scales with s, then BSpace BSpace 5 Enter in one send-keys', async () => {
		const screen = await open();
		await select(screen, 'dockercoins_hasher');
		await screen.press('s');
		await screen.waitFor(text => text.includes('Replicas: 1'), 'the scale dialog');
		await screen.burst('BSpace', 'BSpace', '5', 'Enter');
		// The command shows in the dialog as the field changes: wait for the result instead.
		const after = await screen.waitFor(text => text.includes('✔ dockercoins_hasher scaled from 1 to 5 replicas'), 'the result in the status line');
		expect(after).toMatch(/^\$ docker service scale dockercoins_hasher=5\s*$/m);
		expect(after).not.toContain('✘');
		expect((await inspectJson('dockercoins_hasher')).Spec.Mode.Replicated.Replicas).toBe(5);
		await waitConverged('dockercoins_hasher');
	});

	it('changes the image with i, C-u, the reference, Enter and y in one send-keys', async () => {
		const screen = await open();
		await select(screen, 'vote');
		await screen.burst('i', 'C-u', 'swarmdeck/vote:movies', 'Enter', 'y');
		// In the status line, at the start of a line: not the preview in the dialog.
		await screen.waitFor(text => /^\$ docker service update --no-resolve-image --image swarmdeck\/vote:movies vote\s*$/m.test(text), 'the image command in the status line');
		expect((await inspectJson('vote')).Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:movies');
	});

	it('rolls back with r y in one send-keys', async () => {
		// A previous spec to go back to: 1 replica, before this scale to 2.
		await docker(['service', 'scale', '--detach', 'dockercoins_worker=2']);
		const screen = await open();
		await select(screen, 'dockercoins_worker');
		await screen.burst('r', 'y');
		await screen.waitFor(text => /^\$ docker service rollback dockercoins_worker\s*$/m.test(text), 'the rollback command in the status line');
		const service = await inspectJson('dockercoins_worker');
		expect(service.Spec.Mode.Replicated.Replicas).toBe(1);
		expect(service.PreviousSpec.Mode.Replicated.Replicas).toBe(2);
	});

	it('edits the policy with u, then C-u 3 Tab C-u 10s Enter in one send-keys', async () => {
		const screen = await open();
		await select(screen, 'dockercoins_rng');
		await screen.press('u');
		await screen.waitFor(text => text.includes('Update and rollback policy of dockercoins_rng'), 'the policy form');
		await screen.burst('C-u', '3', 'Tab', 'C-u', '10s', 'Enter');
		const after = await screen.waitFor(text => text.includes('✔'), 'the result in the status line');
		expect(after).toMatch(/^\$ docker service update --update-parallelism 3 --update-delay 10s dockercoins_rng\s*$/m);
		expect((await inspectJson('dockercoins_rng')).Spec.UpdateConfig).toMatchObject({Parallelism: 3, Delay: 10_000_000_000});
	});

	it('opens the third service with Home Down Down Enter in one send-keys', async () => {
		const screen = await open();
		await screen.burst('Home', 'Down', 'Down', 'Enter');
		const tasks = await screen.waitFor(text => text.includes('dockercoins_rng.1 '), 'the tasks of dockercoins_rng');
		// The tasks screen names its service on its first line.
		expect(tasks.split('\n')[1]).toMatch(/^dockercoins_rng\s+replicated/);
	});

	it('fills the image field from a paste with a trailing newline, without submitting', async () => {
		const screen = await open();
		await select(screen, 'vote');
		await screen.burst('i', 'C-u');
		await screen.waitFor(text => /Image: \s/.test(text), 'the empty image field');
		await screen.paste('swarmdeck/vote:indent\n');
		const filled = await screen.waitFor(text => text.includes('Image: swarmdeck/vote:indent'), 'the pasted reference');
		expect(filled).toContain('Image of vote');
		expect(filled).not.toContain('Change the image of vote?');
		expect((await inspectJson('vote')).Spec.TaskTemplate.ContainerSpec.Image).not.toBe('swarmdeck/vote:indent');
		await screen.press('Escape');
		await screen.waitFor(text => !text.includes('Image of vote'), 'the dialog to close');
	});

	it('quits on C-c in the middle of a send-keys', async () => {
		const screen = await open();
		await screen.burst('j', 'C-c', 'k');
		await screen.waitFor(text => text.includes('[exit 0]'), 'swarmdeck to exit');
	});
});
