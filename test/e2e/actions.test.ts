// swarmdeck as a person uses it: the built CLI in a real terminal (tmux) against the lab
// swarm, keys typed one at a time, and the swarm checked afterwards with the docker CLI.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, inspectJson, labSockets, resetDemoServices, runningTaskIds, waitConverged, waitFor} from '../support/lab.js';
import {selectService, swarmdeckPerTest, waitForResult, words, type Terminal} from '../support/tmux.js';

const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('dockercoins_hasher', 'vote');
});

afterAll(async () => {
	await resetDemoServices('dockercoins_hasher', 'vote');
});

/** swarmdeck has ended: the pane shows its exit code. */
const exited = (screen: string) => screen.includes('[exit ');

async function open(): Promise<Terminal> {
	return start({dockerHost: labSockets.node1});
}

describe('actions from the keyboard', () => {
	it('scales dockercoins_hasher to 7 with s', async () => {
		const screen = await open();
		await selectService(screen, 'dockercoins_hasher');
		await screen.press('s');
		await screen.waitFor(text => text.includes('Scale dockercoins_hasher') && text.includes('Replicas: 1'), 'the scale dialog');
		await screen.press('BSpace');
		await screen.type('7');
		await screen.press('Enter');
		const after = await waitForResult(screen, 'docker service scale dockercoins_hasher=7');
		expect(after).toContain('✔ dockercoins_hasher scaled from 1 to 7 replicas');
		expect((await inspectJson('dockercoins_hasher')).Spec.Mode.Replicated.Replicas).toBe(7);
		await waitConverged('dockercoins_hasher');
		await screen.waitFor(text => /dockercoins_hasher\s+replicated\s+7\/7/.test(text), 'the row to read 7/7');
	});

	it('refuses a replica count of abc: error on screen, nothing sent', async () => {
		const before = (await inspectJson('dockercoins_hasher')).Version.Index;
		const screen = await open();
		await selectService(screen, 'dockercoins_hasher');
		await screen.press('s');
		await screen.waitFor(text => text.includes('Replicas:'), 'the scale dialog');
		await screen.press('C-u');
		await screen.type('abc');
		const shown = await screen.waitFor(text => text.includes('replicas: must be a whole number'), 'the validation error');
		expect(shown).toContain('got "abc"');
		await screen.press('Enter');
		await new Promise(resolve => {
			setTimeout(resolve, 500);
		});
		expect(await screen.screen()).toContain('Replicas: abc');
		await screen.press('Escape');
		await screen.waitFor(text => !text.includes('Replicas:'), 'the dialog to close');
		expect((await inspectJson('dockercoins_hasher')).Version.Index).toBe(before);
	});

	it('sets parallelism 2 and max failure ratio 0.25 with u, replacing no task', async () => {
		const tasksBefore = await runningTaskIds('vote');
		const screen = await open();
		await selectService(screen, 'vote');
		await screen.press('u');
		await screen.waitFor(text => text.includes('Update and rollback policy of vote'), 'the policy form');
		// parallelism is the first field.
		await screen.press('BSpace');
		await screen.type('2');
		// Down to max failure ratio: delay, failure action, monitor, max failure ratio.
		await screen.press('Down', 'Down', 'Down', 'Down', 'BSpace');
		await screen.type('0.25');
		await screen.waitFor(text => text.includes('docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 vote'), 'the command preview');
		await screen.press('Enter');
		const after = await screen.waitFor(text => text.includes('✔') && text.includes('$ docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 vote'), 'the result');
		expect(after).toContain('no task is replaced');
		expect((await inspectJson('vote')).Spec.UpdateConfig).toMatchObject({Parallelism: 2, MaxFailureRatio: 0.25});
		await new Promise(resolve => {
			setTimeout(resolve, 3000);
		});
		expect(await runningTaskIds('vote')).toEqual(tasksBefore);
	});

	it("changes vote's image with i, then rolls it back with r", async () => {
		const screen = await open();
		await selectService(screen, 'vote');
		await screen.press('i');
		await screen.waitFor(text => text.includes('Image: swarmdeck/vote:latest'), 'the image dialog');
		for (let index = 0; index < 'latest'.length; index++) {
			await screen.press('BSpace');
		}

		await screen.type('indent');
		await screen.press('Enter');
		await screen.waitFor(text => text.includes('Change the image of vote?'), 'the confirmation');
		await screen.press('y');
		await waitForResult(screen, 'docker service update --no-resolve-image --image swarmdeck/vote:indent vote');
		expect((await inspectJson('vote')).Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:indent');
		await waitFor('the update to complete', async () => (await inspectJson('vote')).UpdateStatus?.State === 'completed', 120_000, 1000);

		await screen.press('r');
		const dialog = await screen.waitFor(text => text.includes('Roll back vote to its previous spec?'), 'the rollback confirmation');
		expect(dialog).toContain('image: swarmdeck/vote:indent → swarmdeck/vote:latest');
		expect(words(dialog)).toContain('rolling back twice returns to where you are now');
		await screen.press('y');
		await waitForResult(screen, 'docker service rollback vote');
		const inspected = await inspectJson('vote');
		expect(inspected.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
		expect(inspected.PreviousSpec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:indent');
		await waitFor('the rollback to complete', async () => (await inspectJson('vote')).UpdateStatus?.State === 'rollback_completed', 120_000, 1000);
		const images = await docker(['service', 'ps', 'vote', '--filter', 'desired-state=running', '--format', '{{.Image}}']);
		expect(new Set(images.split('\n'))).toEqual(new Set(['swarmdeck/vote:latest']));
	});
});

describe('connecting to the wrong node', () => {
	it('a worker node gives the clear error, not a stack trace', async () => {
		const screen = await (await start({dockerHost: labSockets.node2, ready: exited})).screen();
		expect(words(screen)).toContain(`swarmdeck: node2 (${labSockets.node2}) is a swarm worker`);
		expect(screen).toContain('[exit 1]');
		expect(screen).not.toMatch(/\bat .*\.js:\d+/);
	});

	it('a daemon without a swarm says how to make one', async () => {
		const screen = await (await start({dockerHost: labSockets.solo, ready: exited})).screen();
		expect(screen).toContain('is not part of a swarm');
		expect(screen).toContain('[exit 1]');
	});
});
