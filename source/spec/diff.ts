// What differs between two specs of one service, field by field, in the words of
// `docker service update` flags. A rollback swaps Spec and PreviousSpec, so its preview is
// this diff; it covers the whole spec: fields without a name of their own are still listed
// by their path, so a preview never says "nothing differs" when something does.
import {policyFieldLabel, policyFields, policyText, policyValue} from './edits.js';
import {desiredReplicasOf, serviceModeOf} from './read.js';
import type {RawServiceSpec} from '../swarm/types.js';

export type SpecChange = {
	/** `image`, `env`, `update-delay`, or the spec path of a field without a name. */
	field: string;
	from: string;
	to: string;
	/** A change to the task template or the endpoint: tasks are replaced. */
	replacesTasks: boolean;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- walking raw API JSON */
type Json = any;

const none = '(none)';

function listText(values: unknown): string {
	return Array.isArray(values) && values.length > 0 ? values.map(value => typeof value === 'string' ? value : JSON.stringify(value)).join(' ') : none;
}

function mapText(map: unknown): string {
	const entries = map && typeof map === 'object' ? Object.entries(map as Record<string, unknown>) : [];
	return entries.length > 0 ? entries.map(([key, value]) => `${key}=${String(value)}`).join(' ') : none;
}

function portsText(spec: RawServiceSpec): string {
	const ports = (spec.EndpointSpec?.Ports ?? []) as Json[];
	return ports.length > 0
		? ports.map(port => `${String(port.PublishedPort ?? '*')}:${String(port.TargetPort)}/${String(port.Protocol ?? 'tcp')}${port.PublishMode === 'host' ? ' (host)' : ''}`).join(', ')
		: none;
}

const secretText = (references: unknown) => listText(Array.isArray(references) ? references.map((reference: Json) => `${String(reference.SecretName ?? reference.ConfigName ?? '?')}→${String(reference.File?.Name ?? '')}`) : []);
const mountText = (mounts: unknown) => listText(Array.isArray(mounts) ? mounts.map((mount: Json) => `${String(mount.Type ?? 'volume')}:${String(mount.Source ?? '')}→${String(mount.Target ?? '')}${mount.ReadOnly ? ':ro' : ''}`) : []);
const networkText = (networks: unknown) => listText(Array.isArray(networks) ? networks.map((network: Json) => String(network.Target ?? '?')) : []);
const jsonText = (value: unknown) => value === undefined || value === null ? none : JSON.stringify(value);

type NamedField = {
	field: string;
	/** The spec paths this field covers: the generic pass skips them. */
	paths: string[];
	read: (spec: RawServiceSpec) => string;
};

const container = (spec: RawServiceSpec): Json => spec.TaskTemplate?.ContainerSpec ?? {};
const task = (spec: RawServiceSpec): Json => spec.TaskTemplate ?? {};

// In the order a person cares about them; each named as the CLI flag that changes it.
const namedFields: NamedField[] = [
	{field: 'image', paths: ['TaskTemplate.ContainerSpec.Image'], read: spec => container(spec).Image ?? ''},
	{field: 'mode', paths: ['Mode'], read: serviceModeOf},
	{field: 'replicas', paths: ['Mode.Replicated.Replicas', 'Mode.ReplicatedJob.TotalCompletions'], read: spec => String(desiredReplicasOf(spec) ?? '-')},
	{field: 'env', paths: ['TaskTemplate.ContainerSpec.Env'], read: spec => listText(container(spec).Env)},
	{field: 'entrypoint', paths: ['TaskTemplate.ContainerSpec.Command'], read: spec => listText(container(spec).Command)},
	{field: 'args', paths: ['TaskTemplate.ContainerSpec.Args'], read: spec => listText(container(spec).Args)},
	{field: 'secrets', paths: ['TaskTemplate.ContainerSpec.Secrets'], read: spec => secretText(container(spec).Secrets)},
	{field: 'configs', paths: ['TaskTemplate.ContainerSpec.Configs'], read: spec => secretText(container(spec).Configs)},
	{field: 'mounts', paths: ['TaskTemplate.ContainerSpec.Mounts'], read: spec => mountText(container(spec).Mounts)},
	{field: 'networks', paths: ['TaskTemplate.Networks'], read: spec => networkText(task(spec).Networks)},
	{field: 'ports', paths: ['EndpointSpec.Ports'], read: portsText},
	{field: 'endpoint-mode', paths: ['EndpointSpec.Mode'], read: spec => spec.EndpointSpec?.Mode ?? 'vip'},
	{field: 'constraints', paths: ['TaskTemplate.Placement.Constraints'], read: spec => listText(task(spec).Placement?.Constraints)},
	{field: 'placement-prefs', paths: ['TaskTemplate.Placement.Preferences'], read: spec => jsonText(task(spec).Placement?.Preferences)},
	{field: 'max-replicas per node', paths: ['TaskTemplate.Placement.MaxReplicas'], read: spec => String(task(spec).Placement?.MaxReplicas ?? 0)},
	{field: 'resources', paths: ['TaskTemplate.Resources'], read: spec => jsonText(task(spec).Resources)},
	{field: 'restart policy', paths: ['TaskTemplate.RestartPolicy'], read: spec => jsonText(task(spec).RestartPolicy)},
	{field: 'health check', paths: ['TaskTemplate.ContainerSpec.Healthcheck'], read: spec => jsonText(container(spec).Healthcheck)},
	{field: 'container labels', paths: ['TaskTemplate.ContainerSpec.Labels'], read: spec => mapText(container(spec).Labels)},
	{field: 'labels', paths: ['Labels'], read: spec => mapText(spec.Labels)},
	...(['update', 'rollback'] as const).flatMap(kind => policyFields.map(policyField => ({
		field: policyFieldLabel(kind, policyField),
		paths: [`${kind === 'update' ? 'UpdateConfig' : 'RollbackConfig'}.${policyField.charAt(0).toUpperCase()}${policyField.slice(1)}`],
		read: (spec: RawServiceSpec) => policyText(policyField, policyValue(spec, kind, policyField)),
	}))),
	{field: 'force-update counter', paths: ['TaskTemplate.ForceUpdate'], read: spec => String(task(spec).ForceUpdate ?? 0)},
];

const coveredPaths = namedFields.flatMap(field => field.paths);

function isCovered(path: string): boolean {
	return coveredPaths.some(covered => path === covered || path.startsWith(`${covered}.`) || covered.startsWith(`${path}.`));
}

/** Leaves of a JSON value by dotted path; arrays are leaves (compared whole). */
function leaves(value: Json, prefix: string, out: Map<string, string>): void {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, child] of Object.entries(value)) {
			leaves(child, prefix ? `${prefix}.${key}` : key, out);
		}

		return;
	}

	if (prefix) {
		out.set(prefix, JSON.stringify(value));
	}
}

