// How the logs view words things: how far back it starts, the equivalent `docker service
// logs` command, each line's task (`vote.2@node1`, as the CLI marks it) and the text filter.
import {shellWord} from '../swarm/commands.js';
import type {LogLine} from '../swarm/log-stream.js';
import type {SwarmNode, SwarmTask} from '../swarm/types.js';

/** Where a log starts: the last lines of each task, a time window, or everything kept. */
export type LogWindow = {label: string; tail?: number; sinceSeconds?: number};

export const logWindows: readonly LogWindow[] = [
	{label: 'tail 100', tail: 100},
	{label: 'last 1m', sinceSeconds: 60},
	{label: 'last 5m', sinceSeconds: 5 * 60},
	{label: 'last 15m', sinceSeconds: 15 * 60},
	{label: 'last 1h', sinceSeconds: 60 * 60},
	{label: 'all', tail: undefined},
];

/** The window after `current`, round the list. */
export function nextLogWindow(current: LogWindow): LogWindow {
	const index = logWindows.indexOf(current);
	return logWindows[(index + 1) % logWindows.length]!;
}

/** `5m`, `1h`: the CLI's --since spelling of a window. */
function sinceFlag(seconds: number): string {
	return seconds % 3600 === 0 ? `${seconds / 3600}h` : (seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`);
}

/**
 * `docker service logs --follow --tail 100 --no-task-ids vote`: what prints the same lines.
 * The task ID form takes a task's ID in place of the service.
 */
export function logsCommand(target: string, window: LogWindow, timestamps: boolean): string {
	const words = ['docker', 'service', 'logs', '--follow'];
	if (window.tail !== undefined) {
		words.push('--tail', String(window.tail));
	}

	if (window.sinceSeconds !== undefined) {
		words.push('--since', sinceFlag(window.sinceSeconds));
	}

	if (timestamps) {
		words.push('--timestamps');
	}

	words.push('--no-task-ids', target);
	return words.map(word => shellWord(word)).join(' ');
}

/**
 * `vote.2@node1`, as `docker service logs --no-task-ids` marks lines; a global service's
 * tasks have no slot, which the CLI prints as `agent.0@node1`, and so does this, so that a
 * line reads the same in both.
 */
export function taskLabel(line: Pick<LogLine, 'taskId' | 'nodeId'>, serviceName: string, tasks: readonly SwarmTask[], nodes: readonly SwarmNode[]): string {
	const task = tasks.find(candidate => candidate.id === line.taskId);
	const nodeId = line.nodeId ?? task?.nodeId;
	const node = nodes.find(candidate => candidate.id === nodeId)?.hostname ?? nodeId?.slice(0, 12) ?? '?';
	const name = task ? `${serviceName}.${task.slot ?? 0}` : `${serviceName}.${line.taskId?.slice(0, 12) ?? '?'}`;
	return `${name}@${node}`;
}

/** A text filter as typed after `/`: a leading `!` keeps the lines that do not match. */
export type LogFilter = {text: string; invert: boolean};

export function parseLogFilter(typed: string): LogFilter {
	return typed.startsWith('!') ? {text: typed.slice(1), invert: true} : {text: typed, invert: false};
}

/** Case-insensitive, on the line's text and its task label. */
export function matchesLogFilter(filter: LogFilter, text: string, label: string): boolean {
	if (filter.text === '') {
		return true;
	}

	const needle = filter.text.toLowerCase();
	const found = text.toLowerCase().includes(needle) || label.toLowerCase().includes(needle);
	return found !== filter.invert;
}

/** Which lines to keep: one task, one node, or all. */
export type LogPick = {kind: 'all'} | {kind: 'task'; id: string; label: string} | {kind: 'node'; id: string; label: string};

/** Every pick the lines seen so far allow, in order: all, each task, each node. */
export function logPicks(lines: ReadonlyArray<Pick<LogLine, 'taskId' | 'nodeId'>>, labelOf: (line: Pick<LogLine, 'taskId' | 'nodeId'>) => string, nodeName: (nodeId: string) => string): LogPick[] {
	const tasks = new Map<string, string>();
	const nodes = new Map<string, string>();
	for (const line of lines) {
		if (line.taskId && !tasks.has(line.taskId)) {
			tasks.set(line.taskId, labelOf(line));
		}

		if (line.nodeId && !nodes.has(line.nodeId)) {
			nodes.set(line.nodeId, nodeName(line.nodeId));
		}
	}

	const byLabel = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], undefined, {numeric: true});
	return [
		{kind: 'all'},
		...[...tasks].sort(byLabel).map(([id, label]) => ({kind: 'task' as const, id, label})),
		...(nodes.size > 1 ? [...nodes].sort(byLabel).map(([id, label]) => ({kind: 'node' as const, id, label: `node ${label}`})) : []),
	];
}

export function matchesLogPick(pick: LogPick, line: Pick<LogLine, 'taskId' | 'nodeId'>): boolean {
	return pick.kind === 'all' || (pick.kind === 'task' ? line.taskId === pick.id : line.nodeId === pick.id);
}

/** One line as the CLI prints it: `[timestamp ]vote.2@node1    | text`. */
export function formatLogLine(line: Pick<LogLine, 'timestamp' | 'text'>, label: string, labelWidth: number, timestamps: boolean): string {
	return `${timestamps && line.timestamp ? `${line.timestamp} ` : ''}${label.padEnd(labelWidth)} | ${line.text}`;
}
