// What the screens and dialogs call to change the swarm. Each action shows a spinner while
// it runs, then its result and the equivalent docker command, or the error in words.
import {createContext, useContext, useMemo, type Dispatch, type ReactNode} from 'react';
import type {SwarmModel} from '../model/swarm-model.js';
import type {SwarmClient} from '../swarm/client.js';
import {ReadOnlyError, ValidationError} from '../swarm/errors.js';
import type {WriteResult} from '../swarm/types.js';
import type {UiAction} from './store.js';

export type Actions = {
	dispatch: Dispatch<UiAction>;
	client: SwarmClient;
	/** Runs a write, reporting progress and outcome in the status line. */
	run: (description: string, write: (client: SwarmClient) => Promise<WriteResult>) => Promise<boolean>;
	notice: (message: string) => void;
};

const ActionsContext = createContext<Actions | undefined>(undefined);

export function useActions(): Actions {
	const actions = useContext(ActionsContext);
	if (!actions) {
		throw new Error('useActions needs an ActionsProvider');
	}

	return actions;
}

type ProviderProps = {
	client: SwarmClient;
	model: SwarmModel;
	dispatch: Dispatch<UiAction>;
	children: ReactNode;
};

export function ActionsProvider({client, model, dispatch, children}: ProviderProps) {
	const actions = useMemo<Actions>(() => ({
		dispatch,
		client,
		async run(description, write) {
			dispatch({type: 'status', status: {kind: 'running', description}});
			try {
				const result = await write(client);
				dispatch({type: 'status', status: {kind: 'done', result}});
				model.refreshAll();
				return true;
			} catch (error) {
				const nothingSent = error instanceof ValidationError || error instanceof ReadOnlyError;
				const message = error instanceof Error ? error.message : String(error);
				dispatch({type: 'status', status: {kind: 'failed', description, message, nothingSent}});
				return false;
			}
		},
		notice(message) {
			dispatch({type: 'status', status: {kind: 'notice', message}});
		},
	}), [client, model, dispatch]);
	return <ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>;
}
