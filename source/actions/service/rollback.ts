// A rollback swaps the spec with the previous one: the preview is the whole difference,
// and the write is bound to both specs as shown, so it never returns somewhere unseen.
import {formatPolicyShort} from '../../format/policy.js';
import {char} from '../../keys/bindings.js';
import {rollbackCommand} from '../../swarm/commands.js';
import {diffSpecs} from '../../spec/diff.js';
import type {SwarmService} from '../../swarm/types.js';
import {defineServiceAction, type PlanLine} from '../action.js';
import {isJob} from '../plan.js';

/** Why a rollback is impossible now, or undefined. */
export function rollbackRefusal(service: SwarmService): string | undefined {
	return service.previousSpec
		? undefined
		: `${service.name} has no previous spec: there is nothing to roll back to (it was never updated, or an automatic rollback already used it).`;
}

export const rollback = defineServiceAction({
	id: 'rollback',
	keys: [char('r')],
	description: 'Roll back to the previous spec (asks first)',
	hint: 'rollback',
	name: 'rollback',
	palette: {name: 'rollback', fields: []},
	refusal: rollbackRefusal,
	decide(service) {
		const previous = service.previousSpec ?? {};
		const changes = diffSpecs(service.spec, previous);
		const replaces = changes.some(change => change.replacesTasks);
		const lines: PlanLine[] = changes.map(change => ({text: `  ${change.field}: ${change.from} → ${change.to}`}));
		if (changes.length === 0) {
			lines.push({text: 'The previous spec is the same as the current one: nothing would change but the version.', tone: 'warning'});
		}

		lines.push(
			isJob(service)
				? {text: 'The job runs again.', tone: 'warning'}
				: replaces
					? {text: `Tasks are replaced, following the rollback policy: ${formatPolicyShort(service.rollbackPolicy)}.`}
					: {text: 'No task is replaced: only settings differ.', tone: 'muted'},
			{text: 'The swarm keeps one previous spec: rolling back twice returns to where you are now.', tone: 'muted'},
		);
		return {
			write: {kind: 'rollback', basis: {specDigest: service.specDigest, previousSpecDigest: service.previousSpecDigest}},
			command: rollbackCommand(service.name),
			title: `Roll back ${service.name} to its previous spec?`,
			lines,
			confirm: true,
			progress: `Rolling back ${service.name}`,
			summary: `${service.name} rolling back: ${changes.length > 0 ? changes.slice(0, 3).map(change => `${change.field} ${change.from} → ${change.to}`).join(', ') + (changes.length > 3 ? ` and ${changes.length - 3} more` : '') : 'no field changes'}`,
		};
	},
});
