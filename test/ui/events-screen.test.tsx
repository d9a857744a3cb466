import {afterEach, describe, expect, it} from 'vitest';
import type {SwarmEvent} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {node2, pause, rowOf, selectedService, startApp, stopAll} from './harness.js';

afterEach(stopAll);

/** 09:05:00 local time: the screen shows clock times in the local zone. */
const base = new Date(2026, 10, 21, 9, 5, 0).getTime();
const at = (seconds: number) => new Date(base + (seconds * 1000));

function swarm() {
	return [makeService({name: 'dockercoins_hasher', replicas: 4}), makeService({name: 'vote', replicas: 2})];
}

function serviceUpdate(seconds: number, attributes: Record<string, string>, name = 'dockercoins_hasher'): SwarmEvent {
	return {type: 'service', action: 'update', id: `id-${name}`, name, time: at(seconds), attributes: {name, ...attributes}};
}

function nodeUpdate(seconds: number, attributes: Record<string, string>): SwarmEvent {
	return {type: 'node', action: 'update', id: node2.id, name: 'node2', time: at(seconds), attributes: {name: 'node2', ...attributes}};
}

/** The event lines on screen: those that start with a clock time. */
function eventLines(frame: string): string[] {
	return frame.split('\n').filter(line => /^\d\d:\d\d:\d\d {2}/.test(line));
}

async function openEvents(ui: Rendered): Promise<string> {
	await ui.press('e');
	return waitForFrame(ui, frame => frame.includes('Swarm events, newest first'));
}

