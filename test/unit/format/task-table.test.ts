import {describe, expect, it} from 'vitest';
import type {ServiceMode, SwarmNode, SwarmTask, TaskState} from '../../../source/swarm/types.js';
import {taskStates} from '../../../source/swarm/types.js';
import {
	buildTaskRows,
	compareNatural,
	ellipsis,
	formatCurrentState,
	formatTaskError,
	formatTaskPorts,
	formatTaskTable,
	historyIndent,
	isFinishedHistory,
	prettyState,
	shortTaskId,
	taskName,
	taskTableColumns,
	type TaskRow,
} from '../../../source/format/task-table.js';
import {textWidth} from '../../../source/format/columns.js';
import {
	readFixture,
	readFixtureText,
	toSwarmNode,
	toSwarmTask,
	type RawNode,
	type RawTask,
} from '../../fixtures/load.js';

const now = new Date('2026-11-21T12:00:00.000Z');
const secondsAgo = (seconds: number): Date => new Date(now.getTime() - (seconds * 1000));

const nodes: SwarmNode[] = [
	{id: 'n1aaaaaaaaaaaaaaaaaaaaaaa', hostname: 'node1', role: 'manager', availability: 'active', state: 'ready', address: '172.29.77.11', isLeader: true, version: 20, reachability: 'reachable', engineVersion: '20.10.24', labels: {}, specDigest: ''},
	{id: 'n2bbbbbbbbbbbbbbbbbbbbbbb', hostname: 'node2', role: 'worker', availability: 'active', state: 'ready', address: '172.29.77.12', isLeader: false, version: 21, engineVersion: '20.10.24', labels: {}, specDigest: ''},
];

let sequence = 0;
function task(overrides: Partial<SwarmTask> = {}): SwarmTask {
	sequence++;
	return {
		id: `task${String(sequence).padStart(3, '0')}xxxxxxxxxxxxxxxxxx`,
		serviceId: 'svcid',
		slot: 1,
		nodeId: 'n1aaaaaaaaaaaaaaaaaaaaaaa',
		desiredState: 'running',
		state: 'running',
		stateSince: secondsAgo(5),
		message: 'started',
		image: 'swarmdeck/vote:latest',
		createdAt: secondsAgo(10),
		ports: [],
		...overrides,
	};
}

const context = {serviceName: 'web', mode: 'replicated' as const, nodes, now};
const names = (rows: TaskRow[]): string[] => rows.map(row => row.name);

