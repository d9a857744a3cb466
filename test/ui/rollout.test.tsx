import {afterEach, describe, expect, it, vi} from 'vitest';
import {RolloutPanel, rolloutPanelHeight} from '../../source/components/RolloutPanel.js';
import {rolloutProgress} from '../../source/format/rollout.js';
import type {RawServiceSpec, SwarmService, SwarmTask, UpdateStatus} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, renderInk, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, lineWith, makeTask, node1, node2, pause, rowOf, serviceEvent, squeeze, startApp, stopAll, words, type Started} from './harness.js';

afterEach(() => {
	stopAll();
	vi.useRealTimers();
});

const wide = {columns: 160, rows: 40};
const second = 1000;
/** The rollouts are read a second after the services at first: room for a busy machine. */
const rolloutWait = 4000;

/** Freezes Date (timers keep running) at the real time, so "30 seconds ago" stays put. */
function freezeClock(): number {
	const now = Date.now();
	vi.useFakeTimers({toFake: ['Date'], now});
	return now;
}

function voteSpec(image: string, replicas: number): RawServiceSpec {
	return {
		Name: 'vote',
		TaskTemplate: {ContainerSpec: {Image: image}},
		Mode: {Replicated: {Replicas: replicas}},
		RollbackConfig: {Parallelism: 2, FailureAction: 'continue'},
	};
}

function vote(updateStatus: UpdateStatus, replicas = 4, overrides: Partial<SwarmService> = {}): SwarmService {
	return makeService({
		name: 'vote',
		replicas,
		runningTasks: 2,
		desiredTasks: replicas,
		image: 'swarmdeck/vote:v2',
		spec: voteSpec('swarmdeck/vote:v2', replicas),
		previousSpec: voteSpec('swarmdeck/vote:v1', replicas),
		updateStatus,
		...overrides,
	});
}

/** vote mid-update: two slots on v2 running, one preparing, one pending, and v1 tasks going. */
function midUpdateTasks(): SwarmTask[] {
	return [
		makeTask('id-vote', {slot: 1, secondsAgo: 20}),
		makeTask('id-vote', {slot: 1, desiredState: 'shutdown', state: 'shutdown', image: 'swarmdeck/vote:v1', secondsAgo: 22}),
		makeTask('id-vote', {slot: 2, nodeId: node2.id, secondsAgo: 10}),
		makeTask('id-vote', {slot: 2, nodeId: node2.id, desiredState: 'shutdown', state: 'shutdown', image: 'swarmdeck/vote:v1', secondsAgo: 12}),
		makeTask('id-vote', {slot: 3, desiredState: 'ready', state: 'preparing', secondsAgo: 1}),
		makeTask('id-vote', {slot: 3, desiredState: 'shutdown', state: 'running', image: 'swarmdeck/vote:v1', secondsAgo: 600}),
		makeTask('id-vote', {slot: 4, desiredState: 'ready', state: 'pending', secondsAgo: 0}),
		makeTask('id-vote', {slot: 4, desiredState: 'shutdown', state: 'running', image: 'swarmdeck/vote:v1', secondsAgo: 600}),
	];
}

const inProgress = (now: number): UpdateStatus => ({state: 'updating', message: 'update in progress', startedAt: new Date(now - (30 * second))});

const bar = (filled: number, width = 50) => filled >= width ? `[${'='.repeat(width)}]` : `[${'='.repeat(Math.max(0, filled - 1))}${filled > 0 ? '>' : ''}${' '.repeat(width - filled)}]`;

async function openTasks(ui: Rendered, service = 'vote'): Promise<string> {
	await ui.press(keys.enter);
	return waitForFrame(ui, frame => frame.includes('DESIRED STATE') && frame.includes(`${service}.`));
}

type RolloutOptions = {
	readOnly?: boolean;
	tasks?: SwarmTask[];
	replicas?: number;
	size?: {columns: number; rows: number};
	/**
	 * Sends the service update event the daemon sends as the state changes, so the rollout is
	 * read at once rather than at the next poll (a second away while nothing rolls out).
	 */
	announce?: boolean;
};

async function startRollout(updateStatus: UpdateStatus, options: RolloutOptions = {}): Promise<Started> {
	const replicas = options.replicas ?? 4;
	const started = await startApp({
		services: [vote(updateStatus, replicas), makeService({name: 'worker', replicas: 2})],
		tasks: {'id-vote': options.tasks ?? midUpdateTasks()},
		nodes: [node1, node2],
		readOnly: options.readOnly,
		size: options.size ?? wide,
	});
	if (options.announce ?? true) {
		started.client.emit({...serviceEvent('vote'), attributes: {name: 'vote', 'updatestate.old': '', 'updatestate.new': updateStatus.state}});
	}

	return started;
}

