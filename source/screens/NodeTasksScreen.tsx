import {Box, Text} from 'ink';
import {nodeActionById} from '../actions/index.js';
import {formatNodeLabels} from '../format/node-table.js';
import {buildTaskRows, prettyState} from '../format/task-table.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {tableLayout} from '../components/Table.js';
import {fitRegions} from '../layout/regions.js';
import {useNodes, useNodeTaskTable, useNow, useServices} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import {useNodeActions} from '../state/node-actions.js';
import {theme} from '../theme.js';
import {isMovement} from './selection.js';
import {HistoryNote, TaskRowsTable} from './TasksScreen.js';
import {useScroll} from './use-scroll.js';

type Props = {
	nodeId: string;
	showHistory: boolean;
	isActive: boolean;
	width: number;
	height: number;
};

/** One node's tasks, as `docker node ps` prints them, polled while on screen: tasks that move show as they move. */
export function NodeTasksScreen({nodeId, showHistory, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const {start} = useNodeActions();
	const tasks = useNodeTaskTable(nodeId);
	const nodes = useNodes();
	const services = useServices();
	const now = useNow(1000);
	const node = nodes.data?.find(candidate => candidate.id === nodeId);
	const serviceNames = new Map((services.data ?? []).map(service => [service.id, service.name]));
	const rows = tasks.data ? buildTaskRows(tasks.data, {serviceName: '', serviceNames, nodes: nodes.data ?? [], now}, {showHistory}) : [];
	// Shared out by the layout's rule (source/layout/regions.ts), as on the service's task screen.
	const budget = fitRegions(height, {
		title: {kind: 'keep', lines: 1},
		labels: {kind: 'panel', lines: 1},
		table: {kind: 'rows', lines: 1 + Math.max(1, rows.length), min: 1 + Math.min(Math.max(1, rows.length), 3)},
		readError: {kind: 'panel', lines: tasks.error ? 1 : 0},
		hidden: {kind: 'panel', lines: 1},
	});
	const {offset, scroll, reset} = useScroll(rows.length, tableLayout(rows.length, budget.table).rows);

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['nodeTasks', 'tasks', 'node', 'list']);
		if (command?.id === 'backToNodes') {
			dispatch({type: 'back'});
		} else if (command?.id === 'history') {
			dispatch({type: 'toggleHistory'});
			reset();
		} else if (command && isMovement(command.id)) {
			scroll(command.id);
		} else if (command && nodeActionById(command.id)) {
			start(command.id, nodeId);
		}
	}, {isActive});

	if (!node) {
		return <Text color={nodes.data ? theme.danger : theme.muted}>{nodes.data ? 'This node is no longer in the swarm. Esc goes back.' : 'Loading nodes…'}</Text>;
	}

	const labels = formatNodeLabels(node.labels);
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{node.hostname}</Text>
				{'  '}{node.role}{node.isLeader ? ' (leader)' : ''}{'  '}
				<Text color={node.state === 'ready' ? theme.ok : theme.danger}>{prettyState(node.state)}</Text>
				{'  '}
				<Text color={node.availability === 'active' ? undefined : theme.warning}>{prettyState(node.availability)}</Text>
				{'  '}{node.engineVersion}
			</Text>
			{budget.labels > 0 ? <Text wrap="truncate" color={theme.muted}>{labels === '' ? 'no labels' : `labels: ${labels}`}</Text> : null}
			{tasks.data === undefined && !tasks.error
				? <Box height={budget.table}><Text color={theme.muted}>Loading tasks…</Text></Box>
				: <TaskRowsTable rows={rows} offset={offset} height={budget.table} width={width}/>}
			{budget.readError > 0 ? <Text color={theme.danger} wrap="truncate">Tasks could not be read: {tasks.error}</Text> : null}
			{budget.hidden > 0 ? <HistoryNote tasks={tasks.data} showHistory={showHistory}/> : null}
		</Box>
	);
}