describe('buildTaskRows: names and order', () => {
	it('names replicated tasks by slot and sorts the slots naturally', () => {
		const rows = buildTaskRows([task({slot: 10}), task({slot: 2}), task({slot: 1}), task({slot: 11})], context);
		expect(names(rows)).toEqual(['web.1', 'web.2', 'web.10', 'web.11']);
	});

	it('puts the newest task of a slot first, by creation time, and marks the older ones', () => {
		const oldest = task({slot: 1, desiredState: 'shutdown', state: 'failed', createdAt: secondsAgo(300), stateSince: secondsAgo(1)});
		const newest = task({slot: 1, createdAt: secondsAgo(10), stateSince: secondsAgo(200)});
		const middle = task({slot: 1, desiredState: 'shutdown', state: 'rejected', createdAt: secondsAgo(100), stateSince: secondsAgo(2)});
		const rows = buildTaskRows([oldest, middle, newest, task({slot: 2})], context);
		// The CLI orders by Meta.CreatedAt, not by when the task last changed state.
		expect(rows.map(row => row.task)).toEqual([newest, middle, oldest, expect.anything()]);
		expect(names(rows)).toEqual(['web.1', ' \\_ web.1', ' \\_ web.1', 'web.2']);
		expect(rows.map(row => row.isHistory)).toEqual([false, true, true, false]);
		expect(rows.map(row => row.slotName)).toEqual(['web.1', 'web.1', 'web.1', 'web.2']);
	});

	it('keeps the given order for tasks that compare equal, as sort.Stable does', () => {
		const createdAt = secondsAgo(50);
		const first = task({slot: 3, createdAt});
		const second = task({slot: 3, createdAt});
		expect(buildTaskRows([first, second], context).map(row => row.task)).toEqual([first, second]);
		expect(buildTaskRows([second, first], context).map(row => row.task)).toEqual([second, first]);
	});

	it('names global tasks by the full node ID and shows the hostname in NODE', () => {
		const rows = buildTaskRows(
			[
				task({slot: undefined, nodeId: 'n2bbbbbbbbbbbbbbbbbbbbbbb'}),
				task({slot: undefined, nodeId: 'n1aaaaaaaaaaaaaaaaaaaaaaa'}),
				task({slot: undefined, nodeId: 'n1aaaaaaaaaaaaaaaaaaaaaaa', desiredState: 'shutdown', state: 'failed', createdAt: secondsAgo(60)}),
			],
			{...context, mode: 'global'},
		);
		expect(names(rows)).toEqual(['web.n1aaaaaaaaaaaaaaaaaaaaaaa', ' \\_ web.n1aaaaaaaaaaaaaaaaaaaaaaa', 'web.n2bbbbbbbbbbbbbbbbbbbbbbb']);
		expect(rows.map(row => row.node)).toEqual(['node1', 'node1', 'node2']);
	});

	it('treats slot 0 like no slot, as the CLI does', () => {
		expect(taskName(task({slot: 0, nodeId: 'abc'}), 'web')).toBe('web.abc');
		expect(taskName(task({slot: undefined, nodeId: undefined}), 'web')).toBe('web.');
	});

	it('shows the node ID of a node it does not know, and nothing for an unscheduled task', () => {
		const rows = buildTaskRows(
			[task({slot: 1, nodeId: 'gone00000000000000000000'}), task({slot: 2, nodeId: undefined, state: 'pending'})],
			context,
		);
		expect(rows.map(row => row.node)).toEqual(['gone00000000000000000000', '']);
	});
});

describe('buildTaskRows: history', () => {
	const running = task({slot: 1, createdAt: secondsAgo(10)});
	const replaced = task({slot: 1, desiredState: 'shutdown', state: 'shutdown', createdAt: secondsAgo(60)});
	const failed = task({slot: 1, desiredState: 'shutdown', state: 'failed', error: 'task: non-zero exit (1)', createdAt: secondsAgo(120)});
	const scaledDown = task({slot: 4, desiredState: 'remove', state: 'shutdown', createdAt: secondsAgo(30)});
	const all = [failed, scaledDown, replaced, running];

	it('hides finished history but keeps failures, marking them after the filtering', () => {
		const rows = buildTaskRows(all, context);
		expect(rows.map(row => row.task)).toEqual([running, failed]);
		expect(names(rows)).toEqual(['web.1', ' \\_ web.1']);
	});

	it('shows everything with showHistory', () => {
		const rows = buildTaskRows(all, context, {showHistory: true});
		expect(rows.map(row => row.task)).toEqual([running, replaced, failed, scaledDown]);
		expect(names(rows)).toEqual(['web.1', ' \\_ web.1', ' \\_ web.1', 'web.4']);
	});

	it('does not mark a surviving task whose newer siblings were all hidden', () => {
		const rows = buildTaskRows([failed, replaced], context);
		expect(names(rows)).toEqual(['web.1']);
		expect(rows[0]?.isHistory).toBe(false);
	});

	it('counts as finished history only tasks stopped on purpose that did stop', () => {
		const finished = new Set<string>();
		for (const desiredState of taskStates) {
			for (const state of taskStates) {
				if (isFinishedHistory(task({desiredState, state}))) {
					finished.add(`${desiredState}/${state}`);
				}
			}
		}

		expect([...finished].sort()).toEqual(['remove/shutdown', 'shutdown/shutdown']);
	});

	it.each<TaskState>(['failed', 'rejected', 'complete', 'orphaned'])('keeps a %s task that should be shut down', state => {
		expect(isFinishedHistory(task({desiredState: 'shutdown', state}))).toBe(false);
	});
});

