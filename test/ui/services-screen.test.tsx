import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {lineWith, makeTask, rowIndex, rowOf, selectedService, serviceEvent, squeeze, stackService, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const digest = `sha256:${'ab'.repeat(32)}`;

function swarm() {
	return [
		makeService({name: 'vote', replicas: 4, image: `swarmdeck/vote:v2@${digest}`}),
		stackService('dockercoins', 'worker', {replicas: 3, updateStatus: {state: 'rollback_completed', message: 'rollback completed'}}),
		stackService('dockercoins', 'hasher', {replicas: 2, runningTasks: 1, updateStatus: {state: 'updating', message: 'update in progress'}}),
		stackService('dockercoins', 'rng', {mode: 'global', replicas: undefined, runningTasks: 3, desiredTasks: 3, updateStatus: {state: 'paused', message: 'update paused due to failure'}}),
		makeService({name: 'agent', mode: 'global'}),
		makeService({name: 'redis', image: 'redis:7', updateStatus: {state: 'rollback_started', message: 'rollback started'}}),
	];
}

describe('the services screen', () => {
	it('lists the stack first, under its heading, then the stand-alone services', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		const frame = ui.frame();
		const rows = frame.split('\n');
		const at = (text: string) => text.includes(' ') ? rows.findIndex(line => line.includes(text)) : rowIndex(frame, text);
		expect(at('NAME')).toBeLessThan(at('dockercoins (stack)'));
		expect(at('dockercoins (stack)')).toBeLessThan(at('dockercoins_hasher'));
		expect([at('dockercoins_hasher'), at('dockercoins_rng'), at('dockercoins_worker')]).toEqual([at('dockercoins (stack)') + 1, at('dockercoins (stack)') + 2, at('dockercoins (stack)') + 3]);
		expect(rows[at('dockercoins_worker') + 1]?.trim()).toBe('services');
		expect([at('agent'), at('redis'), at('vote')]).toEqual([at('dockercoins_worker') + 2, at('dockercoins_worker') + 3, at('dockercoins_worker') + 4]);
		expect(rows[0]).toBe('swarmdeck · node1 · unix:///fake.sock · 6 services');
	});

	it('shows REPLICAS as running/desired, the image without its digest and the rollout in words', async () => {
		const {ui} = await startApp({
			services: swarm(),
			// One task of each rolling service is on the new spec.
			tasks: {'id-dockercoins_hasher': [makeTask('id-dockercoins_hasher')], 'id-redis': [makeTask('id-redis')]},
			waitFor: 'vote',
		});
		// The advisor's markers follow once the images' health checks are read.
		const frame = await waitForFrame(ui, text => text.includes('updating 1/2') && text.includes('rolling back 1/1') && (lineWith(text, 'dockercoins_rng')?.trimEnd().endsWith('!') ?? false));
		expect(squeeze(lineWith(frame, 'NAME')!)).toBe('NAME MODE REPLICAS IMAGE PORTS ROLLOUT !');
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 4/4 swarmdeck/vote:v2');
		expect(frame).not.toContain('sha256');
		expect(squeeze(lineWith(frame, 'dockercoins_hasher')!)).toBe('dockercoins_hasher replicated 1/2 dockercoins/hasher:v0.1 updating 1/2');
		expect(squeeze(lineWith(frame, 'dockercoins_worker')!)).toBe('dockercoins_worker replicated 3/3 dockercoins/worker:v0.1 rolled back');
		// A paused update is a warning of the advisor: the marker ends its row.
		expect(squeeze(lineWith(frame, 'dockercoins_rng')!)).toBe('dockercoins_rng global 3/3 dockercoins/rng:v0.1 paused !');
		// One replica, stop-first: marked.
		expect(squeeze(rowOf(frame, 'redis')!)).toBe('redis replicated 1/1 redis:7 rolling back 1/1 !');
		expect(squeeze(rowOf(frame, 'agent')!)).toBe('agent global 3/3 swarmdeck/vote:latest');
	});

	it('shows published ports as docker service ls does', async () => {
		const {ui} = await startApp({services: [
			makeService({name: 'web', ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8000, publishMode: 'ingress'}]}),
		]});
		// One replica, stop-first: the advisor's marker ends the row.
		const frame = await waitForFrame(ui, text => rowOf(text, 'web')?.trimEnd().endsWith('!') ?? false);
		expect(squeeze(rowOf(frame, 'web')!)).toBe('web replicated 1/1 swarmdeck/vote:latest *:8000->80/tcp !');
	});

	it('moves the cursor with ↓ j ↑ k G g, across the stack heading, and stops at both ends', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		// In screen order: dockercoins_hasher, _rng, _worker, then agent, redis, vote.
		expect(await selectedService(ui)).toBe('dockercoins_hasher');
		await ui.press(keys.down);
		expect(await selectedService(ui)).toBe('dockercoins_rng');
		await ui.press('j', 'j');
		expect(await selectedService(ui)).toBe('agent');
		await ui.press(keys.up);
		expect(await selectedService(ui)).toBe('dockercoins_worker');
		await ui.press('k');
		expect(await selectedService(ui)).toBe('dockercoins_rng');
		await ui.press('G');
		expect(await selectedService(ui)).toBe('vote');
		await ui.press('j', keys.down);
		expect(await selectedService(ui)).toBe('vote');
		await ui.press('g');
		expect(await selectedService(ui)).toBe('dockercoins_hasher');
		await ui.press('k', keys.up);
		expect(await selectedService(ui)).toBe('dockercoins_hasher');
		await ui.press(keys.end);
		expect(await selectedService(ui)).toBe('vote');
		await ui.press(keys.home);
		expect(await selectedService(ui)).toBe('dockercoins_hasher');
	});

	it('opens the tasks of the selected service with Enter', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'k', keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('DESIRED STATE'));
		expect(frame.split('\n')[1]).toBe('redis  replicated  1/1  redis:7  rolling back');
		expect(frame).toContain('rollback started');
	});

	it('keeps the cursor on the same service when rows move under it', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G', 'k');
		expect(await selectedService(ui)).toBe('redis');

		// Someone deploys services that sort before redis, and a new stack.
		client.services.push(makeService({name: 'api'}), makeService({name: 'auth'}), stackService('blog', 'db'));
		client.emit(serviceEvent('api', 'create'));
		await waitForFrame(ui, frame => frame.includes('blog (stack)') && rowOf(frame, 'auth') !== undefined);
		expect(await selectedService(ui)).toBe('redis');

		// And removes some that were before it.
		client.services = client.services.filter(service => !['agent', 'api', 'dockercoins_hasher'].includes(service.name));
		client.emit(serviceEvent('agent', 'remove'));
		await waitForFrame(ui, frame => rowOf(frame, 'agent') === undefined && rowOf(frame, 'dockercoins_hasher') === undefined);
		expect(await selectedService(ui)).toBe('redis');
		await ui.press('k');
		expect(await selectedService(ui)).toBe('auth');
	});

	it('moves the cursor to the first row when its service is removed', async () => {
		const {client, ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('G');
		client.services = client.services.filter(service => service.name !== 'vote');
		client.emit(serviceEvent('vote', 'remove'));
		await waitForFrame(ui, frame => frame.includes('5 services'));
		expect(await selectedService(ui)).toBe('dockercoins_hasher');
	});

	it('filters by name with /, and Esc clears the filter', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('/');
		expect(ui.frame()).toContain('/type to filter by name');
		await ui.type('WOR');
		let frame = ui.frame();
		expect(rowOf(frame, 'dockercoins_worker')).toBeDefined();
		for (const hidden of ['dockercoins_hasher', 'dockercoins_rng', 'vote', 'agent', 'redis']) {
			expect(rowOf(frame, hidden)).toBeUndefined();
		}

		expect(frame).toContain('dockercoins (stack)');
		expect(frame).not.toMatch(/^services$/m);
		expect(frame).toMatch(/^\/WOR/m);
		// The hint bar follows: Enter and Esc now belong to the filter.
		expect(frame).toContain('Enter apply  Esc cancel');

		await ui.type('ds');
		frame = ui.frame();
		expect(frame).toContain('No service matches "WORds". Esc clears the filter.');

		await ui.press(keys.backspace, keys.backspace, keys.enter);
		frame = ui.frame();
		expect(frame).toMatch(/^\/WOR \(Esc clears\)$/m);
		expect(rowOf(frame, 'dockercoins_worker')).toBeDefined();
		expect(rowOf(frame, 'vote')).toBeUndefined();
		expect(await selectedService(ui)).toBe('dockercoins_worker');

		await ui.press(keys.escape);
		frame = ui.frame();
		expect(frame).not.toContain('(Esc clears)');
		for (const shown of ['dockercoins_hasher', 'dockercoins_rng', 'dockercoins_worker', 'vote', 'agent', 'redis']) {
			expect(rowOf(frame, shown)).toBeDefined();
		}
	});

	it('Esc while typing the filter clears it at once', async () => {
		const {ui} = await startApp({services: swarm(), waitFor: 'vote'});
		await ui.press('/');
		await ui.type('vote');
		expect(rowOf(ui.frame(), 'redis')).toBeUndefined();
		await ui.press(keys.escape);
		expect(rowOf(ui.frame(), 'redis')).toBeDefined();
		expect(ui.frame()).not.toMatch(/^\/vote/m);
		// Back to the screen's keys: G moves again.
		await ui.press('G');
		expect(await selectedService(ui)).toBe('vote');
	});

	it('takes every key as text while typing the filter: q does not quit, s does not scale', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'queue'}), makeService({name: 'sq'}), makeService({name: 'web'})]});
		await ui.press('/');
		await ui.type('q');
		expect(rowOf(ui.frame(), 'queue')).toBeDefined();
		expect(rowOf(ui.frame(), 'sq')).toBeDefined();
		expect(rowOf(ui.frame(), 'web')).toBeUndefined();
		await ui.type('u');
		expect(rowOf(ui.frame(), 'sq')).toBeUndefined();
		await ui.press(keys.ctrlU);
		await ui.type('s');
		const frame = ui.frame();
		expect(frame).not.toContain('╭');
		expect(rowOf(frame, 'sq')).toBeDefined();
		expect(rowOf(frame, 'queue')).toBeUndefined();
		await ui.press(keys.enter, keys.enter);
		await waitForFrame(ui, text => text.includes('DESIRED STATE'));
		expect(ui.frame().split('\n')[1]).toContain('sq  replicated');
		expect(client.sent).toEqual([]);
	});

	it('says so when the swarm has no services', async () => {
		const {ui} = await startApp({services: [], waitFor: 'no services'});
		expect(ui.frame()).toContain('This swarm has no services yet: c creates one, as `docker service create` does.');
		expect(ui.frame()).toContain('0 services');
		// Enter and the action keys have nothing to act on.
		await ui.press(keys.enter);
		expect(ui.frame()).not.toContain('DESIRED STATE');
		await ui.press('+');
		expect(ui.frame()).toContain('No service is selected.');
	});

	it('shows a service that appears in an empty swarm', async () => {
		const {client, ui} = await startApp({services: [], waitFor: 'no services'});
		client.services.push(makeService({name: 'vote'}));
		client.emit(serviceEvent('vote', 'create'));
		await waitForFrame(ui, frame => rowOf(frame, 'vote') !== undefined);
		expect(ui.frame()).not.toContain('no services yet');
		expect(await selectedService(ui)).toBe('vote');
	});

	it('picks up changes by polling, without any event, every second while a service converges', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 2, runningTasks: 1})]});
		expect(squeeze(rowOf(ui.frame(), 'vote')!)).toBe('vote replicated 1/2 swarmdeck/vote:latest');
		client.services[0]!.runningTasks = 2;
		const frame = await waitForFrame(ui, text => text.includes('2/2'), 1500);
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 2/2 swarmdeck/vote:latest');
	});
});
