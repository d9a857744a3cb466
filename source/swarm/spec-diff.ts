// What a rollback would change: the daemon swaps Spec and PreviousSpec, so the preview is
// the difference between the two, in the fields a person cares about.
import {formatGoDuration} from '../format/go-duration.js';
import {desiredReplicasOf, policyOf, serviceModeOf} from './normalize.js';
import {policyFields, policyFieldLabel} from './validate.js';
import type {RawServiceSpec} from './types.js';

export type SpecChange = {field: string; from: string; to: string};

function policyValue(field: string, value: unknown): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

function listText(values: unknown): string {
	return Array.isArray(values) && values.length > 0 ? values.join(' ') : '(none)';
}

function portsText(spec: RawServiceSpec): string {
	const ports = spec.EndpointSpec?.Ports ?? [];
	if (ports.length === 0) {
		return '(none)';
	}

	return ports.map(port => `${String(port['PublishedPort'] ?? '*')}:${String(port['TargetPort'])}/${String(port['Protocol'] ?? 'tcp')}`).join(', ');
}

/** Changes going from `from` to `to`, field by field; empty when they match in every field shown. */
export function diffSpecs(from: RawServiceSpec, to: RawServiceSpec): SpecChange[] {
	const changes: SpecChange[] = [];
	const compare = (field: string, before: string, after: string) => {
		if (before !== after) {
			changes.push({field, from: before, to: after});
		}
	};

	compare('image', from.TaskTemplate?.ContainerSpec?.Image ?? '', to.TaskTemplate?.ContainerSpec?.Image ?? '');
	compare('mode', serviceModeOf(from), serviceModeOf(to));
	compare('replicas', String(desiredReplicasOf(from) ?? '-'), String(desiredReplicasOf(to) ?? '-'));
	for (const kind of ['update', 'rollback'] as const) {
		const key = kind === 'update' ? 'UpdateConfig' : 'RollbackConfig';
		const before = policyOf(from[key]);
		const after = policyOf(to[key]);
		for (const field of policyFields) {
			compare(policyFieldLabel(kind, field), policyValue(field, before[field]), policyValue(field, after[field]));
		}
	}

	compare('force-update counter', String(from.TaskTemplate?.ForceUpdate ?? 0), String(to.TaskTemplate?.ForceUpdate ?? 0));
	compare('env', listText(from.TaskTemplate?.ContainerSpec?.['Env']), listText(to.TaskTemplate?.ContainerSpec?.['Env']));
	compare('args', listText(from.TaskTemplate?.ContainerSpec?.['Args']), listText(to.TaskTemplate?.ContainerSpec?.['Args']));
	compare('ports', portsText(from), portsText(to));
	return changes;
}

/** Tasks are replaced only when the task template or the endpoint changes. */
export function replacesTasks(from: RawServiceSpec, to: RawServiceSpec): boolean {
	return JSON.stringify(from.TaskTemplate ?? {}) !== JSON.stringify(to.TaskTemplate ?? {})
		|| JSON.stringify(from.EndpointSpec ?? {}) !== JSON.stringify(to.EndpointSpec ?? {});
}
