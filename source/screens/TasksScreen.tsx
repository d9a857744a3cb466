import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {RolloutPanel, rolloutPanelHeight} from '../components/RolloutPanel.js';
import {Table, tableLayout, type TableLine} from '../components/Table.js';
import type {Column} from '../format/columns.js';
import {fitRegions} from '../layout/regions.js';
import {displayImage} from '../spec/image-reference.js';
import {formatPolicyShort} from '../format/policy.js';
import {showsRollout, updateStatePath, type ShownEstimate} from '../format/rollout.js';
import {formatReplicas, rolloutText} from '../format/service-table.js';
import {buildTaskRows, formatCurrentState, isFinishedHistory, taskTableColumns, type TaskRow} from '../format/task-table.js';
import {resolveCommand} from '../keys/registry.js';
import {useNodes, useNow, useRecentEvents, useRollouts, useTaskTable} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import {useServiceCommands} from '../state/service-commands.js';
import type {TaskState, SwarmService, SwarmTask} from '../swarm/types.js';
import {rolloutColor, theme} from '../theme.js';
import {isMovement, moveSelection} from './selection.js';
import {useKeys} from '../keys/use-keys.js';

// Which columns give up width first on a narrow terminal: the long DESIRED STATE header
// (its values are short), the error, the time; image tags last, since they are what a
// rollout changes. ERROR and PORTS give way entirely when empty. When even that does not
// fit, DESIRED STATE goes (CURRENT STATE says nearly as much), then the ID. A name keeps
// its slot, which tells the rows apart; node and image lose their middle, not their end.
export const taskColumns: ReadonlyArray<Column & {key: string}> = taskTableColumns.map(column => ({
	key: column.key,
	header: column.header,
	minWidth: {id: 8, name: 12, image: 12, node: 6, desiredState: 8, currentState: 22, error: 16, ports: 5}[column.key],
	shrink: {id: 0.5, name: 0.5, image: 0.05, node: 0.5, desiredState: 6, currentState: 2, error: 1, ports: 2}[column.key],
	optional: column.key === 'error' || column.key === 'ports',
	dropOrder: {desiredState: 1, ports: 2, id: 3, error: 4}[column.key as string],
	cut: ({name: 'slot', image: 'middle', node: 'middle'} as const)[column.key as string],
}));

export const taskStateColor = (state: TaskState): string | undefined => {
	switch (state) {
		case 'running':
		case 'complete': {
			return theme.ok;
		}

		case 'failed':
		case 'rejected':
		case 'orphaned': {
			return theme.danger;
		}

		case 'shutdown':
		case 'remove': {
			return theme.muted;
		}

		default: {
			return theme.warning;
		}
	}
};

/**
 * Task rows as `docker service ps` (or `docker node ps`) prints them, in the columns that fit;
 * `height` counts the header and the "1-30 of 45" line too. The lines are built once per
 * change of the rows; only the rows on screen get their CURRENT STATE anew for `now`.
 */
export function TaskRowsTable({rows, offset, selectedIndex, height, width, now}: {rows: readonly TaskRow[]; offset?: number; selectedIndex?: number; height: number; width: number; now?: Date}) {
	const {lines, tasks} = useMemo(() => ({
		lines: rows.map((row): TableLine => ({
			kind: 'row',
			key: row.task.id,
			cells: [row.id, row.name, row.image, row.node, row.desiredState, row.currentState, row.error, row.ports],
			cellColors: [undefined, undefined, undefined, undefined, undefined, taskStateColor(row.task.state), theme.danger, undefined],
			muted: isFinishedHistory(row.task),
		})),
		tasks: new Map(rows.map(row => [row.task.id, row.task])),
	}), [rows]);
	const live = now === undefined ? undefined : (line: TableLine & {kind: 'row'}) => {
		const task = tasks.get(line.key);
		return task ? {...line, cells: line.cells.with(currentStateColumn, formatCurrentState(task.state, task.stateSince, now))} : line;
	};

	return <Table columns={taskColumns} lines={lines} offset={offset} selectedIndex={selectedIndex} height={height} width={width} live={live}/>;
}

const currentStateColumn = taskTableColumns.findIndex(column => column.key === 'currentState');

/** The line under a task table: how much finished history is hidden, or that all of it shows. */
export function HistoryNote({tasks, showHistory}: {tasks: readonly SwarmTask[] | undefined; showHistory: boolean}) {
	const hiddenCount = showHistory ? 0 : (tasks ?? []).filter(task => isFinishedHistory(task)).length;
	return (
		<Text color={theme.muted} wrap="truncate">
			{showHistory ? 'Showing all history (a hides finished tasks).' : `${hiddenCount} finished ${hiddenCount === 1 ? 'task' : 'tasks'} (desired and current Shutdown) hidden: a shows all history.`}
		</Text>
	);
}

