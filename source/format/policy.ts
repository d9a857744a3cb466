import type {UpdatePolicy} from '../swarm/types.js';
import {formatGoDuration} from '../spec/go-duration.js';

/** A policy in one short line for the task screen's header. */
export function formatPolicyShort(policy: UpdatePolicy): string {
	const parallelism = policy.parallelism === 0 ? 'all at once' : `${policy.parallelism} at a time`;
	return [
		parallelism,
		`delay ${formatGoDuration(policy.delay)}`,
		`monitor ${formatGoDuration(policy.monitor)}`,
		`on failure ${policy.failureAction}`,
		`max failure ${policy.maxFailureRatio}`,
		policy.order,
	].join(', ');
}

/** Each policy field as the policy form and the exercise checks name it. */
export const policyFieldLabels: Readonly<Record<keyof UpdatePolicy, string>> = {
	parallelism: 'parallelism',
	delay: 'delay',
	failureAction: 'failure action',
	monitor: 'monitor',
	maxFailureRatio: 'max failure ratio',
	order: 'order',
};
