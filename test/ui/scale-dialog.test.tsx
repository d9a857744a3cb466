import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, makeTask, pause, rowOf, squeeze, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

// In screen order: agent (global), api (1 replica), vote (4 replicas).
function swarm() {
	return [
		makeService({name: 'vote', replicas: 4}),
		makeService({name: 'api', replicas: 1}),
		makeService({name: 'agent', mode: 'global'}),
	];
}

async function openScale(ui: Rendered, select: string[] = ['G']): Promise<string> {
	await ui.press(...select, 's');
	return waitForFrame(ui, frame => frame.includes('Replicas:') || frame.includes('scale can only'));
}

async function replaceText(ui: Rendered, text: string): Promise<void> {
	await ui.press(keys.ctrlU);
	await ui.type(text);
}

describe('the scale dialog', () => {
	it('opens on the selected service, prefilled with its replicas, and shows the command for a new count', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		const frame = await openScale(ui);
		expect(dialogTitle(frame)).toBe('Scale vote');
		expect(frame).toContain('Now 4/4 running.');
		expect(frame).toMatch(/Replicas: 4 /);
		expect(frame).toContain('Enter apply   Esc cancel');
		await replaceText(ui, '6');
		expect(ui.frame()).toContain('$ docker service scale vote=6');
	});

	it('refuses the count the service already has: that update would only overwrite the previous spec', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		const frame = await openScale(ui);
		expect(frame).toContain('vote already has 4 replicas');
		expect(frame).not.toContain('$ docker service scale');
		await ui.press(keys.enter);
		await pause(50);
		expect(client.sent).toEqual([]);
		expect(ui.frame()).toContain('Replicas:');
	});

	it('scales to a valid number, closes, and shows the docker command in the status line', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await openScale(ui);
		await replaceText(ui, '7');
		expect(ui.frame()).toContain('$ docker service scale vote=7');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).not.toContain('Replicas:');
		expect(frame).toContain('✔ vote scaled from 4 to 7 replicas (version 10 → 11)');
		expect(frame).toMatch(/^\$ docker service scale vote=7$/m);
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 7}]);
		// The model refreshes after the write: the table shows the new desired count.
		await waitForFrame(ui, text => squeeze(rowOf(text, 'vote') ?? '').includes('4/7'));
	});

	it.each([
		['abc', 'replicas: must be a whole number from 0 up, got "abc"'],
		['-1', 'replicas: must be a whole number from 0 up, got "-1"'],
		['1.5', 'replicas: must be a whole number from 0 up, got "1.5"'],
		['', 'replicas: must be a whole number from 0 up, got ""'],
		['4 2', 'replicas: must be a whole number from 0 up, got "4 2"'],
		['99999999999999999999', 'replicas: 99999999999999999999 is too large'],
	])('refuses %j, naming replicas and the rule, and Enter sends nothing', async (text, message) => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await openScale(ui);
		await replaceText(ui, text);
		expect(ui.frame()).toContain(`✘ ${message}`);
		expect(ui.frame()).not.toContain('$ docker service scale');
		await ui.press(keys.enter);
		await pause(50);
		expect(ui.frame()).toContain(`✘ ${message}`);
		expect(dialogTitle(ui.frame())).toBe('Scale vote');
		expect(client.sent).toEqual([]);
		// Fixing the text makes it valid again.
		await replaceText(ui, '5');
		expect(ui.frame()).not.toContain('✘');
		expect(ui.frame()).toContain('$ docker service scale vote=5');
	});

	it('asks before scaling to 0, and only y sends it', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await openScale(ui);
		await replaceText(ui, '0');
		await ui.press(keys.enter);
		let frame = await waitForFrame(ui, text => text.includes('Scale vote to 0?'));
		expect(frame).toContain('This stops every task of vote: it serves nothing until you scale it up again.');
		expect(frame).toContain('$ docker service scale vote=0');
		expect(frame).toContain('y yes   n no');
		// Enter is not yes.
		await ui.press(keys.enter);
		await pause(50);
		expect(ui.frame()).toContain('Scale vote to 0?');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toMatch(/^\$ docker service scale vote=0$/m);
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 0}]);
	});

	it.each([['n', 'n'], ['Esc', keys.escape]])('sends nothing when scaling to 0 is declined with %s', async (_label, key) => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await openScale(ui);
		await replaceText(ui, '0');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Scale vote to 0?'));
		await ui.press(key);
		const frame = await waitForFrame(ui, text => !text.includes('╭'));
		expect(rowOf(frame, 'vote')).toBeDefined();
		await pause(50);
		expect(client.sent).toEqual([]);
		expect(ui.frame()).not.toContain('✔');
	});

	it('explains that a global service cannot be scaled, opens nothing and sends nothing', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('g', 's');
		const frame = await waitForFrame(ui, text => text.includes('scale can only'));
		expect(words(frame)).toContain('agent is a global service: scale can only be used with replicated or replicated-job mode (a global service runs one task per node).');
		expect(frame).not.toContain('╭');
		await ui.type('3');
		await ui.press(keys.enter);
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('Esc cancels and sends nothing, even with a valid number typed', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await openScale(ui);
		await replaceText(ui, '9');
		expect(ui.frame()).toContain('$ docker service scale vote=9');
		await ui.press(keys.escape);
		const frame = await waitForFrame(ui, text => !text.includes('╭'));
		expect(squeeze(rowOf(frame, 'vote')!)).toContain('4/4');
		await pause(50);
		expect(client.sent).toEqual([]);
		// A new dialog starts again from the service's replicas, not from what was typed.
		expect(await openScale(ui)).toMatch(/Replicas: 4 /);
	});

	it('works from the tasks screen, and returns there', async () => {
		const {client, ui} = await startApp({services: swarm(), tasks: {'id-vote': [makeTask('id-vote')]}, waitFor: 'vote'});
		await ui.press('G', keys.enter);
		await waitForFrame(ui, text => text.includes('vote.1'));
		await ui.press('s');
		await waitForFrame(ui, text => text.includes('Replicas:'));
		await replaceText(ui, '2');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('✔') && text.includes('vote.1'));
		expect(frame).toContain('CURRENT STATE');
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 2}]);
	});
});