/** The panel's lines: from the phase line to the line before the task table's header. */
function panelLines(frame: string): string[] {
	const lines = frame.split('\n');
	const start = lines.findIndex(line => /^(updating|rolling back|paused|rollback paused|completed|rolled back) {2}/.test(line));
	const end = lines.findIndex(line => line.startsWith('ID '));
	return start === -1 ? [] : lines.slice(start, end);
}

describe('the rollout panel on the tasks screen', () => {
	it('shows the update as the CLI does: the overall count, one bar per slot, the policy and the daemon\'s words', async () => {
		const now = freezeClock();
		// No event: the rollout is found by polling alone.
		const {ui} = await startRollout(inProgress(now), {announce: false});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(panelLines(frame)).toEqual([
			'updating  overall progress: 2 out of 4 tasks  started 30 seconds ago',
			'update policy in force: 1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first',
			'daemon says: update in progress',
			`1/4: running   ${bar(50)}`,
			`2/4: running   ${bar(50)}`,
			`3/4: preparing ${bar(33)}`,
			`4/4: pending   ${bar(17)}`,
		]);
		// The panel sits between the header lines and the task table, which still lists every task.
		const lines = frame.split('\n');
		expect(lines[1]).toBe('vote  replicated  2/4  swarmdeck/vote:v2  updating');
		expect(lines[3]).toMatch(/^updating {2}overall progress/);
		expect(frame).toContain('vote.4');
	});

	it('follows the tasks as they start', async () => {
		const now = freezeClock();
		const {client, ui} = await startRollout(inProgress(now));
		await openTasks(ui);
		await waitForFrame(ui, text => text.includes('overall progress: 2 out of 4 tasks'), rolloutWait);
		const tasks = client.tasks.get('id-vote')!;
		tasks.find(task => task.slot === 3 && task.desiredState === 'ready')!.state = 'running';
		tasks.find(task => task.slot === 4 && task.desiredState === 'ready')!.state = 'starting';
		const frame = await waitForFrame(ui, text => text.includes('overall progress: 3 out of 4 tasks'), rolloutWait);
		expect(lineWith(frame, '3/4:')).toBe(`3/4: running   ${bar(50)}`);
		expect(lineWith(frame, '4/4:')).toBe(`4/4: starting  ${bar(44)}`);
	});

	it('shows the rollback, its own policy in force, when the service starts rolling back', async () => {
		const now = freezeClock();
		const {client, ui} = await startRollout(inProgress(now));
		await openTasks(ui);
		await waitForFrame(ui, text => text.includes('overall progress: 2 out of 4 tasks'), rolloutWait);
		client.services[0]!.updateStatus = {state: 'rollback_started', message: 'manually requested rollback', startedAt: new Date(now - (5 * second))};
		client.emit(serviceEvent('vote'));
		const frame = await waitForFrame(ui, text => text.includes('rolling back update:'), rolloutWait);
		expect(panelLines(frame).slice(0, 3)).toEqual([
			'rolling back  rolling back update: 2 out of 4 tasks  started 5 seconds ago',
			'rollback policy in force: 2 at a time, delay 0s, monitor 5s, on failure continue, max failure 0, stop-first',
			'daemon says: manually requested rollback',
		]);
		expect(frame.split('\n')[1]).toBe('vote  replicated  2/4  swarmdeck/vote:v2  rolling back');
	});

	it('shows a paused update with the task\'s error and the keys that get out of it', async () => {
		const now = freezeClock();
		const tasks = [
			makeTask('id-vote', {slot: 1}),
			makeTask('id-vote', {slot: 2}),
			makeTask('id-vote', {slot: 3}),
			makeTask('id-vote', {slot: 4, state: 'rejected', error: 'No such image: swarmdeck/vote:v2', secondsAgo: 3}),
		];
		const {client, ui} = await startRollout({state: 'paused', message: 'update paused due to failure or early termination of task t00000000001', startedAt: new Date(now - (60 * second))}, {tasks});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(panelLines(frame)).toEqual([
			'paused  overall progress: 3 out of 4 tasks  started about a minute ago',
			'update policy in force: 1 at a time, delay 0s, monitor 5s, on failure pause, max failure 0, stop-first',
			'daemon says: update paused due to failure or early termination of task t00000000001',
			'Paused: r rolls back to the previous spec; i (image) or f (force) updates again.',
			`1/4: running   ${bar(50)}`,
			`2/4: running   ${bar(50)}`,
			`3/4: running   ${bar(50)}`,
			'4/4: No such image: swarmdeck/vote:v2',
		]);
		// r does what the panel says: it offers the rollback.
		await ui.press('r');
		const dialog = await waitForFrame(ui, text => text.includes('╭'));
		expect(dialogTitle(dialog)).toBe('Roll back vote to its previous spec?');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭') && text.includes('overall progress:'));
		// So do i and f.
		await ui.press('i');
		expect(dialogTitle(await waitForFrame(ui, text => text.includes('╭')))).toMatch(/vote/);
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭'));
		await ui.press('f');
		expect(dialogTitle(await waitForFrame(ui, text => text.includes('╭')))).toMatch(/vote/);
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭'));
		expect(client.sent).toEqual([]);
	});

	it('in read-only mode says a paused update stays paused, without offering keys it would refuse', async () => {
		const now = freezeClock();
		const {ui} = await startRollout({state: 'paused', message: 'update paused due to failure or early termination of task t00000000001', startedAt: new Date(now - (60 * second))}, {readOnly: true});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(frame).toContain('daemon says: update paused due to failure or early termination of task t00000000001');
		expect(lineWith(frame, 'Paused:')).toBe('Paused: it stays so until someone rolls back or updates again (read-only here).');
		expect(frame).not.toContain('r rolls back');
		expect(frame).not.toContain('i (image)');
	});

	it('shows a finished rollback, then takes the panel away 10 seconds after it completed', async () => {
		const now = freezeClock();
		const tasks = [1, 2, 3, 4].map(slot => makeTask('id-vote', {slot, image: 'swarmdeck/vote:v1', secondsAgo: 5}));
		const {ui} = await startRollout({state: 'rollback_completed', message: 'rollback completed', startedAt: new Date(now - (40 * second)), completedAt: new Date(now)}, {tasks});
		await openTasks(ui);
		let frame = await waitForFrame(ui, text => text.includes('rolling back update:'), rolloutWait);
		expect(panelLines(frame).slice(0, 3)).toEqual([
			'rolled back  rolling back update: 4 out of 4 tasks  over after 40s  started 40 seconds ago, ended less than a second ago',
			'rollback policy in force: 2 at a time, delay 0s, monitor 5s, on failure continue, max failure 0, stop-first',
			'daemon says: rollback completed',
		]);
		expect(frame).toContain(`4/4: running   ${bar(50)}`);
		vi.setSystemTime(now + (9 * second));
		await pause(1100);
		expect(ui.frame()).toContain('daemon says: rollback completed');
		vi.setSystemTime(now + (10 * second) + 1);
		frame = await waitForFrame(ui, text => !text.includes('daemon says:'), 3000);
		expect(frame).not.toContain('rolling back update:');
		expect(frame).not.toContain('4/4:');
		expect(lineWith(frame, 'last rollout:')).toBe('last rollout: rollback completed');
		expect(frame).toContain('vote.4');
	});

	it('estimates an image change from how long the tasks took to start, then sets the real time beside it', async () => {
		const now = freezeClock();
		// Each running task reached running 3 s after it was created: a batch takes 3 s to start.
		const tasks = [1, 2, 3, 4].map(slot => makeTask('id-vote', {slot, image: 'swarmdeck/vote:v1', secondsAgo: 600, createdSecondsAgo: 603}));
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 4, image: 'swarmdeck/vote:v1'})], tasks: {'id-vote': tasks}, nodes: [node1, node2], size: wide});
		await ui.press('i');
		await waitForFrame(ui, frame => frame.includes('Image of vote'));
		await ui.press(keys.ctrlU);
		await ui.type('swarmdeck/vote:v2');
		await ui.press(keys.enter);
		const question = await waitForFrame(ui, frame => frame.includes('Change the image of vote?'));
		// 4 batches of 1, no delay, the default 5 s monitor: 4 × 3 s + 5 s.
		expect(words(question)).toContain('Estimate: about 17s (4 batches × 3s to start, as its tasks took last time, the last batch\'s 5s monitor).');
		await ui.press('y');
		await waitForFrame(ui, frame => frame.includes('image swarmdeck/vote:v1 → swarmdeck/vote:v2'));
		expect(client.sent).toEqual([{action: 'image', service: 'vote', payload: 'swarmdeck/vote:v2'}]);

		// The daemon ran the update for 20 s.
		vi.setSystemTime(now + (21 * second));
		client.services = client.services.map(service => service.name === 'vote'
			? {...service, updateStatus: {state: 'completed', message: 'update completed', startedAt: new Date(now + (1 * second)), completedAt: new Date(now + (21 * second))}}
			: service);
		client.emit({...serviceEvent('vote'), attributes: {name: 'vote', 'updatestate.old': 'updating', 'updatestate.new': 'completed'}});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(panelLines(frame)[0]).toBe('completed  overall progress: 4 out of 4 tasks  took 20s, estimated about 17s  started 20 seconds ago, ended less than a second ago');
	});

	it('estimates an env change and a typed update from the tasks\' start too', async () => {
		freezeClock();
		const tasks = [1, 2, 3, 4].map(slot => makeTask('id-vote', {slot, secondsAgo: 600, createdSecondsAgo: 603}));
		const {ui} = await startApp({services: [makeService({name: 'vote', replicas: 4})], tasks: {'id-vote': tasks}, nodes: [node1, node2], size: wide});
		await ui.press('E');
		await waitForFrame(ui, frame => frame.includes('Env of vote'));
		await ui.burst('A=1', keys.enter);
		const question = await waitForFrame(ui, frame => frame.includes('Change the env of vote?'));
		expect(words(question)).toContain('Estimate: about 17s (4 batches × 3s to start, as its tasks took last time, the last batch\'s 5s monitor).');
		await ui.press('n');
		await waitForFrame(ui, frame => !frame.includes('Change the env of vote?'));
		await ui.press(':');
		await ui.burst('docker service update --update-parallelism 2 --env-add B=2 vote', keys.enter);
		const typed = await waitForFrame(ui, frame => frame.includes('Update vote?'));
		// Now 2 batches of 2, under the new parallelism: 2 × 3 s + 5 s.
		expect(words(typed)).toContain('Estimate: about 11s (2 batches × 3s to start, as its tasks took last time, the last batch\'s 5s monitor).');
	});

	it('sets no estimate beside a rollout that its write did not start', async () => {
		const now = freezeClock();
		const tasks = [1, 2, 3, 4].map(slot => makeTask('id-vote', {slot, secondsAgo: 5}));
		const {ui} = await startRollout({state: 'completed', message: 'update completed', startedAt: new Date(now - (40 * second)), completedAt: new Date(now)}, {tasks});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(panelLines(frame)[0]).toBe('completed  overall progress: 4 out of 4 tasks  took 40s  started 40 seconds ago, ended less than a second ago');
	});

	it('shows no panel for a rollback that completed 11 seconds ago', async () => {
		const now = freezeClock();
		const {ui} = await startRollout({state: 'rollback_completed', message: 'rollback completed', startedAt: new Date(now - (40 * second)), completedAt: new Date(now - (11 * second))});
		await openTasks(ui);
		// Long enough for the rollouts to have been read after the event.
		await pause(600);
		const frame = ui.frame();
		expect(frame).not.toContain('daemon says:');
		expect(frame).not.toContain('rolling back update:');
		expect(lineWith(frame, 'last rollout:')).toBe('last rollout: rollback completed');
	});

	it('collapses more than 20 slots to the overall line', async () => {
		const now = freezeClock();
		const tasks = Array.from({length: 21}, (_, index) => makeTask('id-vote', {slot: index + 1, state: index < 15 ? 'running' : 'starting'}));
		const {ui} = await startRollout(inProgress(now), {tasks, replicas: 21, size: {columns: 160, rows: 80}});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(frame).toContain('updating  overall progress: 15 out of 21 tasks');
		expect(frame).toContain('daemon says: update in progress');
		expect(frame).not.toMatch(/^ ?\d+\/21:/m);
		expect(frame).toContain('vote.21');
	});

	it('still draws 20 slots', async () => {
		const now = freezeClock();
		const tasks = Array.from({length: 20}, (_, index) => makeTask('id-vote', {slot: index + 1}));
		const {ui} = await startRollout(inProgress(now), {tasks, replicas: 20, size: {columns: 160, rows: 80}});
		await openTasks(ui);
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(frame).toContain('overall progress: 20 out of 20 tasks');
		expect(lineWith(frame, ' 1/20:')).toBe(` 1/20: running   ${bar(50)}`);
		expect(lineWith(frame, '20/20:')).toBe(`20/20: running   ${bar(50)}`);
	});

	it('labels the bars of a global service with the node names', async () => {
		const now = freezeClock();
		const agent = makeService({name: 'agent', mode: 'global', runningTasks: 1, desiredTasks: 2, updateStatus: inProgress(now)});
		const {client, ui} = await startApp({
			services: [agent],
			tasks: {'id-agent': [
				makeTask('id-agent', {slot: undefined, nodeId: node1.id}),
				makeTask('id-agent', {slot: undefined, nodeId: node2.id, desiredState: 'ready', state: 'assigned'}),
			]},
			nodes: [node1, node2],
			size: wide,
		});
		client.emit(serviceEvent('agent'));
		await openTasks(ui, 'agent');
		const frame = await waitForFrame(ui, text => text.includes('overall progress:'), rolloutWait);
		expect(frame).toContain('overall progress: 1 out of 2 tasks');
		expect(lineWith(frame, 'node1:')).toBe(`node1: running   ${bar(50)}`);
		expect(lineWith(frame, 'node2:')).toBe(`node2: assigned  ${bar(22)}`);
	});
});

