// A value kept fresh by polling: the "watch" layer between the client and the screens.
// It refreshes on a timer, sooner when asked (a swarm event, an action), backs off while the
// daemon is failing, keeps the last good data through errors, and only tells listeners
// when something actually changed, so unchanged rows never re-render.

export type Snapshot<T> = {
	data?: T;
	/** The last refresh failed with this message; data (if any) is from before. */
	error?: string;
	unreachable: boolean;
	/** Milliseconds until the next try, while failing. */
	retryInMs?: number;
	fetchedAt?: number;
};

export type LiveResourceOptions<T> = {
	/** Time between refreshes; may depend on the data (poll faster while a rollout runs). */
	intervalMs: number | ((data: T | undefined) => number);
	equals?: (a: T, b: T) => boolean;
	minBackoffMs?: number;
	maxBackoffMs?: number;
	describeError?: (error: unknown) => {message: string; unreachable: boolean};
	/** Data read just before, by someone else: shown at once, and first refreshed a period later. */
	initialData?: T;
};

const jsonEquals = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class LiveResource<T> {
	private snapshot: Snapshot<T> = {unreachable: false};
	private readonly listeners = new Set<() => void>();
	private timer: NodeJS.Timeout | undefined;
	/** When the pending timer fires (Date.now() time), while one is pending. */
	private dueAt: number | undefined;
	private running = false;
	private inFlight = false;
	private again = false;
	private failures = 0;
	private startsWithInitialData = false;

	constructor(
		private readonly fetch: () => Promise<T>,
		private readonly options: LiveResourceOptions<T>,
	) {
		if (options.initialData !== undefined) {
			this.snapshot = {data: options.initialData, unreachable: false, fetchedAt: Date.now()};
			this.startsWithInitialData = true;
		}
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): Snapshot<T> => this.snapshot;

	start(): void {
		if (this.running) {
			return;
		}

		this.running = true;
		const {fetchedAt, data} = this.snapshot;
		if (this.startsWithInitialData && fetchedAt !== undefined) {
			this.startsWithInitialData = false;
			this.schedule(Math.max(0, fetchedAt + this.interval(data) - Date.now()));
		} else {
			void this.refresh();
		}
	}

	private interval(data: T | undefined): number {
		const interval = this.options.intervalMs;
		return typeof interval === 'function' ? interval(data) : interval;
	}

	stop(): void {
		this.running = false;
		clearTimeout(this.timer);
		this.dueAt = undefined;
	}

	/** Refresh within `delayMs`, sooner than the timer would. Bursts of calls coalesce. */
	refreshSoon(delayMs = 50): void {
		if (!this.running) {
			return;
		}

		if (this.inFlight) {
			this.again = true;
			return;
		}

		// A refresh already due by then stays: a steady stream of calls must not keep
		// pushing it (and the regular poll) later.
		if (this.dueAt !== undefined && this.dueAt <= Date.now() + delayMs) {
			return;
		}

		this.schedule(delayMs);
	}

	private schedule(delayMs: number): void {
		clearTimeout(this.timer);
		this.dueAt = Date.now() + delayMs;
		this.timer = setTimeout(() => {
			this.dueAt = undefined;
			void this.refresh();
		}, delayMs);
	}

	private async refresh(): Promise<void> {
		if (!this.running || this.inFlight) {
			return;
		}

		this.inFlight = true;
		this.again = false;
		let next: number;
		try {
			const data = await this.fetch();
			this.failures = 0;
			const equals = this.options.equals ?? jsonEquals;
			const previous = this.snapshot;
			const same = previous.data !== undefined && equals(previous.data, data);
			if (!same || previous.error !== undefined) {
				this.publish({data: same ? previous.data : data, unreachable: false, fetchedAt: Date.now()});
			}

			next = this.interval(this.snapshot.data);
		} catch (error) {
			this.failures++;
			const min = this.options.minBackoffMs ?? 1000;
			next = Math.min(min * (2 ** (this.failures - 1)), this.options.maxBackoffMs ?? 10_000);
			const described = this.options.describeError?.(error) ?? {message: error instanceof Error ? error.message : String(error), unreachable: false};
			this.publish({...this.snapshot, error: described.message, unreachable: described.unreachable, retryInMs: next});
		} finally {
			this.inFlight = false;
		}

		if (this.running) {
			this.schedule(this.again ? 0 : next);
		}
	}

	private publish(snapshot: Snapshot<T>): void {
		this.snapshot = snapshot;
		for (const listener of this.listeners) {
			listener();
		}
	}
}
