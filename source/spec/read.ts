// A spec read as the daemon applies it: absent fields take swarmkit's defaults. The
// normalised model, the edits and the diff all read specs through these, so they agree.
import {
	defaultUpdatePolicy,
	type FailureAction,
	type PolicyKind,
	type RawServiceSpec,
	type RawUpdateConfig,
	type ServiceMode,
	type UpdateOrder,
	type UpdatePolicy,
} from '../swarm/types.js';

export function serviceModeOf(spec: RawServiceSpec): ServiceMode {
	const mode = spec.Mode ?? {};
	if (mode.Global) {
		return 'global';
	}

	if (mode.ReplicatedJob) {
		return 'replicated-job';
	}

	if (mode.GlobalJob) {
		return 'global-job';
	}

	return 'replicated';
}

/** The desired count: Replicas, or TotalCompletions of a replicated job; undefined for global modes. */
export function desiredReplicasOf(spec: RawServiceSpec): number | undefined {
	const mode = serviceModeOf(spec);
	if (mode === 'replicated') {
		return spec.Mode?.Replicated?.Replicas ?? 1;
	}

	if (mode === 'replicated-job') {
		return spec.Mode?.ReplicatedJob?.TotalCompletions ?? 1;
	}

	return undefined;
}

/** A policy with the daemon's defaults for every absent field (a Monitor of 0 means the default too). */
export function policyOf(config: RawUpdateConfig | undefined | null): UpdatePolicy {
	return {
		parallelism: config?.Parallelism ?? defaultUpdatePolicy.parallelism,
		delay: config?.Delay ?? defaultUpdatePolicy.delay,
		failureAction: (config?.FailureAction as FailureAction | undefined) ?? defaultUpdatePolicy.failureAction,
		monitor: config?.Monitor || defaultUpdatePolicy.monitor,
		maxFailureRatio: config?.MaxFailureRatio ?? defaultUpdatePolicy.maxFailureRatio,
		order: (config?.Order as UpdateOrder | undefined) ?? defaultUpdatePolicy.order,
	};
}

export const policyKey = {update: 'UpdateConfig', rollback: 'RollbackConfig'} as const satisfies Record<PolicyKind, keyof RawServiceSpec>;

export function policyIn(spec: RawServiceSpec, kind: PolicyKind): UpdatePolicy {
	return policyOf(spec[policyKey[kind]]);
}

export function imageOf(spec: RawServiceSpec): string {
	return spec.TaskTemplate?.ContainerSpec?.Image ?? '';
}
