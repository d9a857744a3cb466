// The three shipped exercises that wait on rollouts, each done start to end by swarmdeck's
// keys on the lab, as a student following the panel would: a delayed rollout, two rollbacks,
// and the automatic rollback of a failing health check. The panel must tick every step.
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectJson, labSockets, resetDemoServices} from '../support/lab.js';
import {selectService, swarmdeckPerTest} from '../support/tmux.js';

const exercises = fileURLToPath(new URL('../../lab/exercises/', import.meta.url));
const start = swarmdeckPerTest();

beforeAll(async () => {
	await resetDemoServices('vote', 'dockercoins_rng', 'whoami');
});

afterAll(async () => {
	await resetDemoServices('vote', 'dockercoins_rng', 'whoami');
});

/** swarmdeck with the exercise's panel, on its first step, with `service` selected. */
async function openExercise(file: string, steps: number, service: string) {
	const screen = await start({dockerHost: labSockets.node1, columns: 120, rows: 40, args: ['--exercise', `${exercises}${file}`]});
	await screen.waitFor(text => text.includes(`step 1 of ${steps}`), 'the first step');
	await selectService(screen, service);
	return screen;
}

describe('the rollout exercises, by keys on the lab', () => {
	it('an update delay: u sets it, i rolls the image out, and each step ticks', async () => {
		const screen = await openExercise('3-update-delay.json', 3, 'vote');
		// The policy form: parallelism first, then the delay.
		await screen.press('u');
		await screen.burst('Tab', 'C-u', '3s', 'Enter');
		await screen.waitFor(text => text.includes('step 2 of 3'), 'the delay step ticked', 20_000);
		await screen.burst('i', 'C-u', 'swarmdeck/vote:indent', 'Enter', 'y');
		await screen.waitFor(text => text.includes('✓ Exercise done: An update delay: the image rolls out slot by slot, all 3 steps'), 'the exercise done', 90_000);
		const vote = await inspectJson('vote');
		expect(vote.Spec.UpdateConfig.Delay).toBe(3_000_000_000);
		expect(vote.UpdateStatus.State).toBe('completed');
	});

	it('roll back, then roll back again: i, then r y twice', async () => {
		const screen = await openExercise('4-rollback-twice.json', 3, 'dockercoins_rng');
		await screen.burst('i', 'C-u', 'dockercoins/rng:v0.2', 'Enter', 'y');
		await screen.waitFor(text => text.includes('step 2 of 3'), 'the update step ticked', 60_000);
		await screen.burst('r', 'y');
		await screen.waitFor(text => text.includes('step 3 of 3'), 'the first rollback ticked', 60_000);
		await screen.burst('r', 'y');
		await screen.waitFor(text => text.includes('✓ Exercise done: Roll back, then roll back again, all 3 steps'), 'the exercise done', 60_000);
		const rng = await inspectJson('dockercoins_rng');
		expect(rng.Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^dockercoins\/rng:v0\.2(@|$)/);
	});

	it('a failing health check rolls back by itself: i deploys whoami 2.0, the swarm does the rest', async () => {
		const screen = await openExercise('5-auto-rollback.json', 2, 'whoami');
		await screen.burst('i', 'C-u', 'swarmdeck/whoami:2.0', 'Enter', 'y');
		await screen.waitFor(text => text.includes('✓ Exercise done: A failing health check rolls back by itself, all 2 steps'), 'the exercise done', 90_000);
		const whoami = await inspectJson('whoami');
		expect(whoami.UpdateStatus.State).toBe('rollback_completed');
		expect(whoami.Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^swarmdeck\/whoami:1\.0(@|$)/);
	});
});
