// Runs the actions that change the swarm, the same way whatever started them (a key, a
// dialog, the palette): refuse in words, or open the form, or ask first, or send. One write
// at a time per service; a write the service outran is not sent, and is asked again.
import {createContext, useContext, useMemo, useRef, type Dispatch, type ReactNode} from 'react';
import type {Decision, FormValues, ServiceAction} from '../actions/action.js';
import {serviceActionById} from '../actions/index.js';
import {taskStartMs} from '../actions/plan.js';
import type {SwarmModel} from '../model/swarm-model.js';
import type {SwarmClient} from '../swarm/client.js';
import {ReadOnlyError, ValidationError} from '../swarm/errors.js';
import type {RawServiceSpec, SwarmService} from '../swarm/types.js';
import {emptyReferenceLists, type ReferenceLists} from '../spec/families.js';
import {StaleWriteError, UnknownOutcomeError} from '../swarm/write.js';
import {KeyInputContext} from '../input/KeyInputProvider.js';
import type {UiAction} from './store.js';

export type Actions = {
	dispatch: Dispatch<UiAction>;
	client: SwarmClient;
	/**
	 * An action was asked for on a service, by key or by name. `values` are those the palette
	 * gave; unless `complete`, the action's form opens with them to ask for the rest.
	 */
	start: (actionId: string, service: SwarmService, values?: FormValues, complete?: boolean) => void;
	/** A form was sent: moves on to the confirmation or the write, or returns the sentence to show in the form. */
	submit: (actionId: string, service: SwarmService, values: FormValues) => string | undefined;
	/** `y` in a confirmation: sends the decision shown, if the service is still as shown. */
	confirm: (actionId: string, service: SwarmService, values: FormValues, decision: Decision, decidedSpec: RawServiceSpec) => void;
	notice: (message: string) => void;
	/** The swarm's secrets, configs and networks as last read, for the editors that name them. */
	references: () => ReferenceLists;
	/** Holds the keys typed from now on until the returned function is called (KeyInput.hold). */
	holdKeys: () => () => void;
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

const messageOf = (error: unknown) => error instanceof Error ? error.message : String(error);

/** The service as now known is no longer the one the decision was shown on. */
export function outran(decision: Decision, service: SwarmService): boolean {
	const {basis} = decision.write;
	return (basis?.specDigest !== undefined && basis.specDigest !== service.specDigest)
		|| (basis?.previousSpecDigest !== undefined && basis.previousSpecDigest !== service.previousSpecDigest);
}

export function ActionsProvider({client, model, dispatch, children}: ProviderProps) {
	// Services with a write on its way. Checked and set synchronously: two keys that arrive
	// together must not both get through before React renders.
	const inFlight = useRef(new Set<string>());
	const references = useRef<ReferenceLists>(emptyReferenceLists);
	const keyInput = useContext(KeyInputContext);

	const actions = useMemo<Actions>(() => {
		// While a dialog waits for something read from the daemon, the keys typed after the one
		// that opened it wait too, for it: `S` and a secret's name in one burst go to the editor.
		const holdKeys = () => keyInput?.hold() ?? (() => undefined);

		const notice = (message: string) => {
			dispatch({type: 'status', status: {kind: 'notice', message}});
		};

		const lookUp = (actionId: string): ServiceAction => {
			const action = serviceActionById(actionId);
			if (!action) {
				throw new Error(`no action ${actionId}`);
			}

			return action;
		};

		/**
		 * A decision that starts a rolling update is decided again with how long the service's
		 * tasks took to start last time, read now, so that its estimate counts it.
		 */
		const withStartTime = (action: ServiceAction, service: SwarmService, values: FormValues, decision: Decision, then: (decision: Decision) => void) => {
			if (!decision.estimate) {
				then(decision);
				return;
			}

			// `Enter y` in one burst: the y is for the question this opens.
			const release = holdKeys();
			void client.listTasks(service.id).then(taskStartMs, () => undefined).then(startMs => {
				then(startMs === undefined ? decision : action.decide(service, values, {references: references.current, taskStartMs: startMs}));
			}).finally(release);
		};

		/** Asks again about a service that changed: its new state, a new decision, and why. */
		const askAgain = (action: ServiceAction, service: SwarmService, values: FormValues, why: string) => {
			const refusal = action.refusal?.(service);
			if (refusal) {
				notice(`${why} ${refusal}`);
				return;
			}

			if (action.formFollowsSpec && action.form) {
				dispatch({type: 'openDialog', dialog: {kind: 'action', actionId: action.id, serviceId: service.id, stage: 'form', values, message: why}});
				return;
			}

			try {
				withStartTime(action, service, values, action.decide(service, values, {references: references.current}), decision => {
					dispatch({type: 'openDialog', dialog: {kind: 'action', actionId: action.id, serviceId: service.id, stage: 'confirm', values, decision, decidedSpec: service.spec, message: why}});
				});
			} catch (error) {
				if (action.form) {
					dispatch({type: 'openDialog', dialog: {kind: 'action', actionId: action.id, serviceId: service.id, stage: 'form', values, message: `${why} ${messageOf(error)}`}});
				} else {
					notice(`${why} ${messageOf(error)}`);
				}
			}
		};

		const send = async (action: ServiceAction, service: SwarmService, values: FormValues, decision: Decision, decidedSpec: RawServiceSpec) => {
			if (inFlight.current.has(service.id)) {
				notice(`A change to ${service.name} is still on its way: this one was not sent. Wait for the first to finish.`);
				return;
			}

			inFlight.current.add(service.id);
			dispatch({type: 'status', status: {kind: 'running', description: decision.progress}});
			const {record} = model.timeline.begin({type: 'service', id: service.id, name: service.name}, {command: decision.command, asked: decision.progress});

			try {
				const outcome = await client.writeService({id: service.id, name: service.name}, decision.write, decidedSpec);
				const versions = outcome.versionAfter === undefined ? '' : ` (version ${outcome.versionBefore} → ${outcome.versionAfter})`;
				dispatch({type: 'status', status: {kind: 'done', result: {service: service.name, command: decision.command, summary: `${decision.summary}${versions}`, warnings: outcome.warnings}}});
				dispatch({type: 'rememberEstimate', serviceId: service.id, estimate: decision.estimate && {...decision.estimate, sentAt: new Date()}});
				record('done', decision.summary, {versionBefore: outcome.versionBefore, versionAfter: outcome.versionAfter});
			} catch (error) {
				if (error instanceof StaleWriteError) {
					record('not sent', error.message);
					dispatch({type: 'status', status: {kind: 'notice', message: error.message}});
					askAgain(action, error.service, values, error.message);
				} else {
					const nothingSent = error instanceof ValidationError || error instanceof ReadOnlyError;
					const message = error instanceof UnknownOutcomeError ? `${error.message}` : messageOf(error);
					record(nothingSent ? 'not sent' : (error instanceof UnknownOutcomeError ? 'unknown' : 'failed'), message);
					dispatch({type: 'status', status: {kind: 'failed', description: decision.progress, message, nothingSent}});
				}
			} finally {
				inFlight.current.delete(service.id);
				model.refreshAll();
			}
		};

		/** Sends the decision now, or asks first. */
		const proceed = (action: ServiceAction, service: SwarmService, values: FormValues, firstDecision: Decision) => {
			withStartTime(action, service, values, firstDecision, decision => {
				decideNext(action, service, values, decision);
			});
		};

		const decideNext = (action: ServiceAction, service: SwarmService, values: FormValues, decision: Decision) => {
			if (decision.confirm) {
				dispatch({type: 'openDialog', dialog: {kind: 'action', actionId: action.id, serviceId: service.id, stage: 'confirm', values, decision, decidedSpec: service.spec}});
			} else {
				dispatch({type: 'closeDialog'});
				void send(action, service, values, decision, service.spec);
			}
		};

		/** Reads the secrets, configs and networks again; false (with the reason said) when that failed. */
		const loadReferences = async (): Promise<boolean> => {
			try {
				references.current = await client.listReferences();
				return true;
			} catch (error) {
				notice(`The swarm's secrets, configs and networks could not be read: ${messageOf(error)}`);
				return false;
			}
		};

		/** Opens the form, or asks first, or sends: once anything the action reads is at hand. */
		const begin = (action: ServiceAction, service: SwarmService, values: FormValues | undefined, complete: boolean) => {
			const refusal = action.refusal?.(service);
			if (refusal) {
				notice(refusal);
				return;
			}

			if (!complete && action.form) {
				dispatch({type: 'openDialog', dialog: {kind: 'action', actionId: action.id, serviceId: service.id, stage: 'form', ...(values ? {values} : {})}});
				return;
			}

			try {
				proceed(action, service, values ?? {}, action.decide(service, values ?? {}, {references: references.current}));
			} catch (error) {
				notice(messageOf(error));
			}
		};

		const actions: Actions = {
			dispatch,
			client,
			notice,
			references: () => references.current,
			holdKeys,
			start(actionId, service, values, complete = values !== undefined) {
				const action = lookUp(actionId);
				if (client.readOnly) {
					notice(new ReadOnlyError(action.name).message);
					return;
				}

				if (action.needsReferences) {
					const release = holdKeys();
					void loadReferences().then(loaded => {
						if (loaded) {
							begin(action, service, values, complete);
						}
					}).finally(release);
					return;
				}

				begin(action, service, values, complete);
			},
			submit(actionId, service, values) {
				const action = lookUp(actionId);
				try {
					proceed(action, service, values, action.decide(service, values, {references: references.current}));
					return undefined;
				} catch (error) {
					return error instanceof ValidationError ? error.sentence : messageOf(error);
				}
			},
			confirm(actionId, service, values, decision, decidedSpec) {
				const action = lookUp(actionId);
				// The screen may already know the service changed since the question was shown:
				// then nothing is sent, and the question is asked again about what it is now.
				if (outran(decision, service)) {
					askAgain(action, service, values, `${service.name} changed while this was open. Nothing was sent: check the new state and decide again.`);
					return;
				}

				dispatch({type: 'closeDialog'});
				void send(action, service, values, decision, decidedSpec);
			},
		};
		return actions;
	}, [client, model, dispatch, keyInput]);
	return <ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>;
}