describe('+ and - on the selected service', () => {
	it('scale by one at once, without a dialog', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', '+');
		let frame = await waitForFrame(ui, text => text.includes('docker service scale vote=5'));
		expect(frame).not.toContain('╭');
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 5}]);
		await waitForFrame(ui, text => squeeze(rowOf(text, 'vote') ?? '').includes('4/5'));
		await ui.press('-');
		frame = await waitForFrame(ui, text => text.includes('docker service scale vote=4'));
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 5}, {action: 'scale', service: 'vote', payload: 4}]);
	});

	it('refuse a second press while the first write is on its way, in words, and send one write', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		// A real daemon takes a while to inspect and update the service.
		const release = client.holdWrites();
		await ui.press('G', '+', '+');
		expect(words(ui.frame())).toContain('A change to vote is still on its way: this one was not sent. Wait for the first to finish.');
		release();
		await waitForFrame(ui, text => text.includes('docker service scale vote=5') && squeeze(rowOf(text, 'vote') ?? '').includes('4/5'));
		expect(client.sent.map(write => write.payload)).toEqual([5]);
		// Once it is through, the next press counts from the new number.
		await ui.press('+');
		await waitForFrame(ui, text => text.includes('docker service scale vote=6'));
		expect(client.sent.map(write => write.payload)).toEqual([5, 6]);
	});

	it('asks before - takes a service to 0', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('g', 'j', '-');
		await waitForFrame(ui, text => text.includes('Scale api to 0?'));
		expect(client.sent).toEqual([]);
		await ui.press('n');
		await waitForFrame(ui, text => !text.includes('╭'));
		expect(client.sent).toEqual([]);
		await ui.press('-');
		await waitForFrame(ui, text => text.includes('Scale api to 0?'));
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('docker service scale api=0'));
		expect(client.sent).toEqual([{action: 'scale', service: 'api', payload: 0}]);
		// At 0, - has nowhere to go.
		await waitForFrame(ui, text => squeeze(rowOf(text, 'api') ?? '').includes('/0'));
		await ui.press('-');
		expect(ui.frame()).toContain('api already has 0 replicas.');
		expect(client.sent).toHaveLength(1);
	});

	it('refuse a global service in words, and send nothing', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('g', '+');
		expect(squeeze(ui.frame())).toContain('agent is a global service: scale can only be used with replicated or replicated-job mode');
		await ui.press('-');
		expect(squeeze(ui.frame())).toContain('scale can only be used with replicated or replicated-job mode');
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