type Props = {
	service: SwarmService | undefined;
	showHistory: boolean;
	/** The estimate shown for the last write to this service, set beside its rollout's real duration. */
	estimate?: ShownEstimate;
	readOnly: boolean;
	isActive: boolean;
	width: number;
	height: number;
};

/** The service's tasks, as `docker service ps` prints them, polled while on screen. */
export function TasksScreen({service, showHistory, estimate, readOnly, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const runServiceCommand = useServiceCommands();
	const tasks = useTaskTable(service?.id ?? '');
	const nodes = useNodes();
	const now = useNow(1000);
	const rollouts = useRollouts();
	const events = useRecentEvents();
	const rollout = service && showsRollout(service, now) ? rollouts.data?.[service.id] : undefined;
	// Sorting and naming 10,000 tasks is done when they change, not on every key or tick: the
	// time in CURRENT STATE is brought up to date for the rows on screen (TaskRowsTable).
	const serviceName = service?.name;
	const serviceMode = service?.mode;
	const rows = useMemo(() => serviceName !== undefined && serviceMode !== undefined && tasks.data
		? buildTaskRows(tasks.data, {serviceName, mode: serviceMode, nodes: nodes.data ?? [], now: new Date()}, {showHistory})
		: [], [tasks.data, nodes.data, serviceName, serviceMode, showHistory]);
	// The rollout panel would take at most half the screen; what gives way when even that
	// does not fit is the layout's rule (source/layout/regions.ts).
	const statePath = service ? updateStatePath(events, service.id) : [];
	const lastRollout = service?.updateStatus?.message;
	const budget = fitRegions(height, {
		title: {kind: 'keep', lines: 1},
		policy: {kind: 'panel', lines: 1},
		rollout: rollout
			? {kind: 'panel', lines: rolloutPanelHeight(rollout, Math.floor(height / 2), statePath)}
			: {kind: lastRollout ? 'panel' : 'blank', lines: 1},
		table: {kind: 'rows', lines: 1 + Math.max(1, rows.length), min: 1 + Math.min(Math.max(1, rows.length), 3)},
		readError: {kind: 'panel', lines: tasks.error ? 1 : 0},
		hidden: {kind: 'panel', lines: 1},
	});
	const pageSize = tableLayout(rows.length, budget.table).rows;
	// The cursor follows its task by ID as rows move; `l` opens that task's logs.
	const [selectedTaskId, setSelectedTaskId] = useState<string>();
	const selectedIndex = Math.max(0, rows.findIndex(row => row.task.id === selectedTaskId));
	const selectedTask = rows[selectedIndex]?.task;

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['tasks', 'detail', 'service', 'list']);
		if (!command) {
			return;
		}

		switch (command.id) {
			case 'back': {
				dispatch({type: 'back'});
				break;
			}

			case 'history': {
				dispatch({type: 'toggleHistory'});
				break;
			}

			case 'logs': {
				if (service && selectedTask) {
					dispatch({type: 'openLogs', serviceId: service.id, taskId: selectedTask.id});
				} else {
					runServiceCommand(command.id, service);
				}

				break;
			}

			default: {
				if (isMovement(command.id)) {
					setSelectedTaskId(rows[moveSelection(rows.length, selectedIndex, command.id, pageSize)]?.task.id);
				} else {
					runServiceCommand(command.id, service);
				}
			}
		}
	}, {isActive});

	if (!service) {
		return <Text color={theme.danger}>This service no longer exists. Esc goes back.</Text>;
	}

	const rolloutWords = rolloutText(service);

	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{service.name}</Text>
				{'  '}{service.mode}{'  '}{formatReplicas(service)}{'  '}{displayImage(service.image)}
				{rolloutWords ? <Text color={rolloutColor(rolloutWords)}>{'  '}{rolloutWords}</Text> : null}
			</Text>
			{budget.policy > 0 ? <Text wrap="truncate" color={theme.muted}>update: {formatPolicyShort(service.updatePolicy)}</Text> : null}
			{budget.rollout > 0
				? (rollout
					? <RolloutPanel rollout={rollout} now={now} width={width} maxHeight={budget.rollout} readOnly={readOnly} statePath={statePath} estimate={estimate}/>
					: <Text wrap="truncate" color={theme.muted}>{lastRollout ? `last rollout: ${lastRollout}` : ' '}</Text>)
				: null}
			{tasks.data === undefined && !tasks.error
				? <Box height={budget.table}><Text color={theme.muted}>Loading tasks…</Text></Box>
				: <TaskRowsTable rows={rows} selectedIndex={rows.length > 0 ? selectedIndex : undefined} height={budget.table} width={width} now={now}/>}
			{budget.readError > 0 ? <Text color={theme.danger} wrap="truncate">Tasks could not be read: {tasks.error}</Text> : null}
			{budget.hidden > 0 ? <HistoryNote tasks={tasks.data} showHistory={showHistory}/> : null}
		</Box>
	);
}
