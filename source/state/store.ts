// The app's UI state in one reducer: which screen, which service is selected, which dialog
// is open, and what the last action did. Live swarm data lives in the model hooks.
import type {Decision, FormValues} from '../actions/action.js';
import type {CreateWrite} from '../actions/service/create.js';
import type {RolloutEstimate} from '../actions/plan.js';
import type {NodeWrite} from '../swarm/node-write.js';
import type {RawServiceSpec, ResourceKind, SwarmNode} from '../swarm/types.js';

export type Screen =
	| {kind: 'services'}
	| {kind: 'tasks' | 'inspect'; serviceId: string}
	| {kind: 'events'}
	| {kind: 'stacks'}
	| {kind: 'timeline'}
	| {kind: 'nodes'}
	| {kind: 'nodeTasks'; nodeId: string}
	/** Secrets, configs or networks, each with the services that use it. */
	| {kind: 'resources'; resource: ResourceKind}
	/** The logs of a service, or of one of its tasks; Esc returns to the screen they were opened from. */
	| {kind: 'logs'; serviceId: string; taskId?: string; from: Screen};

/** An action's dialog: its form, or the question before it is sent. `message` says why it is shown again. */
export type ActionDialog =
	| {kind: 'action'; actionId: string; serviceId: string; stage: 'form'; values?: FormValues; message?: string}
	| {kind: 'action'; actionId: string; serviceId: string; stage: 'confirm'; values: FormValues; decision: Decision; decidedSpec: RawServiceSpec; message?: string};

/** A node action's dialog, as ActionDialog for a service; `decided` is the node the question was asked about. */
export type NodeActionDialog =
	| {kind: 'nodeAction'; actionId: string; nodeId: string; stage: 'form'; values?: FormValues; message?: string}
	| {kind: 'nodeAction'; actionId: string; nodeId: string; stage: 'confirm'; values: FormValues; decision: Decision<NodeWrite>; decided: SwarmNode; message?: string};

/** The create form (empty, or copied from the service `copyOf`), or the question before it is sent. */
export type CreateDialogState =
	| {kind: 'create'; copyOf?: string; stage: 'form'; values?: FormValues; message?: string}
	| {kind: 'create'; copyOf?: string; stage: 'confirm'; values: FormValues; decision: Decision<CreateWrite>; message?: string};

export type Dialog = ActionDialog | NodeActionDialog | CreateDialogState | {kind: 'help'};

/** What the status line shows after an action: the result and the equivalent command. */
export type ActionResult = {
	service: string;
	/** The docker CLI command that does the same thing, for the class to read. */
	command: string;
	summary: string;
	warnings: readonly string[];
};

export type ActionStatus =
	| {kind: 'idle'}
	| {kind: 'running'; description: string}
	| {kind: 'done'; result: ActionResult}
	| {kind: 'failed'; description: string; message: string; nothingSent: boolean}
	| {kind: 'notice'; message: string};

/** The estimate a confirmation showed for a rolling update, and when its write was sent. */
export type SentEstimate = RolloutEstimate & {sentAt: Date};

export type UiState = {
	screen: Screen;
	/** The service the cursor is on: by ID, so the cursor follows it when rows move. */
	selectedServiceId?: string;
	/** The node the cursor is on in the nodes screen, by ID. */
	selectedNodeId?: string;
	filter: string;
	/** Only the services of this stack (`:stack NAME`, or Enter on the stacks screen). */
	stack?: string;
	/** Only the services that use this secret, config or network (Enter on its screen). */
	usersOf?: {kind: ResourceKind; name: string; serviceIds: readonly string[]};
	editingFilter: boolean;
	/** The `:` palette is open: it takes every key. */
	palette: boolean;
	/** The palette lines run this session, oldest first, for ↑ and ↓. */
	paletteHistory: readonly string[];
	showHistory: boolean;
	dialog?: Dialog;
	status: ActionStatus;
	/** By service ID: the estimate of the last write sent to it, for its rollout panel. */
	estimates: Readonly<Record<string, SentEstimate>>;
};

