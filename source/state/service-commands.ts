// The commands bound to the selected service, shared by every screen that shows one:
// inspect and logs open a screen; every other one is an action that changes the swarm.
import {serviceActionById} from '../actions/index.js';
import type {CommandId} from '../keys/registry.js';
import type {SwarmService} from '../swarm/types.js';
import {useActions} from './actions.js';
import {useStartCreate} from './create.js';

export function useServiceCommands(): (id: CommandId, service: SwarmService | undefined) => boolean {
	const {dispatch, start, notice} = useActions();
	const startCreate = useStartCreate();
	return (id, service) => {
		if (id === 'create') {
			startCreate();
			return true;
		}

		if (id === 'createCopy' && service) {
			startCreate(service);
			return true;
		}

		const isAction = serviceActionById(id) !== undefined;
		if (!isAction && id !== 'inspect' && id !== 'logs') {
			return false;
		}

		if (!service) {
			notice('No service is selected.');
		} else if (isAction) {
			start(id, service);
		} else if (id === 'logs') {
			dispatch({type: 'openLogs', serviceId: service.id});
		} else {
			dispatch({type: 'open', screen: {kind: 'inspect', serviceId: service.id}});
		}

		return true;
	};
}
