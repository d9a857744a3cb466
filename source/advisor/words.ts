// Small readings shared by the rules: how many tasks an update changes, durations in words,
// and the fix as the docker command that makes it.
import {updateCommand} from '../swarm/commands.js';
import {formatGoDuration} from '../spec/go-duration.js';
import type {PolicyField} from '../spec/edits.js';
import type {PolicyKind, SwarmService, UpdatePolicy} from '../swarm/types.js';
import type {AdvisorInput} from './finding.js';

/**
 * How many slots an update changes: the replicas, or for a global service the nodes it runs
 * on (desired tasks as the daemon counts them; the active nodes when it has not said).
 */
export function slotCount({service, nodes}: Pick<AdvisorInput, 'service' | 'nodes'>): number {
	if (service.replicas !== undefined) {
		return service.replicas;
	}

	return service.desiredTasks || nodes.filter(node => node.availability === 'active' && node.state === 'ready').length;
}

export function isJob(service: SwarmService): boolean {
	return service.mode === 'replicated-job' || service.mode === 'global-job';
}

export function duration(ns: number): string {
	return formatGoDuration(ns);
}

export function tasksWord(count: number): string {
	return count === 1 ? '1 task' : `${count} tasks`;
}

/** `docker service update --update-order stop-first NAME`, quoted as the actions quote it. */
export function policyFix<F extends PolicyField>(service: SwarmService, changes: ReadonlyArray<{policy: PolicyKind; field: F; value: UpdatePolicy[F]}>): string {
	return updateCommand(service.name, changes.map(change => ({kind: 'policy', policy: change.policy, field: change.field, value: change.value})));
}

/** Whether a parallelism changes every slot at once: 0, or at least the slots there are. */
export function allAtOnce(parallelism: number, slots: number): boolean {
	return parallelism === 0 || parallelism >= slots;
}
