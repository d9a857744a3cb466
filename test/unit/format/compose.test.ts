import {describe, expect, it} from 'vitest';
import {composePolicyLines} from '../../../source/format/compose.js';
import {defaultUpdatePolicy} from '../../../source/swarm/types.js';

const second = 1_000_000_000;

describe('composePolicyLines', () => {
	it('writes only the fields that differ from the defaults, with Compose keys and Go durations', () => {
		expect(composePolicyLines({
			update: {...defaultUpdatePolicy, parallelism: 2, delay: 90 * second, failureAction: 'rollback', maxFailureRatio: 0.25, order: 'start-first'},
			rollback: {...defaultUpdatePolicy, monitor: 500_000_000},
		})).toEqual([
			'deploy:',
			'  update_config:',
			'    parallelism: 2',
			'    delay: 1m30s',
			'    failure_action: rollback',
			'    max_failure_ratio: 0.25',
			'    order: start-first',
			'  rollback_config:',
			'    monitor: 500ms',
		]);
	});

	it('leaves out a policy at its defaults, and gives nothing when both are', () => {
		expect(composePolicyLines({update: defaultUpdatePolicy, rollback: {...defaultUpdatePolicy, failureAction: 'continue'}})).toEqual(['deploy:', '  rollback_config:', '    failure_action: continue']);
		expect(composePolicyLines({update: defaultUpdatePolicy, rollback: defaultUpdatePolicy})).toEqual([]);
	});

	it('writes every field when asked for all', () => {
		const defaults = ['parallelism: 1', 'delay: 0s', 'failure_action: pause', 'monitor: 5s', 'max_failure_ratio: 0', 'order: stop-first'].map(line => `    ${line}`);
		expect(composePolicyLines({update: defaultUpdatePolicy, rollback: defaultUpdatePolicy}, {all: true})).toEqual([
			'deploy:', '  update_config:', ...defaults, '  rollback_config:', ...defaults,
		]);
	});
});
