// The swarm at a glance, in one line: the services screen's header and the first line of
// `swarmdeck check`. Pure: counted from the services, the nodes and whichever tasks the
// caller has.
import type {SwarmNode, SwarmService, SwarmTask, UpdateState} from '../swarm/types.js';

/** How far back a failed task still counts. */
export const pulseWindowMs = 10 * 60_000;

export type SwarmPulse = {
	services: number;
	/** Running as many tasks as desired, and not in the middle of a rollout. */
	converged: number;
	updating: number;
	paused: number;
	rolledBack: number;
	/** Tasks that failed (or were rejected) in the last ten minutes, among the tasks counted. */
	failedTasks: number;
	nodes: number;
	nodesDown: number;
};

const rollingOut: ReadonlySet<UpdateState> = new Set(['updating', 'rollback_started']);
const pausedStates: ReadonlySet<UpdateState> = new Set(['paused', 'rollback_paused']);
const failed: ReadonlySet<string> = new Set(['failed', 'rejected']);

export function isConverged(service: SwarmService): boolean {
	const state = service.updateStatus?.state;
	return service.runningTasks === service.desiredTasks && !(state && (rollingOut.has(state) || pausedStates.has(state)));
}

export function isFailed(task: SwarmTask): boolean {
	return failed.has(task.state);
}

/** When each failed (or rejected) task among these failed. */
export function failureTimes(tasks: readonly SwarmTask[]): Date[] {
	return tasks.filter(task => isFailed(task)).map(task => task.stateSince);
}

/** `failedAt`: when tasks failed, from failureTimes or from the screen's log of tasks seen failing. */
export function swarmPulse({services, nodes, failedAt, now}: {
	services: readonly SwarmService[];
	nodes: readonly SwarmNode[];
	failedAt: Iterable<Date>;
	now: Date;
}): SwarmPulse {
	const inState = (states: ReadonlySet<UpdateState>) => services.filter(service => service.updateStatus && states.has(service.updateStatus.state)).length;
	const recent = (at: Date) => now.getTime() - at.getTime() < pulseWindowMs;
	return {
		services: services.length,
		converged: services.filter(service => isConverged(service)).length,
		updating: inState(rollingOut),
		paused: inState(pausedStates),
		rolledBack: services.filter(service => service.updateStatus?.state === 'rollback_completed').length,
		failedTasks: [...failedAt].filter(at => recent(at)).length,
		nodes: nodes.length,
		nodesDown: nodes.filter(node => node.state === 'down' || node.state === 'disconnected').length,
	};
}

export type PulsePart = {text: string; /** Something is wrong in this part: drawn in the warning color. */ alarm: boolean};

/** `1 updating, 1 rolled back`: the states that some service is in; `no update running` when none. */
function updatesText(pulse: SwarmPulse): string {
	const states = [[pulse.updating, 'updating'], [pulse.paused, 'paused'], [pulse.rolledBack, 'rolled back']] as const;
	const some = states.filter(([count]) => count > 0).map(([count, state]) => `${count} ${state}`);
	return some.length === 0 ? 'no update running' : some.join(', ');
}

/**
 * `7/8 services converged · 1 updating, 1 rolled back · 2 tasks failed in 10 min · 0/3
 * nodes down`: short enough for 100 columns on a calm day. `failedAmong: 'seen'` words the
 * failure count for the screen, which counts only the tasks it has read.
 */
export function pulseParts(pulse: SwarmPulse, {failedAmong = 'all'}: {failedAmong?: 'all' | 'seen'} = {}): PulsePart[] {
	const tasks = pulse.failedTasks === 1 ? 'task' : 'tasks';
	return [
		{text: `${pulse.converged}/${pulse.services} services converged`, alarm: pulse.converged < pulse.services},
		{text: updatesText(pulse), alarm: pulse.paused + pulse.rolledBack > 0},
		{text: `${pulse.failedTasks} ${tasks} ${failedAmong === 'seen' ? 'seen failing' : 'failed'} in 10 min`, alarm: pulse.failedTasks > 0},
		{text: `${pulse.nodesDown}/${pulse.nodes} nodes down`, alarm: pulse.nodesDown > 0},
	];
}

export const pulseSeparator = ' · ';

export function formatPulse(pulse: SwarmPulse, options?: {failedAmong?: 'all' | 'seen'}): string {
	return pulseParts(pulse, options).map(part => part.text).join(pulseSeparator);
}
