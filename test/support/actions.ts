// An action carried out the way the UI does it, without the UI: read the service, let the
// action refuse or decide, send the decision. For tests and benchmarks against a daemon.
import type {Decision, FormValues} from '../../source/actions/action.js';
import {serviceActionById} from '../../source/actions/index.js';
import type {SwarmClient} from '../../source/swarm/client.js';
import {ValidationError} from '../../source/swarm/errors.js';
import type {WriteOutcome} from '../../source/swarm/write.js';

export async function perform(client: SwarmClient, actionId: string, serviceName: string, values: FormValues = {}): Promise<{decision: Decision; outcome: WriteOutcome}> {
	const action = serviceActionById(actionId);
	if (!action) {
		throw new Error(`no action ${actionId}`);
	}

	const service = await client.inspectService(serviceName);
	const refusal = action.refusal?.(service);
	if (refusal) {
		throw new ValidationError(action.name, refusal);
	}

	const decision = action.decide(service, values);
	const outcome = await client.writeService({id: service.id, name: service.name}, decision.write, service.spec);
	return {decision, outcome};
}
