import {afterEach, describe, expect, it} from 'vitest';
import {DockerError} from '../../source/swarm/errors.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {makeTask, rowOf, serviceEvent, squeeze, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const gone = () => new DockerError('Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED). Is dockerd running there? Set DOCKER_HOST or --host to a swarm manager.', undefined, true);
const banner = (frame: string) => frame.split('\n').find(line => line.startsWith('⚠ '));

describe('when the daemon fails', () => {
	it('shows a banner in words, keeps the last data, and recovers by itself', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 2})], size: {columns: 240, rows: 24}});
		client.failWith = gone();
		client.emit(serviceEvent('vote'));
		let frame = await waitForFrame(ui, text => banner(text) !== undefined);
		expect(banner(frame)).toBe('⚠ Lost contact with the daemon: Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED). Is dockerd running there? Set DOCKER_HOST or --host to a swarm manager. Retrying in 1s. Showing the last known state.');
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 2/2 swarmdeck/vote:latest');
		// The swarm changes while swarmdeck cannot see it; the daemon comes back.
		client.services[0]!.runningTasks = 1;
		client.failWith = undefined;
		frame = await waitForFrame(ui, text => banner(text) === undefined, 1800);
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 1/2 swarmdeck/vote:latest');
	});

	it('wraps the banner to two lines of a 100-column terminal, so the advice and the retry stay readable', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 2})]});
		client.failWith = gone();
		client.emit(serviceEvent('vote'));
		const frame = await waitForFrame(ui, text => banner(text) !== undefined);
		const lines = frame.split('\n');
		const first = lines.findIndex(line => line.startsWith('⚠'));
		const bannerText = `${lines[first]} ${lines[first + 1]}`;
		expect(squeeze(bannerText)).toMatch(/^⚠ Lost contact with the daemon: Cannot reach the Docker daemon at unix:\/\/\/fake\.sock .* Retrying in \d+s\./);
		expect(Math.max(...lines.map(line => [...line].length))).toBeLessThanOrEqual(100);
		expect(rowOf(frame, 'vote')).toBeDefined();
	});

	it('words an error of a daemon that answers as such, not as lost contact', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote'})], size: {columns: 200, rows: 24}});
		client.failWith = new DockerError('This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.', 503);
		client.emit(serviceEvent('vote'));
		const frame = await waitForFrame(ui, text => banner(text) !== undefined);
		expect(banner(frame)).toMatch(/^⚠ Cannot read the services: This node is not a swarm manager\. .* Retrying in 1s\. Showing the last known state\.$/);
		client.failWith = undefined;
		await waitForFrame(ui, text => banner(text) === undefined, 1800);
	});

	it('says so when the daemon fails before any data arrived, then shows the services', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote'})], size: {columns: 240, rows: 24}, failWith: gone(), waitFor: '⚠'});
		const frame = ui.frame();
		expect(banner(frame)).toBe('⚠ Lost contact with the daemon: Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED). Is dockerd running there? Set DOCKER_HOST or --host to a swarm manager. Retrying in 1s.');
		expect(frame).toContain('Loading services…');
		client.failWith = undefined;
		await waitForFrame(ui, text => banner(text) === undefined && rowOf(text, 'vote') !== undefined, 1800);
	});

	it('shows that the tasks cannot be read, and recovers', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote'})], tasks: {'id-vote': [makeTask('id-vote')]}});
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('vote.1'));
		client.failWith = gone();
		client.emit(serviceEvent('vote'));
		let frame = await waitForFrame(ui, text => text.includes('Tasks could not be read'));
		expect(frame).toContain('Tasks could not be read: Cannot reach the Docker daemon');
		expect(frame).toContain('vote.1');
		client.failWith = undefined;
		frame = await waitForFrame(ui, text => !text.includes('Tasks could not be read') && banner(text) === undefined, 1800);
		expect(frame).toContain('vote.1');
	});
});

describe('a write the daemon rejects', () => {
	it('shows ✘ and the daemon message in the status line, and the app keeps running', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 4})]});
		client.rejectWrites = new DockerError('rpc error: code = InvalidArgument desc = ContainerSpec: "swarmdeck/vote:nope" is not a valid repository/tag', 400);
		await ui.press('+');
		let frame = await waitForFrame(ui, text => text.includes('✘'));
		expect(words(frame)).toContain('✘ Scaling vote to 5 failed: rpc error: code = InvalidArgument desc = ContainerSpec: "swarmdeck/vote:nope" is not a valid repository/tag');
		expect(frame).not.toContain('Nothing was sent to the swarm.');
		expect(squeeze(rowOf(frame, 'vote')!)).toContain('4/4');
		expect(client.sent).toEqual([]);

		// Through a dialog too.
		await ui.press('f');
		await waitForFrame(ui, text => text.includes('Force a redeploy of vote?'));
		await ui.press('y');
		frame = await waitForFrame(ui, text => text.includes('✘ Forcing a redeploy of vote failed'));
		expect(frame).not.toContain('╭');

		// Still answering keys, and the next write that the daemon accepts goes through.
		client.rejectWrites = undefined;
		await ui.press('+');
		frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).toMatch(/^\$ docker service scale vote=5$/m);
		expect(client.sent).toEqual([{action: 'scale', service: 'vote', payload: 5}]);
	});

	it('shows a spinner with what runs while the daemon works', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 4})]});
		client.writeDelayMs = 300;
		await ui.press('+');
		expect(ui.frame()).toMatch(/^\S Scaling vote to 5…$/m);
		await waitForFrame(ui, text => text.includes('✔'));
	});
});
