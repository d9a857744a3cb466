import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {escapeTimeoutMs, holdTimeoutMs, KeyInput, pasteTimeoutMs, type KeyHandler} from '../../../source/input/key-input.js';
import type {InputKey} from '../../../source/input/tokenizer.js';

/** A key as the tests name it: its text, or the name of its flag. */
function nameOf(input: string, key: InputKey): string {
	if (key.paste) {
		return `paste:${input}`;
	}

	const flag = (['return', 'escape', 'backspace', 'upArrow', 'downArrow', 'home', 'tab'] as const).find(name => key[name]);
	return [key.ctrl ? 'Ctrl+' : '', key.meta ? 'Alt+' : '', flag ?? input].join('');
}

/**
 * A KeyInput with React played by hand: `requestCommit` only notes the request, and
 * `commit()` says the commit happened, as the provider's effect does.
 */
function setup() {
	let requested = 0;
	const input = new KeyInput(() => {
		requested++;
	});
	const received: string[] = [];
	const record: KeyHandler = (characters, key) => {
		received.push(nameOf(characters, key));
	};

	return {
		input,
		received,
		record,
		requests: () => requested,
		commit() {
			expect(requested, 'a commit to have been requested').toBeGreaterThan(0);
			requested--;
			input.committed();
		},
		/** Commits whenever asked and lets timers run, until everything is delivered. */
		async drain() {
			for (let turn = 0; turn < 10_000 && !input.isIdle(); turn++) {
				if (requested > 0) {
					this.commit();
				} else {
					await vi.advanceTimersToNextTimerAsync();
				}
			}

			expect(input.isIdle()).toBe(true);
		},
	};
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('KeyInput: one key per commit', () => {
	it('delivers the keys of one chunk one by one, each after the previous one is committed', async () => {
		const {input, received, record, requests, commit} = setup();
		input.subscribe(record);
		input.write('ab\r');
		// Nothing goes out before React has rendered: the handlers may not be current yet.
		expect(received).toEqual([]);
		expect(requests()).toBe(1);
		commit();
		expect(received).toEqual(['a']);
		// The next key waits for the commit of what `a` changed…
		commit();
		expect(received).toEqual(['a']);
		expect(requests()).toBe(0);
		// …and then for a later turn of the event loop.
		await vi.advanceTimersToNextTimerAsync();
		expect(requests()).toBe(1);
		commit();
		expect(received).toEqual(['a', 'b']);
	});

	it('keeps the order of keys across chunks, also those written while a key is out', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u007F\u007F');
		harness.commit();
		harness.input.write('5\r');
		await harness.drain();
		expect(harness.received).toEqual(['backspace', 'backspace', '5', 'return']);
	});

	it('asks for one commit at a time however many chunks arrive', () => {
		const {input, requests} = setup();
		input.write('a');
		input.write('b');
		input.write('c');
		expect(requests()).toBe(1);
	});

	it('is idle only once every key is delivered and committed', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		expect(harness.input.isIdle()).toBe(true);
		harness.input.write('xy');
		expect(harness.input.isIdle()).toBe(false);
		let idle = false;
		void harness.input.whenIdle().then(() => {
			idle = true;
		});
		harness.commit();
		harness.commit();
		await Promise.resolve();
		expect(idle).toBe(false);
		await harness.drain();
		expect(idle).toBe(true);
		expect(harness.received).toEqual(['x', 'y']);
	});

	it('delivers Ctrl+C in the middle of a chunk as a key', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('j\u0003k');
		await harness.drain();
		expect(harness.received).toEqual(['j', 'Ctrl+c', 'k']);
	});
});

describe('KeyInput: who gets a key', () => {
	it('gives each key to every subscribed handler, in the order they subscribed', async () => {
		const harness = setup();
		const order: string[] = [];
		harness.input.subscribe(input => order.push(`first ${input}`));
		harness.input.subscribe(input => order.push(`second ${input}`));
		harness.input.write('a');
		await harness.drain();
		expect(order).toEqual(['first a', 'second a']);
	});

	it('gives a key only to handlers subscribed when it goes out', async () => {
		const harness = setup();
		harness.input.write('ab');
		harness.commit();
		// `a` went out with no handler: it is gone, not kept for a later one.
		harness.input.subscribe(harness.record);
		await harness.drain();
		expect(harness.received).toEqual(['b']);
	});

	it('stops giving keys to a handler once it unsubscribes (unmounted or inactive)', async () => {
		const harness = setup();
		const unsubscribe = harness.input.subscribe(harness.record);
		harness.input.write('a');
		await harness.drain();
		unsubscribe();
		harness.input.write('b');
		await harness.drain();
		expect(harness.received).toEqual(['a']);
	});

	it('does not give the key being delivered to a handler another one removed meanwhile', async () => {
		const harness = setup();
		let removeSecond = () => {/* Set below. */};
		harness.input.subscribe(() => {
			removeSecond();
		});
		removeSecond = harness.input.subscribe(harness.record);
		harness.input.write('a');
		await harness.drain();
		expect(harness.received).toEqual([]);
	});

	it('gives a handler subscribed during a delivery the next key, not the current one', async () => {
		const harness = setup();
		let added = false;
		harness.input.subscribe(() => {
			if (!added) {
				added = true;
				harness.input.subscribe(harness.record);
			}
		});
		harness.input.write('ab');
		await harness.drain();
		expect(harness.received).toEqual(['b']);
	});

	it('delivers nothing more once disposed', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('ab');
		harness.commit();
		harness.input.dispose();
		harness.input.write('c');
		await vi.runAllTimersAsync();
		expect(harness.received).toEqual(['a']);
		expect(harness.input.isIdle()).toBe(true);
		await harness.input.whenIdle();
	});
});

