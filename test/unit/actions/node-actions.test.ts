// The decisions of the node actions, straight from their declarations: what they send, the
// command they show, what they refuse and why, and the quorum arithmetic of promote and demote.
import {describe, expect, it} from 'vitest';
import type {Decision, FormValues, NodeSubject} from '../../../source/actions/action.js';
import {nodeActionById, nodeActions} from '../../../source/actions/index.js';
import {demotionRefusal, faultTolerance, quorumChange, quorumOf} from '../../../source/actions/node/quorum.js';
import {nodeCommand} from '../../../source/swarm/commands.js';
import type {NodeWrite} from '../../../source/swarm/node-write.js';
import type {SwarmNode, SwarmTask} from '../../../source/swarm/types.js';
import {validationError} from '../../support/errors.js';
import {makeNode, makeService} from '../../support/fake-client.js';

const node1 = makeNode({hostname: 'node1', id: 'n1', role: 'manager', isLeader: true});
const node2 = makeNode({hostname: 'node2', id: 'n2'});
const node3 = makeNode({hostname: 'node3', id: 'n3', version: 41});
const vote = makeService({name: 'vote', id: 's-vote', replicas: 4});
const agent = makeService({name: 'agent', id: 's-agent', mode: 'global'});

const task = (serviceId: string, slot: number | undefined, nodeId = 'n3'): SwarmTask => ({
	id: `${serviceId}-${slot ?? nodeId}`,
	serviceId,
	slot,
	nodeId,
	desiredState: 'running',
	state: 'running',
	stateSince: new Date(0),
	message: '',
	image: 'swarmdeck/vote:latest',
	createdAt: new Date(0),
	ports: [],
});

function subject(node: SwarmNode, nodes: SwarmNode[] = [node1, node2, node3], tasks: SwarmTask[] = []): NodeSubject {
	return {node, nodes, tasks, services: [vote, agent]};
}

function decide(actionId: string, target: NodeSubject, values: FormValues = {}): Decision<NodeWrite> {
	return nodeActionById(actionId)!.decide(target, values);
}

const text = (decision: Decision<NodeWrite>) => decision.lines.map(line => line.text).join('\n');
const refusal = (actionId: string, target: NodeSubject) => nodeActionById(actionId)!.refusal?.(target);

describe('every node action', () => {
	it('has a unique ID, a key, a palette name, and always asks first', () => {
		const ids = nodeActions.map(action => action.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const action of nodeActions) {
			expect(action.keys.length).toBeGreaterThan(0);
			expect(action.palette?.name).toBeTruthy();
		}

		expect(decide('drainNode', subject(node3)).confirm).toBe(true);
		expect(decide('labelAddNode', subject(node3), {key: 'zone', value: 'east'}).confirm).toBe(true);
		expect(decide('promoteNode', subject(node3)).confirm).toBe(true);
	});
});

describe('drain, pause, activate', () => {
	it('drain names the tasks that move and the global ones that stop, bound to the node spec seen', () => {
		const decision = decide('drainNode', subject(node3, undefined, [task('s-vote', 3), task('s-vote', 4), task('s-agent', undefined), task('s-vote', 1, 'n2')]));
		expect(decision.write).toEqual({kind: 'node', edit: {kind: 'availability', availability: 'drain'}, basis: {specDigest: node3.specDigest}});
		expect(decision.command).toBe('docker node update --availability drain node3');
		expect(text(decision)).toContain('2 tasks will move from node3 to other nodes: vote.3, vote.4.');
		expect(text(decision)).toContain('The task of a global service stops there and starts nowhere else: agent.');
		expect(decision.title).toBe('Drain node3?');
	});

	it('drain says when no task moves, and warns when no other node can take them', () => {
		expect(text(decide('drainNode', subject(node3)))).toContain('No task moves');
		const alone = decide('drainNode', subject(node3, [makeNode({...node1, availability: 'drain'}), makeNode({...node2, state: 'down'}), node3], [task('s-vote', 1)]));
		expect(text(alone)).toContain('No other node is active and ready');
	});

	it('pause and activate send their availability with the docker command', () => {
		expect(decide('pauseNode', subject(node3)).command).toBe('docker node update --availability pause node3');
		const drained = makeNode({...node3, availability: 'drain'});
		expect(decide('activateNode', subject(drained)).write.edit).toEqual({kind: 'availability', availability: 'active'});
		expect(decide('activateNode', subject(drained)).command).toBe('docker node update --availability active node3');
	});

	it('refuses to set the availability a node already has', () => {
		expect(refusal('drainNode', subject(makeNode({...node3, availability: 'drain'})))).toBe('node3 is already drained.');
		expect(refusal('activateNode', subject(node3))).toBe('node3 is already active.');
		expect(refusal('drainNode', subject(node3))).toBeUndefined();
	});
});

