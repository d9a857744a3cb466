import {describe, expect, it} from 'vitest';
import {advise} from '../../../source/advisor/advise.js';
import {rules} from '../../../source/advisor/rules.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('advise', () => {
	it('finds nothing for whoami as the lab deploys it', () => {
		expect(advise(labInput('whoami'))).toEqual([]);
	});

	it('names the service and rule, warnings first', () => {
		const findings = advise(labInput('dockercoins_rng'));
		expect(findings.map(finding => [finding.service, finding.id, finding.severity])).toEqual([
			['dockercoins_rng', 'stop-first-outage', 'warning'],
			['dockercoins_rng', 'no-health-check', 'info'],
		]);
	});

	it('has one rule per id', () => {
		expect(new Set(rules.map(rule => rule.id)).size).toBe(rules.length);
	});
});
