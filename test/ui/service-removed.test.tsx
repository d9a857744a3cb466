import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {pause, rowOf, serviceEvent, startApp, stopAll} from './harness.js';

afterEach(stopAll);

describe('a dialog whose service is removed meanwhile', () => {
	it.each([
		['scale', 's', keys.escape],
		['policy', 'u', keys.escape],
		['image', 'i', keys.enter],
		['force', 'f', keys.escape],
	])('%s: says so, and Esc or Enter goes back to the list without sending anything', async (_dialog, key, close) => {
		const {client, ui} = await startApp({services: [makeService({name: 'api'}), makeService({name: 'vote'})]});
		await ui.press('G', key);
		await waitForFrame(ui, frame => frame.includes('╭'));
		// Someone runs `docker service rm vote`.
		client.services = client.services.filter(service => service.name !== 'vote');
		client.emit(serviceEvent('vote', 'remove'));
		await waitForFrame(ui, frame => frame.includes('That service no longer exists. Press Esc.'));
		// y and typing do nothing here.
		await ui.type('y5');
		await ui.press(close);
		const frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(rowOf(frame, 'api')).toBeDefined();
		expect(rowOf(frame, 'vote')).toBeUndefined();
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
