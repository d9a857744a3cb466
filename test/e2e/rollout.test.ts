// Watching rollouts on screen, against the lab: what the room asks during a rolling
// update is "where is it now, and is it going wrong?".
import {afterAll, beforeEach, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, resetDemoServices, waitFor} from '../support/lab.js';
import {selectService, swarmdeckPerTest, words, type Terminal} from '../support/tmux.js';

const start = swarmdeckPerTest();

beforeEach(async () => {
	await resetDemoServices('whoami', 'vote');
});

afterAll(async () => {
	await resetDemoServices('whoami', 'vote');
});

async function openTasks(service: string): Promise<Terminal> {
	const terminal = await start({dockerHost: labSockets.node1, rows: 40});
	await selectService(terminal, service);
	await terminal.press('Enter');
	await terminal.waitFor(text => text.includes('CURRENT STATE') && text.includes(`${service}.1`), `the tasks of ${service}`);
	return terminal;
}

async function changeImage(screen: Terminal, from: string, to: string): Promise<void> {
	await screen.press('i');
	await screen.waitFor(text => text.includes(`Image: ${from}`), 'the image dialog');
	await screen.press('C-u');
	await screen.type(to);
	await screen.press('Enter');
	await screen.waitFor(text => text.includes('Change the image of'), 'the confirmation');
	await screen.press('y');
	await screen.waitFor(text => text.includes(`--image ${to}`), 'the image command');
}

/** Every distinct screen seen while waiting for the last of `steps`, in order. */
async function watchThrough(screen: Terminal, steps: Array<{description: string; test: (text: string) => boolean}>, timeoutMs: number): Promise<string[]> {
	const seen: string[] = [];
	for (const step of steps) {
		seen.push(await screen.waitFor(step.test, step.description, timeoutMs));
	}

	return seen;
}

