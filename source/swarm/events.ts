import {inertDeep} from '../text/inert.js';
import type {SwarmEvent} from './types.js';
import {readChunks} from './stream-chunks.js';

/** An event is a few hundred bytes: a line longer than this is no event, and is not kept. */
export const maxLineBytes = 1024 * 1024;

/**
 * Splits a byte stream into lines. Chunks arrive with arbitrary boundaries: a chunk may end
 * mid-line or mid-character, so bytes are kept until their newline arrives, up to
 * `maxBytes`: a line longer than that is dropped whole, so a stream that never sends a
 * newline cannot grow the buffer for as long as it stays open.
 */
export class LineSplitter {
	private pending = Buffer.alloc(0);
	/** Inside a line that was too long: its bytes are skipped up to its newline. */
	private skipping = false;

	constructor(private readonly maxBytes = maxLineBytes) {}

	push(chunk: Buffer | string): string[] {
		this.pending = Buffer.concat([this.pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
		const lines: string[] = [];
		let newline = this.pending.indexOf(0x0A);
		while (newline !== -1) {
			const line = this.pending.subarray(0, newline).toString('utf8').trim();
			if (line !== '' && !this.skipping) {
				lines.push(line);
			}

			this.skipping = false;
			this.pending = this.pending.subarray(newline + 1);
			newline = this.pending.indexOf(0x0A);
		}

		if (this.pending.length > this.maxBytes) {
			this.pending = Buffer.alloc(0);
			this.skipping = true;
		}

		return lines;
	}

	/** Bytes held for a line not yet ended. */
	get held(): number {
		return this.pending.length;
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
