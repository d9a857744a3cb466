// The advisor's findings as text: for `swarmdeck check` and for the screens. The messages
// hold daemon text already made inert (swarm/normalize.ts).
import type {Finding} from '../advisor/finding.js';

/** `warning  stop-first-outage` then the sentence, then the fix, indented under it. */
export function findingLines(finding: Finding, {withService = true} = {}): string[] {
	const head = [withService ? finding.service : undefined, finding.severity === 'warning' ? 'warning' : 'note', finding.id].filter(Boolean).join('  ');
	return [head, `  ${finding.message}`, ...(finding.fix ? [`  fix: ${finding.fix}`] : [])];
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The report `swarmdeck check` prints: each finding, then one line that sums them up. */
export function checkReport(findings: readonly Finding[], servicesChecked: number): string {
	const warnings = findings.filter(finding => finding.severity === 'warning').length;
	const notes = findings.length - warnings;
	const checked = `${count(servicesChecked, 'service')} checked`;
	const summary = findings.length === 0 ? `${checked}: nothing found.` : `${checked}: ${count(warnings, 'warning')}, ${count(notes, 'note')}.`;
	return [...findings.flatMap(finding => [...findingLines(finding), '']), summary, ''].join('\n');
}

/** `--json`: the findings as data, one object each, `fix` null where no command fixes it. */
export function checkJson(findings: readonly Finding[]): string {
	return `${JSON.stringify(findings.map(({service, id, severity, message, fix}) => ({service, id, severity, message, fix: fix ?? null})), null, 2)}\n`;
}

/** 0 when nothing needs a change, 1 when a warning does; notes alone do not fail a pipeline. */
export function checkExitCode(findings: readonly Finding[]): 0 | 1 {
	return findings.some(finding => finding.severity === 'warning') ? 1 : 0;
}
