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
			notice(new ReadOnlyError(command.hint ?? command.id).message);
			return true;
		}

		if (!service) {
			notice('No service is selected.');
			return true;
		}

		const replicas = service.replicas ?? 0;
		switch (id) {
			case 'scaleUp':
			case 'scaleDown': {
				const refusal = scaleRefusal(service);
				if (refusal) {
					notice(refusal);
					return true;
				}

				const target = id === 'scaleUp' ? replicas + 1 : replicas - 1;
				if (target < 0) {
					notice(`${service.name} already has 0 replicas.`);
				} else if (target === 0) {
					dispatch({type: 'openDialog', dialog: {kind: 'confirmScale', serviceId: service.id, replicas: '0'}});
				} else {
					void run(`Scaling ${service.name} to ${target}`, async client => client.scale(service.name, String(target)));
				}

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
