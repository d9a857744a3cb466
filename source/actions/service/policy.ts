// The update and rollback policy: twelve fields in one form. Only the fields changed are
// sent; each remembers the value it was changed from, so a change someone else made to
// the same field meanwhile is never overwritten unseen, and their other changes are kept.
import {advise} from '../../advisor/advise.js';
import {healthCheckSource, type RawHealthConfig} from '../../advisor/health.js';
import {composePolicyLines} from '../../format/compose.js';
import {char} from '../../keys/bindings.js';
import {policyIn} from '../../spec/read.js';
import {updateCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import {updateOrders, type PolicyKind, type SwarmService} from '../../swarm/types.js';
import {currentValue, describeEdit, editedSpec, policyFields, policyText, type GuardedEdit, type PolicyField, type SpecEdit} from '../../spec/edits.js';
import {failureActionsFor, parsePolicyField} from '../../spec/validate.js';
import {checkWith, defineServiceAction, type FormField, type FormValues, type PlanLine} from '../action.js';
import {cautions, isJob, taskImpact} from '../plan.js';
import {policyFieldLabels} from '../../format/policy.js';

const kinds = ['update', 'rollback'] as const satisfies readonly PolicyKind[];

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
		label: policyFieldLabels[field],
		initial: policyText(field, policy[field]),
		choices: choicesOf(kind, field),
		check: checkWith(text => parsePolicyField(kind, field, text)),
	};
}

/** The edits the values make, each field compared with the spec; a field that does not parse is left as it is. */
function typedEdits(service: SwarmService, values: FormValues): GuardedEdit[] {
	const edits: GuardedEdit[] = [];
	for (const kind of kinds) {
		for (const field of policyFields) {
			const text = values[fieldKey(kind, field)];
			if (text === undefined || checkWith(typed => parsePolicyField(kind, field, typed))(text)) {
				continue;
			}

			const edit = {kind: 'policy', policy: kind, field, value: parsePolicyField(kind, field, text)} as const;
			const seen = currentValue(service.spec, edit);
			if (String(edit.value) !== seen) {
				edits.push({edit, seen});
			}
		}
	}

	return edits;
}

/** The service as it would be with these edits: its spec and the policies read from it. */
function withEdits(service: SwarmService, edits: readonly SpecEdit[]): SwarmService {
	const spec = editedSpec(service.spec, edits);
	return {...service, spec, updatePolicy: policyIn(spec, 'update'), rollbackPolicy: policyIn(spec, 'rollback')};
}

/** What the advisor says of the values typed: the policy's risks, before anything is saved. */
function adviceLines(service: SwarmService, values: FormValues, imageHealth: RawHealthConfig | null | undefined): PlanLine[] {
	const edited = withEdits(service, typedEdits(service, values).map(guarded => guarded.edit));
	// The form knows the spec, not the tasks: the findings of the policy alone.
	const findings = advise({service: edited, tasks: [], nodes: [], health: healthCheckSource(edited.spec, imageHealth), now: new Date()});
	// Warnings only: the form must fit a small terminal, and notes are in inspect and `swarmdeck check`.
	return findings.filter(finding => finding.severity === 'warning').map(finding => ({text: `⚠ ${finding.message}`, tone: 'warning'}));
}

/** The policy in force after the edits, as the lines of a stack file. */
function composeLines(service: SwarmService, edits: readonly SpecEdit[]): PlanLine[] {
	const edited = withEdits(service, edits);
	const lines = composePolicyLines({update: edited.updatePolicy, rollback: edited.rollbackPolicy});
	return lines.length === 0
		? [{text: 'In a stack file: both policies the defaults, no update_config or rollback_config.', tone: 'muted'}]
		: [{text: 'In a stack file (docker stack deploy):', tone: 'muted'}, ...lines.map(text => ({text: `  ${text}`, tone: 'muted' as const}))];
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
		advice: {image: service.image, lines: (values, imageHealth) => adviceLines(service, values, imageHealth)},
	}),
	decide(service, values) {
		// A field that does not parse throws its sentence here, naming the field and the rule.
		for (const kind of kinds) {
			for (const field of policyFields) {
				const text = values[fieldKey(kind, field)];
				if (text !== undefined) {
					parsePolicyField(kind, field, text);
				}
			}
		}

		const edits = typedEdits(service, values);
		if (edits.length === 0) {
			throw new ValidationError('policy', 'nothing to save: every value is already in force');
		}

		const caution = cautions(service);
		const plain = edits.map(guarded => guarded.edit);
		return {
			write: {kind: 'update', edits},
			command: updateCommand(service.name, plain),
			title: `Change the policy of ${service.name}?`,
			lines: [...plain.map(edit => ({text: describeEdit(service.spec, edit)})), ...caution, taskImpact(service, plain), ...composeLines(service, plain)],
			confirm: caution.length > 0,
			progress: `Changing the policy of ${service.name}`,
			// A policy is not part of the task template: it never replaces a task by itself.
			summary: `${service.name}: ${plain.map(edit => describeEdit(service.spec, edit)).join(', ')}; ${isJob(service) ? 'the job runs again' : 'no task is replaced'}`,
		};
	},
});
