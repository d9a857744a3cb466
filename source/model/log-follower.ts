// A live log, kept outside React like the other live data: the stream is read here, lines
// from every replica merged in timestamp order, kept in a bounded buffer, and listeners told
// a few times a second at most, so a noisy service costs a handful of renders, not one per
// line. Stopping aborts the request.
import type {SwarmClient, LogTarget, LogRequest} from '../swarm/client.js';
import type {LogLine, LogProblem} from '../swarm/log-stream.js';
import {describeError} from './swarm-model.js';

/**
 * Holds lines for a moment and lets them out in timestamp order. The daemon sends each
 * replica's lines as they come from its node, so two nodes' lines can arrive out of order;
 * lines that arrive within the window of each other come out sorted.
 */
export class ReorderWindow {
	private held: Array<{line: LogLine; arrivedAt: number}> = [];
	private lastKey = '';

	constructor(private readonly windowMs: number) {}

	get size(): number {
		return this.held.length;
	}

	push(lines: readonly LogLine[], now: number): void {
		for (const line of lines) {
			// A line without a timestamp keeps its place after the line before it.
			const keyed = line.sortKey === '' ? {...line, sortKey: this.lastKey} : line;
			this.lastKey = keyed.sortKey;
			this.held.push({line: keyed, arrivedAt: now});
		}
	}

	/**
	 * The lines due by `now`, sorted: every line held long enough, and every line that sorts
	 * before one of them. Sorting is stable, so lines with one timestamp keep their order.
	 */
	take(now: number, {all = false} = {}): LogLine[] {
		const due = all ? this.held : this.held.filter(entry => now - entry.arrivedAt >= this.windowMs);
		if (due.length === 0) {
			return [];
		}

		const latest = due.reduce((key, entry) => entry.line.sortKey > key ? entry.line.sortKey : key, '');
		const sorted = this.held.map((entry, index) => ({...entry, index})).sort((a, b) => a.line.sortKey < b.line.sortKey ? -1 : (a.line.sortKey > b.line.sortKey ? 1 : a.index - b.index));
		const released = sorted.filter(entry => all || entry.line.sortKey <= latest);
		const kept = new Set(released.map(entry => entry.index));
		this.held = this.held.filter((_entry, index) => !kept.has(index));
		return released.map(entry => entry.line);
	}
}

/** A kept line and its number since the stream opened: a paused view holds on to the numbers. */
export type LogEntry = {seq: number; line: LogLine};

export type LogSnapshot = {
	entries: readonly LogEntry[];
	/** Lines received since the stream opened (so `received - lastSeqShown` are new). */
	received: number;
	/** Lines pushed out of the bounded buffer. */
	dropped: number;
	state: 'opening' | 'following' | 'ended' | 'failed';
	/** Why the stream failed, in the daemon's words. */
	error?: string;
	/** What the daemon wrote into the stream about a task it cannot read. */
	problems: readonly string[];
};

export type LogFollowerOptions = {
	maxLines?: number;
	/** How often listeners hear of new lines at most. */
	renderEveryMs?: number;
	reorderMs?: number;
	/** How long to wait before opening a stream again, at first and at most. */
	reopenDelayMs?: {min: number; max: number};
};

export const defaultMaxLogLines = 5000;

/** How long to wait before opening a stream that failed or ended again: doubling while it keeps failing. */
export const reopenDelayMs = {min: 2000, max: 30_000};

const lineIdentity = (line: LogLine) => `${line.taskId ?? ''}\t${line.stream}\t${line.text}`;

