// The actions bound to the selected service, shared by every screen that shows one.
import {commandById, type CommandId} from '../keys/registry.js';
import {ReadOnlyError} from '../swarm/errors.js';
import type {SwarmService} from '../swarm/types.js';
import {scaleRefusal} from '../swarm/validate.js';
import {useActions} from './actions.js';

export function useServiceCommands(): (id: CommandId, service: SwarmService | undefined) => boolean {
	const {dispatch, client, run, notice} = useActions();
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

				// Going to 0 asks first; otherwise the write counts from the daemon's own number,
				// so two quick presses make two steps even before the screen has caught up.
				const replicas = service.replicas ?? 0;
				if (id === 'scaleDown' && replicas === 0) {
					notice(`${service.name} already has 0 replicas.`);
				} else if (id === 'scaleDown' && replicas === 1) {
					dispatch({type: 'openDialog', dialog: {kind: 'confirmScale', serviceId: service.id, replicas: '0'}});
				} else {
					const by = id === 'scaleUp' ? 1 : -1;
					void run(`Scaling ${service.name} ${by > 0 ? 'up' : 'down'} by one`, async client => client.scaleBy(service.name, by));
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
