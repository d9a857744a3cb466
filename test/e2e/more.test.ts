// The rest of the keys on the lab: force, +, a global service, read-only, inspect, and a
// daemon that goes away and comes back.
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectJson, labSockets, resetDemoServices, runningTaskIds, waitConverged, waitFor} from '../support/lab.js';
import {daemonProxy} from '../support/proxy.js';
import {selectService, swarmdeckPerTest, words, type Terminal} from '../support/tmux.js';

const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('dockercoins_rng', 'agent');
});

afterAll(async () => {
	await resetDemoServices('dockercoins_rng', 'agent');
});

async function open(dockerHost: string = labSockets.node1, args: string[] = []): Promise<Terminal> {
	return start({dockerHost, args});
}

describe('more keys on the lab', () => {
	it('f forces a redeploy after y, replacing every task', async () => {
		const before = await runningTaskIds('dockercoins_rng');
		const screen = await open();
		await selectService(screen, 'dockercoins_rng');
		await screen.press('f');
		const dialog = await screen.waitFor(text => text.includes('Force a redeploy of dockercoins_rng?'), 'the confirmation');
		expect(dialog).toContain('$ docker service update --force dockercoins_rng');
		await screen.press('y');
		await screen.waitFor(text => text.includes('✔ dockercoins_rng redeploy forced'), 'the result');
		await waitFor('the task to be replaced', async () => {
			const after = await runningTaskIds('dockercoins_rng');
			return after.length === before.length && after.every(id => !before.includes(id));
		}, 60_000, 500);
		expect((await inspectJson('dockercoins_rng')).Spec.TaskTemplate.ForceUpdate).toBe(1);
	});

	it('+ scales up by one and shows the command', async () => {
		// A change during an update asks first: let the redeploy above finish.
		await waitFor('dockercoins_rng to be done updating', async () => (await inspectJson('dockercoins_rng')).UpdateStatus?.State !== 'updating', 60_000, 500);
		const screen = await open();
		await selectService(screen, 'dockercoins_rng');
		await screen.press('+');
		await screen.waitFor(text => text.includes('✔ dockercoins_rng scaled from 1 to 2 replicas') && text.includes('$ docker service scale dockercoins_rng=2'), 'the result and the command');
		expect((await inspectJson('dockercoins_rng')).Spec.Mode.Replicated.Replicas).toBe(2);
		await waitConverged('dockercoins_rng');
	});

	it('s on the global agent explains why it cannot be scaled, and sends nothing', async () => {
		const version = (await inspectJson('agent')).Version.Index;
		const screen = await open();
		await selectService(screen, 'agent');
		await screen.press('s');
		const refused = await screen.waitFor(text => words(text).includes('scale can only be used with replicated or replicated-job mode'), 'the refusal');
		expect(refused).not.toContain('╭');
		await screen.press('Enter');
		expect((await inspectJson('agent')).Version.Index).toBe(version);
	});

	it('d shows the service as inspect --pretty does', async () => {
		const screen = await open();
		await selectService(screen, 'dockercoins_rng');
		await screen.press('d');
		const inspect = await screen.waitFor(text => text.includes('Service Mode:'), 'the inspect view');
		expect(inspect).toMatch(/Name:\s+dockercoins_rng/);
		expect(inspect).toMatch(/Image:\s+dockercoins\/rng:v0\.1/);
		expect(inspect).toContain('UpdateConfig:');
		await screen.press('Escape');
		await screen.waitFor(text => text.includes('dockercoins (stack)'), 'the services screen again');
	});

	it('--read-only refuses a mutating key in words and the swarm is unchanged', async () => {
		const version = (await inspectJson('dockercoins_rng')).Version.Index;
		const screen = await open(labSockets.node1, ['--read-only']);
		expect(await screen.screen()).toContain('READ-ONLY');
		await selectService(screen, 'dockercoins_rng');
		for (const key of ['s', '+', 'f', 'r', 'i', 'u']) {
			await screen.press(key);
		}

		const shown = await screen.waitFor(text => text.includes('Read-only mode: policy change is disabled'), 'the refusal');
		expect(shown).not.toContain('╭');
		expect((await inspectJson('dockercoins_rng')).Version.Index).toBe(version);
	});
});

describe('a daemon that goes away', () => {
	const proxy = daemonProxy(join(tmpdir(), `swarmdeck-proxy-${process.pid}.sock`), labSockets.node1.replace('unix://', ''));

	afterAll(async () => {
		proxy.cut();
	});

	it('says so on screen, keeps the last state, and reconnects by itself', async () => {
		await proxy.open();
		const screen = await open(proxy.host);
		proxy.cut();
		const lost = await screen.waitFor(text => text.includes('Lost contact with the daemon'), 'the banner', 15_000);
		expect(lost).toContain('dockercoins (stack)');
		await proxy.open();
		await screen.waitFor(text => !text.includes('Lost contact with the daemon') && text.includes('whoami'), 'the banner to go', 30_000);
		await screen.press('e');
		// The event stream reconnected too: a change shows up as an event.
		await (await import('../support/lab.js')).docker(['service', 'scale', '--detach', 'dockercoins_rng=3']);
		await screen.waitFor(text => text.includes('dockercoins_rng replicas'), 'the event after reconnecting', 30_000);
	});
});
