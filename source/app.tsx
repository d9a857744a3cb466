import {Box, Text, useApp} from 'ink';
import {useEffect, useMemo, useReducer, type ReactNode} from 'react';
import {HintBar} from './components/HintBar.js';
import {StatusLine} from './components/StatusLine.js';
import {DialogManager} from './dialogs/DialogManager.js';
import {resolveCommand, type Scope} from './keys/registry.js';
import {SwarmModelContext, useNodes, useServices, useTerminalSize, useTimeline} from './model/hooks.js';
import {SwarmModel} from './model/swarm-model.js';
import {ServicesScreen} from './screens/ServicesScreen.js';
import {EventsScreen} from './screens/EventsScreen.js';
import {InspectScreen} from './screens/InspectScreen.js';
import {TasksScreen} from './screens/TasksScreen.js';
import {StacksScreen} from './screens/StacksScreen.js';
import {TimelineScreen} from './screens/TimelineScreen.js';
import {NodesScreen} from './screens/NodesScreen.js';
import {NodeTasksScreen} from './screens/NodeTasksScreen.js';
import {ResourcesScreen} from './screens/ResourcesScreen.js';
import {createWordsField} from './actions/service/create.js';
import {useStartCreate} from './state/create.js';
import {nodeActionById} from './actions/index.js';
import {NodeActionsProvider, useNodeActions} from './state/node-actions.js';
import {LogsScreen} from './screens/LogsScreen.js';
import {stackNames} from './format/stack-table.js';
import {Palette} from './palette/Palette.js';
import type {PaletteIntent} from './palette/resolve.js';
import {ActionsProvider, useActions} from './state/actions.js';
import {initialUiState, uiReducer, type Screen, type UiState} from './state/store.js';
import type {SwarmClient} from './swarm/client.js';
import type {SwarmService} from './swarm/types.js';
import type {Timeline} from './timeline/timeline.js';
import {theme} from './theme.js';
import {contextListNotice} from './format/contexts.js';
import type {ContextEntry} from './swarm/context.js';
import {fitRegions} from './layout/regions.js';
import {useKeys} from './keys/use-keys.js';
import {KeyInputProvider} from './input/KeyInputProvider.js';
import {ExercisePanel} from './components/ExercisePanel.js';
import {PresentContext} from './components/presentation.js';
import {RecentCommands} from './components/RecentCommands.js';
import {recentCommandRows, recentCommands} from './format/recent-commands.js';
import {exercisePanelLines} from './format/exercise.js';
import {useExercise} from './exercise/use-exercise.js';
import type {LoadedExercise} from './exercise/exercise.js';

type Props = {
	client: SwarmClient;
	/** The manager's hostname, from the preflight. */
	nodeName: string;
	/** Where this session's actions and their outcomes are recorded; in memory by default. */
	timeline?: Timeline;
	/** The services as read with the preflight, or that read still under way, for the first frame. */
	firstServices?: Promise<SwarmService[]> | SwarmService[];
	/** `:context`: the docker contexts, and the switch to another (see screen.tsx). */
	contexts?: ContextSwitching;
	/** The exercise to guide from the start (--exercise FILE); `:exercise FILE` loads another. */
	exercise?: LoadedExercise;
	/** For a projector (--present): higher contrast, less noise, the last commands kept. */
	present?: boolean;
};

export type ContextSwitching = {
	list: () => ContextEntry[];
	/** Checks the context's swarm and, if it is usable, shows it instead; else resolves to why not. */
	switchTo: (name: string) => Promise<string | undefined>;
};

const resourceKinds = {secrets: 'secret', configs: 'config', networks: 'network'} as const;

/** Lines kept for the status area, so the table does not jump when a result appears. */
const statusHeight = 3;
/** Lines the screen gets before the status area gives up its reserved blank lines. */
const comfortableBody = 10;

export function App({client, nodeName, timeline, firstServices, contexts, exercise, present = false}: Props) {
	const model = useMemo(() => new SwarmModel(client, timeline, {firstServices}), [client, timeline, firstServices]);
	useEffect(() => {
		model.start();
		return () => {
			model.stop();
		};
	}, [model]);

	const [state, dispatch] = useReducer(uiReducer, initialUiState);
	return (
		<KeyInputProvider>
			<SwarmModelContext.Provider value={model}>
				<ActionsProvider client={client} model={model} dispatch={dispatch}>
					<NodeActionsProvider>
						<PresentContext.Provider value={present}>
							<Main client={client} nodeName={nodeName} state={state} contexts={contexts} exercise={exercise} present={present}/>
						</PresentContext.Provider>
					</NodeActionsProvider>
				</ActionsProvider>
			</SwarmModelContext.Provider>
		</KeyInputProvider>
	);
}

/** On a projector the screen gives room to the exercise and the commands sooner. */
const presentBody = 6;
/** Lines the exercise panel wishes for at most: the screen under it stays the main thing. */
const exercisePanelHeight = 8;