/** Palette lines kept for ↑: a session's worth, not a growing list. */
export const paletteHistoryLength = 100;

export const initialUiState: UiState = {
	screen: {kind: 'services'},
	filter: '',
	editingFilter: false,
	palette: false,
	paletteHistory: [],
	showHistory: false,
	status: {kind: 'idle'},
	estimates: {},
};

export type UiAction =
	| {type: 'select'; serviceId: string | undefined}
	| {type: 'selectNode'; nodeId: string | undefined}
	| {type: 'open'; screen: Screen}
	| {type: 'back'}
	| {type: 'openLogs'; serviceId: string; taskId?: string}
	| {type: 'editFilter'; editing: boolean}
	| {type: 'setFilter'; filter: string}
	| {type: 'showStack'; stack: string | undefined}
	| {type: 'showUsers'; usersOf: NonNullable<UiState['usersOf']>}
	| {type: 'palette'; open: boolean; ran?: string}
	| {type: 'toggleHistory'}
	| {type: 'openDialog'; dialog: Dialog}
	| {type: 'closeDialog'}
	| {type: 'status'; status: ActionStatus}
	/** A write was sent: its estimate replaces the service's last one (none, for a write that rolls nothing out). */
	| {type: 'rememberEstimate'; serviceId: string; estimate: SentEstimate | undefined};

export function uiReducer(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'select': {
			return state.selectedServiceId === action.serviceId ? state : {...state, selectedServiceId: action.serviceId};
		}

		case 'selectNode': {
			return state.selectedNodeId === action.nodeId ? state : {...state, selectedNodeId: action.nodeId};
		}

		case 'open': {
			return {
				...state,
				screen: action.screen,
				selectedServiceId: 'serviceId' in action.screen ? action.screen.serviceId : state.selectedServiceId,
				selectedNodeId: 'nodeId' in action.screen ? action.screen.nodeId : state.selectedNodeId,
			};
		}

		case 'back': {
			// Logs go back where they were opened from; a node's tasks to the nodes screen.
			const screen: Screen = state.screen.kind === 'logs' ? state.screen.from : {kind: state.screen.kind === 'nodeTasks' ? 'nodes' : 'services'};
			return {...state, screen, editingFilter: false};
		}

		case 'openLogs': {
			const from = state.screen.kind === 'logs' ? state.screen.from : state.screen;
			return {...state, screen: {kind: 'logs', serviceId: action.serviceId, taskId: action.taskId, from}, selectedServiceId: action.serviceId, editingFilter: false};
		}

		case 'editFilter': {
			return {...state, editingFilter: action.editing};
		}

		case 'setFilter': {
			return {...state, filter: action.filter};
		}

		case 'showStack': {
			return {...state, stack: action.stack, usersOf: undefined, screen: {kind: 'services'}};
		}

		case 'showUsers': {
			return {...state, usersOf: action.usersOf, stack: undefined, screen: {kind: 'services'}};
		}

		case 'palette': {
			const history = action.ran && action.ran !== state.paletteHistory.at(-1) ? [...state.paletteHistory, action.ran].slice(-paletteHistoryLength) : state.paletteHistory;
			return {...state, palette: action.open, paletteHistory: history};
		}

		case 'toggleHistory': {
			return {...state, showHistory: !state.showHistory};
		}

		case 'openDialog': {
			return {...state, dialog: action.dialog};
		}

		case 'closeDialog': {
			return {...state, dialog: undefined};
		}

		case 'status': {
			return {...state, status: action.status};
		}

		case 'rememberEstimate': {
			const estimates = {...state.estimates};
			if (action.estimate) {
				estimates[action.serviceId] = action.estimate;
			} else {
				delete estimates[action.serviceId];
			}

			return {...state, estimates};
		}

		default: {
			return state;
		}
	}
}
