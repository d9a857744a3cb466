// Starting a create, by key (empty, or a copy of the selected service) or from the palette
// (`docker service create …` as typed: decided at once, then asked about).
import {createWordsField, decideCreate} from '../actions/service/create.js';
import {useServices} from '../model/hooks.js';
import {emptyReferenceLists} from '../spec/families.js';
import {ReadOnlyError, ValidationError} from '../swarm/errors.js';
import type {SwarmService} from '../swarm/types.js';
import {useActions} from './actions.js';

export function useStartCreate(): (copy?: SwarmService, typedWords?: readonly string[]) => void {
	const {dispatch, client, notice, holdKeys} = useActions();
	const services = useServices().data ?? [];
	return (copy, typedWords) => {
		if (client.readOnly) {
			notice(new ReadOnlyError('create').message);
			return;
		}

		if (typedWords === undefined) {
			dispatch({type: 'openDialog', dialog: {kind: 'create', stage: 'form', ...(copy ? {copyOf: copy.id} : {})}});
			return;
		}

		const values = {[createWordsField]: JSON.stringify(typedWords)};
		// A typed --secret or --network names objects of the swarm: read their lists first.
		const release = holdKeys();
		void client.listReferences().catch(() => emptyReferenceLists).then(references => {
			try {
				dispatch({type: 'openDialog', dialog: {kind: 'create', stage: 'confirm', values, decision: decideCreate(values, services, references)}});
			} catch (error) {
				notice(error instanceof ValidationError ? error.sentence : String(error instanceof Error ? error.message : error));
			}
		}).finally(release);
	};
}
