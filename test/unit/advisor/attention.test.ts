import {describe, expect, it} from 'vitest';
import {attentionRank, nextNeedingAttention} from '../../../source/advisor/attention.js';
import type {SwarmService, UpdateState} from '../../../source/swarm/types.js';
import {makeService} from '../../support/fake-client.js';

const now = new Date('2026-12-07T04:00:00Z');
const inState = (name: string, state: UpdateState) => makeService({name, updateStatus: {state, message: '', startedAt: now}});

describe('which service needs a look first', () => {
	it('ranks a pause, then a rollback, then a shortage past the grace, then policy warnings', () => {
		expect(attentionRank(inState('a', 'paused'), 0, now)).toBe(0);
		expect(attentionRank(inState('a', 'rollback_paused'), 0, now)).toBe(0);
		expect(attentionRank(inState('a', 'rollback_completed'), 0, now)).toBe(1);
		// makeService's services were last changed long before `now`: short for minutes.
		expect(attentionRank(makeService({name: 'a', replicas: 3, runningTasks: 1}), 0, now)).toBe(2);
		expect(attentionRank(makeService({name: 'a', replicas: 3, runningTasks: 1, updatedAt: new Date(now.getTime() - 5000)}), 0, now)).toBeUndefined();
		expect(attentionRank(makeService({name: 'a'}), 2, now)).toBe(3);
		expect(attentionRank(makeService({name: 'a'}), 0, now)).toBeUndefined();
		expect(attentionRank(inState('a', 'updating'), 0, now)).toBeUndefined();
	});

	it('goes to the most urgent first, then round the others in list order', () => {
		const listed: SwarmService[] = [makeService({name: 'calm'}), makeService({name: 'warned'}), inState('reverted', 'rollback_completed'), inState('stuck', 'paused'), makeService({name: 'warned-too'})];
		const rank = (service: SwarmService) => attentionRank(service, service.name.startsWith('warned') ? 1 : 0, now);
		const visits: string[] = [];
		let current: string | undefined = 'id-calm';
		for (let press = 0; press < 5; press++) {
			current = nextNeedingAttention(listed, current, rank)?.id;
			visits.push(current ?? '');
		}

		expect(visits).toEqual(['id-stuck', 'id-reverted', 'id-warned', 'id-warned-too', 'id-stuck']);
		expect(nextNeedingAttention([makeService({name: 'calm'})], undefined, rank)).toBeUndefined();
	});
});
