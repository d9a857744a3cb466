import {afterEach, describe, expect, it, vi} from 'vitest';
import {serviceFromApi} from '../../source/swarm/normalize.js';
import type {SwarmTask} from '../../source/swarm/types.js';
import {readFixture, readFixtureText, toSwarmNode, toSwarmTask, type RawNode, type RawTask} from '../fixtures/load.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {makeTask, node1, node2, rowOf, selectedService, squeeze, startApp, stopAll, type Started} from './harness.js';

afterEach(() => {
	stopAll();
	vi.useRealTimers();
});

const wide = {columns: 160, rows: 40};

/** The rows of the task table, squeezed, without the task IDs (which the fixtures number). */
function taskRows(frame: string): string[] {
	const all = frame.split('\n');
	const header = all.findIndex(line => line.startsWith('ID '));
	const footer = all.findIndex(line => / hidden: a shows all history\.$|^Showing all history/.test(line));
	return all.slice(header + 1, footer).filter(line => line.trim() !== '').map(line => squeeze(line).split(' ').slice(1).join(' '));
}

function voteTasks(): SwarmTask[] {
	return [
		makeTask('id-vote', {slot: 1, secondsAgo: 600}),
		makeTask('id-vote', {slot: 1, desiredState: 'shutdown', state: 'shutdown', secondsAgo: 90, createdSecondsAgo: 900, image: 'swarmdeck/vote:v1'}),
		makeTask('id-vote', {slot: 2, secondsAgo: 600, nodeId: node2.id}),
		makeTask('id-vote', {slot: 2, desiredState: 'shutdown', state: 'failed', secondsAgo: 7200, createdSecondsAgo: 7300, error: 'task: non-zero exit (1)', nodeId: node2.id}),
		makeTask('id-vote', {slot: 3, state: 'preparing', secondsAgo: 600}),
		makeTask('id-vote', {slot: 3, desiredState: 'shutdown', state: 'rejected', secondsAgo: 900, createdSecondsAgo: 950, image: 'swarmdeck/vote:nope', error: 'No such image: swarmdeck/vote:nope'}),
		makeTask('id-vote', {slot: 3, desiredState: 'shutdown', state: 'shutdown', secondsAgo: 1000, createdSecondsAgo: 3000, image: 'swarmdeck/vote:v1'}),
	];
}

async function openVote(size = wide): Promise<Started> {
	const {client, ui} = await startApp({
		services: [makeService({name: 'api'}), makeService({name: 'vote', replicas: 3, runningTasks: 2, image: 'swarmdeck/vote:v2'})],
		tasks: {'id-vote': voteTasks()},
		nodes: [node1, node2],
		waitFor: 'vote',
		size,
	});
	await ui.press('G', keys.enter);
	await waitForFrame(ui, frame => frame.includes('vote.1'));
	return {client, ui};
}