describe('the rollout on the services screen', () => {
	it('counts running tasks in the ROLLOUT column while updating, and while rolling back', async () => {
		const now = Date.now();
		const {client, ui} = await startRollout(inProgress(now), {announce: false});
		let frame = await waitForFrame(ui, text => rowOf(text, 'vote')?.includes('updating 2/4') ?? false, rolloutWait);
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 2/4 swarmdeck/vote:v2 updating 2/4');
		expect(squeeze(rowOf(frame, 'worker')!)).toBe('worker replicated 2/2 swarmdeck/vote:latest');
		client.services[0]!.updateStatus = {state: 'rollback_started', message: 'manually requested rollback', startedAt: new Date()};
		client.tasks.set('id-vote', [makeTask('id-vote', {slot: 1}), ...[2, 3, 4].map(slot => makeTask('id-vote', {slot, desiredState: 'ready', state: 'pending'}))]);
		client.emit(serviceEvent('vote'));
		frame = await waitForFrame(ui, text => rowOf(text, 'vote')?.includes('rolling back 1/4') ?? false, rolloutWait);
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 2/4 swarmdeck/vote:v2 rolling back 1/4');
	});

	it('says the phase alone once the rollout is paused or over', async () => {
		const {client, ui} = await startRollout({state: 'paused', message: 'update paused due to failure or early termination of task x'});
		// A paused update is one of the advisor's warnings: its marker follows once the image's health check is read.
		const paused = await waitForFrame(ui, text => rowOf(text, 'vote')?.trimEnd().endsWith('!') ?? false);
		expect(squeeze(rowOf(paused, 'vote')!)).toBe('vote replicated 2/4 swarmdeck/vote:v2 paused !');
		client.services[0]!.updateStatus = {state: 'rollback_completed', message: 'rollback completed', completedAt: new Date()};
		client.emit(serviceEvent('vote'));
		const frame = await waitForFrame(ui, text => rowOf(text, 'vote')?.includes('rolled back') ?? false, rolloutWait);
		expect(squeeze(rowOf(frame, 'vote')!)).toBe('vote replicated 2/4 swarmdeck/vote:v2 rolled back');
	});
});