const replacesTasksAt = (path: string) => path.startsWith('TaskTemplate') || path.startsWith('EndpointSpec');

/** Changes going from `from` to `to`, named fields first, then any other field by its path. */
export function diffSpecs(from: RawServiceSpec, to: RawServiceSpec): SpecChange[] {
	const changes: SpecChange[] = [];
	for (const named of namedFields) {
		const before = named.read(from);
		const after = named.read(to);
		if (before !== after) {
			changes.push({field: named.field, from: before, to: after, replacesTasks: named.paths.some(path => replacesTasksAt(path))});
		}
	}

	const before = new Map<string, string>();
	const after = new Map<string, string>();
	leaves(from, '', before);
	leaves(to, '', after);
	const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
	for (const path of paths) {
		if (isCovered(path) || before.get(path) === after.get(path)) {
			continue;
		}

		changes.push({field: path, from: before.get(path) ?? none, to: after.get(path) ?? none, replacesTasks: replacesTasksAt(path)});
	}

	return changes;
}

/** Tasks are replaced only when the task template or the endpoint changes. */
export function replacesTasks(from: RawServiceSpec, to: RawServiceSpec): boolean {
	return JSON.stringify(from.TaskTemplate ?? {}) !== JSON.stringify(to.TaskTemplate ?? {})
		|| JSON.stringify(from.EndpointSpec ?? {}) !== JSON.stringify(to.EndpointSpec ?? {});
}
