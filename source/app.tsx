import {Box, Text, useApp} from 'ink';
import {useEffect, useMemo, useReducer, type ReactNode} from 'react';
import {HintBar} from './components/HintBar.js';
import {StatusLine} from './components/StatusLine.js';
import {DialogManager} from './dialogs/DialogManager.js';
import {resolveCommand, type Scope} from './keys/registry.js';
import {SwarmModelContext, useServices, useTerminalSize} from './model/hooks.js';
import {SwarmModel} from './model/swarm-model.js';
import {ServicesScreen} from './screens/ServicesScreen.js';
import {EventsScreen} from './screens/EventsScreen.js';
import {InspectScreen} from './screens/InspectScreen.js';
import {TasksScreen} from './screens/TasksScreen.js';
import {ActionsProvider} from './state/actions.js';
import {initialUiState, uiReducer, type Screen} from './state/store.js';
import type {SwarmClient} from './swarm/client.js';
import {theme} from './theme.js';
import {useKeys} from './keys/use-keys.js';
import {KeyInputProvider} from './input/KeyInputProvider.js';

type Props = {
	client: SwarmClient;
	/** The manager's hostname, from the preflight. */
	nodeName: string;
};

/** Lines kept for the status area, so the table does not jump when a result appears. */
const statusHeight = 3;

export function App({client, nodeName}: Props) {
	const model = useMemo(() => new SwarmModel(client), [client]);
	useEffect(() => {
		model.start();
		return () => {
			model.stop();
		};
	}, [model]);

	return (
		<KeyInputProvider>
			<SwarmModelContext.Provider value={model}>
				<Main client={client} model={model} nodeName={nodeName}/>
			</SwarmModelContext.Provider>
		</KeyInputProvider>
	);
}

function Main({client, model, nodeName}: Props & {model: SwarmModel}) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(uiReducer, initialUiState);
	const services = useServices();
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	const inDialog = state.dialog !== undefined;
	const screenActive = !inDialog;

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['global'])?.id;
		if (id === 'quit') {
			exit();
		} else if (id === 'events') {
			dispatch({type: 'open', screen: {kind: 'events'}});
		} else if (id === 'help') {
			dispatch({type: 'openDialog', dialog: {kind: 'help'}});
		}
	}, {isActive: screenActive && !state.editingFilter});
	// Ctrl+C quits from a dialog or the filter field too, where q is text: the way out a
	// terminal user counts on.
	useKeys((input, key) => {
		if (key.ctrl && resolveCommand(input, key, ['global'])?.id === 'quit') {
			exit();
		}
	}, {isActive: !screenActive || state.editingFilter});

	const banner = services.error
		? `${services.unreachable ? 'Lost contact with the daemon' : 'Cannot read the services'}: ${services.error}${services.retryInMs ? ` Retrying in ${Math.round(services.retryInMs / 1000)}s.` : ''}${services.data ? ' Showing the last known state.' : ''}`
		: undefined;
	const bodyHeight = Math.max(4, rows - 2 - statusHeight - (banner ? 2 : 0));
	const screenScopes: Record<Screen['kind'], Scope[]> = {
		services: state.editingFilter ? ['dialog'] : ['services', 'service', 'global'],
		tasks: ['detail', 'tasks', 'service', 'global'],
		inspect: ['detail', 'service', 'global'],
		events: ['detail', 'global'],
	};
	const {screen} = state;
	const screenService = 'serviceId' in screen ? services.data?.find(service => service.id === screen.serviceId) : undefined;
	const screens: Record<Screen['kind'], () => ReactNode> = {
		services: () => <ServicesScreen services={services.data} state={state} isActive={screenActive} width={width} height={bodyHeight}/>,
		tasks: () => <TasksScreen service={screenService} showHistory={state.showHistory} readOnly={client.readOnly} isActive={screenActive} width={width} height={bodyHeight}/>,
		inspect: () => <InspectScreen service={screenService} isActive={screenActive} width={width} height={bodyHeight}/>,
		events: () => <EventsScreen isActive={screenActive} width={width} height={bodyHeight}/>,
	};

	return (
		<ActionsProvider client={client} model={model} dispatch={dispatch}>
			<Box flexDirection="column" width={columns}>
				<Text wrap="truncate">
					<Text bold color={theme.accent}>swarmdeck</Text>
					{client.readOnly ? <Text bold color={theme.warning}> READ-ONLY</Text> : null}
					<Text color={theme.muted}> · {nodeName} · {client.target}{services.data ? ` · ${services.data.length} services` : ''}</Text>
				</Text>
				{banner ? <Box height={2} overflow="hidden"><Text wrap="wrap" color={theme.danger}>⚠ {banner}</Text></Box> : null}
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{state.dialog
						? <DialogManager dialog={state.dialog} services={services.data ?? []} width={width} height={bodyHeight}/>
						: screens[screen.kind]()}
				</Box>
				<Box height={statusHeight} flexDirection="column" overflow="hidden">
					<StatusLine status={state.status}/>
				</Box>
				{inDialog ? <Text> </Text> : <HintBar scopes={screenScopes[screen.kind]} readOnly={client.readOnly} width={width}/>}
			</Box>
		</ActionsProvider>
	);
}
