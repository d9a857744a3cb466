// Keys that reach swarmdeck in one read (over SSH or tmux, on a busy machine, on a paste)
// must act exactly as the same keys typed one by one.
import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, makeTask, rowOf, selectedService, squeeze, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

// In screen order: api, redis, vote.
function swarm() {
	return [
		makeService({name: 'vote', replicas: 4, image: 'swarmdeck/vote:v1'}),
		makeService({name: 'api', replicas: 2}),
		makeService({name: 'redis', replicas: 1, image: 'redis:7'}),
	];
}

const tasks = Object.fromEntries(swarm().map(service => [service.id, [makeTask(service.id, {slot: 1})]]));

/** Control characters a frame shows, once the colour sequences Ink writes are set aside. */
function controlCharacters(frame: string): string[] {
	// eslint-disable-next-line no-control-regex
	const withoutColours = frame.replaceAll(/\u001B\[[\d;]*m/g, '');
	return [...withoutColours.matchAll(/[^\P{Cc}\n]/gu)].map(([character]) => JSON.stringify(character));
}

function expectNoControlCharacters(ui: Rendered): void {
	for (const frame of ui.frames) {
		expect(controlCharacters(frame), frame).toEqual([]);
	}
}

describe('a burst of keys in one read', () => {
	it('scales with s, Backspace ×3, 5, Enter all in one chunk, and the field never shows a control byte', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G');
		await ui.burst('s', keys.backspace, keys.backspace, keys.backspace, '5', keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toContain('✔ vote scaled from 4 to 5 replicas');
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 5}]);
		expectNoControlCharacters(ui);
	});

	it('edits the open scale dialog with a burst, as typed one by one', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 's');
		await waitForFrame(ui, text => text.includes('Replicas: 4'));
		await ui.burst(keys.backspace, keys.backspace, keys.backspace, '1', '2');
		expect(ui.frame()).toMatch(/Replicas: 12 /);
		expect(ui.frame()).toContain('$ docker service scale vote=12');
		expectNoControlCharacters(ui);
		expect(client.sent).toEqual([]);
	});

	it('changes the image with i, Ctrl+U, the reference, Enter and y in one chunk', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G');
		await ui.burst('i', keys.ctrlU, 'swarmdeck/vote:v2', keys.enter, 'y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'image', service: 'vote', payload: 'swarmdeck/vote:v2'}]);
		expectNoControlCharacters(ui);
	});

	it('takes a long reference typed in one chunk, key by key', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		const reference = `registry.example.com:5000/${'team/'.repeat(12)}vote:v2`;
		await ui.press('G', 'i');
		await ui.burst(keys.ctrlU, reference);
		expect(words(ui.frame())).toContain(`--image ${reference} vote`);
	});

	it('opens the third service with Home Down Down Enter in one chunk', async () => {
		const {ui} = await startApp({services: swarm(), tasks, waitFor: 'vote'});
		await ui.press('G');
		await ui.burst(keys.home, keys.down, keys.down, keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('vote.1'));
		expect(frame).not.toContain('api.1');
		expect(frame).not.toContain('redis.1');
	});

	it('moves the cursor once per key: j j k in one chunk lands on the second row', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.burst('j', 'j', 'k');
		expect(await selectedService(ui)).toBe('redis');
	});

	it('confirms once for y y in one chunk', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'f');
		await waitForFrame(ui, text => dialogTitle(text)?.startsWith('Force') === true);
		await ui.burst('y', 'y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'force', service: 'vote'}]);
	});

	it('applies a policy edit typed in one chunk: Ctrl+U, a value, Tab, another, Enter', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G');
		await ui.burst('u', keys.ctrlU, '3', keys.tab, keys.ctrlU, '10s', keys.enter);
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'policy', service: 'vote', payload: {update: {parallelism: 3, delay: 10_000_000_000}, rollback: {}}}]);
	});

	it('takes an Esc that ends a chunk for Esc once nothing follows it, and goes back', async () => {
		const {ui} = await startApp({services: swarm(), tasks, waitFor: 'vote'});
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('api.1'));
		await ui.burst(keys.down, keys.escape);
		expect(ui.frame()).not.toContain('api.1');
		expect(rowOf(ui.frame(), 'vote')).toBeDefined();
		await ui.burst(keys.end, keys.enter);
		await waitForFrame(ui, text => text.includes('vote.1'));
	});

	it('quits on Ctrl+C in the middle of a chunk', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.burst('j');
		expect(ui.hasExited()).toBe(false);
		await ui.burst('j', keys.ctrlC, 'k');
		expect(ui.hasExited()).toBe(true);
	});

	it('quits on Ctrl+C from a dialog and from the filter field, where q is text', async () => {
		const inDialog = await startApp({services: swarm(), waitFor: 'vote'});
		await inDialog.ui.burst('s', 'q', keys.ctrlC);
		expect(inDialog.ui.hasExited()).toBe(true);

		const inFilter = await startApp({services: swarm(), waitFor: 'vote'});
		await inFilter.ui.burst('/', 'q');
		expect(inFilter.ui.hasExited()).toBe(false);
		await inFilter.ui.burst(keys.ctrlC);
		expect(inFilter.ui.hasExited()).toBe(true);
	});
});

describe('a paste', () => {
	it('fills the image field with a pasted reference and its trailing newline, without submitting', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'i', keys.ctrlU);
		await ui.paste('swarmdeck/vote:movies\n');
		expect(ui.frame()).toMatch(/│ Image: swarmdeck\/vote:movies /);
		expect(dialogTitle(ui.frame())).toBe('Image of vote');
		expect(client.sent).toEqual([]);
		expectNoControlCharacters(ui);
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Change the image of vote?'));
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'image', service: 'vote', payload: 'swarmdeck/vote:movies'}]);
	});

	it('pastes text with line breaks, tabs and escape sequences as one line of plain text', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'i', keys.ctrlU);
		await ui.paste('\u001B[1mswarmdeck/\u001B[0mvote\r\n:v2\t\u0007');
		expect(ui.frame()).toMatch(/│ Image: swarmdeck\/vote :v2 /);
		expectNoControlCharacters(ui);
	});

	it('triggers nothing on the services screen, even made of command keys', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		const before = ui.frame();
		await ui.paste('sG+-rfiuq?e/\r\u0003');
		expect(ui.frame()).toBe(before);
		expect(ui.hasExited()).toBe(false);
		expect(client.sent).toEqual([]);
		expect(await selectedService(ui)).toBe('api');
	});

	it('answers no confirmation: a pasted y does not say yes', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'f');
		await waitForFrame(ui, text => dialogTitle(text)?.startsWith('Force') === true);
		await ui.paste('y');
		expect(dialogTitle(ui.frame())).toMatch(/^Force/);
		expect(client.sent).toEqual([]);
	});

	it('types into the filter field', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('/');
		await ui.paste('red\n');
		const frame = ui.frame();
		expect(frame).toContain('/red');
		expect(squeeze(rowOf(frame, 'redis') ?? '')).toContain('redis replicated 1/1');
		expect(rowOf(frame, 'vote')).toBeUndefined();
	});
});
