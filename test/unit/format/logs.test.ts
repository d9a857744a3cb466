import {describe, expect, it} from 'vitest';
import {formatLogLine, logPicks, logsCommand, logWindows, matchesLogFilter, matchesLogPick, nextLogWindow, parseLogFilter, taskLabel} from '../../../source/format/logs.js';
import type {SwarmNode, SwarmTask} from '../../../source/swarm/types.js';

const node = (id: string, hostname: string): SwarmNode => ({id, hostname, role: 'worker', availability: 'active', state: 'ready', address: '10.0.0.1', isLeader: false, version: 1, specDigest: 'digest', engineVersion: '20.10.24', labels: {}});
const task = (id: string, slot: number | undefined, nodeId: string): SwarmTask => ({id, serviceId: 's', slot, nodeId, desiredState: 'running', state: 'running', stateSince: new Date(0), message: '', image: 'x', createdAt: new Date(0), ports: []});

const nodes = [node('n1', 'node1'), node('n2', 'node2')];
const tasks = [task('t1', 1, 'n1'), task('t2', 2, 'n2'), task('g1', undefined, 'n2')];

describe('logsCommand', () => {
	it('says the command that prints the same lines, for each window', () => {
		const [tail, oneMinute, , , hour, all] = logWindows;
		expect(logsCommand('vote', tail!, false)).toBe('docker service logs --follow --tail 100 --no-task-ids vote');
		expect(logsCommand('vote', oneMinute!, true)).toBe('docker service logs --follow --since 1m --timestamps --no-task-ids vote');
		expect(logsCommand('vote', hour!, false)).toBe('docker service logs --follow --since 1h --no-task-ids vote');
		expect(logsCommand('jxjp02puoprg', all!, false)).toBe('docker service logs --follow --no-task-ids jxjp02puoprg');
	});

	it('quotes a name from the daemon so the command stays inert and pastes right', () => {
		expect(logsCommand('a\u001Bb', logWindows[0]!, false)).toBe(String.raw`docker service logs --follow --tail 100 --no-task-ids $'a\x1bb'`);
	});

	it('cycles tail 100, 1m, 5m, 15m, 1h, all, and round again', () => {
		let window = logWindows[0]!;
		const seen = [window.label];
		for (let step = 0; step < 6; step++) {
			window = nextLogWindow(window);
			seen.push(window.label);
		}

		expect(seen).toEqual(['tail 100', 'last 1m', 'last 5m', 'last 15m', 'last 1h', 'all', 'tail 100']);
	});
});

describe('taskLabel', () => {
	it('marks a line with its task as the CLI does: service.slot@node', () => {
		expect(taskLabel({taskId: 't2', nodeId: 'n2'}, 'vote', tasks, nodes)).toBe('vote.2@node2');
		expect(taskLabel({taskId: 't1'}, 'vote', tasks, nodes)).toBe('vote.1@node1');
		// A global service's task has no slot: the CLI prints 0.
		expect(taskLabel({taskId: 'g1', nodeId: 'n2'}, 'agent', tasks, nodes)).toBe('agent.0@node2');
	});

	it('falls back to IDs for a task or node it does not know yet', () => {
		expect(taskLabel({taskId: 'zzzzzzzzzzzzzzzz', nodeId: 'yyyyyyyyyyyyyyyyy'}, 'vote', tasks, nodes)).toBe('vote.zzzzzzzzzzzz@yyyyyyyyyyyy');
	});
});

describe('filters', () => {
	it('keeps matching lines, case-insensitive, on the text or the task', () => {
		const filter = parseLogFilter('Error');
		expect(matchesLogFilter(filter, 'an error here', 'vote.1@node1')).toBe(true);
		expect(matchesLogFilter(filter, 'all fine', 'vote.1@node1')).toBe(false);
		expect(matchesLogFilter(parseLogFilter('node2'), 'all fine', 'vote.2@node2')).toBe(true);
	});

	it('inverts with a leading !', () => {
		const filter = parseLogFilter('!GET /health');
		expect(filter).toEqual({text: 'GET /health', invert: true});
		expect(matchesLogFilter(filter, 'GET /health 200', 'l')).toBe(false);
		expect(matchesLogFilter(filter, 'POST /vote 200', 'l')).toBe(true);
		expect(matchesLogFilter(parseLogFilter('!'), 'anything', 'l')).toBe(true);
	});

	it('picks all, then each task, then each node when there are several', () => {
		const lines = [{taskId: 't2', nodeId: 'n2'}, {taskId: 't1', nodeId: 'n1'}, {taskId: 't2', nodeId: 'n2'}];
		const picks = logPicks(lines, line => taskLabel(line, 'vote', tasks, nodes), id => nodes.find(candidate => candidate.id === id)!.hostname);
		expect(picks.map(pick => pick.kind === 'all' ? 'all' : pick.label)).toEqual(['all', 'vote.1@node1', 'vote.2@node2', 'node node1', 'node node2']);
		expect(lines.filter(line => matchesLogPick(picks[2]!, line))).toHaveLength(2);
		expect(lines.filter(line => matchesLogPick(picks[3]!, line))).toEqual([{taskId: 't1', nodeId: 'n1'}]);
		expect(lines.filter(line => matchesLogPick(picks[0]!, line))).toHaveLength(3);
	});
});

describe('formatLogLine', () => {
	it('prints as the CLI does, with the timestamp only when asked', () => {
		const line = {timestamp: '2026-12-07T00:17:39.849862814Z', text: 'worker v0.1: 1 units of work done'};
		expect(formatLogLine(line, 'dockercoins_worker.1@node2', 26, false)).toBe('dockercoins_worker.1@node2 | worker v0.1: 1 units of work done');
		expect(formatLogLine(line, 'w.1@node2', 12, true)).toBe('2026-12-07T00:17:39.849862814Z w.1@node2    | worker v0.1: 1 units of work done');
	});
});
