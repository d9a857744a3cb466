import {Box, Text} from 'ink';
import {Table, tableLayout, type TableLine} from '../components/Table.js';
import {fitRegions} from '../layout/regions.js';
import {buildNodeRows, nodeCells, nodeColumns, type NodeRow} from '../format/node-table.js';
import {nodeActionById} from '../actions/index.js';
import {quorumOf} from '../actions/node/quorum.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useWatchedNodes} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import {useNodeActions} from '../state/node-actions.js';
import {theme} from '../theme.js';
import {isMovement, moveSelection} from './selection.js';

type Props = {
	selectedNodeId: string | undefined;
	isActive: boolean;
	width: number;
	height: number;
};

const cellColors = (row: NodeRow): Array<string | undefined> => [
	undefined,
	undefined,
	row.managerStatus === 'Unreachable' ? theme.danger : (row.managerStatus === 'Leader' ? theme.accent : undefined),
	row.availability === 'Active' ? undefined : theme.warning,
	row.status === 'Ready' ? theme.ok : theme.danger,
	undefined,
	undefined,
	theme.muted,
];

/** Every node as `docker node ls` lists it, with its tasks and labels; live while on screen. */
export function NodesScreen({selectedNodeId, isActive, width, height}: Props) {
	const {dispatch, notice} = useActions();
	const {start} = useNodeActions();
	const {nodes, runningTasks} = useWatchedNodes();
	const rows = buildNodeRows(nodes.data ?? [], runningTasks.data);
	const index = Math.max(0, rows.findIndex(row => row.node.id === selectedNodeId));
	const selected = rows[index];
	const budget = fitRegions(height, {
		title: {kind: 'keep', lines: 1},
		table: {kind: 'rows', lines: 1 + Math.max(1, rows.length), min: 2},
		readError: {kind: 'panel', lines: nodes.error ? 1 : 0},
	});
	const pageSize = tableLayout(rows.length, budget.table).rows;

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['nodes', 'node', 'detail', 'list']);
		if (!command) {
			return;
		}

		if (command.id === 'back') {
			dispatch({type: 'back'});
		} else if (isMovement(command.id)) {
			dispatch({type: 'selectNode', nodeId: rows[moveSelection(rows.length, index, command.id, pageSize)]?.node.id});
		} else if (!selected) {
			notice('No node is selected.');
		} else if (command.id === 'openNode') {
			dispatch({type: 'open', screen: {kind: 'nodeTasks', nodeId: selected.node.id}});
		} else if (nodeActionById(command.id)) {
			start(command.id, selected.node.id);
		}
	}, {isActive});

	if (!nodes.data) {
		return <Text color={nodes.error ? theme.danger : theme.muted}>{nodes.error ? `Nodes could not be read: ${nodes.error}` : 'Loading nodes…'}</Text>;
	}

	const lines: TableLine[] = rows.map(row => ({kind: 'row', key: row.node.id, cells: nodeCells(row), cellColors: cellColors(row)}));
	const quorum = quorumOf(nodes.data);
	const down = rows.filter(row => row.node.state !== 'ready').length;
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{rows.length} {rows.length === 1 ? 'node' : 'nodes'}</Text>
				<Text color={theme.muted}>{'  '}{quorum.managers} {quorum.managers === 1 ? 'manager' : 'managers'}, {quorum.reachable} reachable, quorum needs {quorum.needed}</Text>
				{down > 0 ? <Text color={theme.danger}>{'  '}{down} not ready</Text> : null}
			</Text>
			<Table columns={nodeColumns} lines={lines} selectedIndex={index} height={budget.table} width={width}/>
			{budget.readError > 0 ? <Text color={theme.danger} wrap="truncate">Nodes could not be read: {nodes.error}</Text> : null}
		</Box>
	);
}
