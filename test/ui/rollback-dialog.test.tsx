import {afterEach, describe, expect, it} from 'vitest';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {dialogTitle, pause, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

function spec(image: string, replicas: number): RawServiceSpec {
	return {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: image}}, Mode: {Replicated: {Replicas: replicas}}};
}

/** vote was updated from v1 with 3 replicas to v2 with 4: rolling back goes to v1 and 3. */
function updatedVote(previousSpec: RawServiceSpec | null = spec('swarmdeck/vote:v1', 3)) {
	return makeService({name: 'vote', replicas: 4, image: 'swarmdeck/vote:v2', spec: spec('swarmdeck/vote:v2', 4), previousSpec: previousSpec ?? undefined});
}

async function openRollback(service = updatedVote()) {
	const started = await startApp({services: [service]});
	await started.ui.press('r');
	await waitForFrame(started.ui, frame => frame.includes('╭'));
	return started;
}

describe('the rollback dialog', () => {
	it('lists what the rollback changes and the command, and warns that rolling back twice returns here', async () => {
		const {ui} = await openRollback();
		const frame = ui.frame();
		expect(dialogTitle(frame)).toBe('Roll back vote to its previous spec?');
		expect(frame).toMatch(/│ {3}image: swarmdeck\/vote:v2 → swarmdeck\/vote:v1 +│/);
		expect(frame).toMatch(/│ {3}replicas: 4 → 3 +│/);
		const text = words(frame);
		expect(text).toContain('Tasks are replaced, following the rollback policy: 1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first.');
		expect(text).toContain('The swarm keeps one previous spec: rolling back twice returns to where you are now.');
		expect(text).toContain('$ docker service rollback vote');
		expect(text).toContain('y yes n no');
	});

	it('says when only replicas differ, so no task is replaced', async () => {
		const {ui} = await openRollback(updatedVote(spec('swarmdeck/vote:v2', 2)));
		const frame = ui.frame();
		expect(frame).toMatch(/│ {3}replicas: 4 → 2 +│/);
		expect(frame).not.toContain('image:');
		expect(words(frame)).toContain('No task is replaced: only settings differ.');
	});

	it('says when the previous spec is the same as the current one', async () => {
		const {ui} = await openRollback(updatedVote(spec('swarmdeck/vote:v2', 4)));
		expect(words(ui.frame())).toContain('The previous spec is the same as the current one: nothing would change but the version.');
	});

	it('does not take Enter for yes', async () => {
		const {client, ui} = await openRollback();
		await ui.press(keys.enter);
		await pause(50);
		expect(dialogTitle(ui.frame())).toBe('Roll back vote to its previous spec?');
		expect(client.sent).toEqual([]);
	});

	it('rolls back on y and shows docker service rollback in the status line', async () => {
		const {client, ui} = await openRollback();
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).not.toContain('╭');
		expect(frame).toContain('✔ vote rolling back');
		expect(frame).toMatch(/^\$ docker service rollback vote$/m);
		expect(client.sent).toEqual([{action: 'rollback', service: 'vote'}]);
	});

	it.each([['n', 'n'], ['Esc', keys.escape]])('sends nothing on %s', async (_label, key) => {
		const {client, ui} = await openRollback();
		await ui.press(key);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
		expect(ui.frame()).not.toContain('✔');
	});

	it('says there is nothing to roll back to without a previous spec, opens nothing and sends nothing', async () => {
		const {client, ui} = await startApp({services: [updatedVote(null)]});
		await ui.press('r');
		const frame = await waitForFrame(ui, text => text.includes('no previous spec'));
		expect(words(frame)).toContain('vote has no previous spec: there is nothing to roll back to (it was never updated, or an automatic rollback already used it).');
		expect(frame).not.toContain('╭');
		expect(frame).not.toContain('docker service rollback');
		// y means nothing here.
		await ui.press('y');
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
