// The nodes view's rows, from nodes captured on the lab and from hand-made ones: what
// `docker node ls` would say, plus the task count and the labels.
import {describe, expect, it} from 'vitest';
import {buildNodeRows, countTasksByNode, formatManagerStatus, formatNodeLabels, nodeCells} from '../../../source/format/node-table.js';
import {nodeFromApi} from '../../../source/swarm/normalize.js';
import type {SwarmTask} from '../../../source/swarm/types.js';
import {readFixture} from '../../fixtures/load.js';
import {makeNode} from '../../support/fake-client.js';

const labNodes = readFixture<unknown[]>('engine/lab-nodes.json').map(raw => nodeFromApi(raw));

const task = (nodeId: string, desiredState: SwarmTask['desiredState'], id = `t-${Math.random()}`): SwarmTask => ({
	id,
	serviceId: 's1',
	slot: 1,
	nodeId,
	desiredState,
	state: desiredState === 'running' ? 'running' : 'shutdown',
	stateSince: new Date(0),
	message: '',
	image: 'swarmdeck/vote:latest',
	createdAt: new Date(0),
	ports: [],
});

describe('buildNodeRows', () => {
	it('lists the lab nodes by hostname, with what docker node ls says of each', () => {
		const rows = buildNodeRows(labNodes, []);
		expect(rows.map(row => nodeCells(row))).toEqual([
			['node1', 'Manager', 'Leader', 'Active', 'Ready', '20.10.24+dfsg1', '0', ''],
			['node2', 'Worker', '', 'Active', 'Ready', '20.10.24+dfsg1', '0', ''],
			['node3', 'Worker', '', 'Active', 'Ready', '20.10.24+dfsg1', '0', ''],
		]);
	});

	it('orders hostnames naturally, as the CLI does: node2 before node10', () => {
		const rows = buildNodeRows([makeNode({hostname: 'node10'}), makeNode({hostname: 'node2'}), makeNode({hostname: 'edge'})], []);
		expect(rows.map(row => row.hostname)).toEqual(['edge', 'node2', 'node10']);
	});

	it('counts only the tasks meant to run on each node, and says … until they are known', () => {
		const node1 = makeNode({hostname: 'node1', id: 'n1'});
		const node2 = makeNode({hostname: 'node2', id: 'n2'});
		const tasks = [task('n1', 'running'), task('n1', 'running'), task('n1', 'shutdown'), task('n2', 'shutdown')];
		expect(buildNodeRows([node1, node2], tasks).map(row => row.tasks)).toEqual(['2', '0']);
		expect(buildNodeRows([node1, node2], undefined).map(row => row.tasks)).toEqual(['…', '…']);
		expect(countTasksByNode(tasks).get('n1')).toBe(2);
	});

	it('shows down and drained nodes in words', () => {
		const [row] = buildNodeRows([makeNode({hostname: 'node3', state: 'down', availability: 'drain'})], []);
		expect([row!.status, row!.availability]).toEqual(['Down', 'Drain']);
	});
});

describe('formatManagerStatus', () => {
	it('says Leader, Reachable or Unreachable for managers and nothing for workers', () => {
		expect(formatManagerStatus(makeNode({hostname: 'a', role: 'manager', isLeader: true}))).toBe('Leader');
		expect(formatManagerStatus(makeNode({hostname: 'b', role: 'manager', reachability: 'reachable'}))).toBe('Reachable');
		expect(formatManagerStatus(makeNode({hostname: 'c', role: 'manager', reachability: 'unreachable'}))).toBe('Unreachable');
		expect(formatManagerStatus(makeNode({hostname: 'd'}))).toBe('');
	});
});

describe('formatNodeLabels', () => {
	it('lists labels as key=value, sorted by key', () => {
		expect(formatNodeLabels({zone: 'east', disk: 'ssd', 'rack10': '1', rack2: '2'})).toBe('disk=ssd, rack2=2, rack10=1, zone=east');
		expect(formatNodeLabels({})).toBe('');
	});

	it('keeps hostile label text inert, as normalize made it', () => {
		const node = nodeFromApi({ID: 'x', Description: {Hostname: 'evil\u001B]0;owned\u0007'}, Spec: {Labels: {'k\u001B[2J': 'v\r'}}});
		const [row] = buildNodeRows([node], []);
		expect(row!.hostname).toBe('evil␛]0;owned␇');
		expect(row!.labels).toBe('k␛[2J=v␍');
	});
});
