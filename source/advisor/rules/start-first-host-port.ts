// start-first runs old and new task side by side on the same node; a port published in host
// mode is held by the old one, so the new task cannot bind it (and, pending, stalls the update).
import {defineRule} from '../finding.js';
import type {PolicyKind} from '../../swarm/types.js';
import {policyFix} from '../words.js';

export const startFirstHostPort = defineRule({
	id: 'start-first-host-port',
	severity: 'warning',
	check({service}) {
		const hostPorts = service.ports.filter(port => port.publishMode === 'host' && port.publishedPort);
		const kinds = (['update', 'rollback'] as const satisfies readonly PolicyKind[])
			.filter(kind => (kind === 'update' ? service.updatePolicy : service.rollbackPolicy).order === 'start-first');
		if (hostPorts.length === 0 || kinds.length === 0) {
			return [];
		}

		const ports = hostPorts.map(port => `${port.publishedPort}/${port.protocol}`).join(', ');
		return [{
			message: `${kinds.join(' and ')} order start-first with port ${ports} published in host mode: the new task cannot bind the port the old one holds on its node, so it stays pending and the ${kinds[0]} stalls.`,
			fix: policyFix(service, kinds.map(kind => ({policy: kind, field: 'order' as const, value: 'stop-first' as const}))),
		}];
	},
});
