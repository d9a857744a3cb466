// Keeps one event stream open to the manager and reopens it when it drops (daemon restart,
// network blip), with a growing pause so a dead daemon is not hammered.
import type {SwarmClient} from '../swarm/client.js';
import type {SwarmEvent} from '../swarm/types.js';

export type EventWatcherOptions = {
	onEvent: (event: SwarmEvent) => void;
	/** Called when the stream reopens after a drop: anything may have changed meanwhile. */
	onConnected?: () => void;
	minBackoffMs?: number;
	maxBackoffMs?: number;
};

const sleep = async (ms: number, signal: AbortSignal) => new Promise<void>(resolve => {
	const timer = setTimeout(resolve, ms);
	signal.addEventListener('abort', () => {
		clearTimeout(timer);
		resolve();
	}, {once: true});
});

export function watchEvents(client: SwarmClient, options: EventWatcherOptions): () => void {
	const controller = new AbortController();
	const {signal} = controller;
	const run = async () => {
		let failures = 0;
		// Where to pick up after a drop: just after the last event seen, so that what
		// happened while disconnected is replayed rather than lost.
		let resumeFrom: Date | undefined;
		let opened = false;
		while (!signal.aborted) {
			resumeFrom ??= new Date();
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
					resumeFrom = new Date(event.time.getTime() + 1);
					options.onEvent(event);
				}
			} catch {
				failures++;
			}

			if (signal.aborted) {
				break;
			}

			const pause = Math.min((options.minBackoffMs ?? 1000) * (2 ** Math.max(0, failures - 1)), options.maxBackoffMs ?? 10_000);
			await sleep(pause, signal);
		}
	};

	void run();
	return () => {
		controller.abort();
	};
}
