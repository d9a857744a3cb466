import {describe, expect, it} from 'vitest';
import {delayLongerThanMonitor} from '../../../source/advisor/rules/delay-longer-than-monitor.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('delay-longer-than-monitor', () => {
	it('is silent for whoami: delay and monitor are both 10s, no gap between them', () => {
		expect(delayLongerThanMonitor.check(labInput('whoami'))).toEqual([]);
	});

	it('notes the gap when the delay is longer', () => {
		expect(delayLongerThanMonitor.check(labInput('whoami', {spec(spec) {
			spec.UpdateConfig!.Delay = 30_000_000_000;
		}}))).toEqual([{
			message: 'Delay 30s is longer than the monitor 10s: a task failing in the 20s between them is not counted, though the update waits on its batch.',
			fix: 'docker service update --update-monitor 30s whoami',
		}]);
	});
});
