// The raft's arithmetic, which promote and demote must respect: a swarm is managed only while
// a majority of its managers can reach each other. The daemon refuses a demotion that would
// break that; swarmdeck says so first, with the numbers.
import type {SwarmNode} from '../../swarm/types.js';

/** Managers, how many the raft can reach, and what a majority of them is. */
export type Quorum = {managers: number; reachable: number; needed: number};

export function quorumOf(nodes: readonly SwarmNode[]): Quorum {
	const managers = nodes.filter(node => node.role === 'manager');
	const reachable = managers.filter(node => node.isLeader || node.reachability === 'reachable').length;
	return {managers: managers.length, reachable, needed: majority(managers.length)};
}

export function majority(managers: number): number {
	return Math.floor(managers / 2) + 1;
}

/** How many managers can be lost before the swarm can no longer be managed. */
export function faultTolerance(managers: number): number {
	return Math.max(0, Math.floor((managers - 1) / 2));
}

/**
 * Why demoting this manager would lose quorum, with the numbers; undefined when it would not.
 * The same rule as swarmkit's CanRemoveMember: the managers still reachable without it must
 * be a majority of the managers left.
 */
export function demotionRefusal(node: SwarmNode, nodes: readonly SwarmNode[]): string | undefined {
	const {managers, reachable} = quorumOf(nodes);
	if (managers <= 1) {
		return `${node.hostname} is the only manager: demoting it would leave the swarm with none. Promote another node first.`;
	}

	const reachableAfter = reachable - (node.isLeader || node.reachability === 'reachable' ? 1 : 0);
	const needed = majority(managers - 1);
	if (reachableAfter < needed) {
		return `Demoting ${node.hostname} would lose quorum: ${managers - 1} ${managers - 1 === 1 ? 'manager' : 'managers'} would be left, ${reachableAfter} of them reachable, and ${needed} are needed (a majority). Nothing was sent.`;
	}

	return undefined;
}

/** What promoting or demoting does to the swarm's tolerance, in one sentence for the confirmation. */
export function quorumChange(nodes: readonly SwarmNode[], delta: 1 | -1): string {
	const {managers} = quorumOf(nodes);
	const after = managers + delta;
	const even = after % 2 === 0 ? ` An even number of managers tolerates no more losses than one fewer: prefer ${after + (delta > 0 ? 1 : -1)}.` : '';
	return `Managers ${managers} → ${after}: a majority of ${majority(after)} must stay reachable, so the swarm survives losing ${faultTolerance(after)} ${faultTolerance(after) === 1 ? 'manager' : 'managers'} (now ${faultTolerance(managers)}).${even}`;
}
