// Keeps one event stream open to the manager and reopens it when it drops (daemon restart,
// network blip), with a growing pause so a dead daemon is not hammered.
import type {SwarmClient} from '../swarm/client.js';
import type {SwarmEvent} from '../swarm/types.js';

export type EventWatcherOptions = {
	onEvent: (event: SwarmEvent) => void;
	/** Called when the stream (re)opens: anything may have changed while it was down. */
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
		while (!signal.aborted) {
			try {
				 
				for await (const event of client.events(signal)) {
					failures = 0;
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
			options.onConnected?.();
		}
	};

	void run();
	return () => {
		controller.abort();
	};
}
