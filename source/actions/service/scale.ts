// Scaling: `s` types a count; `+` and `-` step by one from the count on screen. All three
// reach their decision here, so they ask first in the same situations.
import {char} from '../../keys/bindings.js';
import {updateCommand} from '../../swarm/commands.js';
import {ValidationError} from '../../swarm/errors.js';
import type {SwarmService} from '../../swarm/types.js';
import {parseReplicas, scaleRefusal} from '../../spec/validate.js';
import {checkWith, defineServiceAction, type Decision, type PlanLine} from '../action.js';
import {cautions, isJob, plural} from '../plan.js';

/** Above this, and above ten times the count now, a count is asked about: a typo like 50000 otherwise goes straight out. */
export const largeScale = 100;

function isLargeJump(from: number, to: number): boolean {
	return to > from && (to > largeScale || (from > 0 && to > from * 10));
}

/**
 * The decision to scale to `replicas`. A step by one remembers the count it stepped from
 * (`seen`): if the service has another count by the time the write goes out, it is not sent.
 */
export function scaleDecision(service: SwarmService, replicas: number, {seen}: {seen?: number} = {}): Decision {
	const from = service.replicas ?? 0;
	const lines: PlanLine[] = [];
	if (replicas === 0) {
		lines.push({text: `This stops every task of ${service.name}: it serves nothing until you scale it up again.`, tone: 'danger'});
	} else if (isLargeJump(from, replicas)) {
		lines.push({text: `That is ${plural(replicas - from, 'task')} more than now (${from} → ${replicas}): check the number.`, tone: 'warning'});
	}

	const caution = cautions(service);
	lines.push(...caution);
	if (!isJob(service)) {
		lines.push({text: replicas > from ? 'Tasks are added; no running task is replaced.' : 'Tasks are removed; the others keep running.', tone: 'muted'});
	}

	const confirm = replicas === 0 || isLargeJump(from, replicas) || caution.length > 0;
	const edit = {kind: 'replicas', replicas} as const;
	return {
		write: {kind: 'update', edits: [{edit, ...(seen === undefined ? {} : {seen: String(seen)})}], ...(confirm ? {basis: {specDigest: service.specDigest}} : {})},
		command: updateCommand(service.name, [edit]),
		title: `Scale ${service.name} to ${replicas}?`,
		lines,
		confirm,
		progress: `Scaling ${service.name} to ${replicas}`,
		summary: `${service.name} scaled from ${from} to ${plural(replicas, 'replica')}`,
	};
}

export const scale = defineServiceAction({
	id: 'scale',
	keys: [char('s')],
	description: 'Scale: type a replica count',
	hint: 'scale',
	name: 'scale',
	palette: {name: 'scale', fields: ['replicas']},
	refusal: service => scaleRefusal(service),
	form: service => ({
		title: `Scale ${service.name}`,
		intro: [`Now ${service.runningTasks}/${service.desiredTasks} running.`],
		note: isJob(service)
			? 'A new count of completions runs the job again.'
			: 'Scaling adds or removes tasks: no running task is replaced.',
		groups: [{fields: [{
			key: 'replicas',
			label: 'Replicas',
			initial: String(service.replicas ?? ''),
			check: checkWith(text => parseReplicas(text, service)),
		}]}],
	}),
	decide: (service, values) => scaleDecision(service, parseReplicas(values['replicas'] ?? '', service)),
});

function scaleByOne(by: 1 | -1) {
	return {
		keys: [char(by > 0 ? '+' : '-')],
		description: `Scale ${by > 0 ? 'up' : 'down'} by one`,
		hint: by > 0 ? '+1' : '-1',
		name: by > 0 ? 'scale up' : 'scale down',
		refusal: (service: SwarmService) => scaleRefusal(service) ?? (by < 0 && service.replicas === 0 ? `${service.name} already has 0 replicas.` : undefined),
		decide(service: SwarmService) {
			const from = service.replicas ?? 0;
			if (from + by < 0) {
				throw new ValidationError('replicas', `${service.name} already has 0 replicas`);
			}

			return scaleDecision(service, from + by, {seen: from});
		},
	};
}

export const scaleUp = defineServiceAction({id: 'scaleUp', ...scaleByOne(1)});
export const scaleDown = defineServiceAction({id: 'scaleDown', ...scaleByOne(-1)});
