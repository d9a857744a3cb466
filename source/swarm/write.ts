// Every change to a service goes through updateService: inspect immediately before, send
// the spec back with its Version.Index, and retry once when the orchestrator moved the
// version in between (it does so by itself during a rollout).
import type Docker from 'dockerode';
import {formatGoDuration} from '../format/go-duration.js';
import {inert} from '../text/inert.js';
import {forceCommand, imageCommand, policyCommand, rollbackCommand, scaleCommand, type PolicyChanges} from './commands.js';
import {DockerError, isOutOfSequence, toDockerError, ValidationError} from './errors.js';
import {serviceFromApi} from './normalize.js';
import {diffSpecs, replacesTasks} from './spec-diff.js';
import type {PolicyKind, RawServiceSpec, SwarmService, UpdatePolicy, WriteResult} from './types.js';
import {checkImageReference, checkNewImage, parsePolicyInput, parseReplicas, policyFieldLabel, policyFields, type PolicyInput} from './validate.js';

type Plan = {
	spec: RawServiceSpec;
	rollback?: boolean;
};

type Sent = {service: SwarmService; warnings: string[]};

/**
 * The service as the screens see it, and its spec exactly as the daemon sent it: the model's
 * copy has its text made inert, and sending that back would rewrite labels and env.
 */
async function inspect(docker: Docker, name: string, target: string): Promise<{service: SwarmService; rawSpec: RawServiceSpec}> {
	try {
		const raw = await docker.getService(name).inspect() as {Spec?: RawServiceSpec};
		return {service: serviceFromApi(raw), rawSpec: raw.Spec ?? {}};
	} catch (error) {
		throw toDockerError(error, target);
	}
}

/** A deep copy, so a plan never edits the inspected service it was given. */
function copySpec(spec: RawServiceSpec): RawServiceSpec {
	return structuredClone(spec);
}

export async function updateService(
	docker: Docker,
	target: string,
	name: string,
	plan: (service: SwarmService, rawSpec: RawServiceSpec) => Plan,
): Promise<Sent> {
	for (let attempt = 1; ; attempt++) {
		 
		const {service, rawSpec} = await inspect(docker, name, target);
		const {spec, rollback} = plan(service, rawSpec);
		try {
			 
			const response = await docker.getService(service.id).update({
				_query: {version: service.version, ...(rollback ? {rollback: 'previous'} : {})},
				_body: spec,
			} as unknown as Record<string, unknown>) as {Warnings?: string[] | null} | undefined;
			return {service, warnings: (response?.Warnings ?? []).map(warning => inert(warning))};
		} catch (error) {
			if (attempt === 1 && isOutOfSequence(error)) {
				continue;
			}

			throw toDockerError(error, target);
		}
	}
}

/** The count to scale to: typed, or one more or less than the count the daemon has now. */
export type ScaleTarget = {replicas: string} | {by: 1 | -1};

export async function scale(docker: Docker, target: string, name: string, to: ScaleTarget): Promise<WriteResult> {
	let replicas = 0;
	let before = 0;
	const {service, warnings} = await updateService(docker, target, name, (current, rawSpec) => {
		before = current.replicas ?? 0;
		if ('by' in to) {
			// Counted from the inspected spec, not from the screen: presses come faster than the
			// screen is refreshed, and the retry on a stale version counts again from the truth.
			replicas = parseReplicas(String(Math.max(0, before + to.by)), current);
			if (replicas === 0) {
				throw new ValidationError('replicas', `${current.name} would go to 0 replicas: press s and type 0, which asks first`);
			}
		} else {
			replicas = parseReplicas(to.replicas, current);
		}

		const spec = copySpec(rawSpec);
		if (current.mode === 'replicated-job') {
			spec.Mode = {ReplicatedJob: {...spec.Mode?.ReplicatedJob, TotalCompletions: replicas}};
		} else {
			spec.Mode = {Replicated: {Replicas: replicas}};
		}

		return {spec};
	});
	return {
		service: service.name,
		command: scaleCommand(service.name, replicas),
		summary: `${service.name} scaled from ${before} to ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`,
		replacesNoTask: true,
		warnings,
	};
}

const policyKey = {update: 'UpdateConfig', rollback: 'RollbackConfig'} as const;

function policyToApi(policy: UpdatePolicy) {
	return {
		Parallelism: policy.parallelism,
		Delay: policy.delay,
		FailureAction: policy.failureAction,
		Monitor: policy.monitor,
		MaxFailureRatio: policy.maxFailureRatio,
		Order: policy.order,
	};
}