describe('rollout progress on the tasks screen', () => {
	it('watches whoami 1.0 → 2.0 fail its health check and roll back by itself', async () => {
		const screen = await openTasks('whoami');
		await changeImage(screen, 'swarmdeck/whoami:1.0', 'swarmdeck/whoami:2.0');
		// rollback_started lasts well under a poll here (the failed slot's old task is simply
		// started again), so the screen shows it from the swarm's events: "states so far".
		const [updating, failing, done] = await watchThrough(screen, [
			{description: 'the update in progress', test: text => /updating\s+overall progress: \d out of 3 tasks/.test(text)},
			{description: 'a slot starting the new version or failing its health check', test: text => /\d\/3: starting\s+\[/.test(text) || /\d\/3: .*(unhealthy|non-zero exit)/.test(text)},
			{description: 'rollback_completed', test: text => /rolled back\s+rolling back update: 3 out of 3 tasks/.test(text) && text.includes('daemon says: rollback completed')},
		], 150_000);
		expect(updating).toContain('update policy in force: 1 at a time, delay 10s, monitor 10s, on failure rollback');
		expect(failing).toMatch(/\d\/3: /);
		expect(done).toContain('states so far: updating → rollback_started → rollback_completed');
		expect(done).toContain('rollback policy in force');
		const service = await inspectJson('whoami');
		expect(service.UpdateStatus.State).toBe('rollback_completed');
		expect(service.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/whoami:1.0');
		// The services screen says the same in its row.
		await screen.press('Escape');
		await screen.waitFor(text => /whoami\s+replicated\s+3\/3\s+swarmdeck\/whoami:1\.0\s+rolled back/.test(text), 'the row to say rolled back');
		// The timeline keeps the automatic rollback as the image change's outcome.
		await screen.press('H');
		const timeline = await screen.waitFor(text => text.includes('Timeline of this session'), 'the timeline');
		const lines = timeline.split('\n');
		const image = lines.findIndex(line => /\$ docker service update .*--image swarmdeck\/whoami:2\.0 whoami$/.test(line));
		expect(image).toBeGreaterThan(0);
		expect(lines.slice(image + 2).join('\n')).toMatch(/^ +↳ \d\d:\d\d:\d\d whoami: update state rollback_started → rollback_completed$/m);
	});

	it('shows a manual rollback of vote as rolling back update', async () => {
		await docker(['service', 'update', '--detach', '--quiet', '--no-resolve-image', '--image', 'swarmdeck/vote:indent', 'vote']);
		await waitFor('the update to complete', async () => (await inspectJson('vote')).UpdateStatus?.State === 'completed', 120_000, 1000);
		const screen = await openTasks('vote');
		await screen.press('r');
		await screen.waitFor(text => text.includes('Roll back vote to its previous spec?'), 'the confirmation');
		await screen.press('y');
		const rolling = await screen.waitFor(text => /rolling back update: \d out of 4 tasks/.test(text), 'rolling back update', 30_000);
		expect(rolling).toContain('rollback policy in force');
		expect(rolling).toMatch(/daemon says: manually requested rollback/);
		await screen.waitFor(text => /rolling back update: 4 out of 4 tasks/.test(text) && text.includes('rollback completed'), 'the rollback to complete', 120_000);
	});

	it('shows a paused update as paused, with the message and the way out', async () => {
		await docker(['service', 'update', '--detach', '--quiet', '--update-failure-action', 'pause', '--update-delay', '1s', '--update-monitor', '5s', 'whoami']);
		const screen = await openTasks('whoami');
		await changeImage(screen, 'swarmdeck/whoami:1.0', 'swarmdeck/whoami:2.0');
		const paused = await screen.waitFor(text => /\bpaused\s+overall progress/.test(text), 'the paused state', 120_000);
		expect(paused).toMatch(/daemon says: update paused due to failure or early termination of task/);
		expect(paused).toContain('r rolls back to the previous spec');
		expect((await inspectJson('whoami')).UpdateStatus.State).toBe('paused');
		await screen.press('Escape');
		await screen.waitFor(text => /whoami\s+.*\s+paused/.test(text), 'the row to say paused');
	});
});

describe('the image change of vote, from its tasks screen', () => {
	it('states its batches and an estimate, then the real time beside it, and the events in words', async () => {
		const screen = await openTasks('vote');
		await screen.press('i');
		await screen.waitFor(text => text.includes('Image: swarmdeck/vote:latest'), 'the image dialog');
		await screen.press('C-u');
		await screen.type('swarmdeck/vote:movies');
		await screen.press('Enter');
		const question = words(await screen.waitFor(text => text.includes('Change the image of vote?'), 'the confirmation'));
		// The lab's vote: 4 replicas, the default policy (1 at a time, no delay, monitor 5s).
		expect(question).toContain('4 tasks in 4 batches of 1, one straight after another, stop-first.');
		// A start under a second is said in words, as "0s" would read as no time at all.
		const estimate = /Estimate: about (\d+)s \(4 batches × (\d+s|under a second) to start, as its tasks took last time, the last batch's 5s monitor\)\./.exec(question);
		expect(estimate, question).not.toBeNull();
		// Each part is rounded to whole seconds on its own: the sum may differ by the rounding.
		const startSeconds = estimate![2] === 'under a second' ? 0.5 : Number.parseInt(estimate![2]!, 10);
		expect(Math.abs(Number(estimate![1]) - ((4 * startSeconds) + 5))).toBeLessThanOrEqual(2);
		await screen.press('y');
		const done = await screen.waitFor(text => /^completed {2}overall progress: 4 out of 4 tasks {2}took \d+s, estimated about \d+s /m.test(text), 'the rollout to complete beside its estimate', 90_000);
		const [, took, estimated] = /took (\d+)s, estimated about (\d+)s/.exec(done)!;
		expect(estimated).toBe(estimate![1]);
		// The daemon's own record of the rollout: the panel's time is UpdateStatus StartedAt → CompletedAt.
		const {UpdateStatus: status} = await inspectJson('vote');
		expect(Math.round((Date.parse(status.CompletedAt) - Date.parse(status.StartedAt)) / 1000)).toBe(Number(took));
		await screen.press('e');
		// On the events screen: the status line says the same words about the change.
		const events = await screen.waitFor(text => text.includes('Swarm events, newest first') && text.includes('vote image swarmdeck/vote:latest → swarmdeck/vote:movies'), 'the image event');
		expect(events).toMatch(/\d\d:\d\d:\d\d {2}service {2}vote image/);
		await screen.waitFor(text => text.includes('updatestate (none) → updating') || text.includes('updatestate updating → completed') || text.includes('updatestate completed → updating'), 'the update state event', 60_000);
	});
});
