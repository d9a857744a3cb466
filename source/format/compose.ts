// A service's update and rollback policy as the lines of a Compose file (`docker stack
// deploy`), so that what was set with a key can be kept in the stack file: the Compose
// key names, Go duration strings for delay and monitor (as `docker stack deploy` parses
// them), and by default only the fields that differ from the daemon's defaults.
import {formatGoDuration} from '../spec/go-duration.js';
import {policyFields, type PolicyField} from '../spec/edits.js';
import {defaultUpdatePolicy, type PolicyKind, type UpdatePolicy} from '../swarm/types.js';

const composeKeys: Record<PolicyField, string> = {
	parallelism: 'parallelism',
	delay: 'delay',
	failureAction: 'failure_action',
	monitor: 'monitor',
	maxFailureRatio: 'max_failure_ratio',
	order: 'order',
};

const sectionKeys: Record<PolicyKind, string> = {update: 'update_config', rollback: 'rollback_config'};

function composeValue(field: PolicyField, value: UpdatePolicy[PolicyField]): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

/**
 * `deploy:` with `update_config:` and `rollback_config:` under it, two spaces a level;
 * an empty list when every field is the default and `all` is not asked for.
 */
export function composePolicyLines(policies: Record<PolicyKind, UpdatePolicy>, {all = false}: {all?: boolean} = {}): string[] {
	const sections = (['update', 'rollback'] as const).flatMap(kind => {
		const fields = policyFields.filter(field => all || policies[kind][field] !== defaultUpdatePolicy[field]);
		return fields.length === 0 ? [] : [`  ${sectionKeys[kind]}:`, ...fields.map(field => `    ${composeKeys[field]}: ${composeValue(field, policies[kind][field])}`)];
	});
	return sections.length === 0 ? [] : ['deploy:', ...sections];
}
