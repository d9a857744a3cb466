import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {TextInput} from '../components/TextInput.js';
import {
	formatLogLine,
	logPicks,
	logsCommand,
	logWindows,
	matchesLogFilter,
	matchesLogPick,
	nextLogWindow,
	parseLogFilter,
	taskLabel,
	type LogPick,
	type LogWindow,
} from '../format/logs.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useNodes, useTaskTable} from '../model/hooks.js';
import {defaultMaxLogLines, type LogEntry} from '../model/log-follower.js';
import {useLogFollower} from '../model/use-log-follower.js';
import {useActions} from '../state/actions.js';
import type {LogLine} from '../swarm/log-stream.js';
import type {SwarmService} from '../swarm/types.js';
import {theme} from '../theme.js';
import {isMovement, type Movement} from './selection.js';

type Props = {
	serviceId: string;
	/** One task's logs (a failed one too) instead of the whole service's. */
	taskId?: string;
	service: SwarmService | undefined;
	editingFilter: boolean;
	isActive: boolean;
	width: number;
	height: number;
};

/** Lines above and below the log lines: title, command, filter bar; footer. */
const chromeHeight = 4;

/** The logs of a service or a task, following live, merged across replicas in time order. */
export function LogsScreen({serviceId, taskId, service, editingFilter, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const tasks = useTaskTable(serviceId);
	const nodes = useNodes();
	const [start, setStart] = useState<{choice: LogWindow; chosenAt: number}>(() => ({choice: logWindows[0]!, chosenAt: Date.now()}));
	const [timestamps, setTimestamps] = useState(false);
	// Paused, the view keeps the lines it had: a noisy service would push them out of the
	// bounded buffer within a second. New lines are still read and counted meanwhile.
	const [paused, setPaused] = useState<{at: number; entries: readonly LogEntry[]}>();
	const pausedAt = paused?.at;
	const [scrollBack, setScrollBack] = useState(0);
	const [filterText, setFilterText] = useState('');
	const [pick, setPick] = useState<LogPick>({kind: 'all'});
	const target = useMemo(() => taskId ? {kind: 'task' as const, id: taskId} : {kind: 'service' as const, id: serviceId}, [taskId, serviceId]);
	const {choice} = start;
	const logs = useLogFollower(target, {
		tail: choice.tail,
		since: choice.sinceSeconds === undefined ? undefined : new Date(start.chosenAt - (choice.sinceSeconds * 1000)),
	});

	const serviceName = service?.name ?? serviceId.slice(0, 12);
	const taskList = tasks.data ?? [];
	const nodeList = nodes.data ?? [];
	const labels = new Map<string, string>();
	const labelOf = (line: Pick<LogLine, 'taskId' | 'nodeId'>): string => {
		const key = `${line.taskId ?? ''}@${line.nodeId ?? ''}`;
		let label = labels.get(key);
		if (label === undefined) {
			label = taskLabel(line, serviceName, taskList, nodeList);
			labels.set(key, label);
		}

		return label;
	};

	const filter = parseLogFilter(filterText);
	const held = (paused?.entries ?? logs.entries).filter(({line}) => matchesLogPick(pick, line) && matchesLogFilter(filter, line.text, labelOf(line)));
	const bodyHeight = Math.max(1, height - chromeHeight);
	const maxScrollBack = Math.max(0, held.length - bodyHeight);
	const back = Math.min(scrollBack, maxScrollBack);
	const shown = held.slice(Math.max(0, held.length - back - bodyHeight), held.length - back);
	const newLines = pausedAt === undefined ? 0 : logs.received - pausedAt;

	const pause = () => {
		setPaused(current => current ?? {at: logs.received, entries: logs.entries});
	};

	const resume = () => {
		setPaused(undefined);
		setScrollBack(0);
	};

	const scroll = (movement: Movement) => {
		const step = {up: 1, down: -1, pageUp: bodyHeight, pageDown: -bodyHeight, first: maxScrollBack, last: -maxScrollBack}[movement];
		if (movement === 'last') {
			resume();
			return;
		}

		if (step > 0) {
			pause();
		}

		setScrollBack(Math.max(0, Math.min(maxScrollBack, back + step)));
	};

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['logs', 'detail', 'list']);
		switch (command?.id) {
			case 'back': {
				dispatch({type: 'back'});
				break;
			}

			case 'logsSince': {
				setStart({choice: nextLogWindow(choice), chosenAt: Date.now()});
				resume();
				break;
			}

			case 'logsTimestamps': {
				setTimestamps(shown => !shown);
				break;
			}

			case 'logsPause': {
				if (pausedAt === undefined) {
					pause();
				} else {
					resume();
				}

				break;
			}

			case 'logsFilter': {
				dispatch({type: 'editFilter', editing: true});
				break;
			}

			case 'logsPick': {
				const picks = logPicks(logs.entries.map(entry => entry.line), labelOf, nodeId => nodeList.find(node => node.id === nodeId)?.hostname ?? nodeId.slice(0, 12));
				const index = picks.findIndex(candidate => candidate.kind === pick.kind && (candidate.kind === 'all' || (pick.kind !== 'all' && candidate.id === pick.id)));
				setPick(picks[(index + 1) % picks.length] ?? {kind: 'all'});
				setScrollBack(0);
				break;
			}

			default: {
				if (command && isMovement(command.id)) {
					scroll(command.id);
				}
			}
		}
	}, {isActive: isActive && !editingFilter});

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'submit') {
			dispatch({type: 'editFilter', editing: false});
		} else if (id === 'cancel') {
			setFilterText('');
			dispatch({type: 'editFilter', editing: false});
		}
	}, {isActive: isActive && editingFilter});

	const task = taskId ? taskList.find(candidate => candidate.id === taskId) : undefined;
	const title = taskId ? `task ${task ? labelOf({taskId, nodeId: task.nodeId}) : taskId.slice(0, 12)}${task ? ` (${task.state})` : ''}` : `${serviceName} (every task, merged by time)`;
	// A task by the 12 characters `docker service ps` shows: the CLI takes a unique prefix.
	const command = logsCommand(taskId?.slice(0, 12) ?? serviceName, choice, timestamps);
	const labelWidth = Math.max(0, ...shown.map(({line}) => labelOf(line).length));

	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate">
				<Text bold>Logs of {title}</Text>
				<Text color={theme.muted}>{'  '}{choice.label}{'  '}</Text>
				{pausedAt === undefined
					? <Text color={theme.ok}>following</Text>
					: <Text color={theme.warning}>paused · {newLines} new {newLines === 1 ? 'line' : 'lines'} (p resumes)</Text>}
			</Text>
			<Text wrap="truncate" color={theme.muted}>$ {command}</Text>
			<Box height={1}>
				{editingFilter || filterText ? <Text color={theme.accent}>/</Text> : null}
				{editingFilter
					? <TextInput isActive={isActive} value={filterText} placeholder="text to keep, or !text to hide" onChange={setFilterText}/>
					: <Text wrap="truncate">{filterText}{filterText ? '  ' : ''}</Text>}
				{pick.kind === 'all' ? null : <Text color={theme.accent}>{editingFilter || filterText ? '  ' : ''}only {pick.label}</Text>}
			</Box>
			<Box flexDirection="column" height={bodyHeight} overflow="hidden">
				{shown.length > 0
					? shown.map(entry => <LogRow key={String(entry.seq)} entry={entry} label={labelOf(entry.line)} labelWidth={labelWidth} timestamps={timestamps}/>)
					: <Text wrap="wrap" color={logs.state === 'failed' ? theme.danger : theme.muted}>{emptySentence(logs.state, logs.error, logs.entries.length > 0, choice, service)}</Text>}
			</Box>
			<Text wrap="truncate" color={logs.problems.length > 0 ? theme.danger : theme.muted}>
				{logs.problems.length > 0
					? `The daemon cannot read some of these logs: ${logs.problems.at(-1)!}`
					: footer(logs.state, logs.error, held.length, back, shown.length, logs.dropped)}
			</Text>
		</Box>
	);
}

