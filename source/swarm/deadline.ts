import {DockerError} from './errors.js';

/**
 * Runs a request with a deadline. The request gets an AbortSignal, which docker-modem hands
 * to http.request: when the deadline passes (or `until` aborts) the request and its socket
 * are closed, not left open behind a promise nobody waits for, so retries against a silent
 * daemon do not pile up connections. The race stays as well, so the caller hears of the
 * timeout even if a library ignored the signal. `timedOut` makes the error a timeout rejects
 * with: by default, the daemon counts as unreachable.
 */
export async function withDeadline<T>(
	request: (signal: AbortSignal) => Promise<T>,
	{timeoutMs, target, until, timedOut}: {timeoutMs: number; target: string; until?: AbortSignal; timedOut?: () => Error},
): Promise<T> {
	const controller = new AbortController();
	const cancel = () => {
		controller.abort();
	};

	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(timedOut?.() ?? new DockerError(`No answer from the Docker daemon at ${target} after ${Number((timeoutMs / 1000).toFixed(1))} s. Is the address right, and is dockerd running there?`, undefined, true));
			controller.abort();
		}, timeoutMs);
	});
	until?.addEventListener('abort', cancel, {once: true});
	try {
		if (until?.aborted) {
			controller.abort();
		}

		return await Promise.race([request(controller.signal), timeout]);
	} finally {
		clearTimeout(timer);
		until?.removeEventListener('abort', cancel);
	}
}