describe('the events screen', () => {
	it('opens with e and says when no event has come yet', async () => {
		const {ui} = await startApp({services: swarm()});
		const frame = await openEvents(ui);
		expect(frame.split('\n')[1]).toMatch(/^Swarm events, newest first \(the last 200 are kept; tasks send none/);
		expect(frame).toContain('No event yet. Scale or update a service and it appears here.');
		expect(frame).not.toContain('ROLLOUT');
		expect(frame.split('\n').at(-1)).toMatch(/Esc\/← back|Esc back/);
	});

	it('shows service and node events as they come, newest first, with their time and in words', async () => {
		const {client, ui} = await startApp({services: swarm(), size: {columns: 160, rows: 24}});
		await openEvents(ui);
		client.emit(serviceUpdate(0, {'updatestate.old': '', 'updatestate.new': 'updating', 'image.old': `dockercoins/hasher:v0.1@sha256:${'a'.repeat(64)}`, 'image.new': `dockercoins/hasher:v0.2@sha256:${'b'.repeat(64)}`}));
		let frame = await waitForFrame(ui, text => eventLines(text).length === 1);
		expect(frame).not.toContain('No event yet');
		expect(eventLines(frame)).toEqual([
			'09:05:00  service  dockercoins_hasher image dockercoins/hasher:v0.1 → dockercoins/hasher:v0.2, updatestate (none) → updating',
		]);
		client.emit(serviceUpdate(3, {'replicas.old': '4', 'replicas.new': '7'}));
		client.emit(nodeUpdate(5, {'availability.old': 'active', 'availability.new': 'drain'}));
		client.emit({type: 'service', action: 'create', id: 'id-redis', name: 'redis', time: at(62), attributes: {name: 'redis'}});
		client.emit({type: 'service', action: 'remove', id: 'id-vote', name: 'vote', time: at(3600), attributes: {name: 'vote'}});
		frame = await waitForFrame(ui, text => eventLines(text).length === 5);
		expect(eventLines(frame)).toEqual([
			'10:05:00  service  vote removed',
			'09:06:02  service  redis created',
			'09:05:05  node     node node2 availability active → drain',
			'09:05:03  service  dockercoins_hasher replicas 4 → 7',
			'09:05:00  service  dockercoins_hasher image dockercoins/hasher:v0.1 → dockercoins/hasher:v0.2, updatestate (none) → updating',
		]);
	});

	it('keeps the events that came before it was opened', async () => {
		const {client, ui} = await startApp({services: swarm()});
		client.emit(serviceUpdate(0, {'updatestate.old': 'updating', 'updatestate.new': 'completed'}));
		await pause(50);
		const frame = await openEvents(ui);
		expect(eventLines(frame)).toEqual(['09:05:00  service  dockercoins_hasher updatestate updating → completed']);
	});

	it('shows two identical events that arrive within one millisecond as two lines', async () => {
		const {client, ui} = await startApp({services: swarm()});
		await openEvents(ui);
		client.emit(serviceUpdate(1, {}, 'vote'));
		client.emit(serviceUpdate(1, {}, 'vote'));
		const frame = await waitForFrame(ui, text => eventLines(text).length === 2);
		expect(eventLines(frame)).toEqual(['09:05:01  service  vote updated', '09:05:01  service  vote updated']);
	});

	it('goes back to the services screen with Esc, with the cursor where it was', async () => {
		const {ui} = await startApp({services: swarm()});
		await ui.press('j');
		expect(await selectedService(ui)).toBe('vote');
		await openEvents(ui);
		await ui.press(keys.escape);
		const frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(frame).not.toContain('Swarm events');
		expect(rowOf(frame, 'dockercoins_hasher')).toBeDefined();
		expect(await selectedService(ui)).toBe('vote');
	});

	it('goes back with ← too', async () => {
		const {ui} = await startApp({services: swarm()});
		await openEvents(ui);
		await ui.press(keys.left);
		await waitForFrame(ui, text => text.includes('ROLLOUT'));
	});

	it('scrolls with ↓/j and ↑/k when there are more events than lines', async () => {
		// 14 rows: a body of 10 lines (the status area gives up two of its blank lines), 9 of them for events.
		const {client, ui} = await startApp({services: swarm(), size: {columns: 100, rows: 14}});
		await openEvents(ui);
		for (let index = 0; index < 12; index++) {
			client.emit(serviceUpdate(index, {'replicas.old': String(index), 'replicas.new': String(index + 1)}));
		}

		// The nine events from `newest` down, as the screen lists them.
		const from = (newest: number) => Array.from({length: 9}, (_, index) => String(newest - index));
		const replicas = (frame: string) => eventLines(frame).map(line => /replicas (\d+) →/.exec(line)?.[1]);
		let frame = await waitForFrame(ui, text => replicas(text)[0] === '11');
		expect(replicas(frame)).toEqual(from(11));
		await ui.press(keys.down);
		expect(replicas(ui.frame())).toEqual(from(10));
		await ui.press('j');
		expect(replicas(ui.frame())).toEqual(from(9));
		await ui.press('j', 'j');
		// The oldest event is on screen: it goes no further.
		expect(replicas(ui.frame())).toEqual(from(8));
		await ui.press(keys.up);
		expect(replicas(ui.frame())).toEqual(from(9));
		await ui.press('k', 'k', 'k');
		expect(replicas(ui.frame())).toEqual(from(11));
		await ui.press('G');
		expect(replicas(ui.frame())).toEqual(from(8));
		await ui.press('g');
		frame = ui.frame();
		expect(replicas(frame)).toEqual(from(11));
		// The header and the hint bar stay on screen.
		expect(frame.split('\n')[1]).toMatch(/^Swarm events, newest first/);
		expect(frame.split('\n').at(-1)).toMatch(/back/);
	});

	it('does not scroll when every event fits', async () => {
		const {client, ui} = await startApp({services: swarm(), size: {columns: 100, rows: 14}});
		await openEvents(ui);
		client.emit(serviceUpdate(0, {'replicas.old': '1', 'replicas.new': '2'}));
		client.emit(serviceUpdate(1, {'replicas.old': '2', 'replicas.new': '3'}));
		await waitForFrame(ui, text => eventLines(text).length === 2);
		await ui.press(keys.down, 'j', keys.pageDown);
		expect(eventLines(ui.frame())).toEqual([
			'09:05:01  service  dockercoins_hasher replicas 2 → 3',
			'09:05:00  service  dockercoins_hasher replicas 1 → 2',
		]);
	});

	it('leaves the service keys to the services screen', async () => {
		const {client, ui} = await startApp({services: swarm()});
		await openEvents(ui);
		await ui.press('s');
		await pause(50);
		expect(ui.frame()).not.toContain('╭');
		expect(ui.frame()).toContain('Swarm events, newest first');
		expect(client.sent).toEqual([]);
	});
});
