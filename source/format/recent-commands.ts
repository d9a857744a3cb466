// The box of the last commands on a projector: the `docker` command of each action of this
// session, newest last, whole (wrapped, never cut) so that the class can copy them.
import type {TimelineEntry} from '../timeline/timeline.js';
import {wrapRows} from './wrap.js';

/** How many commands the box keeps. */
export const recentCommandCount = 5;

/** The commands of the last actions sent, oldest first. */
export function recentCommands(entries: readonly TimelineEntry[], count = recentCommandCount): string[] {
	// Entries are newest first; an action refused before sending taught nothing to copy.
	return entries.filter(entry => entry.kind === 'action' && entry.command && entry.result !== 'not sent').slice(0, count).map(entry => entry.command!).reverse();
}

/**
 * The rows of the box in `height` lines and `width` cells: a heading, then as many of the
 * newest commands as fit whole, each wrapped as a shell continues a line. Every command when
 * height allows.
 */
export function recentCommandRows(commands: readonly string[], width: number, height = Number.POSITIVE_INFINITY): string[] {
	const heading = `── Last ${commands.length === 1 ? 'command' : `${commands.length || recentCommandCount} commands`}, to copy ${'─'.repeat(Math.max(0, width))}`.slice(0, width);
	if (commands.length === 0) {
		return [heading, 'None yet: each action\'s docker command shows here.'];
	}

	const rows: string[][] = [];
	let used = 1;
	for (const command of [...commands].reverse()) {
		// A shell takes a wrapped command pasted whole when each line but the last ends in `\`.
		const wrapped = wrapRows(command, width - 2).map((row, index, all) => index < all.length - 1 ? `${row.trimEnd()} \\` : row);
		if (used + wrapped.length > height) {
			break;
		}

		rows.unshift(wrapped);
		used += wrapped.length;
	}

	return [heading, ...rows.flat()];
}
