// Runs the node actions the way the service actions run (see actions.tsx): refuse in words,
// or open the form, or ask first, then send through the guarded node write. One write at a
// time per node; a node whose spec changed since the question was shown gets the question again.
import {createContext, useContext, useMemo, useRef, type ReactNode} from 'react';
import type {FormValues, NodeAction, NodeSubject} from '../actions/action.js';
import {nodeActionById} from '../actions/index.js';
import {useSwarmModel} from '../model/hooks.js';
import type {SwarmModel} from '../model/swarm-model.js';
import {ReadOnlyError, ValidationError} from '../swarm/errors.js';
import {StaleNodeError} from '../swarm/node-write.js';
import type {SwarmNode} from '../swarm/types.js';
import {useActions} from './actions.js';
import type {NodeActionDialog} from './store.js';

export type NodeActions = {
	/** A node action was asked for, by key or by name; `values` from the palette, `complete` when they are all there. */
	start: (actionId: string, nodeId: string, values?: FormValues, complete?: boolean) => void;
	/** A form was sent: the sentence to show in the form when it cannot go on. */
	submit: (actionId: string, nodeId: string, values: FormValues) => string | undefined;
	/** `y` in a confirmation. */
	confirm: (dialog: NodeActionDialog & {stage: 'confirm'}) => void;
	/** What the action decides on, as the swarm is known now; undefined when the node is gone. */
	subject: (nodeId: string) => NodeSubject | undefined;
};

const NodeActionsContext = createContext<NodeActions | undefined>(undefined);

export function useNodeActions(): NodeActions {
	const actions = useContext(NodeActionsContext);
	if (!actions) {
		throw new Error('useNodeActions needs a NodeActionsProvider');
	}

	return actions;
}

const messageOf = (error: unknown) => error instanceof ValidationError ? error.sentence : (error instanceof Error ? error.message : String(error));

/** The node, every node, its tasks meant to run, and the services, from the live model. */
export function nodeSubject(model: SwarmModel, nodeId: string): NodeSubject | undefined {
	const nodes = model.nodes.getSnapshot().data ?? [];
	const node = nodes.find(candidate => candidate.id === nodeId);
	if (!node) {
		return undefined;
	}

	const tasks = (model.runningTasks.getSnapshot().data ?? []).filter(task => task.nodeId === nodeId && task.desiredState === 'running');
	return {node, nodes, tasks, services: model.services.getSnapshot().data ?? []};
}

