// Which services want a look first, for the key that jumps to them: a paused update or
// rollback (it stays so until someone acts), then a rollback that happened, then a service
// short of its replicas for longer than a rollout explains, then one with a policy warning.
import {replicaHealth} from '../format/service-table.js';
import type {SwarmService} from '../swarm/types.js';

/** Lower is more urgent; undefined when the service needs nothing. */
export function attentionRank(service: SwarmService, warnings: number, now: Date): number | undefined {
	const state = service.updateStatus?.state;
	if (state === 'paused' || state === 'rollback_paused') {
		return 0;
	}

	if (state === 'rollback_completed') {
		return 1;
	}

	if (replicaHealth(service, now) === 'short') {
		return 2;
	}

	return warnings > 0 ? 3 : undefined;
}

/**
 * The service to jump to from `currentId`: the most urgent first, in list order among
 * equals; from one of them, the next, round again after the last. Undefined when none needs a look.
 */
export function nextNeedingAttention(ordered: readonly SwarmService[], currentId: string | undefined, rank: (service: SwarmService) => number | undefined): SwarmService | undefined {
	const needing = ordered
		.map((service, index) => ({service, index, rank: rank(service)}))
		.filter((entry): entry is {service: SwarmService; index: number; rank: number} => entry.rank !== undefined)
		.sort((left, right) => left.rank - right.rank || left.index - right.index)
		.map(entry => entry.service);
	const at = needing.findIndex(service => service.id === currentId);
	return needing[(at + 1) % Math.max(1, needing.length)];
}
