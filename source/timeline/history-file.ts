// The timeline on disk: one JSON Lines file per session under the XDG state folder
// ($XDG_STATE_HOME/swarmdeck/history, by default ~/.local/state/swarmdeck/history), readable
// by its owner only. Bounded: a session's file starts a new part past maxFileBytes, and only
// the newest maxFiles files are kept.
import {appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync} from 'node:fs';
import {join} from 'node:path';
import {stateDirectory} from '../exit.js';
import type {TimelineEntry, TimelineSink} from './timeline.js';

export const maxFileBytes = 1024 * 1024;
export const maxFiles = 50;

export function historyDirectory(env: NodeJS.ProcessEnv = process.env): string {
	return join(stateDirectory(env), 'history');
}

/** File names sort by time: the session's start, then its part number. */
function fileName(session: string, part: number): string {
	return `${session.replaceAll(':', '-')}-${process.pid}.${String(part).padStart(3, '0')}.jsonl`;
}

/** The newest files first. */
export function historyFiles(directory: string): string[] {
	try {
		return readdirSync(directory).filter(name => name.endsWith('.jsonl')).sort().reverse().map(name => join(directory, name));
	} catch {
		return [];
	}
}

/** Removes all but the newest `keep` files. */
function prune(directory: string, keep: number): void {
	for (const file of historyFiles(directory).slice(keep)) {
		try {
			unlinkSync(file);
		} catch {
			// Gone already, or not ours to remove: either way not worth stopping for.
		}
	}
}

/** A sink that appends each entry to this session's file. */
export function historyFileSink(session: string, directory = historyDirectory()): TimelineSink {
	let part = 1;
	let created = false;
	return entry => {
		if (!created) {
			mkdirSync(directory, {recursive: true, mode: 0o700});
			prune(directory, maxFiles - 1);
			created = true;
		}

		let file = join(directory, fileName(session, part));
		const line = `${JSON.stringify(entry)}\n`;
		let size = 0;
		try {
			size = statSync(file).size;
		} catch {
			// Not written yet.
		}

		if (size > 0 && size + Buffer.byteLength(line) > maxFileBytes) {
			part++;
			file = join(directory, fileName(session, part));
			prune(directory, maxFiles - 1);
		}

		appendFileSync(file, line, {mode: 0o600});
		// The mode applies when the file is created; a file made by an older umask is tightened too.
		chmodSync(file, 0o600);
	};
}

/** Every entry in the folder, session by session, in the order recorded; lines that are not entries are skipped. */
export function readHistory(directory = historyDirectory()): TimelineEntry[] {
	const entries: TimelineEntry[] = [];
	for (const file of historyFiles(directory).reverse()) {
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}

		for (const line of text.split('\n')) {
			try {
				const entry = JSON.parse(line) as TimelineEntry;
				if (typeof entry.session === 'string' && typeof entry.time === 'string' && typeof entry.seq === 'number') {
					entries.push(entry);
				}
			} catch {
				// A line cut short by a crash, or not ours.
			}
		}
	}

	// A session is named by its start time, so sessions sort by name.
	return entries.sort((left, right) => left.session.localeCompare(right.session) || left.seq - right.seq);
}
