// Runs every rule over one service. Warnings come before notes, each in rule order.
import type {AdvisorInput, Finding} from './finding.js';
import {rules} from './rules.js';

export function advise(input: AdvisorInput): Finding[] {
	const findings = rules.flatMap(rule => rule.check(input).map(found => ({
		service: input.service.name,
		id: rule.id,
		severity: found.severity ?? rule.severity,
		message: found.message,
		...(found.fix ? {fix: found.fix} : {}),
	})));
	return [...findings.filter(finding => finding.severity === 'warning'), ...findings.filter(finding => finding.severity === 'info')];
}
