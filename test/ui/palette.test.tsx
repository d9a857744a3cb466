// The `:` palette: views and actions by name, through the same checks and confirmations
// as their keys, with completion and history.
import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, pause, rowOf, squeeze, stackService, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

function swarm() {
	return [
		stackService('dockercoins', 'hasher'),
		stackService('dockercoins', 'worker', {replicas: 2, runningTasks: 1}),
		stackService('monitoring', 'grafana'),
		makeService({name: 'vote', replicas: 4}),
	];
}

/** The palette's input line as shown: `:` and what was typed (below the usage line, which starts with `:` too). */
const paletteLine = (frame: string) => frame.split('\n').findLast(line => line.startsWith(':'));

async function typeInPalette(ui: Rendered, text: string): Promise<void> {
	await ui.press(':');
	await waitForFrame(ui, frame => paletteLine(frame) !== undefined);
	await ui.burst(text);
}

describe('the palette', () => {
	it('opens on :, in place of the status and the hints, and closes on Esc running nothing', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'scale vote 9');
		const frame = ui.frame();
		expect(paletteLine(frame)).toMatch(/^:scale vote 9/);
		expect(words(frame)).toContain(':scale SERVICE REPLICAS Scale: type a replica count');
		expect(words(frame)).toContain('Enter run Esc close Tab complete ↑ history');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => paletteLine(text) === undefined);
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('scales a service by name, as s would, and shows the command', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'scale vote 7');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toContain('✔ vote scaled from 4 to 7 replicas');
		expect(frame).toMatch(/^\$ docker service scale vote=7$/m);
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 7}]);
	});

	it('goes through the same confirmation as the keys: scale to 0 asks first', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'scale vote=0');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => dialogTitle(text) === 'Scale vote to 0?');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 0}]);
	});

	it('refuses a bad count in words and sends nothing, keeping the palette closed', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'scale vote abc');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('whole number'));
		expect(words(frame)).toContain('replicas: must be a whole number from 0 up, got "abc"');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('opens an action\'s form when the line leaves its fields out', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'image vote');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => dialogTitle(text) === 'Image of vote');
		expect(frame).toContain('Image: swarmdeck/vote:latest');
	});

	it('says what is wrong with a line and stays open to fix it', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'scale vot 7');
		await ui.press(keys.enter);
		expect(words(ui.frame())).toContain('No service is named "vot". Did you mean vote? Tab completes names.');
		expect(paletteLine(ui.frame())).toMatch(/^:scale vot 7/);
	});

	it('completes commands and services with Tab, and lists what could follow', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'sca');
		await ui.press(keys.tab);
		// Completed with a space after it: the next word follows at once.
		await ui.burst('dockercoins');
		expect(paletteLine(ui.frame())).toMatch(/^:scale dockercoins/);
		await ui.press(keys.tab);
		const frame = ui.frame();
		expect(paletteLine(frame)).toMatch(/^:scale dockercoins_\s*$/);
		// The candidates, on one line above the usage.
		expect(frame.split('\n')).toContain('dockercoins_hasher  dockercoins_worker');
	});

	it('goes back through the lines run before with ↑', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'stacks');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('CONVERGED'));
		await typeInPalette(ui, '');
		await ui.press(keys.up);
		expect(paletteLine(ui.frame())).toMatch(/^:stacks/);
	});

	it('is refused in read-only mode for actions, in words, while views still open', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote', readOnly: true});
		await typeInPalette(ui, 'scale vote 7');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Read-only mode'));
		expect(words(ui.frame())).toContain('Read-only mode: scale is disabled');
		await typeInPalette(ui, 'events');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Swarm events, newest first'));
		expect(client.sent).toEqual([]);
	});

	it('takes a pasted command as text: a paste never runs it', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press(':');
		await waitForFrame(ui, frame => paletteLine(frame) !== undefined);
		await ui.paste('scale vote 7\n');
		expect(paletteLine(ui.frame())).toMatch(/^:scale vote 7/);
		await pause(50);
		expect(client.sent).toEqual([]);
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 7}]);
	});
});

describe('the stacks screen', () => {
	it('lists each stack with its services and how many converged; Enter shows its services', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('t');
		let frame = await waitForFrame(ui, text => text.includes('CONVERGED'));
		expect(squeeze(rowOf(frame, 'dockercoins')!)).toBe('dockercoins 2 1/2 2/3');
		expect(squeeze(rowOf(frame, 'monitoring')!)).toBe('monitoring 1 1/1 1/1');
		await ui.press(keys.enter);
		frame = await waitForFrame(ui, text => text.includes('stack dockercoins'));
		expect(rowOf(frame, 'dockercoins_hasher')).toBeDefined();
		expect(rowOf(frame, 'monitoring_grafana')).toBeUndefined();
		expect(rowOf(frame, 'vote')).toBeUndefined();
		expect(frame).toContain('(Esc shows every service)');
		await ui.press(keys.escape);
		frame = await waitForFrame(ui, text => !text.includes('stack dockercoins'));
		expect(rowOf(frame, 'vote')).toBeDefined();
	});

	it(':stack NAME goes straight to a stack\'s services', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await typeInPalette(ui, 'stack monitoring');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('stack monitoring'));
		expect(rowOf(frame, 'monitoring_grafana')).toBeDefined();
		expect(rowOf(frame, 'dockercoins_hasher')).toBeUndefined();
	});
});
