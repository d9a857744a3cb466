import {describe, expect, it} from 'vitest';
import {FullScreen, terminalSequences} from '../../source/terminal.js';

function fakeTerminal() {
	const written: string[] = [];
	const rawMode: boolean[] = [];
	const screen = new FullScreen({
		write(text) {
			written.push(text);
		},
		setRawMode(on) {
			rawMode.push(on);
		},
	});
	return {screen, written, rawMode};
}

describe('FullScreen', () => {
	it('enters the alternate screen with bracketed paste on', () => {
		const {screen, written} = fakeTerminal();
		screen.enter();
		expect(written.join('')).toBe('\u001B[?1049h\u001B[?2004h');
		expect(screen.isActive).toBe(true);
	});

	it('leaves it the reverse way: paste off, cursor shown, raw mode off, the shell\'s screen back', () => {
		const {screen, written, rawMode} = fakeTerminal();
		screen.enter();
		screen.leave();
		const leaving = written.slice(1).join('');
		expect(leaving).toContain(terminalSequences.bracketedPasteOff);
		expect(leaving).toContain(terminalSequences.showCursor);
		expect(leaving.endsWith(terminalSequences.alternateScreenOff)).toBe(true);
		expect(rawMode).toEqual([false]);
		expect(screen.isActive).toBe(false);
	});

	it('leaves once however many ways out call it, and not at all if it never entered', () => {
		const {screen, written} = fakeTerminal();
		screen.leave();
		expect(written).toEqual([]);
		screen.enter();
		screen.leave();
		screen.leave();
		screen.leave();
		expect(written).toHaveLength(2);
	});

	it('runs the cleanups first, on the alternate screen, once', () => {
		const {screen, written} = fakeTerminal();
		const order: string[] = [];
		screen.enter();
		screen.beforeLeave(() => {
			order.push(`cleanup after ${written.length} writes`);
		});
		screen.leave();
		screen.leave();
		expect(order).toEqual(['cleanup after 1 writes']);
	});

	it('restores the screen even when a cleanup throws or the terminal is gone', () => {
		const written: string[] = [];
		const screen = new FullScreen({
			write(text) {
				written.push(text);
			},
			setRawMode() {
				throw new Error('EIO: the terminal hung up');
			},
		});
		screen.enter();
		screen.beforeLeave(() => {
			throw new Error('unmount failed');
		});
		expect(() => {
			screen.leave();
		}).not.toThrow();
		expect(written.at(-1)).toContain(terminalSequences.alternateScreenOff);

		const hungUp = new FullScreen({
			write() {
				throw new Error('EIO');
			},
		});
		expect(() => {
			hungUp.leave();
		}).not.toThrow();
	});
});
