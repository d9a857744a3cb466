// The timeline in words: for the view (newest action first, the swarm's answers under it)
// and for `swarmdeck history` as plain text, Markdown (a handout or a postmortem section)
// or JSON. Pure: entries in, lines out.
import {inert} from '../text/inert.js';
import type {TimelineEntry} from '../timeline/timeline.js';
import {formatClock} from './events.js';

/** An action with the outcomes that answer it, or an outcome that answers none. */
export type TimelineGroup = {entry: TimelineEntry; outcomes: TimelineEntry[]};

/**
 * Groups entries, each action with the outcomes that answer it, newest action first. An
 * answer may have been recorded before its action (the action is recorded once its write
 * returns; it holds its place by its seq).
 */
export function groupTimeline(entries: readonly TimelineEntry[]): TimelineGroup[] {
	const key = (session: string, seq: number) => `${session} ${seq}`;
	const ordered = [...entries].sort((left, right) => left.session.localeCompare(right.session) || left.seq - right.seq);
	const actions = new Map(ordered.filter(entry => entry.kind === 'action').map(entry => [key(entry.session, entry.seq), {entry, outcomes: [] as TimelineEntry[]}]));
	const groups: TimelineGroup[] = [];
	for (const entry of ordered) {
		const own = actions.get(key(entry.session, entry.seq));
		const answered = entry.answers === undefined ? undefined : actions.get(key(entry.session, entry.answers));
		if (own) {
			groups.push(own);
		} else if (answered) {
			answered.outcomes.push(entry);
		} else {
			groups.push({entry, outcomes: []});
		}
	}

	return groups.reverse();
}

const resultMarks: Record<string, string> = {done: '✔', failed: '✖', 'not sent': '–', unknown: '?'};

/** `✔ vote scaled from 4 to 7 replicas`: an action's result, or an outcome's change. */
export function describeEntry(entry: TimelineEntry): string {
	const versions = entry.versionAfter === undefined ? '' : ` (version ${entry.versionBefore ?? '?'} → ${entry.versionAfter})`;
	return entry.kind === 'action'
		? `${resultMarks[entry.result ?? 'unknown'] ?? '?'} ${inert(entry.message)}${versions}`
		: inert(entry.message);
}

function dateTime(iso: string): string {
	const date = new Date(iso);
	const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()].map(part => String(part).padStart(2, '0')).join('-');
	return `${day} ${formatClock(date)}`;
}

/** `swarmdeck history`: one line per action, its command, and its answers indented under it. */
export function historyText(entries: readonly TimelineEntry[]): string {
	const lines: string[] = [];
	for (const {entry, outcomes} of groupTimeline(entries).reverse()) {
		if (entry.kind === 'action') {
			lines.push(`${dateTime(entry.time)}  $ ${inert(entry.command ?? '')}`, `${' '.repeat(21)}${describeEntry(entry)}`);
		} else {
			lines.push(`${dateTime(entry.time)}  ${describeEntry(entry)}`);
		}

		for (const outcome of outcomes) {
			lines.push(`${' '.repeat(21)}↳ ${formatClock(new Date(outcome.time))} ${describeEntry(outcome)}`);
		}
	}

	return lines.length === 0 ? 'Nothing recorded yet.\n' : `${lines.join('\n')}\n`;
}

/** A Markdown cell: pipes escaped, a line break as a space. */
function cell(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll(/\r?\n/g, ' ');
}

/** `swarmdeck history --markdown`: a table of time, target, command and outcome. */
export function historyMarkdown(entries: readonly TimelineEntry[]): string {
	const rows = ['| Time | Target | Command | Outcome |', '| --- | --- | --- | --- |'];
	for (const {entry, outcomes} of groupTimeline(entries).reverse()) {
		const command = entry.command ? `\`${cell(inert(entry.command)).replaceAll('`', '\\`')}\`` : '';
		rows.push(`| ${dateTime(entry.time)} | ${cell(inert(entry.target.name))} | ${command} | ${cell(describeEntry(entry))} |`);
		for (const outcome of outcomes) {
			rows.push(`| ${dateTime(outcome.time)} | ${cell(inert(outcome.target.name))} | | ↳ ${cell(describeEntry(outcome))} |`);
		}
	}

	return `${rows.join('\n')}\n`;
}