describe('buildTaskRows: cells', () => {
	it('fills every column the way the CLI does', () => {
		const [row] = buildTaskRows(
			[
				task({
					id: 'k3j2h4g5f6d7s8a9p0o1i2u3y',
					image: 'swarmdeck/vote:indent@sha256:4b8e4d7ab7e6f9f6ad1c2a1c5f5c2d0b0c5b0fb6d1e0f1f9a4b3c2d1e0f9a8b7',
					desiredState: 'shutdown',
					state: 'failed',
					stateSince: secondsAgo(75),
					error: 'starting container failed: No such image: swarmdeck/vote:indent',
					ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8000, publishMode: 'host'}],
				}),
			],
			context,
		);
		expect(row).toMatchObject({
			id: 'k3j2h4g5f6d7',
			name: 'web.1',
			image: 'swarmdeck/vote:indent',
			node: 'node1',
			desiredState: 'Shutdown',
			currentState: 'Failed about a minute ago',
			error: '"starting container failed: No…"',
			ports: '*:8000->80/tcp',
			isHistory: false,
		});
	});

	it('keeps IDs, digests and errors whole with noTrunc', () => {
		const image = 'swarmdeck/vote:indent@sha256:4b8e4d7ab7e6f9f6ad1c2a1c5f5c2d0b0c5b0fb6d1e0f1f9a4b3c2d1e0f9a8b7';
		const error = 'starting container failed: No such image: swarmdeck/vote:indent';
		const [row] = buildTaskRows([task({id: 'k3j2h4g5f6d7s8a9p0o1i2u3y', image, error})], context, {noTrunc: true});
		expect(row).toMatchObject({id: 'k3j2h4g5f6d7s8a9p0o1i2u3y', image, error: `"${error}"`});
	});

	it('words CURRENT STATE with a lowercased human duration', () => {
		expect(formatCurrentState('running', secondsAgo(5), now)).toBe('Running 5 seconds ago');
		expect(formatCurrentState('running', secondsAgo(0.4), now)).toBe('Running less than a second ago');
		expect(formatCurrentState('running', secondsAgo(1), now)).toBe('Running 1 second ago');
		expect(formatCurrentState('shutdown', secondsAgo(61), now)).toBe('Shutdown about a minute ago');
		expect(formatCurrentState('preparing', secondsAgo(3600), now)).toBe('Preparing about an hour ago');
		expect(formatCurrentState('rejected', secondsAgo(3 * 86_400), now)).toBe('Rejected 3 days ago');
		// A manager clock slightly ahead of ours gives a timestamp in the future.
		expect(formatCurrentState('new', secondsAgo(-2), now)).toBe('New less than a second ago');
	});

	it('capitalises states like the CLI\'s PrettyPrint', () => {
		expect(prettyState('running')).toBe('Running');
		expect(prettyState('RUNNING')).toBe('Running');
		expect(prettyState('rollback_started')).toBe('Rollback_started');
		expect(prettyState('x')).toBe('x');
		expect(prettyState('')).toBe('');
	});

	it('cuts IDs like formatter.TruncateID', () => {
		expect(shortTaskId('k3j2h4g5f6d7s8a9p0o1i2u3y')).toBe('k3j2h4g5f6d7');
		expect(shortTaskId('sha256:0123456789abcdef')).toBe('0123456789ab');
		expect(shortTaskId('short')).toBe('short');
	});
});

describe('formatTaskError', () => {
	it('quotes short errors as they are, without escaping', () => {
		expect(formatTaskError('task: non-zero exit (1)')).toBe('"task: non-zero exit (1)"');
		expect(formatTaskError('say "hi"')).toBe('"say "hi""');
	});

	it('is empty without an error', () => {
		expect(formatTaskError(undefined)).toBe('');
		expect(formatTaskError('')).toBe('');
	});

	it('cuts before quoting: 30 cells fit, 31 become 29 and an ellipsis', () => {
		const thirty = 'a'.repeat(30);
		expect(formatTaskError(thirty)).toBe(`"${thirty}"`);
		expect(formatTaskError(`${thirty}b`)).toBe(`"${'a'.repeat(29)}…"`);
		expect(formatTaskError(`${thirty}b`, true)).toBe(`"${thirty}b"`);
	});

	it('measures wide characters as two cells', () => {
		expect(formatTaskError('错'.repeat(15))).toBe(`"${'错'.repeat(15)}"`);
		expect(formatTaskError('错'.repeat(16))).toBe(`"${'错'.repeat(14)}…"`);
		expect(formatTaskError(`a${'错'.repeat(15)}`)).toBe(`"a${'错'.repeat(14)}…"`);
	});
});

