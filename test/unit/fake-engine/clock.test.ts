// The engine's clock: timers run in due order as a test moves time, settle stops at its
// limit, and on real timers "now" is the wall clock's.
import {describe, expect, it} from 'vitest';
import {Clock, goTime} from '../../support/fake-engine/clock.js';

describe('the engine clock', () => {
	it('runs timers in due order, then in scheduling order, as time is advanced', () => {
		const clock = new Clock(1000);
		const ran: string[] = [];
		clock.schedule(300, () => ran.push('c'));
		clock.schedule(100, () => {
			ran.push('a');
			clock.schedule(50, () => ran.push('b'));
		});
		clock.schedule(300, () => ran.push('d'));
		const cancelled = clock.schedule(200, () => ran.push('never'));
		cancelled.cancel();
		clock.advance(149);
		expect(ran).toEqual(['a']);
		clock.advance(151);
		expect(ran).toEqual(['a', 'b', 'c', 'd']);
		expect(clock.now()).toBe(1300);
	});

	it('settles until no timer is left, or up to its limit', () => {
		const clock = new Clock(0);
		const tick = () => clock.schedule(1000, tick);
		tick();
		expect(clock.settle(5000)).toBe(5000);
		const quiet = new Clock(0);
		quiet.schedule(700, () => undefined);
		expect(quiet.settle()).toBe(700);
	});

	it('follows the wall clock on real timers, between its ticks too', () => {
		const clock = new Clock(0);
		// One tick a minute: only the wall clock can move "now" during this test.
		clock.realTime(60_000);
		const wallStart = Date.now();
		while (Date.now() - wallStart < 30) {
			// Let 30 ms of wall time pass.
		}

		expect(clock.now()).toBeGreaterThanOrEqual(30);
		clock.stop();
		const stopped = clock.now();
		expect(clock.now()).toBe(stopped);
	});

	it('writes times as Go does, with nanoseconds and no trailing zeros', () => {
		expect(goTime(Date.parse('2026-11-29T18:39:21.843Z'), 22_028)).toBe('2026-11-29T18:39:21.843022028Z');
		expect(goTime(Date.parse('2026-11-29T18:39:21.260Z'), 776_210)).toBe('2026-11-29T18:39:21.26077621Z');
		expect(goTime(Date.parse('2026-11-29T18:39:21Z'))).toBe('2026-11-29T18:39:21Z');
	});
});