export function NodeActionsProvider({children}: {children: ReactNode}) {
	const model = useSwarmModel();
	const {dispatch, client, notice} = useActions();
	// Nodes with a write on its way, checked and set synchronously (keys can arrive together).
	const inFlight = useRef(new Set<string>());

	const actions = useMemo<NodeActions>(() => {
		const lookUp = (actionId: string): NodeAction => {
			const action = nodeActionById(actionId);
			if (!action) {
				throw new Error(`no node action ${actionId}`);
			}

			return action;
		};

		const subject = (nodeId: string) => nodeSubject(model, nodeId);

		/** Every node action asks first: the decision becomes a confirmation, or its sentence a notice. */
		const ask = (action: NodeAction, target: NodeSubject, values: FormValues, message?: string) => {
			const refusal = action.refusal?.(target);
			if (refusal) {
				notice(message ? `${message} ${refusal}` : refusal);
				return;
			}

			try {
				const decision = action.decide(target, values);
				dispatch({type: 'openDialog', dialog: {kind: 'nodeAction', actionId: action.id, nodeId: target.node.id, stage: 'confirm', values, decision, decided: target.node, ...(message ? {message} : {})}});
			} catch (error) {
				if (action.form) {
					dispatch({type: 'openDialog', dialog: {kind: 'nodeAction', actionId: action.id, nodeId: target.node.id, stage: 'form', values, message: message ? `${message} ${messageOf(error)}` : messageOf(error)}});
				} else {
					notice(message ? `${message} ${messageOf(error)}` : messageOf(error));
				}
			}
		};

		const send = async (dialog: NodeActionDialog & {stage: 'confirm'}, node: SwarmNode) => {
			const {decision} = dialog;
			if (inFlight.current.has(node.id)) {
				notice(`A change to ${node.hostname} is still on its way: this one was not sent. Wait for the first to finish.`);
				return;
			}

			inFlight.current.add(node.id);
			dispatch({type: 'status', status: {kind: 'running', description: decision.progress}});
			const {record} = model.timeline.begin({type: 'node', id: node.id, name: node.hostname}, {command: decision.command, asked: decision.progress});

			try {
				const outcome = await client.writeNode({id: node.id, hostname: node.hostname}, decision.write, dialog.decided);
				const versions = outcome.versionAfter === undefined ? '' : ` (version ${outcome.versionBefore} → ${outcome.versionAfter})`;
				dispatch({type: 'status', status: {kind: 'done', result: {service: node.hostname, command: decision.command, summary: `${decision.summary}${versions}`, warnings: []}}});
				record('done', decision.summary, {versionBefore: outcome.versionBefore, versionAfter: outcome.versionAfter});
			} catch (error) {
				const nothingSent = error instanceof ValidationError || error instanceof ReadOnlyError || error instanceof StaleNodeError;
				record(nothingSent ? 'not sent' : 'failed', messageOf(error));
				if (error instanceof StaleNodeError) {
					const target = subject(node.id);
					const fresh = target ? {...target, node: error.node} : undefined;
					if (fresh) {
						ask(lookUp(dialog.actionId), fresh, dialog.values, error.message);
					} else {
						notice(error.message);
					}
				} else {
					dispatch({type: 'status', status: {kind: 'failed', description: decision.progress, message: messageOf(error), nothingSent}});
				}
			} finally {
				inFlight.current.delete(node.id);
				model.refreshAll();
			}
		};

		return {
			subject,
			start(actionId, nodeId, values, complete = values !== undefined) {
				const action = lookUp(actionId);
				if (client.readOnly) {
					notice(new ReadOnlyError(action.name).message);
					return;
				}

				const target = subject(nodeId);
				if (!target) {
					notice('That node is not known (yet): wait for the nodes to load.');
					return;
				}

				const refusal = action.refusal?.(target);
				if (refusal) {
					notice(refusal);
				} else if (!complete && action.form) {
					dispatch({type: 'openDialog', dialog: {kind: 'nodeAction', actionId, nodeId, stage: 'form', ...(values ? {values} : {})}});
				} else {
					// A drain says which tasks move: read them now, not from a count polled seconds ago
					// (or never, when the nodes screen was not opened).
					client.listTasksWhere({nodeId}).then(tasks => {
						ask(action, {...target, tasks: tasks.filter(task => task.desiredState === 'running')}, values ?? {});
					}, (error: unknown) => {
						notice(`The tasks of ${target.node.hostname} could not be read: ${messageOf(error)} Nothing was sent.`);
					});
				}
			},
			submit(actionId, nodeId, values) {
				const action = lookUp(actionId);
				const target = subject(nodeId);
				if (!target) {
					return 'That node no longer exists.';
				}

				try {
					const decision = action.decide(target, values);
					dispatch({type: 'openDialog', dialog: {kind: 'nodeAction', actionId, nodeId, stage: 'confirm', values, decision, decided: target.node}});
					return undefined;
				} catch (error) {
					return messageOf(error);
				}
			},
			confirm(dialog) {
				const target = subject(dialog.nodeId);
				if (!target) {
					notice('That node no longer exists. Nothing was sent.');
					dispatch({type: 'closeDialog'});
					return;
				}

				// Known to have changed already: ask again about what it is now, send nothing.
				if (target.node.specDigest !== dialog.decision.write.basis.specDigest) {
					ask(lookUp(dialog.actionId), target, dialog.values, `${target.node.hostname} changed while this was open. Nothing was sent: check the new state and decide again.`);
					return;
				}

				dispatch({type: 'closeDialog'});
				void send(dialog, target.node);
			},
		};
	}, [client, model, dispatch, notice]);
	return <NodeActionsContext.Provider value={actions}>{children}</NodeActionsContext.Provider>;
}
