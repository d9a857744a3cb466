import {Box, Text} from 'ink';
import {useState} from 'react';
import {Table, tableLayout, type TableLine} from '../components/Table.js';
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
	const pageSize = tableLayout(rows.length, height).rows;

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['stacks', 'detail', 'list']);
		if (command?.id === 'back') {
			dispatch({type: 'back'});
		} else if (command?.id === 'openStack' && selected) {
			dispatch({type: 'showStack', stack: selected.stack});
		} else if (command && isMovement(command.id)) {
			setSelectedStack(rows[moveSelection(rows.length, index, command.id, pageSize)]?.stack);
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
	return (
		<Box flexDirection="column">
			<Table columns={stackColumns} lines={lines} selectedIndex={index} height={height} width={width}/>
		</Box>
	);
}
