// The daemon's long-lived streams (events, logs) read the same way: chunk by chunk until the
// stream ends or the signal aborts, and the connection closed either way.

/** The stream's chunks as Buffers, until it ends or `signal` aborts; an abort ends it quietly. */
export async function * readChunks(stream: NodeJS.ReadableStream, signal?: AbortSignal): AsyncGenerator<Buffer> {
	const destroy = () => {
		(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
	};

	if (signal?.aborted) {
		// Aborted while the stream was opening: an abort listener added now would never run.
		destroy();
		return;
	}

	signal?.addEventListener('abort', destroy, {once: true});
	try {
		for await (const chunk of stream) {
			yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer;
		}
	} catch (error) {
		if (!signal?.aborted) {
			throw error;
		}
	} finally {
		signal?.removeEventListener('abort', destroy);
		destroy();
	}
}
