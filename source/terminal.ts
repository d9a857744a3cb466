// The full-screen mode swarmdeck draws in, and the way back out of it. Every way out (q,
// Ctrl+C, a signal, a crash) ends in leave(), so the person's shell gets its screen, its
// cursor and its line editing back.

export const terminalSequences = {
	/** The alternate screen keeps the user's scrollback intact; leaving it restores the shell's text. */
	alternateScreenOn: '\u001B[?1049h',
	alternateScreenOff: '\u001B[?1049l',
	/** A paste arrives between ESC[200~ and ESC[201~, so it can never be taken for keys. */
	bracketedPasteOn: '\u001B[?2004h',
	bracketedPasteOff: '\u001B[?2004l',
	showCursor: '\u001B[?25h',
	resetAttributes: '\u001B[0m',
} as const;

export type TerminalStreams = {
	write: (text: string) => void;
	setRawMode?: (on: boolean) => void;
};

export class FullScreen {
	private active = false;
	private readonly beforeLeaving: Array<() => void> = [];

	constructor(private readonly streams: TerminalStreams) {}

	get isActive(): boolean {
		return this.active;
	}

	enter(): void {
		if (this.active) {
			return;
		}

		this.active = true;
		this.streams.write(terminalSequences.alternateScreenOn + terminalSequences.bracketedPasteOn);
	}

	/**
	 * Runs once, first thing in leave(). Ink's unmount belongs here: it draws a last frame,
	 * which must land on the alternate screen, not over the shell's text.
	 */
	beforeLeave(cleanup: () => void): void {
		this.beforeLeaving.push(cleanup);
	}

	/**
	 * Back to the screen as it was. Idempotent, synchronous and never throws, so a signal
	 * handler, a crash handler and the exit hook can all call it: the first one does the work.
	 * A terminal that hung up (SIGHUP) cannot be written to any more; that is ignored.
	 */
	leave(): void {
		if (!this.active) {
			return;
		}

		this.active = false;
		for (const cleanup of this.beforeLeaving.splice(0)) {
			try {
				cleanup();
			} catch {
				// The screen is restored below whatever the cleanup ran into.
			}
		}

		try {
			this.streams.setRawMode?.(false);
		} catch {
			// Not a terminal any more.
		}

		try {
			this.streams.write(terminalSequences.bracketedPasteOff + terminalSequences.resetAttributes + terminalSequences.showCursor + terminalSequences.alternateScreenOff);
		} catch {
			// Not a terminal any more.
		}
	}
}

/** The terminal swarmdeck runs in. */
export const terminal = new FullScreen({
	write(text) {
		process.stdout.write(text);
	},
	setRawMode(on) {
		if (process.stdin.isTTY) {
			process.stdin.setRawMode(on);
		}
	},
});
