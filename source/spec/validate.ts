// Everything a person types is checked here before a request is built. A failed check
// throws ValidationError naming the field and the rule; nothing reaches the daemon.
import {ValidationError} from '../swarm/errors.js';
import {policyFieldLabel, policyFields, type PolicyField} from './edits.js';
import {parseGoDuration} from './go-duration.js';
import {displayImage, parseImageReference} from './image-reference.js';
import {
	rollbackFailureActions,
	updateFailureActions,
	updateOrders,
	type FailureAction,
	type PolicyKind,
	type ServiceMode,
	type UpdateOrder,
	type UpdatePolicy,
} from '../swarm/types.js';

const wholeNumber = /^\d+$/;

function parseWholeNumber(field: string, text: string): number {
	const trimmed = text.trim();
	if (!wholeNumber.test(trimmed)) {
		throw new ValidationError(field, `must be a whole number from 0 up, got "${text}"`);
	}

	const value = Number(trimmed);
	if (!Number.isSafeInteger(value)) {
		throw new ValidationError(field, `${trimmed} is too large`);
	}

	return value;
}

export function canScale(mode: ServiceMode): boolean {
	return mode === 'replicated' || mode === 'replicated-job';
}

/** Why a service cannot be scaled, in the CLI's words; undefined when it can. */
export function scaleRefusal(service: {name: string; mode: ServiceMode}): string | undefined {
	if (canScale(service.mode)) {
		return undefined;
	}

	return `${service.name} is a ${service.mode} service: scale can only be used with replicated or replicated-job mode (a ${service.mode} service runs one task per node).`;
}

/**
 * A replica count for the service. The count it already has is refused too: that update
 * would change nothing but still overwrite PreviousSpec, which a rollback returns to.
 */
export function parseReplicas(text: string, service: {name: string; mode: ServiceMode; replicas?: number}): number {
	const refusal = scaleRefusal(service);
	if (refusal) {
		throw new ValidationError('replicas', refusal);
	}

	const replicas = parseWholeNumber('replicas', text);
	if (replicas === service.replicas) {
		throw new ValidationError('replicas', `${service.name} already has ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}`);
	}

	return replicas;
}

function parseDuration(field: string, text: string): number {
	const trimmed = text.trim();
	const nanoseconds = parseGoDuration(trimmed);
	if (nanoseconds === undefined) {
		throw new ValidationError(field, `must be a duration like 10s, 1m30s or 500ms (units ns, us, ms, s, m, h), got "${text}"`);
	}

	if (nanoseconds < 0) {
		throw new ValidationError(field, `must not be negative, got "${text}"`);
	}

	return nanoseconds;
}

function parseChoice<T extends string>(field: string, text: string, choices: readonly T[]): T {
	const trimmed = text.trim();
	const choice = choices.find(candidate => candidate === trimmed);
	if (choice === undefined) {
		throw new ValidationError(field, `must be one of ${choices.join(', ')}, got "${text}"`);
	}

	return choice;
}

function parseRatio(field: string, text: string): number {
	const trimmed = text.trim();
	// A plain decimal only: Number() would also accept '', '0x1', '1e-1' and ' '.
	if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(trimmed)) {
		throw new ValidationError(field, `must be a number from 0 to 1 (e.g. 0.25), got "${text}"`);
	}

	const value = Number(trimmed);
	if (value < 0 || value > 1) {
		throw new ValidationError(field, `must be from 0 to 1 (a fraction of the tasks), got ${trimmed}`);
	}

	return value;
}

export function failureActionsFor(kind: PolicyKind): readonly FailureAction[] {
	return kind === 'update' ? updateFailureActions : rollbackFailureActions;
}

/** Checks one field of an update or rollback policy as typed. */
export function parsePolicyField<F extends PolicyField>(kind: PolicyKind, field: F, text: string): UpdatePolicy[F] {
	const label = policyFieldLabel(kind, field);
	switch (field) {
		case 'parallelism': {
			return parseWholeNumber(label, text) as UpdatePolicy[F];
		}

		case 'delay':
		case 'monitor': {
			return parseDuration(label, text) as UpdatePolicy[F];
		}

		case 'failureAction': {
			return parseChoice(label, text, failureActionsFor(kind)) as UpdatePolicy[F];
		}

		case 'maxFailureRatio': {
			return parseRatio(label, text) as UpdatePolicy[F];
		}

		case 'order': {
			return parseChoice<UpdateOrder>(label, text, updateOrders) as UpdatePolicy[F];
		}

		default: {
			throw new ValidationError(String(field), 'is not a policy field');
		}
	}
}

export type PolicyInput = Partial<Record<PolicyField, string>>;

/** Checks every given field; the first broken one throws. */
export function parsePolicyInput(kind: PolicyKind, input: PolicyInput): Partial<UpdatePolicy> {
	const parsed: Partial<UpdatePolicy> = {};
	for (const field of policyFields) {
		const text = input[field];
		if (text !== undefined) {
			(parsed as Record<PolicyField, unknown>)[field] = parsePolicyField(kind, field, text);
		}
	}

	return parsed;
}

/** Checks an image reference against the Docker reference grammar (name[:tag][@digest]). */
export function checkImageReference(text: string): string {
	const trimmed = text.trim();
	if (trimmed === '') {
		throw new ValidationError('image', 'must not be empty');
	}

	if (/\s/.test(trimmed)) {
		throw new ValidationError('image', `must not contain spaces, got "${text}"`);
	}

	if (parseImageReference(trimmed) === undefined) {
		if (parseImageReference(trimmed.toLowerCase()) !== undefined) {
			throw new ValidationError('image', `repository name must be lowercase, got "${trimmed}"`);
		}

		throw new ValidationError('image', `"${trimmed}" is not a valid image reference: expected name[:tag][@digest], e.g. dockercoins/hasher:v0.2`);
	}

	return trimmed;
}

/** A new image for the service: a valid reference that is not the one it already runs. */
export function checkNewImage(text: string, service: {name: string; image: string}): string {
	const image = checkImageReference(text);
	if (image === service.image || image === displayImage(service.image)) {
		throw new ValidationError('image', `${service.name} already runs ${image}: type another tag, or use f to force a redeploy`);
	}

	return image;
}
