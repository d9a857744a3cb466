import {describe, expect, it} from 'vitest';
import {failureTimes, formatPulse, isConverged, pulseParts, swarmPulse} from '../../../source/format/pulse.js';
import type {SwarmTask, UpdateState} from '../../../source/swarm/types.js';
import {makeNode, makeService} from '../../support/fake-client.js';

const now = new Date('2026-12-07T04:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - (minutes * 60_000));
const inState = (name: string, state: UpdateState) => makeService({name, updateStatus: {state, message: '', startedAt: minutesAgo(3)}});

function task(state: SwarmTask['state'], minutes: number): SwarmTask {
	return {id: `${state}-${minutes}`, serviceId: 's', slot: 1, desiredState: 'shutdown', state, stateSince: minutesAgo(minutes), createdAt: minutesAgo(minutes + 1), message: '', image: 'vote', ports: []};
}

describe('the swarm\'s pulse', () => {
	const services = [
		makeService({name: 'web'}),
		makeService({name: 'short', replicas: 3, runningTasks: 1}),
		inState('rolling', 'updating'),
		inState('back', 'rollback_started'),
		inState('stuck', 'paused'),
		inState('stuck-back', 'rollback_paused'),
		inState('reverted', 'rollback_completed'),
		inState('done', 'completed'),
	];
	const nodes = [makeNode({hostname: 'node1'}), makeNode({hostname: 'node2', state: 'down'}), makeNode({hostname: 'node3', state: 'disconnected'}), makeNode({hostname: 'node4'})];

	it('counts converged services, updates by state, failures of the last 10 minutes and nodes down', () => {
		const failedAt = failureTimes([task('failed', 1), task('rejected', 9.9), task('failed', 10), task('failed', 30), task('shutdown', 1), task('complete', 1)]);
		expect(swarmPulse({services, nodes, failedAt, now})).toEqual({
			services: 8,
			// A running or paused rollout is not converged, however many tasks run; a rolled-back one is.
			converged: 3,
			updating: 2,
			paused: 2,
			rolledBack: 1,
			failedTasks: 2,
			nodes: 4,
			nodesDown: 2,
		});
		expect(isConverged(inState('reverted', 'rollback_completed'))).toBe(true);
	});

	it('reads as one line, and marks what is wrong', () => {
		const pulse = swarmPulse({services, nodes, failedAt: [minutesAgo(1)], now});
		expect(formatPulse(pulse)).toBe('3/8 services converged · 2 updating, 2 paused, 1 rolled back · 1 task failed in 10 min · 2/4 nodes down');
		expect(formatPulse(pulse, {failedAmong: 'seen'})).toContain('1 task seen failing in 10 min');
		expect(pulseParts(pulse).map(part => part.alarm)).toEqual([true, true, true, true]);
		const calm = swarmPulse({services: [makeService({name: 'web'}), inState('rolling', 'updating')], nodes: [makeNode({hostname: 'node1'})], failedAt: [], now});
		expect(formatPulse(calm)).toBe('1/2 services converged · 1 updating · 0 tasks failed in 10 min · 0/1 nodes down');
		// A rollout that runs is not an alarm by itself; the services it keeps from converging are.
		expect(pulseParts(calm).map(part => part.alarm)).toEqual([true, false, false, false]);
	});
});
