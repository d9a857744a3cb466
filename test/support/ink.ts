// Ink 6 with React 19 handles input on the scheduler: after mounting and after each
// keypress, yield to it before reading the frame. Every component test uses these.
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';

export async function settle(): Promise<void> {
	// Two rounds: one for the render, one for the passive effects that subscribe input
	// handlers of whatever that render mounted.
	for (let round = 0; round < 2; round++) {
		 
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		 
		await new Promise(resolve => {
			setTimeout(resolve, 0);
		});
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
} as const;

export type Rendered = ReturnType<typeof render> & {
	/** Types each key separately, settling after each one, as a person types. */
	press: (...sequence: string[]) => Promise<void>;
	/** Types text one character at a time. */
	type: (text: string) => Promise<void>;
	frame: () => string;
};

export async function renderInk(element: ReactElement): Promise<Rendered> {
	const instance = render(element);
	await settle();
	const press = async (...sequence: string[]) => {
		for (const key of sequence) {
			instance.stdin.write(key);
			 
			await settle();
		}
	};

	return {
		...instance,
		press,
		type: async (text: string) => press(...text),
		frame: () => instance.lastFrame() ?? '',
	};
}

/** Waits until the frame satisfies `predicate`, for screens fed by async data. */
export async function waitForFrame(rendered: Rendered, predicate: (frame: string) => boolean, timeoutMs = 2000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const frame = rendered.frame();
		if (predicate(frame)) {
			 
			await settle();
			return frame;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out waiting for the frame; last frame:\n${frame}`);
		}

		 
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}
