// The `:` palette on the lab swarm, typed as a person does in one go: each line below is
// one tmux send-keys. The swarm is checked afterwards with the docker CLI.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectJson, labSockets, resetDemoServices, waitConverged} from '../support/lab.js';
import {swarmdeckPerTest, type Terminal} from '../support/tmux.js';

const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('dockercoins_hasher');
});

afterAll(async () => {
	await resetDemoServices('dockercoins_hasher');
});

async function open(): Promise<Terminal> {
	return start({dockerHost: labSockets.node1});
}

describe('the palette on the lab', () => {
	it(':scale dockercoins_hasher 7 scales it, and shows the command', async () => {
		const screen = await open();
		await screen.burst(':', 'scale dockercoins_hasher 7', 'Enter');
		await screen.waitFor(text => text.includes('✔ dockercoins_hasher scaled from 1 to 7 replicas') && text.includes('$ docker service scale dockercoins_hasher=7'), 'the result and the command');
		expect((await inspectJson('dockercoins_hasher')).Spec.Mode.Replicated.Replicas).toBe(7);
		await waitConverged('dockercoins_hasher');
	});

	it('completes a service name with Tab', async () => {
		const screen = await open();
		await screen.burst(':', 'tasks dockercoins_ha', 'Tab', 'Enter');
		await screen.waitFor(text => /dockercoins_hasher\.1\b/.test(text) && text.includes('CURRENT STATE'), 'the task table of dockercoins_hasher');
	});

	it(':stacks opens the stacks, and :stack dockercoins its services', async () => {
		const screen = await open();
		await screen.burst(':', 'stacks', 'Enter');
		const stacks = await screen.waitFor(text => text.includes('CONVERGED'), 'the stacks screen');
		expect(stacks.split('\n').find(line => line.startsWith('dockercoins '))?.replaceAll(/\s+/g, ' ')).toMatch(/^dockercoins 5 5\/5 \d+\/\d+/);
		await screen.burst(':', 'stack dockercoins', 'Enter');
		const services = await screen.waitFor(text => text.includes('stack dockercoins'), 'the stack\'s services');
		expect(services).toContain('dockercoins_worker');
		expect(services).not.toMatch(/^whoami /m);
	});
});
