// Raw Engine API JSON → swarmdeck's shapes. Kept apart from the HTTP calls so that
// fixtures captured from a real daemon go through exactly the same code. Every string is
// made inert here, on the way in, so no screen can show a control character from the
// daemon; the write layer sends the raw inspected spec back instead (see write.ts).
import {inertDeep} from '../text/inert.js';
import {
	defaultUpdatePolicy,
	type FailureAction,
	type PublishedPort,
	type RawServiceSpec,
	type RawUpdateConfig,
	type ServiceMode,
	type SwarmNode,
	type SwarmService,
	type SwarmTask,
	type TaskState,
	type UpdateOrder,
	type UpdatePolicy,
	type UpdateState,
} from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON has no useful static type */
type RawJson = any;

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

/** A policy with the daemon's defaults for every absent field. */
export function policyOf(config: RawUpdateConfig | undefined): UpdatePolicy {
	return {
		parallelism: config?.Parallelism ?? defaultUpdatePolicy.parallelism,
		delay: config?.Delay ?? defaultUpdatePolicy.delay,
		failureAction: (config?.FailureAction as FailureAction | undefined) ?? defaultUpdatePolicy.failureAction,
		monitor: config?.Monitor || defaultUpdatePolicy.monitor,
		maxFailureRatio: config?.MaxFailureRatio ?? defaultUpdatePolicy.maxFailureRatio,
		order: (config?.Order as UpdateOrder | undefined) ?? defaultUpdatePolicy.order,
	};
}

function portsOf(raw: RawJson): PublishedPort[] {
	if (!Array.isArray(raw)) {
		return [];
	}

	return raw.map((port: RawJson) => ({
		protocol: port.Protocol ?? 'tcp',
		targetPort: port.TargetPort ?? 0,
		publishedPort: port.PublishedPort,
		publishMode: port.PublishMode ?? 'ingress',
	}));
}

function dateOf(value: unknown): Date {
	return typeof value === 'string' ? new Date(value) : new Date(0);
}

export function serviceFromApi(rawService: RawJson): SwarmService {
	const raw = inertDeep(rawService);
	const spec: RawServiceSpec = raw.Spec ?? {};
	const mode = serviceModeOf(spec);
	const replicas = desiredReplicasOf(spec);
	const status = raw.ServiceStatus;
	const updateStatus = raw.UpdateStatus;
	return {
		id: raw.ID,
		name: spec.Name ?? raw.ID,
		version: raw.Version?.Index ?? 0,
		mode,
		replicas,
		runningTasks: status?.RunningTasks ?? 0,
		desiredTasks: status?.DesiredTasks ?? replicas ?? 0,
		image: spec.TaskTemplate?.ContainerSpec?.Image ?? '',
		stack: spec.Labels?.['com.docker.stack.namespace'],
		ports: portsOf(raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports),
		updateStatus: updateStatus?.State
			? {
				state: updateStatus.State as UpdateState,
				message: updateStatus.Message ?? '',
				startedAt: updateStatus.StartedAt ? new Date(updateStatus.StartedAt) : undefined,
				completedAt: updateStatus.CompletedAt ? new Date(updateStatus.CompletedAt) : undefined,
			}
			: undefined,
		updatePolicy: policyOf(spec.UpdateConfig),
		rollbackPolicy: policyOf(spec.RollbackConfig),
		hasPreviousSpec: Boolean(raw.PreviousSpec),
		createdAt: dateOf(raw.CreatedAt),
		updatedAt: dateOf(raw.UpdatedAt),
		spec,
		previousSpec: raw.PreviousSpec,
	};
}

export function taskFromApi(rawTask: RawJson): SwarmTask {
	const raw = inertDeep(rawTask);
	return {
		id: raw.ID,
		serviceId: raw.ServiceID,
		slot: raw.Slot || undefined,
		nodeId: raw.NodeID || undefined,
		desiredState: raw.DesiredState as TaskState,
		state: (raw.Status?.State ?? 'new') as TaskState,
		stateSince: dateOf(raw.Status?.Timestamp),
		error: raw.Status?.Err || undefined,
		message: raw.Status?.Message ?? '',
		image: raw.Spec?.ContainerSpec?.Image ?? '',
		createdAt: dateOf(raw.CreatedAt),
		ports: portsOf(raw.Status?.PortStatus?.Ports),
	};
}

export function nodeFromApi(rawNode: RawJson): SwarmNode {
	const raw = inertDeep(rawNode);
	return {
		id: raw.ID,
		hostname: raw.Description?.Hostname ?? raw.ID,
		role: raw.Spec?.Role ?? 'worker',
		availability: raw.Spec?.Availability ?? 'active',
		state: raw.Status?.State ?? 'unknown',
		address: raw.Status?.Addr ?? '',
		isLeader: Boolean(raw.ManagerStatus?.Leader),
	};
}
