import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, pause, rowOf, squeeze, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

async function openImage(image = 'swarmdeck/vote:v1') {
	const started = await startApp({services: [makeService({name: 'vote', replicas: 4, image})]});
	await started.ui.press('i');
	await waitForFrame(started.ui, frame => frame.includes('Image of vote'));
	return started;
}

async function replaceText(ui: Rendered, text: string): Promise<void> {
	await ui.press(keys.ctrlU);
	await ui.type(text);
}

describe('the image dialog', () => {
	it('opens prefilled with the current image', async () => {
		const {ui} = await openImage();
		expect(ui.frame()).toMatch(/│ Image: swarmdeck\/vote:v1 /);
		expect(words(ui.frame())).toContain('✘ image: vote already runs swarmdeck/vote:v1: type another tag, or use f to force a redeploy');
	});

	it('shows a pinned image without its digest', async () => {
		const {ui} = await openImage(`swarmdeck/vote:v1@sha256:${'cd'.repeat(32)}`);
		expect(ui.frame()).toMatch(/│ Image: swarmdeck\/vote:v1 /);
		expect(ui.frame()).not.toContain('sha256');
	});

	it.each([
		['Vote:Latest', 'image: repository name must be lowercase, got "Vote:Latest"'],
		['bad image', 'image: must not contain spaces, got "bad image"'],
		['', 'image: must not be empty'],
		['swarmdeck/vote:', 'image: "swarmdeck/vote:" is not a valid image reference: expected name[:tag][@digest], e.g. dockercoins/hasher:v0.2'],
		['swarmdeck/vote:v1', 'image: vote already runs swarmdeck/vote:v1: type another tag, or use f to force a redeploy'],
	])('refuses %j with the reason, and Enter neither asks nor sends', async (text, message) => {
		const {client, ui} = await openImage();
		await replaceText(ui, text);
		expect(words(ui.frame())).toContain(`✘ ${message}`);
		expect(ui.frame()).not.toContain('$ docker service update');
		await ui.press(keys.enter);
		await pause(50);
		expect(dialogTitle(ui.frame())).toBe('Image of vote');
		expect(client.sent).toEqual([]);
	});

	it('asks before changing to a valid new image, showing the command; y sends it', async () => {
		const {client, ui} = await openImage();
		await replaceText(ui, 'swarmdeck/vote:v2');
		expect(words(ui.frame())).toContain('$ docker service update --no-resolve-image --image swarmdeck/vote:v2 vote');
		await ui.press(keys.enter);
		let frame = await waitForFrame(ui, text => text.includes('Change the image of vote?'));
		const text = words(frame);
		expect(text).toContain('swarmdeck/vote:v1 → swarmdeck/vote:v2');
		expect(text).toContain('Every task (4) is replaced, as the update policy says (1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first): 4 tasks in 4 batches of 1, one straight after another, stop-first.');
		expect(text).toContain('$ docker service update --no-resolve-image --image swarmdeck/vote:v2 vote');
		expect(text).toContain('y yes n no');
		// Enter does not confirm.
		await ui.press(keys.enter);
		await pause(50);
		expect(client.sent).toEqual([]);
		await ui.press('y');
		frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toMatch(/^\$ docker service update --no-resolve-image --image swarmdeck\/vote:v2 vote$/m);
		expect(client.sent).toEqual([{action: 'image', service: 'vote', payload: 'swarmdeck/vote:v2'}]);
		await waitForFrame(ui, text => squeeze(rowOf(text, 'vote') ?? '').includes('swarmdeck/vote:v2'));
	});

	it.each([['n', 'n'], ['Esc', keys.escape]])('sends nothing when the change is declined with %s', async (_label, key) => {
		const {client, ui} = await openImage();
		await replaceText(ui, 'swarmdeck/vote:v2');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Change the image of vote?'));
		await ui.press(key);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
		expect(squeeze(rowOf(ui.frame(), 'vote')!)).toContain('swarmdeck/vote:v1');
	});

	it('Esc while typing closes and sends nothing', async () => {
		const {client, ui} = await openImage();
		await replaceText(ui, 'swarmdeck/vote:v2');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
