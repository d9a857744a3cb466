// Raw Engine API JSON → swarmdeck's shapes. Kept apart from the HTTP calls so that
// fixtures captured from a real daemon go through exactly the same code. Every string is
// made inert here, on the way in, so no screen can show a control character from the
// daemon; the write layer sends the raw inspected spec back instead (see write.ts).
import {specDigest} from '../spec/digest.js';
import {desiredReplicasOf, policyOf, serviceModeOf} from '../spec/read.js';
import {inertDeep} from '../text/inert.js';
import type {PublishedPort, RawServiceSpec, ResourceKind, SwarmNode, SwarmResource, SwarmService, SwarmTask, TaskState, UpdateState} from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON has no useful static type */
type RawJson = any;

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
		// Of the specs as the daemon sent them: the write layer compares them with what it inspects.
		specDigest: specDigest(rawService.Spec),
		previousSpecDigest: specDigest(rawService.PreviousSpec),
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
		version: raw.Version?.Index ?? 0,
		specDigest: specDigest(rawNode.Spec),
		...(raw.ManagerStatus?.Reachability ? {reachability: raw.ManagerStatus.Reachability} : {}),
		engineVersion: raw.Description?.Engine?.EngineVersion ?? '',
		labels: raw.Spec?.Labels ?? {},
	};
}

/**
 * A secret, config or network from its list. Only names, IDs, dates, driver and scope are
 * read: a config's Data is left where it is, and a secret's list carries none.
 */
export function resourceFromApi(kind: ResourceKind, rawResource: RawJson): SwarmResource {
	const raw = {
		ID: rawResource?.ID ?? rawResource?.Id,
		Name: rawResource?.Spec?.Name ?? rawResource?.Name,
		CreatedAt: rawResource?.CreatedAt ?? rawResource?.Created,
		UpdatedAt: rawResource?.UpdatedAt,
		Driver: kind === 'network' ? rawResource?.Driver : rawResource?.Spec?.Driver?.Name,
		Scope: rawResource?.Scope,
		Ingress: rawResource?.Ingress,
	};
	const clean = inertDeep(raw);
	return {
		kind,
		id: String(clean.ID ?? ''),
		name: String(clean.Name ?? clean.ID ?? ''),
		...(typeof clean.CreatedAt === 'string' ? {createdAt: dateOf(clean.CreatedAt)} : {}),
		...(typeof clean.UpdatedAt === 'string' ? {updatedAt: dateOf(clean.UpdatedAt)} : {}),
		...(typeof clean.Driver === 'string' ? {driver: clean.Driver} : {}),
		...(typeof clean.Scope === 'string' ? {scope: clean.Scope} : {}),
		...(clean.Ingress === true ? {ingress: true} : {}),
	};
}