describe('the tasks screen', () => {
	it('shows the service and its tasks the way docker service ps does', async () => {
		const {ui} = await openVote();
		const frame = ui.frame();
		const lines = frame.split('\n');
		expect(lines[1]).toBe('vote  replicated  2/3  swarmdeck/vote:v2');
		expect(lines[2]).toBe('update: 1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first');
		expect(squeeze(lines.find(line => line.startsWith('ID '))!)).toBe('ID NAME IMAGE NODE DESIRED STATE CURRENT STATE ERROR PORTS');
		expect(taskRows(frame)).toEqual([
			'vote.1 swarmdeck/vote:v2 node1 Running Running 10 minutes ago',
			'vote.2 swarmdeck/vote:v2 node2 Running Running 10 minutes ago',
			String.raw`\_ vote.2 swarmdeck/vote:v2 node2 Shutdown Failed 2 hours ago "task: non-zero exit (1)"`,
			'vote.3 swarmdeck/vote:v2 node1 Running Preparing 10 minutes ago',
			String.raw`\_ vote.3 swarmdeck/vote:nope node1 Shutdown Rejected 15 minutes ago "No such image: swarmdeck/vote…"`,
		]);
		// The task ID is cut to 12 characters, as the CLI does, and the history marker sits in
		// the NAME column, after the ID and its gap of three spaces.
		expect(lines.find(line => line.includes('vote.1'))).toMatch(/^t\d{11} {3}vote\.1 /);
		expect(lines.find(line => line.includes(String.raw`\_ vote.2`))).toMatch(/^t\d{11} {3} \\_ vote\.2 /);
	});

	it('words CURRENT STATE from the clock: Running 5 seconds ago', async () => {
		// Freeze the clock (Date only: timers keep running), so seconds do not tick by.
		vi.useFakeTimers({toFake: ['Date'], now: new Date('2026-11-21T12:00:00Z')});
		const {ui} = await startApp({
			services: [makeService({name: 'vote', replicas: 2})],
			tasks: {'id-vote': [makeTask('id-vote', {secondsAgo: 5}), makeTask('id-vote', {slot: 2, state: 'starting', secondsAgo: 1}), makeTask('id-vote', {slot: 3, desiredState: 'shutdown', state: 'complete', secondsAgo: 61})]},
			nodes: [node1],
			size: wide,
		});
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('vote.1'));
		expect(taskRows(frame)).toEqual([
			'vote.1 swarmdeck/vote:v2 node1 Running Running 5 seconds ago',
			'vote.2 swarmdeck/vote:v2 node1 Running Starting 1 second ago',
			'vote.3 swarmdeck/vote:v2 node1 Shutdown Complete about a minute ago',
		]);
	});

	it('hides finished history by default, says how much, and a shows it all', async () => {
		const {ui} = await openVote();
		expect(ui.frame()).toContain('2 finished tasks (desired and current Shutdown) hidden: a shows all history.');
		await ui.press('a');
		const frame = ui.frame();
		expect(frame).toContain('Showing all history (a hides finished tasks).');
		expect(taskRows(frame)).toEqual([
			'vote.1 swarmdeck/vote:v2 node1 Running Running 10 minutes ago',
			String.raw`\_ vote.1 swarmdeck/vote:v1 node1 Shutdown Shutdown about a minute ago`,
			'vote.2 swarmdeck/vote:v2 node2 Running Running 10 minutes ago',
			String.raw`\_ vote.2 swarmdeck/vote:v2 node2 Shutdown Failed 2 hours ago "task: non-zero exit (1)"`,
			'vote.3 swarmdeck/vote:v2 node1 Running Preparing 10 minutes ago',
			String.raw`\_ vote.3 swarmdeck/vote:nope node1 Shutdown Rejected 15 minutes ago "No such image: swarmdeck/vote…"`,
			String.raw`\_ vote.3 swarmdeck/vote:v1 node1 Shutdown Shutdown 16 minutes ago`,
		]);
		await ui.press('a');
		expect(ui.frame()).toContain('2 finished tasks (desired and current Shutdown) hidden: a shows all history.');
		expect(taskRows(ui.frame())).toHaveLength(5);
	});

	it('says "1 finished task" in the singular', async () => {
		const {ui} = await startApp({
			services: [makeService({name: 'vote'})],
			tasks: {'id-vote': [makeTask('id-vote'), makeTask('id-vote', {desiredState: 'shutdown', state: 'shutdown', createdSecondsAgo: 900})]},
			nodes: [node1],
		});
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('vote.1'));
		expect(ui.frame()).toContain('1 finished task (desired and current Shutdown) hidden: a shows all history.');
	});

	it('goes back to the services with Esc or ←, with the cursor where it was', async () => {
		const {ui} = await openVote();
		await ui.press(keys.escape);
		let frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(frame).not.toContain('DESIRED STATE');
		expect(await selectedService(ui)).toBe('vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('vote.1'));
		await ui.press(keys.left);
		frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(rowOf(frame, 'api')).toBeDefined();
	});

	it('shows new tasks as the swarm starts them', async () => {
		const {client, ui} = await startApp({
			services: [makeService({name: 'vote', replicas: 2, runningTasks: 1})],
			tasks: {'id-vote': [makeTask('id-vote', {slot: 1})]},
			nodes: [node1],
			size: wide,
		});
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('vote.1'));
		expect(ui.frame()).not.toContain('vote.2');
		client.tasks.get('id-vote')!.push(makeTask('id-vote', {slot: 2, state: 'starting', secondsAgo: 0}));
		// Tasks are polled every second at most, without any event.
		const frame = await waitForFrame(ui, text => text.includes('vote.2'), 1500);
		expect(taskRows(frame)[1]).toBe('vote.2 swarmdeck/vote:v2 node1 Running Starting less than a second ago');
	});

	it('names the tasks of a global service by node', async () => {
		const {ui} = await startApp({
			services: [makeService({name: 'agent', mode: 'global', runningTasks: 2, desiredTasks: 2})],
			tasks: {'id-agent': [makeTask('id-agent', {slot: undefined}), makeTask('id-agent', {slot: undefined, nodeId: node2.id})]},
			nodes: [node1, node2],
			size: wide,
		});
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('agent.'));
		expect(frame.split('\n')[1]).toBe('agent  global  2/2  swarmdeck/vote:latest');
		expect(taskRows(frame)).toEqual([
			`agent.${node1.id} swarmdeck/vote:v2 node1 Running Running 10 minutes ago`,
			`agent.${node2.id} swarmdeck/vote:v2 node2 Running Running 10 minutes ago`,
		]);
	});

	it('shows the rollout and its message in the header', async () => {
		const {ui} = await startApp({
			services: [makeService({name: 'vote', updateStatus: {state: 'paused', message: 'update paused due to failure or early termination of task x'}})],
			tasks: {'id-vote': [makeTask('id-vote')]},
		});
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('vote.1') && text.includes('overall progress'));
		expect(frame.split('\n')[1]).toBe('vote  replicated  1/1  swarmdeck/vote:latest  paused');
		expect(frame.split('\n')[3]).toBe('paused  overall progress: 1 out of 1 tasks  started unknown');
		expect(frame.split('\n').find(line => line.startsWith('daemon says:'))).toBe('daemon says: update paused due to failure or early termination of task x');
	});

	it('says when the service is gone, and Esc still goes back', async () => {
		const {client, ui} = await openVote();
		client.services = client.services.filter(service => service.name !== 'vote');
		client.emit({type: 'service', action: 'remove', id: 'id-vote', name: 'vote', time: new Date(), attributes: {}});
		await waitForFrame(ui, frame => frame.includes('This service no longer exists. Esc goes back.'));
		await ui.press(keys.escape);
		const frame = await waitForFrame(ui, text => text.includes('ROLLOUT'));
		expect(rowOf(frame, 'api')).toBeDefined();
		expect(rowOf(frame, 'vote')).toBeUndefined();
	});

	it('cuts rows to the 100 columns of the terminal instead of wrapping them', async () => {
		const {ui} = await openVote({columns: 100, rows: 24});
		const frame = ui.frame();
		for (const line of frame.split('\n')) {
			expect([...line].length).toBeLessThanOrEqual(100);
		}

		// One line per task, each starting with its ID (cut, to leave room): nothing wrapped onto a second line.
		const rows = frame.split('\n').filter(line => /^t\d{6}/.test(line));
		expect(rows).toHaveLength(5);
		expect(rows.map(row => squeeze(row).split(' ')[1])).toEqual(['vote.1', 'vote.2', '\\_', 'vote.3', '\\_']);
		expect(rows.every(row => row.includes('…'))).toBe(true);
		expect(frame).toContain('2 finished tasks (desired and current Shutdown) hidden: a shows all history.');
	});
});

