// The update and rollback policy: twelve fields in one form. Only the fields changed are
// sent; each remembers the value it was changed from, so a change someone else made to
// the same field meanwhile is never overwritten unseen, and their other changes are kept.
import {char} from '../../keys/bindings.js';
import {updateCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import {updateOrders, type PolicyKind, type SwarmService} from '../../swarm/types.js';
import {currentValue, describeEdit, policyFields, policyText, type GuardedEdit, type PolicyField} from '../../spec/edits.js';
import {failureActionsFor, parsePolicyField} from '../../spec/validate.js';
import {checkWith, defineServiceAction, type FormField} from '../action.js';
import {cautions, isJob, taskImpact} from '../plan.js';

const kinds = ['update', 'rollback'] as const satisfies readonly PolicyKind[];

const fieldLabels: Record<PolicyField, string> = {
	parallelism: 'parallelism',
	delay: 'delay',
	failureAction: 'failure action',
	monitor: 'monitor',
	maxFailureRatio: 'max failure ratio',
	order: 'order',
};

const fieldKey = (kind: PolicyKind, field: PolicyField) => `${kind}.${field}`;

function choicesOf(kind: PolicyKind, field: PolicyField): readonly string[] | undefined {
	if (field === 'failureAction') {
		return failureActionsFor(kind);
	}

	return field === 'order' ? updateOrders : undefined;
}

function formField(service: SwarmService, kind: PolicyKind, field: PolicyField): FormField {
	const policy = kind === 'update' ? service.updatePolicy : service.rollbackPolicy;
	return {
		key: fieldKey(kind, field),
		label: fieldLabels[field],
		initial: policyText(field, policy[field]),
		choices: choicesOf(kind, field),
		check: checkWith(text => parsePolicyField(kind, field, text)),
	};
}

export const policy = defineServiceAction({
	id: 'policy',
	keys: [char('u')],
	description: 'Edit the update and rollback policy',
	hint: 'policy',
	name: 'policy change',
	palette: {name: 'policy', fields: []},
	form: service => ({
		title: `Update and rollback policy of ${service.name}`,
		groups: kinds.map(kind => ({
			title: kind === 'update' ? 'Update (--update-*)' : 'Rollback (--rollback-*)',
			fields: policyFields.map(field => formField(service, kind, field)),
		})),
		note: isJob(service) ? 'Saving changes only the policy, but every update of a job runs it again.' : 'Saving changes only the policy: no task is replaced.',
	}),
	decide(service, values) {
		const edits: GuardedEdit[] = [];
		for (const kind of kinds) {
			for (const field of policyFields) {
				const text = values[fieldKey(kind, field)];
				if (text === undefined) {
					continue;
				}

				const edit = {kind: 'policy', policy: kind, field, value: parsePolicyField(kind, field, text)} as const;
				const seen = currentValue(service.spec, edit);
				if (String(edit.value) !== seen) {
					edits.push({edit, seen});
				}
			}
		}

		if (edits.length === 0) {
			throw new ValidationError('policy', 'nothing to save: every value is already in force');
		}

		const caution = cautions(service);
		const plain = edits.map(guarded => guarded.edit);
		return {
			write: {kind: 'update', edits},
			command: updateCommand(service.name, plain),
			title: `Change the policy of ${service.name}?`,
			lines: [...plain.map(edit => ({text: describeEdit(service.spec, edit)})), ...caution, taskImpact(service, plain)],
			confirm: caution.length > 0,
			progress: `Changing the policy of ${service.name}`,
			// A policy is not part of the task template: it never replaces a task by itself.
			summary: `${service.name}: ${plain.map(edit => describeEdit(service.spec, edit)).join(', ')}; ${isJob(service) ? 'the job runs again' : 'no task is replaced'}`,
		};
	},
});