async function pauseUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
	await new Promise<void>(resolve => {
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}

export class LogFollower {
	private snapshot: LogSnapshot = {entries: [], received: 0, dropped: 0, state: 'opening', problems: []};
	private readonly listeners = new Set<() => void>();
	private readonly controller = new AbortController();
	private readonly window: ReorderWindow;
	private readonly maxLines: number;
	private readonly renderEveryMs: number;
	private readonly reopenDelayMs: {min: number; max: number};
	private timer: NodeJS.Timeout | undefined;
	/** The newest timestamp seen, and the lines seen at it. */
	private newest: {key: string; seen: Set<string>} = {key: '', seen: new Set()};
	/** Where a reopened stream picks up: lines up to here were shown already. */
	private resume: {key: string; seen: Set<string>} | undefined;

	constructor(
		private readonly client: SwarmClient,
		private readonly target: LogTarget,
		private readonly request: LogRequest,
		options: LogFollowerOptions = {},
	) {
		this.maxLines = options.maxLines ?? defaultMaxLogLines;
		this.renderEveryMs = options.renderEveryMs ?? 250;
		this.reopenDelayMs = options.reopenDelayMs ?? reopenDelayMs;
		this.window = new ReorderWindow(options.reorderMs ?? 300);
	}

	/** Lines remembered at the newest timestamp, to tell repeats after a reopen (at most maxLines). */
	get rememberedAtNewest(): number {
		return this.newest.seen.size;
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): LogSnapshot => this.snapshot;

	start(): void {
		this.timer = setInterval(() => {
			this.flush();
		}, this.renderEveryMs);
		void this.read();
	}

	/** Ends the stream: the request is aborted, no listener hears anything more. */
	stop(): void {
		clearInterval(this.timer);
		this.controller.abort();
		this.listeners.clear();
	}

	/**
	 * Reads the stream; when it fails or ends (the daemon restarted, the connection dropped),
	 * opens it again after a pause that grows while it keeps failing, from the last line seen.
	 */
	private async read(): Promise<void> {
		const {signal} = this.controller;
		let request = this.request;
		let delayMs = this.reopenDelayMs.min;
		while (!signal.aborted) {
			let fresh = false;
			try {
				for await (const batch of this.client.logs(this.target, request, signal)) {
					fresh = this.receive(batch) || fresh;
				}

				if (!signal.aborted) {
					this.update({state: 'ended'});
				}
			} catch (error) {
				if (!signal.aborted) {
					this.update({state: 'failed', error: describeError(error).message});
				}
			}

			if (signal.aborted) {
				return;
			}

			this.flush({all: true});
			delayMs = fresh ? this.reopenDelayMs.min : Math.min(this.reopenDelayMs.max, delayMs * 2);
			await pauseUnlessAborted(delayMs, signal);
			request = this.resumeRequest();
		}
	}

	/** Takes one batch in; true when it held a line not seen before. */
	private receive(batch: ReadonlyArray<LogLine | LogProblem>): boolean {
		if (this.snapshot.state !== 'following') {
			this.update({state: 'following', error: undefined});
		}

		const lines: LogLine[] = [];
		const problems: string[] = [];
		for (const item of batch) {
			if ('problem' in item) {
				problems.push(item.problem);
			} else if (this.isNew(item)) {
				lines.push(item);
			}
		}

		this.window.push(lines, Date.now());
		if (problems.length > 0) {
			this.update({problems: [...new Set([...this.snapshot.problems, ...problems])].slice(-5)});
		}

		return lines.length > 0;
	}

	/**
	 * False for a line a reopened stream sends again: the daemon starts at the millisecond of
	 * the last line seen, so lines before it, and the ones at it already shown, are repeats.
	 */
	private isNew(line: LogLine): boolean {
		if (line.sortKey === '') {
			return true;
		}

		if (this.resume && (line.sortKey < this.resume.key || (line.sortKey === this.resume.key && this.resume.seen.has(lineIdentity(line))))) {
			return false;
		}

		if (line.sortKey > this.newest.key) {
			this.newest = {key: line.sortKey, seen: new Set()};
		}

		// Bounded as the lines are: a stream whose every line has one timestamp (a daemon's
		// clock that stands still) would otherwise grow it for as long as it is open. Past
		// the bound, a reopened stream may show a few of those lines twice.
		if (line.sortKey === this.newest.key && this.newest.seen.size < this.maxLines) {
			this.newest.seen.add(lineIdentity(line));
		}

		return true;
	}

	/** The request that picks up where the stream left off: from the newest line seen, or as first asked. */
	private resumeRequest(): LogRequest {
		if (this.newest.key === '') {
			return this.request;
		}

		this.resume = {key: this.newest.key, seen: new Set(this.newest.seen)};
		return {since: new Date(Date.parse(`${this.newest.key.slice(0, 23)}Z`))};
	}

	/** Moves the lines that are due into the buffer, at most once per render period. */
	private flush({all = false} = {}): void {
		const lines = this.window.take(Date.now(), {all});
		if (lines.length === 0) {
			return;
		}

		const {received} = this.snapshot;
		// A flood (`all` on a noisy service) can bring more than the buffer holds at once:
		// only the newest of it could be kept anyway.
		const skipped = Math.max(0, lines.length - this.maxLines);
		const added = lines.slice(skipped).map((line, index) => ({seq: received + skipped + index + 1, line}));
		const combined = [...this.snapshot.entries, ...added];
		const overflow = Math.max(0, combined.length - this.maxLines);
		this.update({
			entries: overflow > 0 ? combined.slice(overflow) : combined,
			received: received + lines.length,
			dropped: this.snapshot.dropped + skipped + overflow,
		});
	}

	private update(change: Partial<LogSnapshot>): void {
		if (this.controller.signal.aborted) {
			return;
		}

		this.snapshot = {...this.snapshot, ...change};
		for (const listener of this.listeners) {
			listener();
		}
	}
}
