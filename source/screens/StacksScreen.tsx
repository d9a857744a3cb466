import {Box, Text} from 'ink';
import {useState} from 'react';
import {Table, type TableLine} from '../components/Table.js';
import {fitColumnWidths, pickCells, visibleColumns} from '../format/columns.js';
import {stackCells, stackColumns, stackRows} from '../format/stack-table.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useActions} from '../state/actions.js';
import type {SwarmService} from '../swarm/types.js';
import {theme} from '../theme.js';
import {isMovement, moveSelection} from './selection.js';

type Props = {
	services: readonly SwarmService[] | undefined;
	isActive: boolean;
	width: number;
	height: number;
};

/** Every stack with its services and how many have converged; Enter lists its services. */
export function StacksScreen({services, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const rows = stackRows(services ?? []);
	// By name, so the cursor stays on its stack when others come and go.
	const [selectedStack, setSelectedStack] = useState<string>();
	const index = Math.max(0, rows.findIndex(row => row.stack === selectedStack));
	const selected = rows[index];
	const tableHeight = Math.max(1, height - 2);

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['stacks', 'detail', 'list']);
		if (command?.id === 'back') {
			dispatch({type: 'back'});
		} else if (command?.id === 'openStack' && selected) {
			dispatch({type: 'showStack', stack: selected.stack});
		} else if (command && isMovement(command.id)) {
			setSelectedStack(rows[moveSelection(rows.length, index, command.id, tableHeight)]?.stack);
		}
	}, {isActive});

	if (!services) {
		return <Text color={theme.muted}>Loading services…</Text>;
	}

	if (rows.length === 0) {
		return <Text color={theme.muted}>No stack here: no service carries a com.docker.stack.namespace label (docker stack deploy sets it).</Text>;
	}

	const lines: TableLine[] = rows.map(row => ({
		kind: 'row',
		key: row.stack,
		cells: stackCells(row),
		cellColors: [undefined, undefined, row.converged === row.services ? theme.ok : theme.warning, undefined, theme.warning],
	}));
	const cells = lines.flatMap(line => line.kind === 'row' ? [line.cells] : []);
	const shownColumns = visibleColumns(stackColumns, cells, width);
	const shown = lines.map(line => line.kind === 'row' ? {...line, cells: pickCells(line.cells, shownColumns).map(cell => cell ?? ''), cellColors: pickCells(line.cellColors ?? [], shownColumns)} : line);
	const widths = fitColumnWidths(shownColumns, shown.flatMap(line => line.kind === 'row' ? [line.cells] : []), width);
	return (
		<Box flexDirection="column">
			<Table widths={widths} header={shownColumns.map(column => column.header)} lines={shown} selectedIndex={index} height={tableHeight} width={width}/>
		</Box>
	);
}