describe('RolloutPanel on its own', () => {
	const now = new Date('2026-11-21T12:00:00Z');
	const rolloutOf = (status: UpdateStatus, tasks: SwarmTask[]) => rolloutProgress(vote(status), tasks, [node1, node2])!;
	const upToDate = () => midUpdateTasks().filter(task => task.desiredState !== 'shutdown');
	const paused: UpdateStatus = {state: 'paused', message: 'update paused due to failure or early termination of task x', startedAt: now};
	const updatingNow: UpdateStatus = {state: 'updating', message: 'update in progress', startedAt: now};

	it.each([
		['updating', updatingNow],
		['paused', paused],
	] as const)('takes exactly the lines it asks for when %s, at every height it is given', async (_label, status) => {
		const rollout = rolloutOf(status, upToDate());
		for (let available = 2; available <= 12; available++) {
			const height = rolloutPanelHeight(rollout, available);
			const ui = await renderInk(<RolloutPanel rollout={rollout} now={now} width={99} maxHeight={height} readOnly={false}/>);
			const lines = ui.frame().split('\n');
			ui.unmount();
			expect(height, `available ${available}`).toBeLessThanOrEqual(available);
			expect(lines, `available ${available}, asked for ${height}`).toHaveLength(height);
		}
	});

	it('draws the bars when they fit with the pause notice, and leaves them out when not', async () => {
		const rollout = rolloutOf(paused, upToDate());
		expect(rolloutPanelHeight(rollout, 8)).toBe(8);
		expect(rolloutPanelHeight(rollout, 7)).toBe(4);
		const ui = await renderInk(<RolloutPanel rollout={rollout} now={now} width={99} maxHeight={8} readOnly={false}/>);
		expect(ui.frame()).toContain('4/4: pending');
		ui.unmount();
	});
});
