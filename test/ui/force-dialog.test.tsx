import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {dialogTitle, pause, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

async function openForce() {
	const started = await startApp({services: [makeService({name: 'vote', replicas: 4})]});
	await started.ui.press('f');
	await waitForFrame(started.ui, frame => frame.includes('╭'));
	return started;
}

describe('force redeploy', () => {
	it('asks first, saying every task is replaced and how, with the command', async () => {
		const {ui} = await openForce();
		const frame = ui.frame();
		expect(dialogTitle(frame)).toBe('Force a redeploy of vote?');
		const text = words(frame);
		expect(text).toContain('Every task (4) is replaced, as the update policy says (1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first): 4 tasks in 4 batches of 1, one straight after another, stop-first. A new task that stops within 5s of running counts as failed; the update pauses on the first failure. Estimate: 5s (a delay after each batch, then the last batch\'s monitor) plus the time 4 batches take to start. Each new task runs the same spec as the one it replaces.');
		expect(text).toContain('$ docker service update --force vote');
	});

	it('forces on y and shows the command in the status line', async () => {
		const {client, ui} = await openForce();
		await ui.press(keys.enter);
		await pause(50);
		expect(client.sent).toEqual([]);
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toContain('✔ vote redeploy forced');
		expect(frame).toMatch(/^\$ docker service update --force vote$/m);
		expect(client.sent).toEqual([{action: 'force', service: 'vote'}]);
	});

	it.each([['n', 'n'], ['Esc', keys.escape]])('sends nothing on %s', async (_label, key) => {
		const {client, ui} = await openForce();
		await ui.press(key);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
