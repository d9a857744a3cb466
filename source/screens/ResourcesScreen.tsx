import {Box, Text} from 'ink';
import {useState} from 'react';
import {Table, tableLayout, type TableLine} from '../components/Table.js';
import {resourceCells, resourceColumns, resourceRows, resourceWords} from '../format/resource-table.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useNow, useWatchedResources} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import type {ResourceKind, SwarmService} from '../swarm/types.js';
import {theme} from '../theme.js';
import {isMovement, moveSelection} from './selection.js';

type Props = {
	kind: ResourceKind;
	services: readonly SwarmService[] | undefined;
	isActive: boolean;
	width: number;
	height: number;
};

/** Secrets, configs or networks, read while this screen is open, each with the services that use it; Enter lists those services. */
export function ResourcesScreen({kind, services, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const resources = useWatchedResources(kind);
	const now = useNow(5000);
	const words = resourceWords[kind];
	const rows = resourceRows(resources.data ?? [], services ?? []);
	// By ID, so the cursor stays on its row when others come and go.
	const [selectedId, setSelectedId] = useState<string>();
	const index = Math.max(0, rows.findIndex(row => row.resource.id === selectedId));
	const selected = rows[index];
	const tableHeight = Math.max(2, height - (resources.error ? 1 : 0));
	const pageSize = tableLayout(rows.length, tableHeight).rows;

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['resources', 'detail', 'list']);
		if (command?.id === 'back') {
			dispatch({type: 'back'});
		} else if (command?.id === 'openUsers' && selected) {
			dispatch({type: 'showUsers', usersOf: {kind, name: selected.resource.name, serviceIds: selected.services.map(service => service.id)}});
		} else if (command && isMovement(command.id)) {
			setSelectedId(rows[moveSelection(rows.length, index, command.id, pageSize)]?.resource.id);
		}
	}, {isActive});

	const problem = resources.error ? <Text color={theme.danger} wrap="truncate">Cannot read the {words.many}: {resources.error}</Text> : null;
	if (!resources.data) {
		return problem ?? <Text color={theme.muted}>Loading {words.many}…</Text>;
	}

	if (rows.length === 0) {
		return <Text color={theme.muted}>This swarm has no {words.many} ({words.command} lists none).</Text>;
	}

	const lines: TableLine[] = rows.map(row => ({
		kind: 'row',
		key: row.resource.id,
		cells: resourceCells(row, now.getTime()),
		cellColors: resourceColumns(kind).map(column => column.header === 'SERVICES' && row.services.length === 0 ? theme.muted : undefined),
	}));
	return (
		<Box flexDirection="column">
			{problem}
			<Table columns={resourceColumns(kind)} lines={lines} selectedIndex={index} height={tableHeight} width={width}/>
		</Box>
	);
}
