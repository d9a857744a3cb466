import {afterEach, describe, expect, it} from 'vitest';
import {DockerError} from '../../source/swarm/errors.js';
import {makeService} from '../support/fake-client.js';
import {waitForFrame} from '../support/ink.js';
import {startApp, stopAll} from './harness.js';

afterEach(stopAll);

describe('the timeline screen', () => {
	it('says what it will hold before anything is done', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote', replicas: 2})]});
		await ui.press('H');
		const frame = await waitForFrame(ui, text => text.includes('Timeline of this session, newest first'));
		expect(frame).toContain('Nothing done yet.');
	});

	it('shows a scale done by keys with its command and result, and the swarm\'s answer under it', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 2})]});
		await ui.press('s');
		await waitForFrame(ui, text => text.includes('Replicas'));
		await ui.press('\u0015');
		await ui.press('5');
		await ui.press('\r');
		await waitForFrame(ui, text => text.includes('✔'));
		client.emit({type: 'service', action: 'update', id: 'id-vote', name: 'vote', time: new Date(), attributes: {name: 'vote', 'updatestate.old': '', 'updatestate.new': 'updating'}});
		await ui.press('H');
		const frame = await waitForFrame(ui, text => text.includes('↳'));
		const lines = frame.split('\n');
		const at = lines.findIndex(line => line.includes('$ docker service scale vote=5'));
		expect(at).toBeGreaterThan(0);
		expect(lines[at]).toMatch(/^\d\d:\d\d:\d\d {2}\$ docker service scale vote=5$/);
		expect(lines[at + 1]).toMatch(/^ {10}✔ vote scaled from 2 to 5 replicas \(version \d+ → \d+\)/);
		expect(lines[at + 2]).toMatch(/^ {10}↳ \d\d:\d\d:\d\d vote: update state \(none\) → updating$/);
	});

	it('records a write the daemon refused as failed', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 2})]});
		client.rejectWrites = new DockerError('rpc error: code = InvalidArgument desc = replicas out of range', 400);
		await ui.press('+');
		await waitForFrame(ui, text => text.includes('replicas out of range'));
		await ui.press('H');
		const frame = await waitForFrame(ui, text => text.includes('$ docker service scale vote=3'));
		const lines = frame.split('\n');
		const at = lines.findIndex(line => line.includes('$ docker service scale vote=3'));
		expect(lines[at + 1]).toMatch(/^ {10}✖ .*replicas out of range/);
	});
});
