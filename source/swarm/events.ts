import {inertDeep} from '../text/inert.js';
import type {SwarmEvent} from './types.js';
import {readChunks} from './stream-chunks.js';

/**
 * Splits a byte stream into lines. Chunks arrive with arbitrary boundaries: a chunk may end
 * mid-line or mid-character, so bytes are kept until their newline arrives.
 */
export class LineSplitter {
	private pending = Buffer.alloc(0);

	push(chunk: Buffer | string): string[] {
		this.pending = Buffer.concat([this.pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
		const lines: string[] = [];
		let newline = this.pending.indexOf(0x0A);
		while (newline !== -1) {
			const line = this.pending.subarray(0, newline).toString('utf8').trim();
			if (line !== '') {
				lines.push(line);
			}

			this.pending = this.pending.subarray(newline + 1);
			newline = this.pending.indexOf(0x0A);
		}

		return lines;
	}
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
/** A service or node event, with every string made inert; other events are undefined. */
export function eventFromApi(rawEvent: any): SwarmEvent | undefined {
	const raw = inertDeep(rawEvent);
	const type = raw?.Type;
	if (type !== 'service' && type !== 'node') {
		return undefined;
	}

	const attributes: Record<string, string> = raw.Actor?.Attributes ?? {};
	const nanoseconds = typeof raw.timeNano === 'number' ? raw.timeNano : (raw.time ?? 0) * 1e9;
	return {
		type,
		action: raw.Action ?? raw.status ?? '',
		id: raw.Actor?.ID ?? raw.id ?? '',
		name: attributes['name'] ?? raw.Actor?.ID ?? '',
		// timeNano is beyond a double's exact integers, so the division lands a hair off a whole
		// millisecond: rounded, an event keeps the millisecond the daemon gave it.
		time: new Date(Math.round(nanoseconds / 1e6)),
		attributes,
	};
}

export function parseEventLine(line: string): SwarmEvent | undefined {
	try {
		return eventFromApi(JSON.parse(line));
	} catch {
		return undefined;
	}
}

/** Reads a Docker event stream as SwarmEvents until it ends or the signal aborts. */
export async function * readEventStream(stream: NodeJS.ReadableStream, signal?: AbortSignal): AsyncGenerator<SwarmEvent> {
	const splitter = new LineSplitter();
	for await (const chunk of readChunks(stream, signal)) {
		for (const line of splitter.push(chunk)) {
			const event = parseEventLine(line);
			if (event) {
				yield event;
			}
		}
	}
}