describe('ellipsis', () => {
	it('follows formatter.Ellipsis at the edges', () => {
		expect(ellipsis('abc', 0)).toBe('');
		expect(ellipsis('abc', 1)).toBe('a');
		expect(ellipsis('abc', 2)).toBe('a…');
		expect(ellipsis('abc', 3)).toBe('abc');
		expect(ellipsis('', 5)).toBe('');
		expect(ellipsis('错错', 2)).toBe('错错');
		expect(ellipsis('错错', 3)).toBe('错…');
		expect(ellipsis('naïve café', 6)).toBe('naïve…');
	});

	it('counts astral characters once', () => {
		expect(textWidth('😀')).toBe(2);
		expect(ellipsis('😀😀😀', 5)).toBe('😀😀…');
	});
});

describe('formatTaskPorts', () => {
	it('lists host-mode ports the CLI way', () => {
		expect(formatTaskPorts([])).toBe('');
		expect(
			formatTaskPorts([
				{protocol: 'tcp', targetPort: 80, publishedPort: 8000, publishMode: 'host'},
				{protocol: 'udp', targetPort: 53, publishedPort: 5353, publishMode: 'host'},
				{protocol: 'tcp', targetPort: 443, publishMode: 'host'},
			]),
		).toBe('*:8000->80/tcp,*:5353->53/udp,*:0->443/tcp');
	});
});

describe('compareNatural', () => {
	const sorted = (values: string[]): string[] => [...values].sort(compareNatural);

	it('orders digit runs by value', () => {
		expect(sorted(['web.10', 'web.9', 'web.1', 'web.100', 'web.2'])).toEqual(['web.1', 'web.2', 'web.9', 'web.10', 'web.100']);
	});

	it('breaks ties of equal numbers by fewer leading zeros', () => {
		expect(sorted(['a02', 'a2', 'a002', 'a1'])).toEqual(['a1', 'a2', 'a02', 'a002']);
	});

	it('puts a digit before any other character, and shorter strings first', () => {
		expect(sorted(['abc1', 'ab1', 'ab', 'a'])).toEqual(['a', 'ab', 'ab1', 'abc1']);
		expect(compareNatural('x1a', 'x1')).toBeGreaterThan(0);
	});

	it('compares the rest bytewise', () => {
		expect(sorted(['b', 'B', 'a', 'é'])).toEqual(['B', 'a', 'b', 'é']);
		expect(compareNatural('same', 'same')).toBe(0);
	});
});

describe('taskTableColumns', () => {
	it('lists the CLI headers in order', () => {
		expect(taskTableColumns.map(column => column.header)).toEqual([
			'ID',
			'NAME',
			'IMAGE',
			'NODE',
			'DESIRED STATE',
			'CURRENT STATE',
			'ERROR',
			'PORTS',
		]);
	});
});

