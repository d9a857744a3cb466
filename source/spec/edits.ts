// A change to a service, as data: what a person asked for, in the terms of the spec. Every
// action that changes a service produces edits; the write layer applies them to the spec it
// inspects right before writing, and the shown `docker` command is read from the same
// edits, so the two cannot disagree.
import {formatGoDuration} from './go-duration.js';
import type {PolicyKind, RawServiceSpec, RawUpdateConfig, UpdatePolicy} from '../swarm/types.js';
import {desiredReplicasOf, imageOf, policyIn, policyKey} from './read.js';
import {familyOf, isFamilyEdit, type Family, type FamilyEdit, type FamilyKind} from './families.js';

export type PolicyField = keyof UpdatePolicy;

export const policyFields = ['parallelism', 'delay', 'failureAction', 'monitor', 'maxFailureRatio', 'order'] as const satisfies readonly PolicyField[];

/** The CLI flag of each policy field, without its `--update-` / `--rollback-` prefix. */
export const policyFlagSuffix: Record<PolicyField, string> = {
	parallelism: 'parallelism',
	delay: 'delay',
	failureAction: 'failure-action',
	monitor: 'monitor',
	maxFailureRatio: 'max-failure-ratio',
	order: 'order',
};

/** The field as the CLI names it: `update-parallelism`, `rollback-failure-action`. */
export function policyFieldLabel(kind: PolicyKind, field: PolicyField): string {
	return `${kind}-${policyFlagSuffix[field]}`;
}

export type SpecEdit =
	| {kind: 'replicas'; replicas: number}
	| {kind: 'image'; image: string}
	| {kind: 'policy'; policy: PolicyKind; field: PolicyField; value: UpdatePolicy[PolicyField]}
	| {kind: 'force'}
	| FamilyEdit;

/** The family declaration of an edit of the rest of the spec. */
function familyFor(edit: FamilyEdit): Family<FamilyKind> {
	return familyOf(edit.kind) as Family<FamilyKind>;
}

/**
 * An edit and the value of its field the person saw when deciding. If the service no longer
 * has that value when the write is sent, someone else changed it meanwhile and the write is
 * refused: it would silently overwrite their change.
 */
export type GuardedEdit = {edit: SpecEdit; seen?: string};

const policyApiField: Record<PolicyField, keyof RawUpdateConfig> = {
	parallelism: 'Parallelism',
	delay: 'Delay',
	failureAction: 'FailureAction',
	monitor: 'Monitor',
	maxFailureRatio: 'MaxFailureRatio',
	order: 'Order',
};

/** One field of a policy as the daemon applies it: absent fields take their defaults. */
export function policyValue(spec: RawServiceSpec, kind: PolicyKind, field: PolicyField): UpdatePolicy[PolicyField] {
	return policyIn(spec, kind)[field];
}

/** The value an edit's field has in this spec, as text, for comparing with what a person saw. */
export function currentValue(spec: RawServiceSpec, edit: SpecEdit): string {
	if (isFamilyEdit(edit)) {
		return familyFor(edit).current(spec);
	}

	switch (edit.kind) {
		case 'replicas': {
			return String(desiredReplicasOf(spec) ?? '');
		}

		case 'image': {
			return imageOf(spec);
		}

		case 'policy': {
			return String(policyValue(spec, edit.policy, edit.field));
		}

		case 'force': {
			return String(spec.TaskTemplate?.ForceUpdate ?? 0);
		}

		default: {
			return unknownEdit(edit);
		}
	}
}

/** Applies an edit to a spec in place (the caller passes its own copy). */
export function applyEdit(spec: RawServiceSpec, edit: SpecEdit): void {
	if (isFamilyEdit(edit)) {
		familyFor(edit).apply(spec, edit);
		return;
	}

	switch (edit.kind) {
		case 'replicas': {
			if (spec.Mode?.ReplicatedJob) {
				spec.Mode = {ReplicatedJob: {...spec.Mode.ReplicatedJob, TotalCompletions: edit.replicas}};
			} else {
				spec.Mode = {Replicated: {Replicas: edit.replicas}};
			}

			break;
		}

		case 'image': {
			spec.TaskTemplate = {...spec.TaskTemplate, ContainerSpec: {...spec.TaskTemplate?.ContainerSpec, Image: edit.image}};
			break;
		}

		case 'policy': {
			const key = policyKey[edit.policy];
			// The whole policy is written out, defaults included, as the CLI does.
			const full: RawUpdateConfig = {};
			for (const field of policyFields) {
				(full as Record<string, unknown>)[policyApiField[field]] = field === edit.field ? edit.value : policyValue(spec, edit.policy, field);
			}

			spec[key] = {...spec[key], ...full};
			break;
		}

		case 'force': {
			spec.TaskTemplate = {...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1};
			break;
		}

		default: {
			unknownEdit(edit);
		}
	}
}

/** The spec after the edits, leaving the given one untouched. */
export function editedSpec(spec: RawServiceSpec, edits: readonly SpecEdit[]): RawServiceSpec {
	const copy = structuredClone(spec);
	for (const edit of edits) {
		applyEdit(copy, edit);
	}

	return copy;
}

/** A policy value as the CLI takes it: Go durations for delay and monitor. */
export function policyText(field: PolicyField, value: UpdatePolicy[PolicyField]): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

/** The `docker service update` flags that make this edit. */
export function editFlags(edit: SpecEdit): string[] {
	if (isFamilyEdit(edit)) {
		return familyFor(edit).toFlags(edit);
	}

	switch (edit.kind) {
		case 'replicas': {
			return ['--replicas', String(edit.replicas)];
		}

		case 'image': {
			return ['--image', edit.image];
		}

		case 'policy': {
			return [`--${policyFieldLabel(edit.policy, edit.field)}`, policyText(edit.field, edit.value)];
		}

		case 'force': {
			return ['--force'];
		}

		default: {
			return unknownEdit(edit);
		}
	}
}

/** A short name of the field an edit changes, for summaries: `replicas`, `update-delay`. */
export function editFieldLabel(edit: SpecEdit): string {
	if (isFamilyEdit(edit)) {
		return familyFor(edit).title;
	}

	switch (edit.kind) {
		case 'policy': {
			return policyFieldLabel(edit.policy, edit.field);
		}

		case 'force': {
			return 'force-update counter';
		}

		default: {
			return edit.kind;
		}
	}
}

/** How the edit reads in words, given the spec before it: `update-delay 0s → 10s`. */
export function describeEdit(before: RawServiceSpec, edit: SpecEdit): string {
	if (edit.kind === 'force') {
		return 'every task redeployed';
	}

	if (isFamilyEdit(edit)) {
		return familyFor(edit).describe(edit);
	}

	const from = edit.kind === 'policy' ? policyText(edit.field, policyValue(before, edit.policy, edit.field)) : currentValue(before, edit);
	const to = edit.kind === 'policy' ? policyText(edit.field, edit.value) : edit.kind === 'replicas' ? String(edit.replicas) : edit.image;
	return `${editFieldLabel(edit)} ${from} → ${to}`;
}

function unknownEdit(edit: never): never {
	throw new Error(`unknown edit ${JSON.stringify(edit)}`);
}
