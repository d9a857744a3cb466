import {afterEach, describe, expect, it} from 'vitest';
import {makeNode, makeService} from '../support/fake-client.js';
import {waitForFrame} from '../support/ink.js';
import {lineWith, makeTask, rowOf, selectedService, serviceEvent, squeeze, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const wide = {columns: 150, rows: 30};
const paused = {state: 'paused' as const, message: 'update paused due to failure or early termination of task x', startedAt: new Date(Date.now() - 60_000)};

function swarm() {
	return [
		makeService({name: 'api', replicas: 3}),
		// One replica, stop-first: the advisor warns of the outage on every update.
		makeService({name: 'cache', replicas: 1}),
		makeService({name: 'web', replicas: 2, runningTasks: 1, updateStatus: paused}),
		makeService({name: 'worker', replicas: 2}),
	];
}

describe('the services screen\'s pulse, marker and jump', () => {
	it('sums the swarm up in its first line, counting the failed tasks it has read', async () => {
		const {client, ui} = await startApp({
			services: swarm(),
			// The paused rollout's up-to-date tasks are read for its progress: one of them failed
			// (and is still meant to run: the stand-in lists only those as up to date).
			tasks: {'id-web': [makeTask('id-web', {slot: 1, secondsAgo: 30, image: 'swarmdeck/vote:latest'}), makeTask('id-web', {slot: 2, state: 'failed', desiredState: 'running', secondsAgo: 20, error: 'task: non-zero exit (1)', image: 'swarmdeck/vote:latest'})]},
			nodes: [makeNode({hostname: 'node1'}), makeNode({hostname: 'node2', state: 'down'})],
			size: wide,
			waitFor: 'worker',
		});
		client.emit(serviceEvent('web'));
		const frame = await waitForFrame(ui, text => text.includes('1 task seen failing'), 4000);
		expect(frame.split('\n')[1]).toBe('3/4 services converged · 1 paused · 1 task seen failing in 10 min · 1/2 nodes down');
		// The column header comes right under it.
		expect(squeeze(frame.split('\n')[2]!)).toBe('NAME MODE REPLICAS IMAGE PORTS ROLLOUT !');
		expect(squeeze(rowOf(frame, 'cache')!)).toBe('cache replicated 1/1 swarmdeck/vote:latest !');
		expect(squeeze(rowOf(frame, 'api')!)).toBe('api replicated 3/3 swarmdeck/vote:latest');
		expect(squeeze(rowOf(frame, 'web')!)).toBe('web replicated 1/2 swarmdeck/vote:latest paused !');
	});

	it('! goes to the paused update first, then the rolled-back one, then the warned service, then round again', async () => {
		const reverted = makeService({name: 'db', replicas: 2, updateStatus: {state: 'rollback_completed', message: 'rollback completed', startedAt: new Date(Date.now() - 60_000), completedAt: new Date(Date.now() - 30_000)}});
		const {ui} = await startApp({services: [...swarm(), reverted], size: wide, waitFor: 'worker'});
		await waitForFrame(ui, text => rowOf(text, 'cache')?.trimEnd().endsWith('!') ?? false);
		expect(await selectedService(ui)).toBe('api');
		await ui.press('!');
		expect(await selectedService(ui)).toBe('web');
		await ui.press('!');
		expect(await selectedService(ui)).toBe('db');
		// Two keys in one burst: on to cache, then round to web.
		await ui.press('!!');
		expect(await selectedService(ui)).toBe('web');
	});

	it('says so when nothing needs a look, and keeps the cursor where it is', async () => {
		const {ui} = await startApp({services: [makeService({name: 'api', replicas: 3}), makeService({name: 'worker', replicas: 2})], size: wide, waitFor: 'worker'});
		await ui.press('!');
		const frame = await waitForFrame(ui, text => text.includes('Nothing needs a look'));
		expect(lineWith(frame, 'Nothing needs a look')).toContain('every update runs or is done, every service has its replicas, no policy warning.');
		expect(frame.split('\n')[1]).toBe('2/2 services converged · no update running · 0 tasks seen failing in 10 min · 0/0 nodes down');
		expect(await selectedService(ui)).toBe('api');
	});
});