function Main({client, nodeName, state, contexts, exercise: firstExercise, present}: Props & {state: UiState}) {
	const {exit} = useApp();
	const {dispatch, start} = useActions();
	const services = useServices();
	const nodes = useNodes();
	const nodeActions = useNodeActions();
	const startCreate = useStartCreate();
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	const inDialog = state.dialog !== undefined || state.palette;
	const screenActive = !inDialog;
	const exercise = useExercise(firstExercise, {services: services.data, nodes: nodes.data});
	const exerciseLines = exercise.loaded && exercise.progress ? exercisePanelLines(exercise.loaded.exercise, exercise.progress, width, {startedAt: exercise.loaded.loadedAt}) : [];
	const commands = recentCommands(useTimeline());

	/** Runs a command reached by a global key or the palette: one place for both. */
	const switchContext = (name: string | undefined) => {
		const current = client.context ?? 'default';
		if (!contexts || name === undefined || name === current) {
			const list = contextListNotice(contexts?.list() ?? [], current);
			dispatch({type: 'status', status: {kind: 'notice', message: name === current ? `Already on context ${current}. ${list}` : list}});
			return;
		}

		const description = `Switching to context ${name}`;
		dispatch({type: 'status', status: {kind: 'running', description}});
		// On success the App is drawn anew for the other swarm; only a refusal comes back here.
		void contexts.switchTo(name).then(problem => {
			if (problem) {
				dispatch({type: 'status', status: {kind: 'failed', description, message: problem, nothingSent: false}});
			}
		});
	};

	const run = ({command, serviceId, stack, nodeId, values, complete, context}: PaletteIntent) => {
		const service = services.data?.find(candidate => candidate.id === serviceId);
		switch (command.id) {
			case 'quit': {
				exit();
				break;
			}

			case 'help': {
				dispatch({type: 'openDialog', dialog: {kind: 'help'}});
				break;
			}

			case 'palette': {
				dispatch({type: 'palette', open: true});
				break;
			}

			case 'events':
			case 'nodes':
			case 'stacks':
			case 'timeline': {
				dispatch({type: 'open', screen: {kind: command.id}});
				break;
			}

			case 'create': {
				startCreate(undefined, values?.[createWordsField] === undefined ? undefined : JSON.parse(values[createWordsField]) as string[]);
				break;
			}

			case 'secrets':
			case 'configs':
			case 'networks': {
				dispatch({type: 'open', screen: {kind: 'resources', resource: resourceKinds[command.id]}});
				break;
			}

			case 'back': {
				dispatch({type: 'back'});
				break;
			}

			case 'context': {
				switchContext(context);
				break;
			}

			case 'exercise': {
				const file = values?.['file'];
				const {problem, notice} = exercise.command(file);
				// Showing or hiding the panel leaves the last action's result where it is.
				if (problem || notice || file !== undefined) {
					dispatch({type: 'status', status: problem ? {kind: 'failed', description: 'Loading the exercise', message: problem, nothingSent: true} : (notice ? {kind: 'notice', message: notice} : {kind: 'idle'})});
				}

				break;
			}

			case 'openStack': {
				dispatch({type: 'showStack', stack});
				break;
			}

			case 'logs': {
				if (serviceId) {
					dispatch({type: 'openLogs', serviceId});
				}

				break;
			}

			case 'open':
			case 'inspect': {
				if (serviceId) {
					dispatch({type: 'open', screen: {kind: command.id === 'open' ? 'tasks' : 'inspect', serviceId}});
				}

				break;
			}

			case 'openNode': {
				if (nodeId) {
					dispatch({type: 'open', screen: {kind: 'nodeTasks', nodeId}});
				}

				break;
			}

			default: {
				if (nodeId && nodeActionById(command.id)) {
					nodeActions.start(command.id, nodeId, values, complete);
				} else if (service) {
					start(command.id, service, values, complete);
				}
			}
		}
	};

	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['global']);
		if (command) {
			run({command});
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
	// The frame's lines, shared by the one rule of source/layout/regions.ts.
	const layout = fitRegions(rows, {
		title: {kind: 'keep', lines: 1},
		banner: {kind: 'panel', lines: banner ? 2 : 0, min: 1},
		// A dialog carries its own hints, and takes the status area's lines while it is blank.
		body: {kind: 'rows', lines: rows, min: state.dialog && state.status.kind === 'idle' ? rows - 1 - (banner ? 2 : 0) : (present ? presentBody : comfortableBody), fill: true},
		// The step and its command stay in view; the checks go first when room runs out.
		exercise: {kind: 'panel', lines: Math.min(present ? rows : exercisePanelHeight, exerciseLines.length), min: Math.min(present ? 3 : 2, exerciseLines.length)},
		commands: {kind: 'panel', lines: present ? recentCommandRows(commands, width).length : 0, min: present ? 2 : 0},
		status: state.palette || state.status.kind !== 'idle' ? {kind: 'panel', lines: statusHeight, min: state.palette ? 2 : 1} : {kind: 'blank', lines: statusHeight},
		hints: state.dialog ? {kind: 'blank', lines: 1} : {kind: 'keep', lines: 1},
	});
	const bodyHeight = layout.body;
	const screenScopes: Record<Screen['kind'], Scope[]> = {
		services: state.editingFilter ? ['dialog'] : ['services', 'service', 'global'],
		stacks: ['stacks', 'detail', 'global'],
		tasks: ['detail', 'tasks', 'service', 'global'],
		inspect: ['detail', 'service', 'global'],
		events: ['detail', 'global'],
		timeline: ['detail', 'global'],
		nodes: ['nodes', 'node', 'detail', 'global'],
		nodeTasks: ['nodeTasks', 'tasks', 'node', 'global'],
		resources: ['resources', 'detail', 'global'],
		logs: state.editingFilter ? ['dialog'] : ['logs', 'detail', 'global'],
	};
	const {screen} = state;
	const screenService = 'serviceId' in screen ? services.data?.find(service => service.id === screen.serviceId) : undefined;
	const screens: Record<Screen['kind'], () => ReactNode> = {
		services: () => <ServicesScreen services={services.data} state={state} isActive={screenActive} width={width} height={bodyHeight}/>,
		tasks: () => <TasksScreen service={screenService} showHistory={state.showHistory} estimate={screenService && state.estimates[screenService.id]} readOnly={client.readOnly} isActive={screenActive} width={width} height={bodyHeight}/>,
		inspect: () => <InspectScreen service={screenService} isActive={screenActive} width={width} height={bodyHeight}/>,
		events: () => <EventsScreen isActive={screenActive} width={width} height={bodyHeight}/>,
		logs: () => screen.kind === 'logs' ? <LogsScreen key={`${screen.serviceId}/${screen.taskId ?? ''}`} serviceId={screen.serviceId} taskId={screen.taskId} service={screenService} editingFilter={state.editingFilter} isActive={screenActive} width={width} height={bodyHeight}/> : null,
		stacks: () => <StacksScreen services={services.data} isActive={screenActive} width={width} height={bodyHeight}/>,
		timeline: () => <TimelineScreen isActive={screenActive} width={width} height={bodyHeight}/>,
		nodes: () => <NodesScreen selectedNodeId={state.selectedNodeId} isActive={screenActive} width={width} height={bodyHeight}/>,
		resources: () => screen.kind === 'resources' ? <ResourcesScreen key={screen.resource} kind={screen.resource} services={services.data} isActive={screenActive} width={width} height={bodyHeight}/> : null,
		nodeTasks: () => <NodeTasksScreen nodeId={'nodeId' in screen ? screen.nodeId : ''} showHistory={state.showHistory} isActive={screenActive} width={width} height={bodyHeight}/>,
	};
	const contextNames = useMemo(() => (state.palette ? contexts?.list().map(entry => entry.name) : undefined) ?? [], [state.palette, contexts]);
	const paletteContext = {services: services.data ?? [], stacks: stackNames(services.data ?? []), nodes: nodes.data ?? [], contexts: contextNames};

	return (
		<Box flexDirection="column" width={columns}>
				<Text wrap="truncate">
					<Text bold color={theme.accent}>swarmdeck</Text>
					{client.readOnly ? <Text bold color={theme.warning}> READ-ONLY</Text> : null}
					<Text color={theme.muted}> · {nodeName} · </Text>
					{/* A production context stands out, so nobody takes prod for staging. */}
					<Text color={client.context && /prod/i.test(client.context) ? theme.warning : theme.muted} bold={client.context !== undefined}>{client.target}</Text>
					<Text color={theme.muted}>{services.data ? ` · ${services.data.length} services` : ''}</Text>
				</Text>
				{layout.banner > 0 ? <Box height={layout.banner} overflow="hidden"><Text wrap="wrap" color={theme.danger}>⚠ {banner}</Text></Box> : null}
				{present ? <ExercisePanel present lines={exerciseLines} height={layout.exercise} width={width}/> : null}
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{state.dialog
						? <DialogManager dialog={state.dialog} services={services.data ?? []} width={width} height={bodyHeight}/>
						: screens[screen.kind]()}
				</Box>
			{present ? <RecentCommands commands={commands} height={layout.commands} width={width}/> : <ExercisePanel lines={exerciseLines} height={layout.exercise} width={width}/>}
			{state.palette
				? (
					<Palette
						context={paletteContext}
						history={state.paletteHistory}
						width={width}
						height={layout.status + layout.hints}
						onRun={(intent, line) => {
							dispatch({type: 'palette', open: false, ran: line});
							run(intent);
						}}
						onClose={() => {
							dispatch({type: 'palette', open: false});
						}}
					/>
				)
				: (
					<>
						<Box height={layout.status} flexDirection="column" overflow="hidden">
							<StatusLine status={state.status}/>
						</Box>
						{layout.hints === 0 ? null : (inDialog ? <Text> </Text> : <HintBar scopes={screenScopes[screen.kind]} readOnly={client.readOnly} width={width}/>)}
					</>
				)}
		</Box>
	);
}