describe('KeyInput: Esc and sequences cut by a read', () => {
	it('waits for the rest of a sequence, and delivers the whole key', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u001B');
		expect(harness.requests()).toBe(0);
		await vi.advanceTimersByTimeAsync(escapeTimeoutMs - 10);
		harness.input.write('[B');
		await harness.drain();
		expect(harness.received).toEqual(['downArrow']);
	});

	it(`takes a lone ESC for the Esc key after ${escapeTimeoutMs} ms without more bytes`, async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u001B');
		expect(harness.input.isIdle()).toBe(false);
		await vi.advanceTimersByTimeAsync(escapeTimeoutMs - 1);
		expect(harness.requests()).toBe(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(harness.requests()).toBe(1);
		await harness.drain();
		expect(harness.received).toEqual(['escape']);
	});

	it('delivers keys before a trailing ESC at once, and the Esc after its wait', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('ab\u001B');
		harness.commit();
		harness.commit();
		await vi.advanceTimersToNextTimerAsync();
		harness.commit();
		expect(harness.received).toEqual(['a', 'b']);
		await harness.drain();
		expect(harness.received).toEqual(['a', 'b', 'escape']);
	});

	it('reads ESC and a letter in one chunk as Alt+letter, not Esc then the letter', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u001Bq');
		await harness.drain();
		expect(harness.received).toEqual(['Alt+q']);
	});
});

describe('KeyInput: bracketed paste', () => {
	it('delivers a paste split over chunks as one paste, between the keys around it', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('i\u001B[200~swarmdeck/');
		harness.input.write('vote:movies\n\u001B[2');
		harness.input.write('01~\ry');
		await harness.drain();
		expect(harness.received).toEqual(['i', 'paste:swarmdeck/vote:movies\n', 'return', 'y']);
	});

	it('waits longer for the rest of a paste than for the rest of an escape sequence', async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u001B[200~half');
		await vi.advanceTimersByTimeAsync(escapeTimeoutMs * 2);
		harness.input.write(' of it\u001B[201~');
		await harness.drain();
		expect(harness.received).toEqual(['paste:half of it']);
	});

	it(`delivers a paste whose end never comes after ${pasteTimeoutMs} ms of silence, and reads on`, async () => {
		const harness = setup();
		harness.input.subscribe(harness.record);
		harness.input.write('\u001B[200~lost end');
		await vi.advanceTimersByTimeAsync(pasteTimeoutMs - 1);
		expect(harness.received).toEqual([]);
		await harness.drain();
		expect(harness.received).toEqual(['paste:lost end']);
		harness.input.write('j');
		await harness.drain();
		expect(harness.received).toEqual(['paste:lost end', 'j']);
	});

	describe('held for a dialog on its way', () => {
		/** Commits whenever asked and lets a millisecond pass, `turns` times: short of any hold's end. */
		async function runFor(harness: ReturnType<typeof setup>, turns: number) {
			for (let turn = 0; turn < turns; turn++) {
				if (harness.requests() > 0) {
					harness.commit();
				} else {
					await vi.advanceTimersByTimeAsync(1);
				}
			}
		}

		/** A handler that, on `S`, holds the keys as an action that reads the daemon first does. */
		function holdingOnS(harness: ReturnType<typeof setup>) {
			const releases: Array<() => void> = [];
			harness.input.subscribe((characters, key) => {
				harness.record(characters, key);
				if (characters === 'S') {
					releases.push(harness.input.hold());
				}
			});
			return releases;
		}

		it('keeps the keys after the one that opened it until released, then hands them out in order', async () => {
			const harness = setup();
			const releases = holdingOnS(harness);
			harness.input.write('Sdb\r');
			await runFor(harness, 20);

			expect(harness.received).toEqual(['S']);
			expect(harness.input.isIdle()).toBe(false);
			releases[0]!();
			await harness.drain();
			expect(harness.received).toEqual(['S', 'd', 'b', 'return']);
		});

		it('lets Ctrl+C through at once', async () => {
			const harness = setup();
			holdingOnS(harness);
			harness.input.write('Sx\u0003');
			await runFor(harness, 20);

			expect(harness.received).toEqual(['S', 'Ctrl+c']);
		});

		it(`gives the keys out after ${holdTimeoutMs} ms should the dialog never come`, async () => {
			const harness = setup();
			holdingOnS(harness);
			harness.input.write('Sj');
			await vi.advanceTimersByTimeAsync(holdTimeoutMs - 10);
			while (harness.requests() > 0) {
				harness.commit();
			}

			expect(harness.received).toEqual(['S']);
			await harness.drain();
			expect(harness.received).toEqual(['S', 'j']);
		});
	});
});