describe('labels', () => {
	it('adds a label with --label-add key=value', () => {
		const decision = decide('labelAddNode', subject(node3), {key: 'zone', value: 'east'});
		expect(decision.write.edit).toEqual({kind: 'labelAdd', key: 'zone', value: 'east'});
		expect(decision.command).toBe('docker node update --label-add zone=east node3');
	});

	it.each([
		['', 'A label key cannot be empty.'],
		['a=b', 'A label key cannot contain "=": the value goes in its own field.'],
		[' zone', 'A label key cannot start or end with a space.'],
	])('refuses the key %j in a sentence', (key, sentence) => {
		expect(validationError(() => decide('labelAddNode', subject(node3), {key, value: 'x'})).sentence).toBe(sentence);
	});

	it('refuses a label the node already has, and says when a value changes', () => {
		const labelled = makeNode({...node3, labels: {zone: 'east'}});
		expect(validationError(() => decide('labelAddNode', subject(labelled), {key: 'zone', value: 'east'})).sentence).toBe('This label is already on node3: zone=east, nothing to change.');
		expect(text(decide('labelAddNode', subject(labelled), {key: 'zone', value: 'west'}))).toContain('The label zone changes: east → west.');
	});

	it('names the services whose placement constraints read the label', () => {
		const placed = makeService({name: 'db', spec: {Name: 'db', TaskTemplate: {ContainerSpec: {Image: 'x'}, Placement: {Constraints: ['node.labels.zone == east']}}}});
		const decision = nodeActionById('labelRemoveNode')!.decide({...subject(makeNode({...node3, labels: {zone: 'east'}})), services: [placed]}, {key: 'zone'});
		expect(text(decision)).toContain('Placement constraints of db read node.labels.zone');
		expect(decision.command).toBe('docker node update --label-rm zone node3');
	});

	it('refuses to remove a label from a node without labels, or one it does not have', () => {
		expect(refusal('labelRemoveNode', subject(node3))).toBe('node3 has no labels to remove.');
		expect(validationError(() => decide('labelRemoveNode', subject(makeNode({...node3, labels: {zone: 'east'}})), {key: 'disk'})).sentence).toBe('There is no label "disk" on node3.');
	});
});

describe('promote and demote', () => {
	const managers = (count: number, unreachable = 0) => Array.from({length: count}, (_, index) => makeNode({
		hostname: `m${index + 1}`,
		id: `m${index + 1}`,
		role: 'manager',
		isLeader: index === 0,
		reachability: index >= count - unreachable ? 'unreachable' : 'reachable',
	}));

	it('counts managers, reachable ones and the majority', () => {
		expect(quorumOf(managers(3, 1))).toEqual({managers: 3, reachable: 2, needed: 2});
		expect([1, 2, 3, 4, 5].map(count => faultTolerance(count))).toEqual([0, 0, 1, 1, 2]);
	});

	it('promote warns what it does to quorum, with the numbers', () => {
		const decision = decide('promoteNode', subject(node3));
		expect(decision.command).toBe('docker node promote node3');
		expect(decision.write.edit).toEqual({kind: 'role', role: 'manager'});
		expect(text(decision)).toContain('Managers 1 → 2: a majority of 2 must stay reachable, so the swarm survives losing 0 managers (now 0). An even number of managers tolerates no more losses than one fewer: prefer 3.');
		expect(refusal('promoteNode', subject(node1))).toBe('node1 is already a manager.');
	});

	it('refuses to demote the only manager', () => {
		expect(refusal('demoteNode', subject(node1))).toBe('node1 is the only manager: demoting it would leave the swarm with none. Promote another node first.');
	});

	it('refuses a demotion that loses quorum, with the numbers, and allows one that keeps it', () => {
		const nodes = managers(3, 1);
		expect(demotionRefusal(nodes[1]!, nodes)).toBe('Demoting m2 would lose quorum: 2 managers would be left, 1 of them reachable, and 2 are needed (a majority). Nothing was sent.');
		// The unreachable one can go: the two left can reach each other.
		expect(demotionRefusal(nodes[2]!, nodes)).toBeUndefined();
		const decision = decide('demoteNode', subject(nodes[2]!, nodes));
		expect(decision.command).toBe('docker node demote m3');
		expect(text(decision)).toContain('Managers 3 → 2');
		expect(refusal('demoteNode', subject(node2))).toBe('node2 is already a worker.');
	});

	it('warns that demoting the leader makes the others elect a new one', () => {
		const nodes = managers(3);
		expect(text(decide('demoteNode', subject(nodes[0]!, nodes)))).toContain('m1 leads the raft');
		expect(quorumChange(nodes, -1)).toContain('Managers 3 → 2');
	});
});

describe('nodeCommand', () => {
	it('quotes what a shell would misread, and spells control characters as escapes', () => {
		expect(nodeCommand('node 3', {kind: 'labelAdd', key: 'a b', value: 'c'})).toBe("docker node update --label-add 'a b=c' 'node 3'");
		expect(nodeCommand('evil\u001B]0;x\u0007', {kind: 'availability', availability: 'drain'})).toBe(String.raw`docker node update --availability drain $'evil\x1b]0;x\x07'`);
	});
});