// The same tasks as captured from a lab swarm, next to what `docker service ps` printed then.
type CaptureWindow = {start: string; end: string};
const captures = readFixture<Record<string, {tasksAndCli20: CaptureWindow}>>('captures.json');
const labNodes = readFixture<RawNode[]>('lab-nodes.json').map(raw => toSwarmNode(raw));

describe.each(['fixture-web', 'fixture-edge', 'fixture-pending'])('the tasks screen of %s', name => {
	it('lists every row that docker service ps listed, in the same order, once a shows all history', async () => {
		const [rawService] = readFixture<unknown[]>(`${name}-service.json`);
		const service = serviceFromApi(rawService);
		const tasks = readFixture<RawTask[]>(`${name}-tasks.json`).map(raw => toSwarmTask(raw));
		const cli = readFixtureText(`${name}-service-ps.txt`).split('\n').filter(line => line !== '').map(line => squeeze(line));
		// Freeze the clock (Date only: timers keep running) where the CLI read it.
		vi.useFakeTimers({toFake: ['Date'], now: new Date(new Date(captures[name]!.tasksAndCli20.end).getTime() + 1)});
		const {ui} = await startApp({services: [service], tasks: {[service.id]: tasks}, nodes: labNodes, size: {columns: 200, rows: 60}});
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('CURRENT STATE') && frame.includes(`${service.name}.`));
		await ui.press('a');
		const frame = ui.frame().split('\n');
		const header = frame.findIndex(line => line.startsWith('ID '));
		const table = frame.slice(header, header + cli.length).map(line => squeeze(line));
		expect(table).toEqual(cli);
	});
});
