// The actions bound to the selected service, shared by every screen that shows one.
import {commandById, type CommandId} from '../keys/registry.js';
import {useSwarmModel} from '../model/hooks.js';
import type {SwarmModel} from '../model/swarm-model.js';
import {ReadOnlyError} from '../swarm/errors.js';
import type {SwarmService} from '../swarm/types.js';
import {scaleRefusal} from '../swarm/validate.js';
import {useActions} from './actions.js';

/**
 * A replica count asked for with + or - that the services on screen do not show yet: its
 * write is on its way, or the services have not been read again since (`readBefore`).
 */
type PendingScale = {target: number; writes: number; readBefore?: readonly SwarmService[]};

const pendingScales = new WeakMap<SwarmModel, Map<string, PendingScale>>();

function pendingScalesOf(model: SwarmModel): Map<string, PendingScale> {
	let pending = pendingScales.get(model);
	if (!pending) {
		pending = new Map();
		pendingScales.set(model, pending);
	}

	return pending;
}

export function useServiceCommands(): (id: CommandId, service: SwarmService | undefined) => boolean {
	const {dispatch, client, run, notice} = useActions();
	const model = useSwarmModel();
	return (id, service) => {
		const command = commandById(id);
		if (command.scope !== 'service') {
			return false;
		}

		if (command.mutating && client.readOnly) {
			notice(new ReadOnlyError(command.action ?? command.id).message);
			return true;
		}

		if (!service) {
			notice('No service is selected.');
			return true;
		}

		switch (id) {
			case 'scaleUp':
			case 'scaleDown': {
				const refusal = scaleRefusal(service);
				if (refusal) {
					notice(refusal);
					return true;
				}

				// Presses come faster than the swarm answers: count from the last count asked for
				// until the services have been read again after its write, or + + makes 5 and 5.
				const pending = pendingScalesOf(model);
				const waiting = pending.get(service.id);
				const known = waiting && (waiting.writes > 0 || model.services.getSnapshot().data === waiting.readBefore) ? waiting : undefined;
				const replicas = known?.target ?? service.replicas ?? 0;
				const target = id === 'scaleUp' ? replicas + 1 : replicas - 1;
				if (target < 0) {
					notice(`${service.name} already has 0 replicas.`);
				} else if (target === 0) {
					dispatch({type: 'openDialog', dialog: {kind: 'confirmScale', serviceId: service.id, replicas: '0'}});
				} else {
					const entry: PendingScale = known ?? {target, writes: 0};
					entry.target = target;
					entry.writes++;
					pending.set(service.id, entry);
					void run(`Scaling ${service.name} to ${target}`, async client => client.scale(service.name, String(target))).then(sent => {
						entry.writes--;
						if (!sent) {
							pending.delete(service.id);
						} else if (entry.writes === 0) {
							entry.readBefore = model.services.getSnapshot().data;
						}
					});
				}

				return true;
			}

			case 'inspect': {
				dispatch({type: 'open', screen: {kind: 'inspect', serviceId: service.id}});
				return true;
			}

			case 'scale':
			case 'policy':
			case 'rollback':
			case 'image':
			case 'force': {
				dispatch({type: 'openDialog', dialog: {kind: id, serviceId: service.id}});
				return true;
			}

			default: {
				return false;
			}
		}
	};
}
