import {Box, Text} from 'ink';
import {useEffect} from 'react';
import {Table, tableLayout, type TableLine} from '../components/Table.js';
import {fitRegions} from '../layout/regions.js';
import {TextInput} from '../components/TextInput.js';
import {adviceMarker, groupServices, orderedServices, serviceScreenColumns, type ReplicaHealth} from '../format/service-table.js';
import {pulseParts, pulseSeparator, swarmPulse} from '../format/pulse.js';
import {attentionRank, nextNeedingAttention} from '../advisor/attention.js';
import {useServiceWarnings} from '../advisor/hooks.js';
import {resolveCommand} from '../keys/registry.js';
import {useNodes, useNow, useRollouts, useSeenFailures} from '../model/hooks.js';
import {rolloutBadge} from '../format/rollout.js';
import {useActions} from '../state/actions.js';
import {useServiceCommands} from '../state/service-commands.js';
import type {UiState} from '../state/store.js';
import type {SwarmService} from '../swarm/types.js';
import {rolloutColor, theme} from '../theme.js';
import {isMovement, moveSelection} from './selection.js';
import {useKeys} from '../keys/use-keys.js';

const healthColors: Record<ReplicaHealth, string | undefined> = {
	healthy: theme.ok,
	converging: theme.warning,
	short: theme.danger,
};

type Props = {
	services: readonly SwarmService[] | undefined;
	state: UiState;
	isActive: boolean;
	width: number;
	height: number;
};

/** One row per service, grouped by stack, with a cursor that follows its service. */
export function ServicesScreen({services, state, isActive, width, height}: Props) {
	const {dispatch, notice} = useActions();
	const runServiceCommand = useServiceCommands();
	const now = useNow(5000);
	const rollouts = useRollouts();
	const {usersOf} = state;
	const listed = usersOf ? (services ?? []).filter(service => usersOf.serviceIds.includes(service.id)) : services ?? [];
	const groups = groupServices(listed, {filter: state.filter, stack: state.stack, now});
	// Only some services: a stack's, or those using a secret, config or network.
	const only = state.stack === undefined ? (usersOf ? {word: usersOf.kind, name: usersOf.name} : undefined) : {word: 'stack', name: state.stack};
	const ordered = orderedServices(groups);
	const selected = ordered.find(service => service.id === state.selectedServiceId) ?? ordered[0];
	const warnings = useServiceWarnings(services, now);
	const nodes = useNodes();
	const seenFailures = useSeenFailures();
	const pulse = swarmPulse({services: services ?? [], nodes: nodes.data ?? [], failedAt: seenFailures.values(), now});

	// Keep the selection valid when the list or the filter changes under the cursor.
	useEffect(() => {
		if (selected?.id !== state.selectedServiceId) {
			dispatch({type: 'select', serviceId: selected?.id});
		}
	}, [selected?.id, state.selectedServiceId, dispatch]);

	const budget = fitRegions(height, {
		pulse: {kind: 'panel', lines: 1},
		table: {kind: 'rows', lines: 1 + Math.max(1, ordered.length + groups.length), min: 2, fill: true},
		filterBar: {kind: 'keep', lines: state.editingFilter || state.filter || only ? 1 : 0},
	});
	const filterBarHeight = budget.filterBar;
	// The table's header and stack headings share its lines with the rows: a page is what is seen.
	const pageSize = Math.max(1, tableLayout(ordered.length + groups.length, budget.table).rows - groups.length);

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['services', 'service', 'list']);
		if (!command) {
			return;
		}

		switch (command.id) {
			case 'open': {
				if (selected) {
					dispatch({type: 'open', screen: {kind: 'tasks', serviceId: selected.id}});
				}

				break;
			}

			case 'filter': {
				dispatch({type: 'editFilter', editing: true});
				break;
			}

			case 'attention': {
				const next = nextNeedingAttention(ordered, selected?.id, service => attentionRank(service, warnings.get(service.id)?.length ?? 0, now));
				if (next) {
					dispatch({type: 'select', serviceId: next.id});
				} else {
					notice(`Nothing needs a look${state.filter || state.stack ? ' among the services listed' : ''}: every update runs or is done, every service has its replicas, no policy warning.`);
				}

				break;
			}

			case 'clearFilter': {
				dispatch({type: 'setFilter', filter: ''});
				dispatch({type: 'showStack', stack: undefined});
				break;
			}

			default: {
				if (isMovement(command.id)) {
					const next = moveSelection(ordered.length, ordered.indexOf(selected!), command.id, pageSize);
					dispatch({type: 'select', serviceId: ordered[next]?.id});
				} else {
					runServiceCommand(command.id, selected);
				}
			}
		}
	}, {isActive: isActive && !state.editingFilter});

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'submit') {
			dispatch({type: 'editFilter', editing: false});
		} else if (id === 'cancel') {
			dispatch({type: 'setFilter', filter: ''});
			dispatch({type: 'editFilter', editing: false});
		}
	}, {isActive: isActive && state.editingFilter});

	if (!services) {
		return <Text color={theme.muted}>Loading services…</Text>;
	}

	const lines: TableLine[] = [];
	for (const group of groups) {
		lines.push({kind: 'heading', key: `stack:${group.stack ?? ''}`, text: group.stack ? `${group.stack} (stack)` : 'services'});
		for (const row of group.rows) {
			const badge = rolloutBadge(row.service, rollouts.data?.[row.service.id]);
			lines.push({
				kind: 'row',
				key: row.service.id,
				cells: [...row.cells.slice(0, 5), badge, warnings.has(row.service.id) ? adviceMarker : ''],
				cellColors: [undefined, undefined, healthColors[row.health], undefined, undefined, rolloutColor(badge), theme.warning],
			});
		}
	}

	const selectedIndex = lines.findIndex(line => line.kind === 'row' && line.key === selected?.id);

	return (
		<Box flexDirection="column">
			{budget.pulse > 0
				? (
					<Text wrap="truncate">
						{pulseParts(pulse, {failedAmong: 'seen'}).map((part, index) => (
							<Text key={part.text}>{index > 0 ? <Text color={theme.muted}>{pulseSeparator}</Text> : null}<Text color={part.alarm ? theme.warning : theme.muted}>{part.text}</Text></Text>
						))}
					</Text>
				)
				: null}
			{ordered.length === 0
				? <Text color={theme.muted}>{state.filter || only ? `No service matches${only ? ` (${only.word} ${only.name})` : ''}${state.filter ? ` "${state.filter}"` : ''}. Esc clears the filter.` : 'This swarm has no services yet: c creates one, as `docker service create` does.'}</Text>
				: <Table columns={serviceScreenColumns} lines={lines} selectedIndex={selectedIndex} height={budget.table} width={width}/>}
			{filterBarHeight > 0
				? (
					<Box>
						{only ? <Text><Text color={theme.accent}>{only.word === 'stack' ? 'stack' : `using ${only.word}`}</Text> {only.name}{state.filter || state.editingFilter ? '  ' : ' '}</Text> : null}
						{state.filter || state.editingFilter ? <Text color={theme.accent}>/</Text> : null}
						{state.editingFilter
							? <TextInput isActive={isActive} value={state.filter} placeholder="type to filter by name" onChange={filter => {
								dispatch({type: 'setFilter', filter});
							}}/>
							: <Text>{state.filter}{state.filter ? ' ' : ''}<Text color={theme.muted}>(Esc {only ? 'shows every service' : 'clears'})</Text></Text>}
					</Box>
				)
				: null}
		</Box>
	);
}
