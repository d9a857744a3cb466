// `swarmdeck history`: the timeline of past sessions from the history folder, for a
// handout or a postmortem. No connection, no screen: it reads files and prints.
import {historyMarkdown, historyText} from './format/timeline.js';
import {parseGoDuration} from './spec/go-duration.js';
import {historyDirectory, readHistory} from './timeline/history-file.js';

export type HistoryFlags = {all?: boolean; since?: string; markdown?: boolean; json?: boolean};

export type HistoryResult = {output: string; error?: string};

/** What `swarmdeck history` prints, or the sentence for flags it cannot take. */
export function historyCommand(flags: HistoryFlags, {directory = historyDirectory(), now = new Date()}: {directory?: string; now?: Date} = {}): HistoryResult {
	if (flags.markdown && flags.json) {
		return {output: '', error: '--markdown and --json are two ways to print the same entries: give one.'};
	}

	let since: number | undefined;
	if (flags.since !== undefined) {
		const nanoseconds = parseGoDuration(flags.since);
		if (nanoseconds === undefined || nanoseconds <= 0) {
			return {output: '', error: `--since takes how far back to go, such as 30m, 2h or 1h30m, not "${flags.since}".`};
		}

		since = now.getTime() - (nanoseconds / 1e6);
	}

	const everything = readHistory(directory);
	const lastSession = everything.at(-1)?.session;
	const entries = everything.filter(entry => since === undefined
		? flags.all === true || entry.session === lastSession
		: Date.parse(entry.time) >= since);
	if (flags.json) {
		return {output: `${JSON.stringify(entries, undefined, 2)}\n`};
	}

	if (entries.length === 0) {
		return {output: everything.length === 0
			? `No history yet: swarmdeck records what it does in ${directory} (unless --no-history).\n`
			: 'Nothing recorded in that time.\n'};
	}

	return {output: flags.markdown ? historyMarkdown(entries) : historyText(entries)};
}
