// The engine's notion of time. Nothing in the engine reads the wall clock: it schedules work
// here, and either a test moves time on (advance, settle) or realTime() follows the wall
// clock, so the same orchestrator code serves deterministic tests and a live server.

type Timer = {due: number; sequence: number; run: () => void; cancelled: boolean};

export type TimerHandle = {cancel(): void};

export class Clock {
	private current: number;
	private sequence = 0;
	private readonly queue: Timer[] = [];
	private ticker: NodeJS.Timeout | undefined;
	private wallOffset: number | undefined;
	/** Called after every move of time, e.g. to end event streams whose `until` has passed. */
	readonly listeners = new Set<() => void>();

	constructor(start = Date.now()) {
		this.current = start;
	}

	now(): number {
		// On real timers, time between two ticks is the wall clock's too: an event written
		// right after a client read Date.now() must not carry an earlier time.
		return this.wallOffset === undefined ? this.current : Math.max(this.current, Date.now() + this.wallOffset);
	}

	/** Runs `run` once `delayMs` of engine time have passed (0: at the next advance or settle). */
	schedule(delayMs: number, run: () => void): TimerHandle {
		const timer: Timer = {due: this.now() + Math.max(0, delayMs), sequence: this.sequence++, run, cancelled: false};
		// Binary insertion keeps the queue ordered by due time, then by scheduling order.
		let low = 0;
		let high = this.queue.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.queue[middle]!.due <= timer.due) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		this.queue.splice(low, 0, timer);
		return {
			cancel() {
				timer.cancelled = true;
			},
		};
	}

	get pending(): number {
		return this.queue.filter(timer => !timer.cancelled).length;
	}

	/** Moves time on by `ms`, running every timer that falls due on the way, in order. */
	advance(ms: number): void {
		this.runUntil(this.now() + Math.max(0, ms));
	}

	/**
	 * Runs timers until none is left or `limitMs` of engine time have passed (a paused update
	 * keeps restarting its failing task for ever, as the real daemon does). Returns the time
	 * that passed.
	 */
	settle(limitMs = 10 * 60_000): number {
		const start = this.current;
		const limit = start + limitMs;
		for (;;) {
			const next = this.nextDue();
			if (next === undefined || next > limit) {
				break;
			}

			this.runUntil(next);
		}

		return this.current - start;
	}

	/** Follows the wall clock: every `intervalMs`, time moves on by the real time that passed. */
	realTime(intervalMs = 25): void {
		if (this.ticker) {
			return;
		}

		this.wallOffset = this.current - Date.now();
		this.ticker = setInterval(() => {
			this.runUntil(Date.now() + this.wallOffset!);
		}, intervalMs);
		this.ticker.unref();
	}

	stop(): void {
		clearInterval(this.ticker);
		this.ticker = undefined;
		this.current = this.now();
		this.wallOffset = undefined;
	}

	private nextDue(): number | undefined {
		while (this.queue[0]?.cancelled) {
			this.queue.shift();
		}

		return this.queue[0]?.due;
	}

	private runUntil(target: number): void {
		for (;;) {
			const next = this.nextDue();
			if (next === undefined || next > target) {
				break;
			}

			const timer = this.queue.shift()!;
			this.current = Math.max(this.current, timer.due);
			timer.run();
		}

		this.current = Math.max(this.current, target);
		for (const listener of this.listeners) {
			listener();
		}
	}
}

/** A timestamp as the daemon writes it: RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano). */
export function goTime(ms: number, nanos = 0): string {
	const iso = new Date(Math.floor(ms)).toISOString();
	const fraction = `${iso.slice(20, 23)}${String(nanos % 1_000_000).padStart(6, '0')}`.replace(/0+$/, '');
	return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}