describe('formatTaskTable', () => {
	const row = (cells: Partial<TaskRow>): TaskRow => ({
		id: '',
		name: '',
		slotName: '',
		image: '',
		node: '',
		desiredState: '',
		currentState: '',
		error: '',
		ports: '',
		isHistory: false,
		task: task(),
		...cells,
	});

	const rows = [
		row({
			id: 'aaaaaaaaaaaa',
			name: 'web.1',
			image: 'nginx:1.25',
			node: 'node1',
			desiredState: 'Running',
			currentState: 'Running 5 seconds ago',
			ports: '*:8080->80/tcp',
		}),
		row({
			id: 'bbbbbbbbbbbb',
			name: `${historyIndent}web.1`,
			image: 'nginx:1.24',
			node: 'node2',
			desiredState: 'Shutdown',
			currentState: 'Failed 2 minutes ago',
			error: '"task: non-zero exit (1)"',
		}),
	];

	it('pads every column but the last to its widest cell plus 3, at least 10', () => {
		expect(formatTaskTable(rows)).toEqual([
			'ID             NAME        IMAGE        NODE      DESIRED STATE   CURRENT STATE           ERROR                       PORTS',
			'aaaaaaaaaaaa   web.1       nginx:1.25   node1     Running         Running 5 seconds ago                               *:8080->80/tcp',
			'bbbbbbbbbbbb    \\_ web.1   nginx:1.24   node2     Shutdown        Failed 2 minutes ago    "task: non-zero exit (1)"   ',
		]);
	});

	it('prints the header alone for no tasks', () => {
		expect(formatTaskTable([])).toEqual([
			'ID        NAME      IMAGE     NODE      DESIRED STATE   CURRENT STATE   ERROR     PORTS',
		]);
	});

	it('cuts lines to a width when asked', () => {
		const lines = formatTaskTable(rows, {width: 20});
		expect(lines).toEqual(['ID             NAME ', 'aaaaaaaaaaaa   web.1', 'bbbbbbbbbbbb    \\_ w']);
	});

	it('pads wide characters by their cells', () => {
		const [header, line] = formatTaskTable([row({id: '错误', name: 'x'})]);
		expect(header?.indexOf('NAME')).toBe(10);
		expect(line?.startsWith('错误      x')).toBe(true);
	});
});

// ---------------------------------------------------------------- against the real CLI

// Captured from the lab swarm (daemon and CLI 20.10.24, and CLI 28.2.2 on the same tasks):
// `fixture-web` (11 replicas, image updated twice), `fixture-edge` (global, one update to a
// missing image rejected on every node, then a good one) and `fixture-pending` (a
// constraint no node meets). captures.json has the moments around each `docker service ps`.
type CaptureWindow = {start: string; end: string};
type Captures = Record<string, {tasksAndCli20: CaptureWindow; cli28: CaptureWindow}>;
type RawService = {Spec: {Name: string; Mode: {Global?: unknown}}};

const captures = readFixture<Captures>('captures.json');
const labNodes = readFixture<RawNode[]>('lab-nodes.json').map(raw => toSwarmNode(raw));

function loadService(name: string): {tasks: SwarmTask[]; serviceName: string; mode: ServiceMode} {
	const [service] = readFixture<RawService[]>(`${name}-service.json`);
	if (service === undefined) {
		throw new Error(`no service in ${name}-service.json`);
	}

	return {
		tasks: readFixture<RawTask[]>(`${name}-tasks.json`).map(raw => toSwarmTask(raw)),
		serviceName: service.Spec.Name,
		mode: service.Spec.Mode.Global === undefined ? 'replicated' : 'global',
	};
}

/** Splits the CLI's table at the columns its header starts (all cells here are ASCII). */
function parseCliTable(text: string): {lines: string[]; cells: string[][]} {
	const lines = text.split('\n');
	expect(lines.pop()).toBe('');
	const [header = ''] = lines;
	const starts = taskTableColumns.map(column => header.indexOf(column.header));
	const cells = lines.slice(1).map(line =>
		starts.map((start, index) => line.slice(start, starts[index + 1] ?? line.length).trimEnd()));
	return {lines, cells};
}

// The CLI read its clock somewhere inside the capture window; Date keeps milliseconds, so the
// end is rounded up to stay inside the window.
function windowEdges(window: CaptureWindow): [Date, Date] {
	return [new Date(window.start), new Date(new Date(window.end).getTime() + 1)];
}

