import {describe, expect, it} from 'vitest';
import {stopFirstOutage} from '../../../source/advisor/rules/stop-first-outage.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('stop-first-outage', () => {
	it('warns for a stop-first service with one replica (dockercoins_rng as deployed)', () => {
		expect(stopFirstOutage.check(labInput('dockercoins_rng'))).toEqual([{
			message: 'stop-first with 1 replica: every update stops all of them before their replacements start, an outage until the new task runs.',
			fix: 'docker service update --update-order start-first dockercoins_rng',
		}]);
	});

	it('warns when parallelism 0 or ≥ replicas changes every slot at once', () => {
		const [finding] = stopFirstOutage.check(labInput('vote', {spec(spec) {
			spec.UpdateConfig!.Parallelism = 0;
		}}));
		expect(finding?.message).toContain('with parallelism 0 and 4 tasks');
		expect(finding?.fix).toBe('docker service update --update-parallelism 2 vote');
		expect(stopFirstOutage.check(labInput('whoami', {spec(spec) {
			spec.UpdateConfig!.Parallelism = 3;
		}}))).toHaveLength(1);
	});

	it('is silent for whoami and vote as deployed, and for start-first', () => {
		expect(stopFirstOutage.check(labInput('whoami'))).toEqual([]);
		expect(stopFirstOutage.check(labInput('vote'))).toEqual([]);
		expect(stopFirstOutage.check(labInput('dockercoins_rng', {spec(spec) {
			spec.UpdateConfig!.Order = 'start-first';
		}}))).toEqual([]);
	});
});
