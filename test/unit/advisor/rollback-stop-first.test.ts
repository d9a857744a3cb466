import {describe, expect, it} from 'vitest';
import {rollbackStopFirst} from '../../../source/advisor/rules/rollback-stop-first.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('rollback-stop-first', () => {
	it('warns when a one-replica service updates start-first but rolls back stop-first (the default)', () => {
		expect(rollbackStopFirst.check(labInput('dockercoins_rng', {spec(spec) {
			spec.UpdateConfig!.Order = 'start-first';
		}}))).toEqual([{
			message: 'The update is start-first but the rollback stop-first with 1 replica: a rollback stops every task before starting the old ones, the outage the update avoids.',
			fix: 'docker service update --rollback-order start-first dockercoins_rng',
		}]);
	});

	it('is silent when the rollback goes one task at a time on a bigger service, or is start-first too', () => {
		const startFirst = (spec: {UpdateConfig?: {Order?: string}}) => {
			spec.UpdateConfig!.Order = 'start-first';
		};
		expect(rollbackStopFirst.check(labInput('vote', {spec: startFirst}))).toEqual([]);
		expect(rollbackStopFirst.check(labInput('dockercoins_rng', {spec(spec) {
			startFirst(spec);
			spec.RollbackConfig!.Order = 'start-first';
		}}))).toEqual([]);
	});
});
