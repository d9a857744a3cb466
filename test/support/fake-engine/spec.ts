// What the daemon does to a ServiceSpec on the way in (the defaults the lab shows on a spec
// created through the raw API), and the questions the orchestrator asks of a spec.
import type {ServiceSpec, TaskTemplate, UpdateConfig} from './api-types.js';

export type ModeKind = 'replicated' | 'global' | 'replicated-job' | 'global-job';

/** A spec as the daemon stores it: the input plus moby's and swarmkit's defaults. */
export function normalizeSpec(input: Partial<ServiceSpec>): ServiceSpec {
	const spec = structuredClone(input) as ServiceSpec;
	spec.Labels ??= {};
	const template: TaskTemplate = spec.TaskTemplate ?? {};
	template.ContainerSpec = {...template.ContainerSpec};
	template.ContainerSpec['Isolation'] ??= 'default';
	template.ForceUpdate ??= 0;
	template.Runtime ??= 'container';
	spec.TaskTemplate = template;
	const mode = spec.Mode ?? {};
	if (!mode.Global && !mode.ReplicatedJob && !mode.GlobalJob) {
		mode.Replicated = {Replicas: mode.Replicated?.Replicas ?? 1};
	}

	spec.Mode = mode;
	for (const key of ['UpdateConfig', 'RollbackConfig'] as const) {
		if (spec[key]) {
			spec[key] = normalizeUpdateConfig(spec[key]);
		}
	}

	if (spec.EndpointSpec) {
		spec.EndpointSpec = {
			Mode: spec.EndpointSpec.Mode ?? 'vip',
			...(spec.EndpointSpec.Ports
				? {Ports: spec.EndpointSpec.Ports.map(port => ({Protocol: 'tcp', ...port, PublishMode: port.PublishMode ?? 'ingress'}))}
				: {}),
		};
	}

	return spec;
}

/** Go's zero values: Parallelism and MaxFailureRatio always there, Delay and Monitor only when set. */
function normalizeUpdateConfig(config: UpdateConfig): UpdateConfig {
	return {
		Parallelism: config.Parallelism ?? 0,
		...(config.Delay ? {Delay: config.Delay} : {}),
		FailureAction: config.FailureAction ?? 'pause',
		...(config.Monitor ? {Monitor: config.Monitor} : {}),
		MaxFailureRatio: config.MaxFailureRatio ?? 0,
		Order: config.Order ?? 'stop-first',
	};
}

export function modeOf(spec: ServiceSpec): ModeKind {
	if (spec.Mode.Global) {
		return 'global';
	}

	if (spec.Mode.ReplicatedJob) {
		return 'replicated-job';
	}

	if (spec.Mode.GlobalJob) {
		return 'global-job';
	}

	return 'replicated';
}

export function replicasOf(spec: ServiceSpec): number {
	return spec.Mode.Replicated?.Replicas ?? spec.Mode.ReplicatedJob?.TotalCompletions ?? 0;
}

/** An update policy with swarmkit's defaults, in milliseconds. */
export type Policy = {
	parallelism: number;
	delayMs: number;
	failureAction: 'pause' | 'continue' | 'rollback';
	monitorMs: number;
	maxFailureRatio: number;
	order: 'stop-first' | 'start-first';
};

export function policyOf(config: UpdateConfig | undefined): Policy {
	return {
		parallelism: config?.Parallelism ?? 1,
		delayMs: (config?.Delay ?? 0) / 1e6,
		failureAction: (config?.FailureAction ?? 'pause') as Policy['failureAction'],
		monitorMs: (config?.Monitor || 5e9) / 1e6,
		maxFailureRatio: config?.MaxFailureRatio ?? 0,
		order: (config?.Order ?? 'stop-first') as Policy['order'],
	};
}

/**
 * What decides whether a task is up to date: swarmkit replaces a task when the task template
 * or the endpoint changes, and nothing else (replicas, policies and labels replace none).
 */
export function taskSpecKey(spec: ServiceSpec): string {
	return JSON.stringify([spec.TaskTemplate, spec.EndpointSpec ?? {}]);
}

/** The task's copy of the template: swarmkit keeps everything but Runtime. */
export function taskSpecOf(spec: ServiceSpec): TaskTemplate {
	const template = structuredClone(spec.TaskTemplate);
	delete template.Runtime;
	return template;
}

export function imageOf(spec: ServiceSpec | undefined): string {
	return spec?.TaskTemplate.ContainerSpec?.Image ?? '';
}

/** The restart delay of the restart policy (default 5 s). */
export function restartDelayMs(spec: ServiceSpec): number {
	return (spec.TaskTemplate.RestartPolicy?.Delay ?? 5e9) / 1e6;
}

export function restartsOnFailure(spec: ServiceSpec): boolean {
	return (spec.TaskTemplate.RestartPolicy?.Condition ?? 'any') !== 'none';
}

/** DNS-name rule swarmkit applies to service names. */
export function validServiceName(name: unknown): name is string {
	return typeof name === 'string' && /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/.test(name) && name.length <= 63;
}
