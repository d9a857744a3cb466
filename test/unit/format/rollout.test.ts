import {describe, expect, it} from 'vitest';
import {
	maxSlotBars,
	progressBar,
	progressError,
	rolloutBadge,
	rolloutProgress,
	runningStep,
	settledDisplayMs,
	showsRollout,
	stateSteps,
	tasksBySlot,
	updateStatePath,
} from '../../../source/format/rollout.js';
import type {SwarmNode, SwarmService, SwarmTask, UpdateState, UpdateStatus} from '../../../source/swarm/types.js';
import {makeService} from '../../support/fake-client.js';

const now = new Date('2026-11-21T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - (seconds * 1000));

const node = (id: string, hostname: string, state: SwarmNode['state'] = 'ready'): SwarmNode => ({
	id,
	hostname,
	role: 'worker',
	availability: 'active',
	state,
	address: '10.0.0.1',
	isLeader: false,
	version: 1,
	engineVersion: '20.10.24',
	labels: {},
	specDigest: '',
});

const node1 = node('n1aaaaaaaaaaaaaaaaaaaaaaa', 'node1');
const node2 = node('n2bbbbbbbbbbbbbbbbbbbbbbb', 'node2');
const node3 = node('n3ccccccccccccccccccccccc', 'node3');
const downNode = node('n9ddddddddddddddddddddddd', 'node9', 'down');

let sequence = 0;

function task(overrides: Partial<SwarmTask> = {}): SwarmTask {
	sequence++;
	return {
		id: `task${String(sequence).padStart(4, '0')}`,
		serviceId: 'id-vote',
		slot: 1,
		nodeId: node1.id,
		desiredState: 'running',
		state: 'running',
		stateSince: secondsAgo(5),
		message: 'started',
		image: 'swarmdeck/vote:v2',
		createdAt: secondsAgo(10),
		ports: [],
		...overrides,
	};
}

function service(state: UpdateState | undefined, overrides: Partial<SwarmService> = {}): SwarmService {
	const updateStatus: UpdateStatus | undefined = state ? {state, message: 'update in progress', startedAt: secondsAgo(30)} : undefined;
	return makeService({
		name: 'vote',
		replicas: 4,
		runningTasks: 2,
		desiredTasks: 4,
		updateStatus,
		spec: {
			Name: 'vote',
			TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v2'}},
			Mode: {Replicated: {Replicas: 4}},
			UpdateConfig: {Parallelism: 2, FailureAction: 'rollback', Monitor: 3_000_000_000},
			RollbackConfig: {Parallelism: 0, FailureAction: 'continue', Order: 'start-first'},
		},
		updatePolicy: {parallelism: 2, delay: 0, failureAction: 'rollback', monitor: 3_000_000_000, maxFailureRatio: 0, order: 'stop-first'},
		rollbackPolicy: {parallelism: 0, delay: 0, failureAction: 'continue', monitor: 5_000_000_000, maxFailureRatio: 0, order: 'start-first'},
		...overrides,
	});
}

/** Four slots mid-update: two running, one preparing, one rejected. */
function midUpdateTasks(): SwarmTask[] {
	return [
		task({slot: 1, state: 'running'}),
		task({slot: 2, state: 'running', nodeId: node2.id}),
		task({slot: 3, desiredState: 'ready', state: 'preparing'}),
		task({slot: 4, state: 'rejected', error: 'No such image: swarmdeck/vote:broken'}),
	];
}

describe('stateSteps', () => {
	it('numbers the states on the way to running 1 to 9, as the CLI does, and finished states after', () => {
		expect(runningStep).toBe(9);
		expect(['new', 'allocated', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'].map(state => stateSteps[state as SwarmTask['state']])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(['complete', 'shutdown', 'failed', 'rejected'].map(state => stateSteps[state as SwarmTask['state']])).toEqual([10, 11, 12, 13]);
		expect(stateSteps.remove).toBeUndefined();
		expect(stateSteps.orphaned).toBeUndefined();
	});
});

describe('tasksBySlot', () => {
	it('keeps one task per slot, keyed by slot number', () => {
		const tasks = midUpdateTasks();
		const bySlot = tasksBySlot(tasks, [node1, node2], 'replicated');
		expect([...bySlot.keys()].sort()).toEqual(['1', '2', '3', '4']);
		expect(bySlot.get('3')).toBe(tasks[2]);
	});

	it('prefers the task with the lowest desired state, whichever comes first', () => {
		const replacement = task({slot: 1, desiredState: 'ready', state: 'preparing'});
		const old = task({slot: 1, desiredState: 'shutdown', state: 'running'});
		expect(tasksBySlot([old, replacement], [node1], 'replicated').get('1')).toBe(replacement);
		expect(tasksBySlot([replacement, old], [node1], 'replicated').get('1')).toBe(replacement);
		const running = task({slot: 1, desiredState: 'running', state: 'starting'});
		expect(tasksBySlot([replacement, running], [node1], 'replicated').get('1')).toBe(replacement);
		expect(tasksBySlot([running, replacement], [node1], 'replicated').get('1')).toBe(replacement);
	});

	it('breaks a tie of desired states with the state that is further along', () => {
		const starting = task({slot: 2, state: 'starting'});
		const running = task({slot: 2, state: 'running'});
		const pending = task({slot: 2, state: 'pending'});
		expect(tasksBySlot([starting, running, pending], [node1], 'replicated').get('2')).toBe(running);
		expect(tasksBySlot([pending, running, starting], [node1], 'replicated').get('2')).toBe(running);
		expect(tasksBySlot([running, pending, starting], [node1], 'replicated').get('2')).toBe(running);
	});

	it('skips tasks on nodes that are down', () => {
		const lost = task({slot: 1, state: 'running', nodeId: downNode.id});
		const replacement = task({slot: 1, state: 'preparing', nodeId: node1.id});
		const onlyOnDown = task({slot: 2, state: 'running', nodeId: downNode.id});
		const bySlot = tasksBySlot([lost, replacement, onlyOnDown], [node1, downNode], 'replicated');
		expect(bySlot.get('1')).toBe(replacement);
		expect(bySlot.has('2')).toBe(false);
	});

	it('keeps tasks on nodes that are merely drained, paused or not yet known', () => {
		const drained = {...node2, availability: 'drain' as const};
		const bySlot = tasksBySlot([
			task({slot: 1, nodeId: drained.id}),
			task({slot: 2, nodeId: 'n-not-listed-yet'}),
			task({slot: 3, nodeId: undefined, state: 'pending'}),
		], [drained], 'replicated');
		expect([...bySlot.keys()].sort()).toEqual(['1', '2', '3']);
	});

	it('ignores states the progress display does not number (remove, orphaned)', () => {
		const bySlot = tasksBySlot([
			task({slot: 1, desiredState: 'remove', state: 'running'}),
			task({slot: 2, state: 'orphaned'}),
		], [node1], 'replicated');
		expect(bySlot.size).toBe(0);
	});

	it('keys the tasks of a global service by node', () => {
		const onNode1 = task({slot: undefined, nodeId: node1.id, state: 'running'});
		const onNode2Old = task({slot: undefined, nodeId: node2.id, desiredState: 'shutdown', state: 'running'});
		const onNode2New = task({slot: undefined, nodeId: node2.id, desiredState: 'running', state: 'starting'});
		const bySlot = tasksBySlot([onNode1, onNode2Old, onNode2New], [node1, node2], 'global');
		expect([...bySlot.keys()].sort()).toEqual([node1.id, node2.id]);
		expect(bySlot.get(node2.id)).toBe(onNode2New);
	});
});

describe('rolloutProgress', () => {
	it('is undefined for a service without an update status', () => {
		expect(rolloutProgress(service(undefined), midUpdateTasks(), [node1, node2])).toBeUndefined();
	});

	it('counts the running slots out of the replicas: overall progress: 2 out of 4 tasks', () => {
		const progress = rolloutProgress(service('updating'), midUpdateTasks(), [node1, node2])!;
		expect(progress.phase).toBe('updating');
		expect(progress.state).toBe('updating');
		expect(progress.headline).toBe('overall progress: 2 out of 4 tasks');
		expect(progress.running).toBe(2);
		expect(progress.total).toBe(4);
		expect(progress.message).toBe('update in progress');
		expect(progress.startedAt).toEqual(secondsAgo(30));
		expect(progress.completedAt).toBeUndefined();
	});

	it('labels the slots 1/4 to 4/4 with their state, step and error', () => {
		const progress = rolloutProgress(service('updating'), midUpdateTasks(), [node1, node2])!;
		expect(progress.slots).toEqual([
			{label: '1/4', state: 'running', step: 9, error: undefined, running: true},
			{label: '2/4', state: 'running', step: 9, error: undefined, running: true},
			{label: '3/4', state: 'preparing', step: 6, error: undefined, running: false},
			{label: '4/4', state: 'rejected', step: 9, error: 'No such image: swarmdeck/vote:broken', running: false},
		]);
	});

	it('numbers the slots in slot order, whatever the slot numbers and the order of the tasks', () => {
		const progress = rolloutProgress(service('updating', {replicas: 3}), [
			task({slot: 7, state: 'starting'}),
			task({slot: 2, state: 'running'}),
			task({slot: 12, state: 'new'}),
		], [node1])!;
		expect(progress.slots.map(slot => `${slot.label} ${slot.state}`)).toEqual(['1/3 running', '2/3 starting', '3/3 new']);
	});

	it('labels bars with the slot of their task, as the table names it, and waits on the slots not updated yet', () => {
		const progress = rolloutProgress(service('updating', {replicas: 4}), [
			task({slot: 3, state: 'assigned'}),
			task({slot: 1, state: 'running'}),
		], [node1])!;
		expect(progress.slots.map(slot => `${slot.label} ${slot.state}`)).toEqual(['1/4 running', '2/4 waiting', '3/4 assigned', '4/4 waiting']);
	});

	it('counts out of the desired replicas even before every slot has a task', () => {
		const progress = rolloutProgress(service('updating', {replicas: 7}), midUpdateTasks(), [node1, node2])!;
		expect(progress.headline).toBe('overall progress: 2 out of 7 tasks');
		expect(progress.slots.map(slot => slot.label)).toEqual(['1/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7']);
		// Slots with no task of the new spec yet wait, with an empty bar.
		expect(progress.slots.slice(4).map(slot => [slot.state, slot.step, slot.running])).toEqual([['waiting', 0, false], ['waiting', 0, false], ['waiting', 0, false]]);
	});

	it('counts a running task only when it is meant to keep running', () => {
		const progress = rolloutProgress(service('updating', {replicas: 2}), [
			task({slot: 1, state: 'running'}),
			task({slot: 2, desiredState: 'shutdown', state: 'running'}),
		], [node1])!;
		expect(progress.headline).toBe('overall progress: 1 out of 2 tasks');
		expect(progress.slots.map(slot => slot.running)).toEqual([true, false]);
	});

	it('leaves out tasks on nodes that are down', () => {
		const progress = rolloutProgress(service('updating', {replicas: 2}), [
			task({slot: 1, state: 'running'}),
			task({slot: 2, state: 'running', nodeId: downNode.id}),
		], [node1, downNode])!;
		expect(progress.headline).toBe('overall progress: 1 out of 2 tasks');
		// The slot on the down node counts as not yet updated.
		expect(progress.slots.map(slot => slot.state)).toEqual(['running', 'waiting']);
	});

	it('applies the update policy while updating or paused', () => {
		for (const state of ['updating', 'paused', 'completed'] as const) {
			const progress = rolloutProgress(service(state), midUpdateTasks(), [node1, node2])!;
			expect(progress.policy, state).toEqual(service(state).updatePolicy);
			expect(progress.headline, state).toMatch(/^overall progress: /);
		}
	});

	it('says "rolling back update" and applies the rollback policy while rolling back', () => {
		const progress = rolloutProgress(service('rollback_started'), [
			task({slot: 1, state: 'running'}),
			task({slot: 2, desiredState: 'ready', state: 'assigned'}),
			task({slot: 3, desiredState: 'ready', state: 'pending'}),
			task({slot: 4, desiredState: 'ready', state: 'new'}),
		], [node1])!;
		expect(progress.phase).toBe('rolling back');
		expect(progress.headline).toBe('rolling back update: 1 out of 4 tasks');
		expect(progress.policy).toEqual({parallelism: 0, delay: 0, failureAction: 'continue', monitor: 5_000_000_000, maxFailureRatio: 0, order: 'start-first'});
	});

	it('keeps the rollback policy and words when a rollback pauses or completes', () => {
		for (const state of ['rollback_paused', 'rollback_completed'] as const) {
			const progress = rolloutProgress(service(state), midUpdateTasks(), [node1, node2])!;
			expect(progress.headline, state).toBe('rolling back update: 2 out of 4 tasks');
			expect(progress.policy.failureAction, state).toBe('continue');
		}
	});

	it('names each phase', () => {
		const phases = (['updating', 'rollback_started', 'paused', 'rollback_paused', 'completed', 'rollback_completed'] as const)
			.map(state => rolloutProgress(service(state), [], [])!.phase);
		expect(phases).toEqual(['updating', 'rolling back', 'paused', 'rollback paused', 'completed', 'rolled back']);
	});

	it('carries the time the rollout ended', () => {
		const completed = service('rollback_completed');
		completed.updateStatus = {state: 'rollback_completed', message: 'rollback completed', startedAt: secondsAgo(60), completedAt: secondsAgo(2)};
		const progress = rolloutProgress(completed, [], [])!;
		expect(progress.message).toBe('rollback completed');
		expect(progress.completedAt).toEqual(secondsAgo(2));
	});

	it('labels the nodes of a global service by hostname, in hostname order, and counts the nodes', () => {
		const agent = makeService({name: 'agent', mode: 'global', updateStatus: {state: 'updating', message: 'update in progress'}});
		const progress = rolloutProgress(agent, [
			task({serviceId: 'id-agent', slot: undefined, nodeId: node3.id, state: 'running'}),
			task({serviceId: 'id-agent', slot: undefined, nodeId: node1.id, state: 'preparing'}),
			task({serviceId: 'id-agent', slot: undefined, nodeId: node2.id, state: 'running'}),
		], [node3, node2, node1])!;
		expect(progress.headline).toBe('overall progress: 2 out of 3 tasks');
		expect(progress.slots.map(slot => `${slot.label} ${slot.state}`)).toEqual(['node1 preparing', 'node2 running', 'node3 running']);
	});

	it('falls back to the short node ID when a global task runs on a node it does not know', () => {
		const agent = makeService({name: 'agent', mode: 'global', updateStatus: {state: 'updating', message: 'update in progress'}});
		const progress = rolloutProgress(agent, [task({slot: undefined, nodeId: 'zyxwvutsrqponmlkjihgfedcb'})], [])!;
		expect(progress.slots.map(slot => slot.label)).toEqual(['zyxwvutsrqpo']);
	});
});

describe('showsRollout', () => {
	const withStatus = (status: UpdateStatus | undefined) => service(undefined, {updateStatus: status});

	it('shows a rollout that runs or waits, however long ago it started', () => {
		for (const state of ['updating', 'paused', 'rollback_started', 'rollback_paused'] as const) {
			expect(showsRollout(withStatus({state, message: '', startedAt: secondsAgo(86_400)}), now), state).toBe(true);
			expect(showsRollout(withStatus({state, message: ''}), now), state).toBe(true);
		}
	});

	it('shows a finished rollout for 10 seconds after it completed', () => {
		expect(settledDisplayMs).toBe(10_000);
		for (const state of ['completed', 'rollback_completed'] as const) {
			expect(showsRollout(withStatus({state, message: '', completedAt: now}), now), state).toBe(true);
			expect(showsRollout(withStatus({state, message: '', completedAt: secondsAgo(9.999)}), now), state).toBe(true);
			expect(showsRollout(withStatus({state, message: '', completedAt: secondsAgo(10)}), now), state).toBe(false);
			expect(showsRollout(withStatus({state, message: '', completedAt: secondsAgo(11)}), now), state).toBe(false);
		}
	});

	it('does not show a finished rollout without a completion time', () => {
		expect(showsRollout(withStatus({state: 'completed', message: 'update completed'}), now)).toBe(false);
	});

	it('shows nothing for a service without an update status', () => {
		expect(showsRollout(withStatus(undefined), now)).toBe(false);
	});
});

describe('progressBar', () => {
	it('draws an empty, a half-way and a full bar, nine steps to running', () => {
		expect(progressBar(0, 20)).toBe(`[${' '.repeat(18)}]`);
		expect(progressBar(5, 20)).toBe(`[${'='.repeat(9)}>${' '.repeat(8)}]`);
		expect(progressBar(9, 20)).toBe(`[${'='.repeat(18)}]`);
	});

	it('starts with the arrow alone at step one', () => {
		expect(progressBar(1, 20)).toBe(`[=>${' '.repeat(16)}]`);
	});

	it('is exactly as wide as asked, at every step', () => {
		for (const width of [5, 10, 11, 20, 33, 52]) {
			for (let step = 0; step <= 9; step++) {
				expect(progressBar(step, width), `step ${step} of width ${width}`).toHaveLength(width);
			}
		}
	});

	it('fills more with every step', () => {
		const fill = (bar: string) => bar.replaceAll(/[^=>]/g, '').length;
		for (const width of [10, 20, 52]) {
			const fills = Array.from({length: 10}, (_, step) => fill(progressBar(step, width)));
			expect(fills, `width ${width}`).toEqual([...fills].sort((a, b) => a - b));
			expect(fills[0]).toBe(0);
			expect(fills[9]).toBe(width - 2);
		}
	});

	it('draws states past running as a full bar', () => {
		expect(progressBar(13, 12)).toBe(`[${'='.repeat(10)}]`);
	});

	it('keeps a bar of three inside the brackets when squeezed', () => {
		expect(progressBar(0, 2)).toBe('[   ]');
		expect(progressBar(9, 0)).toBe('[===]');
	});

	it('counts out of another total when given one', () => {
		expect(progressBar(2, 12, 4)).toBe('[====>     ]');
	});
});

describe('progressError', () => {
	it('keeps a short error as it is', () => {
		expect(progressError('No such image: swarmdeck/vote:broken')).toBe('No such image: swarmdeck/vote:broken');
	});

	it('puts an error on one line', () => {
		expect(progressError('starting container failed:\nexit status 1\n')).toBe('starting container failed: exit status 1 ');
	});

	it('keeps 75 characters at most, the last one an ellipsis', () => {
		const exact = 'x'.repeat(75);
		expect(progressError(exact)).toBe(exact);
		const long = 'a'.repeat(74) + 'bcdef';
		expect(progressError(long)).toBe(`${'a'.repeat(74)}…`);
		expect([...progressError(long)]).toHaveLength(75);
	});

	it('cuts after joining the lines', () => {
		const cut = progressError(`${'line one '.repeat(5)}\n${'line two '.repeat(10)}`);
		expect(cut).not.toContain('\n');
		expect(cut).toHaveLength(75);
		expect(cut.endsWith('…')).toBe(true);
	});
});

describe('rolloutBadge', () => {
	const counts = {running: 2, total: 4};

	it('counts the running tasks while updating or rolling back', () => {
		expect(rolloutBadge(service('updating'), counts)).toBe('updating 2/4');
		expect(rolloutBadge(service('rollback_started'), {running: 1, total: 4})).toBe('rolling back 1/4');
	});

	it('says the phase alone before the first count arrives', () => {
		expect(rolloutBadge(service('updating'))).toBe('updating');
		expect(rolloutBadge(service('rollback_started'))).toBe('rolling back');
	});

	it('says the phase alone when the rollout waits or is over', () => {
		expect(rolloutBadge(service('paused'), counts)).toBe('paused');
		expect(rolloutBadge(service('rollback_paused'), counts)).toBe('rollback paused');
		expect(rolloutBadge(service('rollback_completed'), counts)).toBe('rolled back');
		expect(rolloutBadge(service('completed'), counts)).toBe('completed');
	});

	it('is empty without an update status', () => {
		expect(rolloutBadge(service(undefined), counts)).toBe('');
	});
});

describe('maxSlotBars', () => {
	it('is the CLI\'s limit of 20', () => {
		expect(maxSlotBars).toBe(20);
	});
});

describe('updateStatePath', () => {
	const change = (id: string, from: string, to: string, second: number) => ({
		type: 'service' as const,
		action: 'update',
		id,
		name: id,
		time: new Date(Date.UTC(2026, 10, 21, 10, 0, second)),
		attributes: {name: id, 'updatestate.old': from, 'updatestate.new': to},
	});

	it('follows an automatic rollback through a state that lasted less than a poll', () => {
		// Newest first, as the event log keeps them.
		const events = [
			change('whoami', 'rollback_started', 'rollback_completed', 3),
			change('whoami', 'updating', 'rollback_started', 2),
			change('vote', '', 'updating', 2),
			change('whoami', '', 'updating', 1),
		];
		expect(updateStatePath(events, 'whoami')).toEqual(['updating', 'rollback_started', 'rollback_completed']);
	});

	it('starts at this rollout, not at the one before it', () => {
		const events = [
			change('vote', 'updating', 'completed', 9),
			change('vote', 'completed', 'updating', 8),
			change('vote', 'updating', 'completed', 2),
			change('vote', '', 'updating', 1),
		];
		expect(updateStatePath(events, 'vote')).toEqual(['updating', 'completed']);
	});

	it('is empty without update state events', () => {
		expect(updateStatePath([{...change('vote', '', 'updating', 1), attributes: {name: 'vote', 'replicas.old': '1', 'replicas.new': '2'}}], 'vote')).toEqual([]);
	});
});
