// Keys reach the app through its input layer, one per render, and Ink 6 with React 19
// renders on the scheduler: after mounting and after each write, wait for both before
// reading the frame. Every component test uses these.
import {EventEmitter} from 'node:events';
import {render as inkRender} from 'ink';
import type {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import {whenKeysHandled} from '../../source/input/KeyInputProvider.js';
import {pasteEnd, pasteStart} from '../../source/input/tokenizer.js';

/**
 * Waits until the keys written to `stdin` have all been handled (a lone Esc included, once
 * its wait for the rest of a sequence is over), then for the renders and effects they caused.
 */
export async function settle(stdin?: object): Promise<void> {
	if (stdin) {
		await keysHandled(stdin);
	}

	// Two rounds: one for the render, one for the passive effects of whatever it mounted.
	for (let round = 0; round < 2; round++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		await new Promise(resolve => {
			setTimeout(resolve, 0);
		});
	}
}

async function keysHandled(stdin: object): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const stuck = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error('The keys written were not all handled within 5 s'));
		}, 5000);
	});
	try {
		await Promise.race([whenKeysHandled(stdin), stuck]);
	} finally {
		clearTimeout(timer);
	}
}

export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	backspace: '\u007F',
	ctrlU: '\u0015',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	ctrlC: '\u0003',
} as const;

/** Text as a terminal sends it when bracketed paste is on. */
export function bracketedPaste(text: string): string {
	return `${pasteStart}${text}${pasteEnd}`;
}

export type Rendered = ReturnType<typeof render> & {
	/** Types each key separately, settling after each one, as a person types. */
	press: (...sequence: string[]) => Promise<void>;
	/** Sends the keys in ONE write, as a fast typist over SSH, a busy machine or tmux does, then settles. */
	burst: (...sequence: string[]) => Promise<void>;
	/** Pastes text as a terminal in bracketed-paste mode sends it, then settles. */
	paste: (text: string) => Promise<void>;
	/** Types text one character at a time. */
	type: (text: string) => Promise<void>;
	frame: () => string;
	/** Resizes the terminal, as a person dragging the window does (only with a given size). */
	resize: (columns: number, rows?: number) => Promise<void>;
	/** Whether the app has quit (Ink's exit), as the person sees the program end. */
	hasExited: () => boolean;
	/** Whether the terminal is in raw mode now: it must not stay so once the app is gone. */
	isRawMode: () => boolean;
};

/** The terminal a test renders into. Without one, ink-testing-library's: 100 columns, no rows (24 assumed). */
export type TerminalSize = {columns: number; rows?: number};

type Instance = ReturnType<typeof render>;

// ink-testing-library's stdout is always 100 columns wide; this one has the given size and
// tells Ink when it changes, like a real terminal.
class SizedStdout extends EventEmitter {
	readonly frames: string[] = [];
	private last: string | undefined;

	constructor(
		public columns: number,
		public rows: number | undefined,
	) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		this.last = frame;
	};

	lastFrame = () => this.last;
}

class TestStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	/** Whether the app holds the terminal in raw mode, as a real terminal would be left. */
	rawMode = false;
	setEncoding() {/* A terminal stub: nothing to do. */}
	setRawMode(mode: boolean) {
		this.rawMode = mode;
	}

	resume() {/* A terminal stub: nothing to do. */}
	pause() {/* A terminal stub: nothing to do. */}
	ref() {/* A terminal stub: nothing to do. */}
	unref() {/* A terminal stub: nothing to do. */}
}

function renderSized(element: ReactElement, size: TerminalSize): {instance: Instance; stdout: SizedStdout; hasExited: () => boolean} {
	const stdout = new SizedStdout(size.columns, size.rows);
	const stderr = new SizedStdout(size.columns, size.rows);
	const stdin = new TestStdin();
	const ink = inkRender(element, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const instance: Instance = {
		rerender: ink.rerender,
		unmount: ink.unmount,
		cleanup: ink.cleanup,
		stdout: stdout as unknown as Instance['stdout'],
		stderr: stderr as unknown as Instance['stderr'],
		stdin: stdin as unknown as Instance['stdin'],
		frames: stdout.frames,
		lastFrame: stdout.lastFrame,
	};
	let exited = false;
	void ink.waitUntilExit().finally(() => {
		exited = true;
	});
	return {instance, stdout, hasExited: () => exited};
}

export async function renderInk(element: ReactElement, size?: TerminalSize): Promise<Rendered> {
	// Without a size, the terminal of ink-testing-library: 100 columns, no rows.
	const sized = renderSized(element, size ?? {columns: 100});
	const {instance} = sized;
	await settle(instance.stdin);
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			instance.stdin.write(key);
			await settle(instance.stdin);
		}
	};

	const burst = async (...sequence: string[]) => {
		instance.stdin.write(sequence.join(''));
		await settle(instance.stdin);
	};

	return {
		...instance,
		press,
		burst,
		paste: async (text: string) => burst(bracketedPaste(text)),
		type: async (text: string) => press(...text),
		frame: () => instance.lastFrame() ?? '',
		hasExited: sized.hasExited,
		isRawMode: () => (instance.stdin as unknown as TestStdin).rawMode,
		async resize(columns: number, rows?: number) {
			if (!size) {
				throw new Error('resize needs renderInk(element, {columns, rows})');
			}

			sized.stdout.columns = columns;
			sized.stdout.rows = rows ?? sized.stdout.rows;
			sized.stdout.emit('resize');
			await settle(instance.stdin);
		},
	};
}

/** Waits until the frame satisfies `predicate`, for screens fed by async data. */
export async function waitForFrame(rendered: Rendered, predicate: (frame: string) => boolean, timeoutMs = 2000): Promise<string> {
	// performance.now, not Date.now: a test may freeze Date to fix "5 seconds ago".
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const frame = rendered.frame();
		if (predicate(frame)) {
			await settle(rendered.stdin);
			return frame;
		}

		if (performance.now() > deadline) {
			throw new Error(`Timed out waiting for the frame; last frame:\n${frame}`);
		}

		 
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}
