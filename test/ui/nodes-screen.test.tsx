// The nodes view and the node actions over the real client and write layer, with an
// in-memory daemon underneath: what a person sees, and what reaches the daemon (or not).
import {afterEach, describe, expect, it} from 'vitest';
import type {SwarmNode, SwarmTask} from '../../source/swarm/types.js';
import {makeNode, makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {makeTask, pause, rowOf, squeeze, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

// Made anew for each test: the in-memory daemon changes the nodes it is given.
const manager = () => makeNode({hostname: 'node1', id: 'n1', role: 'manager', isLeader: true, engineVersion: '20.10.24+dfsg1'});
const worker2 = () => makeNode({hostname: 'node2', id: 'n2', labels: {disk: 'ssd'}});
const worker3 = () => makeNode({hostname: 'node3', id: 'n3', version: 41});

function swarm(nodes: SwarmNode[] = [manager(), worker2(), worker3()]) {
	const vote = makeService({name: 'vote', id: 'id-vote', replicas: 4});
	const agent = makeService({name: 'agent', id: 'id-agent', mode: 'global'});
	const tasks: Record<string, SwarmTask[]> = {
		'id-vote': [
			makeTask('id-vote', {slot: 1, nodeId: 'n1'}),
			makeTask('id-vote', {slot: 2, nodeId: 'n2'}),
			makeTask('id-vote', {slot: 3, nodeId: 'n3'}),
			makeTask('id-vote', {slot: 4, nodeId: 'n3'}),
			// A replaced task of slot 4: finished history, hidden by default.
			makeTask('id-vote', {slot: 4, nodeId: 'n3', desiredState: 'shutdown', state: 'shutdown', secondsAgo: 900}),
		],
		'id-agent': [makeTask('id-agent', {slot: undefined, nodeId: 'n3', image: 'swarmdeck/agent:1.0'})],
	};
	return {services: [vote, agent], tasks, nodes};
}

async function openNodes(options = swarm()) {
	const started = await startApp({...options, waitFor: 'vote'});
	// n, then down twice: in one read, as over ssh.
	await started.ui.burst('n', 'j', 'j');
	await waitForFrame(started.ui, frame => squeeze(rowOf(frame, 'node3') ?? '').endsWith(' 3'));
	return started;
}

describe('the nodes view', () => {
	it('lists each node with role, manager status, availability, state, engine, task count and labels', async () => {
		const {ui} = await openNodes();
		const frame = ui.frame();
		expect(squeeze(frame.split('\n').find(line => line.startsWith('HOSTNAME'))!)).toBe('HOSTNAME ROLE MANAGER STATUS AVAILABILITY STATUS ENGINE VERSION TASKS LABELS');
		expect(squeeze(rowOf(frame, 'node1')!)).toBe('node1 Manager Leader Active Ready 20.10.24+dfsg1 1');
		expect(squeeze(rowOf(frame, 'node2')!)).toBe('node2 Worker Active Ready 20.10.24 1 disk=ssd');
		// Two vote tasks and the agent: the replaced task does not count.
		expect(squeeze(rowOf(frame, 'node3')!)).toBe('node3 Worker Active Ready 20.10.24 3');
		expect(frame).toContain('3 nodes  1 manager, 1 reachable, quorum needs 1');
	});

	it('shows a node going down and coming back, on the node event', async () => {
		const {client, ui} = await openNodes();
		client.nodes[2]!.state = 'down';
		client.emit({type: 'node', action: 'update', id: 'n3', name: 'node3', time: new Date(), attributes: {'state.old': 'ready', 'state.new': 'down'}});
		await waitForFrame(ui, frame => rowOf(frame, 'node3')?.includes('Down') === true);
		expect(ui.frame()).toContain('1 not ready');
		client.nodes[2]!.state = 'ready';
		client.emit({type: 'node', action: 'update', id: 'n3', name: 'node3', time: new Date(), attributes: {'state.old': 'down', 'state.new': 'ready'}});
		await waitForFrame(ui, frame => rowOf(frame, 'node3')?.includes('Ready') === true && !frame.includes('not ready'));
	});

	it('Enter lists the node\'s tasks as docker node ps does, finished history hidden', async () => {
		const {ui} = await openNodes();
		await ui.press(keys.enter);
		let frame = await waitForFrame(ui, text => text.includes('vote.3'));
		expect(frame).toContain('node3  worker  Ready  Active');
		expect(frame).toContain('vote.4');
		expect(frame).toContain('agent.n3');
		expect(frame).toContain('1 finished task (desired and current Shutdown) hidden: a shows all history.');
		await ui.press('a');
		frame = await waitForFrame(ui, text => text.includes(' \\_ vote.4'));
		await ui.press(keys.escape);
		await waitForFrame(ui, text => text.includes('HOSTNAME'));
	});

	it('reads every task for the counts only while the view is on screen', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote'});
		let reads = 0;
		const listTasksWhere = client.listTasksWhere.bind(client);
		client.listTasksWhere = async where => {
			reads++;
			return listTasksWhere(where);
		};

		await pause(400);
		expect(reads).toBe(0);
		await ui.press('n');
		await waitForFrame(ui, frame => frame.includes('HOSTNAME'));
		await waitForFrame(ui, () => reads >= 1);
		await ui.press(keys.escape);
		await waitForFrame(ui, frame => !frame.includes('HOSTNAME'));
		const left = reads;
		// Longer than the counts' poll interval: nothing more is read off screen.
		await pause(3500);
		expect(reads).toBe(left);
	});

	it('keeps a hostile hostname and labels inert', async () => {
		const evil = makeNode({hostname: 'evil\u001B]0;owned\u0007', id: 'n9', labels: {'k\u001B[2J': 'v'}});
		const {ui} = await startApp({...swarm([manager(), evil]), waitFor: 'vote'});
		await ui.press('n');
		const frame = await waitForFrame(ui, text => text.includes('evil'));
		expect(frame).toContain('evil␛]0;owned␇');
		expect(frame).toContain('k␛[2J=v');
		expect(frame).not.toContain('\u001B]0');
	});
});

describe('node actions', () => {
	it('drain asks first, names the tasks that move and the command, and sends only on y', async () => {
		const {client, ui} = await openNodes();
		await ui.press('d');
		let frame = await waitForFrame(ui, text => text.includes('Drain node3?'));
		expect(words(frame)).toContain('2 tasks will move from node3 to other nodes: vote.3, vote.4.');
		expect(words(frame)).toContain('The task of a global service stops there and starts nowhere else: agent.');
		expect(frame).toContain('$ docker node update --availability drain node3');
		await ui.press('n');
		await pause(30);
		expect(client.sent).toEqual([]);

		await ui.press('d');
		await waitForFrame(ui, text => text.includes('Drain node3?'));
		await ui.press('y');
		frame = await waitForFrame(ui, text => text.includes('✔ node3 is drained'));
		expect(frame).toContain('$ docker node update --availability drain node3');
		expect(client.sent).toEqual([{action: 'node', service: 'node3', payload: {Labels: {}, Role: 'worker', Availability: 'drain'}}]);
		await waitForFrame(ui, text => rowOf(text, 'node3')?.includes('Drain') === true);
	});

	it('a node that changed while its question was open is asked about again, and nothing is sent', async () => {
		const {client, ui} = await openNodes();
		await ui.press('d');
		await waitForFrame(ui, text => text.includes('Drain node3?'));
		// Another operator pauses it meanwhile.
		Object.assign(client.nodes[2]!, {availability: 'pause', version: 42});
		await pause(2100);
		await waitForFrame(ui, text => text.includes('node3 changed since this question was shown'), 3000);
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('changed while this was open'));
		expect(frame).toContain('Drain node3?');
		expect(client.sent).toEqual([]);
	});

	it('a bad label key gets a sentence and sends nothing; a good one is confirmed and sent', async () => {
		const {client, ui} = await openNodes();
		await ui.press('l');
		await waitForFrame(ui, text => text.includes('Add a label to node3'));
		await ui.type('a=b');
		await ui.press(keys.enter);
		let frame = await waitForFrame(ui, text => text.includes('nothing was sent'));
		expect(frame).toContain('a label key cannot contain "="');
		expect(client.sent).toEqual([]);
		await ui.burst(keys.ctrlU, 'zone', keys.tab, 'east', keys.enter);
		frame = await waitForFrame(ui, text => text.includes('Label node3 zone=east?'));
		expect(frame).toContain('$ docker node update --label-add zone=east node3');
		await ui.press('y');
		await waitForFrame(ui, text => rowOf(text, 'node3')?.includes('zone=east') === true);
		expect(client.sent).toEqual([{action: 'node', service: 'node3', payload: {Labels: {zone: 'east'}, Role: 'worker', Availability: 'active'}}]);
	});

	it('removes a label chosen among the node\'s own', async () => {
		const {client, ui} = await openNodes();
		await ui.press('k', 'L');
		await waitForFrame(ui, text => text.includes('Remove a label from node2'));
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Remove the label disk from node2?'));
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔ node2: label disk removed'));
		expect(client.sent).toEqual([{action: 'node', service: 'node2', payload: {Labels: {}, Role: 'worker', Availability: 'active'}}]);
	});

	it('refuses to demote the only manager, in words, before any question', async () => {
		const {client, ui} = await openNodes();
		await ui.press('g', '-');
		await waitForFrame(ui, text => words(text).includes('node1 is the only manager: demoting it would leave the swarm with none.'));
		expect(ui.frame()).not.toContain('╭');
		expect(client.sent).toEqual([]);
	});

	it('promote warns about quorum and shows docker node promote', async () => {
		const {client, ui} = await openNodes();
		await ui.press('+');
		const frame = await waitForFrame(ui, text => text.includes('Promote node3 to manager?'));
		expect(words(frame)).toContain('Managers 1 → 2: a majority of 2 must stay reachable');
		expect(frame).toContain('$ docker node promote node3');
		await ui.press('y');
		await waitForFrame(ui, text => rowOf(text, 'node3')?.includes('Manager') === true);
		expect(client.sent).toEqual([{action: 'node', service: 'node3', payload: {Labels: {}, Role: 'manager', Availability: 'active'}}]);
	});

	it('the palette opens the nodes view and runs node actions by name, with completion', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote'});
		await ui.press(':');
		await ui.type('nodes');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('HOSTNAME'));
		await ui.press(':');
		await ui.type('drain no');
		await ui.press(keys.tab);
		await waitForFrame(ui, text => text.includes('node1  node2  node3'));
		await ui.type('3');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('Drain node3?'));
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔ node3 is drained'));
		expect(client.sent.map(write => write.service)).toEqual(['node3']);
	});
});
