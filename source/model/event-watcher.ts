// Keeps one event stream open to the manager and reopens it when it drops (daemon restart,
// network blip), with a growing pause so a dead daemon is not hammered.
//
// A stream can also die without a word: a NAT or load balancer forgets an idle connection,
// a laptop sleeps, an ssh tunnel hangs. The daemon sends nothing on an idle /events stream,
// so silence alone proves nothing. Two rules catch such a stream without false alarms:
//   - the reads, which open fresh connections every few seconds, tell us about the path to
//     the daemon. When they succeed again after failing as unreachable, the connection the
//     stream rides on went through the same trouble: the stream is reopened at once, and a
//     pause between tries is cut short. It is not reopened while the reads still fail: a
//     new stream would fail the same way, and each reopening refreshes every resource,
//     which would undo their backoff;
//   - after `idleLimitMs` without an event the stream is reopened anyway. Two minutes is
//     below the idle timeouts of common NATs and load balancers (4-6 minutes), so an idle
//     stream is renewed before one of them can drop it silently.
// Reopening resumes with `since`, so the daemon replays whatever happened in between.
import type {SwarmClient} from '../swarm/client.js';
import type {SwarmEvent} from '../swarm/types.js';

export type EventWatcherOptions = {
	onEvent: (event: SwarmEvent) => void;
	/** Called when the stream reopens after a drop: anything may have changed meanwhile. */
	onConnected?: () => void;
	minBackoffMs?: number;
	maxBackoffMs?: number;
	/** With no event for this long, the stream is reopened (see above). */
	idleLimitMs?: number;
};

export type EventWatcher = {
	/** Whether the latest read failed as unreachable; recovering from that reopens the stream. */
	readsFailing(failing: boolean): void;
	stop(): void;
};

export const defaultIdleLimitMs = 120_000;

/** Resolves after `ms`, or as soon as the signal aborts; leaves no listener behind either way. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) {
		return;
	}

	await new Promise<void>(resolve => {
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};

		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
	});
}

export function watchEvents(client: SwarmClient, options: EventWatcherOptions): EventWatcher {
	const idleLimitMs = options.idleLimitMs ?? defaultIdleLimitMs;
	let stopped = false;
	// One controller per try: it ends that try's stream or the pause after it. Nothing is
	// added to a long-lived signal, so reconnecting any number of times adds no listener.
	let attempt = new AbortController();
	let failingReads = false;
	const reopen = () => {
		attempt.abort();
	};

	const run = async () => {
		let failures = 0;
		// Where to pick up after a drop: just after the last event seen, so that what
		// happened while disconnected is replayed rather than lost.
		let resumeFrom: Date | undefined;
		let opened = false;
		while (!stopped) {
			attempt = new AbortController();
			const {signal} = attempt;
			resumeFrom ??= new Date();
			let idleTimer = setTimeout(reopen, idleLimitMs);
			try {
				const stream = client.events(signal, {
					since: opened ? resumeFrom : undefined,
					onOpen() {
						failures = 0;
						// Anything may have changed while the stream was down.
						if (opened) {
							options.onConnected?.();
						}

						opened = true;
					},
				});
				for await (const event of stream) {
					clearTimeout(idleTimer);
					idleTimer = setTimeout(reopen, idleLimitMs);
					resumeFrom = new Date(event.time.getTime() + 1);
					options.onEvent(event);
				}
			} catch {
				if (!signal.aborted) {
					failures++;
				}
			} finally {
				clearTimeout(idleTimer);
			}

			if (stopped) {
				break;
			}

			// Reopened on purpose (suspect or idle): go again at once.
			if (!signal.aborted) {
				const backoff = Math.min((options.minBackoffMs ?? 1000) * (2 ** Math.max(0, failures - 1)), options.maxBackoffMs ?? 10_000);
				await pause(backoff, signal);
			}
		}
	};

	void run();
	return {
		readsFailing(failing) {
			const recovered = failingReads && !failing;
			failingReads = failing;
			if (recovered) {
				reopen();
			}
		},
		stop() {
			stopped = true;
			reopen();
		},
	};
}
