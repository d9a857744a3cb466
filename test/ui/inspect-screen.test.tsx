import {afterEach, describe, expect, it, vi} from 'vitest';
import type {RawServiceSpec, SwarmService} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, makeTask, node1, pause, rowOf, selectedService, serviceEvent, startApp, stopAll, words} from './harness.js';

afterEach(() => {
	stopAll();
	vi.useRealTimers();
});

const tall = {columns: 120, rows: 50};

function voteSpec(image: string, replicas: number): RawServiceSpec {
	return {
		Name: 'vote',
		TaskTemplate: {ContainerSpec: {Image: image, Env: ['OPTION_A=Cats', 'OPTION_B=Dogs']}},
		Mode: {Replicated: {Replicas: replicas}},
		EndpointSpec: {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress'}]},
	};
}

/** vote, updated from latest to indent: a rollback would undo that. */
function vote(overrides: Partial<SwarmService> = {}): SwarmService {
	return makeService({
		name: 'vote',
		replicas: 4,
		image: 'swarmdeck/vote:indent',
		spec: voteSpec('swarmdeck/vote:indent', 4),
		previousSpec: voteSpec('swarmdeck/vote:latest', 4),
		...overrides,
	});
}

function swarm(voteOverrides: Partial<SwarmService> = {}) {
	return [makeService({name: 'api', replicas: 2}), vote(voteOverrides)];
}

/** Moves the cursor to vote (the second row) and presses d. */
async function inspectVote(ui: Rendered): Promise<string> {
	await ui.press('j');
	expect(await selectedService(ui)).toBe('vote');
	await ui.press('d');
	return waitForFrame(ui, frame => frame.includes('Name:           vote'));
}

describe('the inspect screen', () => {
	it('opens with d on the selected service and reads like docker service inspect --pretty', async () => {
		const {ui} = await startApp({services: swarm(), size: tall});
		const frame = await inspectVote(ui);
		const lines = frame.split('\n');
		expect(lines[1]).toBe('ID:             id-vote');
		expect(lines[2]).toBe('Name:           vote');
		expect(lines[3]).toBe('Service Mode:   Replicated');
		expect(lines[4]).toBe(' Replicas:      4');
		const update = lines.indexOf('UpdateConfig:');
		expect(update).toBeGreaterThan(0);
		expect(lines.slice(update, update + 6)).toEqual([
			'UpdateConfig:',
			' Parallelism:   1',
			' On failure:    pause',
			' Monitoring Period: 5s',
			' Max failure ratio: 0',
			' Update order:      stop-first',
		]);
		expect(lines).toContain('RollbackConfig:');
		expect(lines).toContain(' Rollback order:    stop-first');
		expect(lines).toContain(' Image:         swarmdeck/vote:indent');
		expect(lines).toContain(' Env:           OPTION_A=Cats OPTION_B=Dogs');
		expect(lines).toContain(' PublishedPort = 8000');
		const changes = lines.indexOf('Changes from the previous spec (what a rollback would undo):');
		expect(changes).toBeGreaterThan(update);
		expect(lines[changes + 1]).toBe(' image: swarmdeck/vote:latest → swarmdeck/vote:indent');
		expect(frame).not.toContain('\t');
		expect(frame).not.toContain('ROLLOUT');
	});

	it('shows the update status of a service mid-update', async () => {
		vi.useFakeTimers({toFake: ['Date'], now: Date.now()});
		const {ui} = await startApp({
			services: swarm({updateStatus: {state: 'updating', message: 'update in progress', startedAt: new Date(Date.now() - 90_000)}}),
			tasks: {'id-vote': [makeTask('id-vote')]},
			nodes: [node1],
			size: tall,
		});
		const frame = await inspectVote(ui);
		const lines = frame.split('\n');
		const status = lines.indexOf('UpdateStatus:');
		expect(lines.slice(status, status + 4)).toEqual([
			'UpdateStatus:',
			' State:         updating',
			' Started:       about a minute ago',
			' Message:       update in progress',
		]);
	});

	it('says so when the service has no previous spec', async () => {
		const {ui} = await startApp({services: swarm({previousSpec: undefined, hasPreviousSpec: false}), size: tall});
		const frame = await inspectVote(ui);
		const lines = frame.split('\n');
		const changes = lines.indexOf('Changes from the previous spec (what a rollback would undo):');
		expect(lines[changes + 1]).toBe(' no previous spec: never updated, or an automatic rollback used it');
	});

	it('goes back to the services screen with Esc, with the cursor where it was', async () => {
		const {ui} = await startApp({services: swarm(), size: tall});
		await inspectVote(ui);
		await ui.press(keys.escape);
		const frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(frame).not.toContain('UpdateConfig:');
		expect(rowOf(frame, 'api')).toBeDefined();
		expect(await selectedService(ui)).toBe('vote');
	});

	it('keeps the service actions: s scales the service on screen, which the view then shows', async () => {
		const {client, ui} = await startApp({services: swarm(), size: tall});
		await inspectVote(ui);
		await ui.press('s');
		const dialog = await waitForFrame(ui, text => text.includes('╭'));
		expect(dialogTitle(dialog)).toBe('Scale vote');
		await ui.press(keys.ctrlU);
		await ui.type('6');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => !text.includes('╭') && text.includes(' Replicas:      6'));
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 6}]);
		expect(frame).toContain('Name:           vote');
		expect(words(frame)).toContain('vote scaled from 4 to 6 replicas');
	});

	it('keeps r for a rollback of the service on screen', async () => {
		const {client, ui} = await startApp({services: swarm(), size: tall});
		await inspectVote(ui);
		await ui.press('r');
		const dialog = await waitForFrame(ui, text => text.includes('╭'));
		expect(dialogTitle(dialog)).toBe('Roll back vote to its previous spec?');
		await ui.press('n');
		await waitForFrame(ui, text => !text.includes('╭') && text.includes('Name:           vote'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('refuses the actions that change the swarm in read-only mode', async () => {
		const {client, ui} = await startApp({services: swarm(), size: tall, readOnly: true});
		// Not inspectVote: its check of the cursor opens the scale dialog, refused here.
		await ui.press('j', 'd');
		await waitForFrame(ui, frame => frame.includes('Name:           vote'));
		await ui.press('s');
		expect(words(ui.frame())).toContain('Read-only mode: scale is disabled');
		expect(ui.frame()).not.toContain('╭');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('opens from the tasks screen too', async () => {
		const {ui} = await startApp({services: swarm(), tasks: {'id-vote': [makeTask('id-vote')]}, nodes: [node1], size: tall});
		await ui.press('j', keys.enter);
		await waitForFrame(ui, text => text.includes('vote.1'));
		await ui.press('d');
		const frame = await waitForFrame(ui, text => text.includes('Name:           vote'));
		expect(frame).not.toContain('vote.1');
	});

	it('scrolls when the service does not fit, and says where it is', async () => {
		// 20 rows: a body of 15 lines, 14 of them for the service.
		const {ui} = await startApp({services: swarm(), size: {columns: 100, rows: 20}});
		await ui.press('j', 'd');
		let frame = await waitForFrame(ui, text => text.includes('Name:           vote'));
		const footer = /^ {2}(\d+)-(\d+) of (\d+) \(↑\/↓ scroll\)$/m;
		expect(footer.exec(frame)?.slice(1, 3)).toEqual(['1', '14']);
		const total = Number(footer.exec(frame)![3]);
		expect(total).toBeGreaterThan(14);
		expect(frame.split('\n')[1]).toBe('ID:             id-vote');
		await ui.press(keys.down);
		frame = ui.frame();
		expect(frame.split('\n')[1]).toBe('Name:           vote');
		expect(footer.exec(frame)?.slice(1, 3)).toEqual(['2', '15']);
		await ui.press('G');
		frame = ui.frame();
		expect(footer.exec(frame)?.slice(1, 4)).toEqual([String(total - 13), String(total), String(total)]);
		expect(frame).toContain(' image: swarmdeck/vote:latest → swarmdeck/vote:indent');
		await ui.press('g');
		expect(ui.frame().split('\n')[1]).toBe('ID:             id-vote');
	});

	it('says so when the service is removed while on screen', async () => {
		const {client, ui} = await startApp({services: swarm(), size: tall});
		await inspectVote(ui);
		client.services.splice(1, 1);
		client.emit(serviceEvent('vote', 'remove'));
		const frame = await waitForFrame(ui, text => text.includes('This service no longer exists. Esc goes back.'), 4000);
		expect(frame).not.toContain('Name:           vote');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => text.includes('ROLLOUT'));
	});
});