function LogRow({entry, label, labelWidth, timestamps}: {entry: LogEntry; label: string; labelWidth: number; timestamps: boolean}) {
	const {line} = entry;
	const text = formatLogLine(line, label, labelWidth, timestamps);
	const stampLength = timestamps && line.timestamp ? line.timestamp.length + 1 : 0;
	return (
		<Text wrap="truncate">
			<Text color={theme.muted}>{text.slice(0, stampLength)}</Text>
			<Text color={line.stream === 'stderr' ? theme.warning : theme.accent}>{text.slice(stampLength, stampLength + labelWidth)}</Text>
			{text.slice(stampLength + labelWidth)}
		</Text>
	);
}

/** What an empty view says instead of nothing. */
function emptySentence(state: string, error: string | undefined, hasLines: boolean, choice: LogWindow, service: SwarmService | undefined): string {
	if (state === 'failed') {
		return `The daemon cannot give these logs: ${error ?? 'no reason given'} (asked again every few seconds)`;
	}

	if (hasLines) {
		return 'No line matches: / changes the filter, o picks another task or node.';
	}

	const driver = (service?.spec.TaskTemplate?.['LogDriver'] as {Name?: string} | undefined)?.Name;
	if (driver === 'none') {
		return 'This service logs with the "none" driver: the daemon keeps no logs to read.';
	}

	const window = choice.sinceSeconds === undefined ? '' : ` in the ${choice.label}`;
	if (state === 'ended') {
		return `No log lines${window}, and the daemon closed the stream (it is opened again by itself). s starts further back.`;
	}

	return `No log lines yet${window}. Following: lines appear here as the tasks write them${choice.sinceSeconds === undefined ? '' : '; s starts further back'}.`;
}

function footer(state: string, error: string | undefined, total: number, back: number, shown: number, dropped: number): string {
	if (state === 'failed' && total > 0) {
		return `The stream stopped: ${error ?? 'no reason given'}. It is opened again by itself, from the last line shown.`;
	}

	const position = total === 0 ? '' : `lines ${total - back - shown + 1}-${total - back} of ${total}`;
	const bound = dropped > 0 ? ` (the newest ${defaultMaxLogLines.toLocaleString('en-US')} are kept)` : '';
	const ended = state === 'ended' ? '  The daemon closed the stream; it is opened again by itself.' : '';
	return `${position}${bound}${ended}`;
}