function describeValue(field: keyof UpdatePolicy, value: unknown): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

/**
 * Sets fields of the update and/or rollback policy in one request. Only fields that differ
 * from the service's current values are sent and shown in the command.
 */
export async function setPolicies(
	docker: Docker,
	target: string,
	name: string,
	input: Partial<Record<PolicyKind, PolicyInput>>,
): Promise<WriteResult> {
	// Syntax first, before any request: a "10x" never costs a round trip.
	const parsed: PolicyChanges = {
		update: parsePolicyInput('update', input.update ?? {}),
		rollback: parsePolicyInput('rollback', input.rollback ?? {}),
	};
	let changes: PolicyChanges = {};
	const described: string[] = [];
	const {service, warnings} = await updateService(docker, target, name, (current, rawSpec) => {
		changes = {};
		described.length = 0;
		const spec = copySpec(rawSpec);
		for (const kind of ['update', 'rollback'] as const) {
			const currentPolicy = kind === 'update' ? current.updatePolicy : current.rollbackPolicy;
			const changed: Partial<UpdatePolicy> = {};
			for (const field of policyFields) {
				const value = parsed[kind]?.[field];
				if (value !== undefined && value !== currentPolicy[field]) {
					(changed as Record<string, unknown>)[field] = value;
					described.push(`${policyFieldLabel(kind, field)} ${describeValue(field, currentPolicy[field])} → ${describeValue(field, value)}`);
				}
			}

			if (Object.keys(changed).length > 0) {
				changes[kind] = changed;
				spec[policyKey[kind]] = policyToApi({...currentPolicy, ...changed});
			}
		}

		if (described.length === 0) {
			throw new ValidationError('policy', 'nothing to change: every value is already in force');
		}

		return {spec};
	});
	return {
		service: service.name,
		command: policyCommand(service.name, changes),
		summary: `${service.name}: ${described.join(', ')}; no task is replaced`,
		replacesNoTask: true,
		warnings,
	};
}

export async function setImage(docker: Docker, target: string, name: string, imageText: string): Promise<WriteResult> {
	const image = checkImageReference(imageText);
	let before = '';
	const {service, warnings} = await updateService(docker, target, name, (current, rawSpec) => {
		before = current.image;
		checkNewImage(image, current);

		const spec = copySpec(rawSpec);
		spec.TaskTemplate = {...spec.TaskTemplate, ContainerSpec: {...spec.TaskTemplate?.ContainerSpec, Image: image}};
		return {spec};
	});
	return {
		service: service.name,
		command: imageCommand(service.name, image),
		summary: `${service.name} image ${before} → ${image}; tasks are replaced as the update policy says`,
		replacesNoTask: false,
		warnings,
	};
}

export async function forceRedeploy(docker: Docker, target: string, name: string): Promise<WriteResult> {
	const {service, warnings} = await updateService(docker, target, name, (current, rawSpec) => {
		const spec = copySpec(rawSpec);
		spec.TaskTemplate = {...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1};
		return {spec};
	});
	return {
		service: service.name,
		command: forceCommand(service.name),
		summary: `${service.name} redeploy forced: every task is replaced as the update policy says`,
		replacesNoTask: false,
		warnings,
	};
}

/** Why a rollback is impossible right now, or undefined. */
export function rollbackRefusal(service: SwarmService): string | undefined {
	if (!service.hasPreviousSpec || !service.previousSpec) {
		return `${service.name} has no previous spec: there is nothing to roll back to (it was never updated, or an automatic rollback already used it).`;
	}

	return undefined;
}

export async function rollback(docker: Docker, target: string, name: string): Promise<WriteResult> {
	let changed = '';
	let replacesNoTask = true;
	const {service, warnings} = await updateService(docker, target, name, (current, rawSpec) => {
		const refusal = rollbackRefusal(current);
		if (refusal || !current.previousSpec) {
			throw new DockerError(refusal ?? 'nothing to roll back to', 400);
		}

		const changes = diffSpecs(current.spec, current.previousSpec);
		changed = changes.length > 0 ? changes.map(change => `${change.field} ${change.from} → ${change.to}`).join(', ') : 'no visible field changes';
		replacesNoTask = !replacesTasks(current.spec, current.previousSpec);
		// The daemon swaps Spec and PreviousSpec itself: it wants the current spec back.
		return {spec: copySpec(rawSpec), rollback: true};
	});
	return {
		service: service.name,
		command: rollbackCommand(service.name),
		summary: `${service.name} rolling back: ${changed}`,
		replacesNoTask,
		warnings,
	};
}