describe.each(['fixture-web', 'fixture-edge', 'fixture-pending'])('the real `docker service ps %s`', name => {
	const {tasks, serviceName, mode} = loadService(name);
	const capture = captures[name];
	if (capture === undefined) {
		throw new Error(`no capture for ${name}`);
	}

	describe.each([
		['CLI 20.10', `${name}-service-ps.txt`, capture.tasksAndCli20, false],
		['CLI 20.10 --no-trunc', `${name}-service-ps-no-trunc.txt`, capture.tasksAndCli20, true],
		['CLI 28', `${name}-service-ps-cli28.txt`, capture.cli28, false],
	] as const)('%s', (_label, file, window, noTrunc) => {
		const cli = parseCliTable(readFixtureText(file));
		const [start, end] = windowEdges(window);
		const early = buildTaskRows(tasks, {serviceName, mode, nodes: labNodes, now: start}, {showHistory: true, noTrunc});
		const late = buildTaskRows(tasks, {serviceName, mode, nodes: labNodes, now: end}, {showHistory: true, noTrunc});

		it('has the same rows in the same order, cell for cell', () => {
			expect(early.map(row => [row.id, row.name, row.image, row.node, row.desiredState, row.error, row.ports]))
				.toEqual(cli.cells.map(cells => [cells[0], cells[1], cells[2], cells[3], cells[4], cells[6], cells[7]]));
		});

		it('words CURRENT STATE as the CLI did at some moment of the capture', () => {
			for (const [index, cells] of cli.cells.entries()) {
				expect([early[index]?.currentState, late[index]?.currentState]).toContain(cells[5]);
			}
		});

		it('lays the text out byte for byte like the CLI', () => {
			// Take CURRENT STATE from the CLI (it depends on its clock) and everything else from us.
			const rows = early.map((row, index) => ({...row, currentState: cli.cells[index]?.[5] ?? ''}));
			expect(formatTaskTable(rows)).toEqual(cli.lines);
		});
	});
});

describe('the lab fixtures with history hidden', () => {
	it('keeps only the running replicas of a service that was updated twice', () => {
		const {tasks, serviceName, mode} = loadService('fixture-web');
		const rows = buildTaskRows(tasks, {serviceName, mode, nodes: labNodes, now: new Date('2026-11-21T21:45:13Z')});
		expect(tasks).toHaveLength(33);
		expect(names(rows)).toEqual(Array.from({length: 11}, (_, index) => `fixture-web.${index + 1}`));
		expect(rows.every(row => row.desiredState === 'Running' && row.image === 'swarmdeck/vote:movies')).toBe(true);
	});

	it('keeps the rejected tasks of a global service under the running ones', () => {
		const {tasks, serviceName, mode} = loadService('fixture-edge');
		const rows = buildTaskRows(tasks, {serviceName, mode, nodes: labNodes, now: new Date('2026-11-21T21:45:13Z')});
		expect(rows.map(row => [row.name, row.node, row.currentState.split(' ')[0], row.error])).toEqual([
			['fixture-edge.mr53421epn5vqv8b8fzmy0wzf', 'node1', 'Running', ''],
			[' \\_ fixture-edge.mr53421epn5vqv8b8fzmy0wzf', 'node1', 'Rejected', '"No such image: swarmdeck/nope…"'],
			['fixture-edge.pilankx75rfjl9xx36jx1kawx', 'node3', 'Running', ''],
			[' \\_ fixture-edge.pilankx75rfjl9xx36jx1kawx', 'node3', 'Rejected', '"No such image: swarmdeck/nope…"'],
			['fixture-edge.punrzhal2jron9wcrrwlejfnj', 'node2', 'Running', ''],
			[' \\_ fixture-edge.punrzhal2jron9wcrrwlejfnj', 'node2', 'Rejected', '"No such image: swarmdeck/nope…"'],
		]);
	});

	it('shows pending tasks without a node', () => {
		const {tasks, serviceName, mode} = loadService('fixture-pending');
		const rows = buildTaskRows(tasks, {serviceName, mode, nodes: labNodes, now: new Date('2026-11-21T21:45:13.5Z')});
		expect(rows.map(row => [row.name, row.node, row.currentState])).toEqual([
			['fixture-pending.1', '', 'Pending 8 seconds ago'],
			['fixture-pending.2', '', 'Pending 8 seconds ago'],
		]);
	});
});
