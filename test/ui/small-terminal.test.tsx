import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {rowOf, selectedService, squeeze, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const longName = 'dockercoins_a_service_name_long_enough_to_need_more_than_one_line';

function widest(frame: string): number {
	return Math.max(...frame.split('\n').map(line => [...line].length));
}

describe('a small terminal', () => {
	it('cuts a long service name with … instead of wrapping it', async () => {
		const {ui} = await startApp({services: [makeService({name: longName}), makeService({name: 'vote'})], size: {columns: 60, rows: 20}, waitFor: 'vote'});
		const frame = await waitForFrame(ui, text => text.split('\n').some(line => line.startsWith('dockercoins') && line.endsWith('!')));
		expect(widest(frame)).toBeLessThanOrEqual(60);
		const row = frame.split('\n').find(line => line.startsWith('dockercoins'))!;
		// The image gives way last, from its middle: its tag is what tells versions apart.
		// One replica, stop-first: the advisor's marker ends the row, and is never dropped.
		expect(row).toMatch(/^dockercoins_… +replicated +1\/1 +swar…ote:latest +!$/);
		expect(frame).not.toContain(longName);
		// One line for the service, right above the next one.
		const lines = frame.split('\n');
		expect(lines.indexOf(row) + 1).toBe(lines.indexOf(rowOf(frame, 'vote')!));
		// The cut row is still the service: the dialog shows more of its name (cut to its own width).
		const selected = await selectedService(ui);
		expect(longName.startsWith(selected.replace(/…$/, ''))).toBe(true);
		expect(selected.length).toBeGreaterThan('dockercoins…'.length);
	});

	it('fits the table again when the terminal is made narrower', async () => {
		const {ui} = await startApp({services: [makeService({name: longName, image: 'registry.example.com:5000/dockercoins/worker:v0.1'})], size: {columns: 200, rows: 20}, waitFor: 'dockercoins'});
		expect(ui.frame()).toContain(longName);
		await ui.resize(50);
		const frame = await waitForFrame(ui, text => !text.includes(longName));
		expect(widest(frame)).toBeLessThanOrEqual(50);
		expect(frame).toContain('…');
	});

	it('scrolls the list with the cursor when there are more services than lines', async () => {
		const services = Array.from({length: 30}, (_, index) => makeService({name: `svc${String(index + 1).padStart(2, '0')}`}));
		const {ui} = await startApp({services, size: {columns: 80, rows: 16}, waitFor: 'svc01'});
		let frame = ui.frame();
		expect(frame.split('\n')).toHaveLength(16);
		expect(frame).toMatch(/^ {2}1-\d+ of 31$/m);
		expect(rowOf(frame, 'svc30')).toBeUndefined();
		await ui.press('G');
		frame = ui.frame();
		expect(rowOf(frame, 'svc30')).toBeDefined();
		expect(rowOf(frame, 'svc01')).toBeUndefined();
		expect(frame).toMatch(/^ {2}\d+-31 of 31$/m);
		expect(await selectedService(ui)).toBe('svc30');
		await ui.press(keys.pageUp);
		const name = await selectedService(ui);
		expect(Number(name.slice(3))).toBeLessThan(30);
		expect(rowOf(ui.frame(), name)).toBeDefined();
		await ui.press('g');
		expect(rowOf(ui.frame(), 'svc01')).toBeDefined();
	});

	it('fits a dialog in a narrow terminal', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote', replicas: 4})], size: {columns: 50, rows: 20}});
		await ui.press('s');
		await waitForFrame(ui, text => text.includes('Replicas:'));
		await ui.press(keys.backspace);
		await ui.type('5');
		const frame = await waitForFrame(ui, text => text.includes('vote=5'));
		expect(widest(frame)).toBeLessThanOrEqual(50);
		expect(squeeze(frame.replaceAll('│', ' '))).toContain('docker service scale vote=5');
	});
});
