// Service and task logs as the daemon sends them. A service created without a TTY has its
// logs multiplexed: each message is a frame with an 8-byte header (the stream: 1 stdout,
// 2 stderr; three zero bytes; the payload's length, big-endian) and the payload. The HTTP
// chunks cut through frames and headers anywhere, so bytes are kept until a frame is whole.
// Asked with `timestamps` and `details`, each payload reads
// `2026-12-07T00:17:34.849232104Z com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… text`.
import {inert} from '../text/inert.js';
import {readChunks} from './stream-chunks.js';

export type LogFrame = {stream: 'stdin' | 'stdout' | 'stderr'; payload: Buffer};

const headerLength = 8;
const streamNames = ['stdin', 'stdout', 'stderr'] as const;

/**
 * What the demuxer holds at most for one line or frame. The daemon cuts log messages at
 * 16 KiB; a TTY's line without a newline (a progress bar) or a frame that says it is longer
 * is passed on in pieces of this size rather than held for as long as the stream is open.
 */
export const maxHeldLogBytes = 1024 * 1024;

/** Splits a multiplexed log stream into frames, whatever the chunking. */
export class LogDemuxer {
	private pending: Buffer = Buffer.alloc(0);
	/** A TTY service's logs are not multiplexed: told from the first bytes, then passed through. */
	private raw: boolean | undefined;
	/** A frame too long to hold, passed on as it comes: its stream, and how much of it is to come. */
	private longFrame: {stream: LogFrame['stream']; left: number} | undefined;

	constructor(private readonly maxHeld = maxHeldLogBytes) {}

	/** Bytes held for a line or frame not yet whole. */
	get held(): number {
		return this.pending.length;
	}

	push(chunk: Buffer): LogFrame[] {
		if (this.raw === undefined && this.pending.length + chunk.length >= 4) {
			const start = Buffer.concat([this.pending, chunk]).subarray(0, 4);
			this.raw = start[0]! > 2 || start[1] !== 0 || start[2] !== 0 || start[3] !== 0;
		}

		this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
		if (this.raw) {
			// Whole lines only: a chunk can end mid-line or mid-character.
			const end = this.pending.length > this.maxHeld ? this.pending.length : this.pending.lastIndexOf(0x0A) + 1;
			const payload = this.pending.subarray(0, end);
			this.pending = this.pending.subarray(end);
			return payload.length > 0 ? [{stream: 'stdout', payload}] : [];
		}

		if (this.raw === undefined) {
			return [];
		}

		const frames: LogFrame[] = [];
		for (;;) {
			if (this.longFrame) {
				const piece = this.pending.subarray(0, this.longFrame.left);
				if (piece.length === 0) {
					break;
				}

				frames.push({stream: this.longFrame.stream, payload: piece});
				this.longFrame.left -= piece.length;
				this.pending = this.pending.subarray(piece.length);
				if (this.longFrame.left === 0) {
					this.longFrame = undefined;
				}

				continue;
			}

			if (this.pending.length < headerLength) {
				break;
			}

			const stream = streamNames[this.pending[0]!] ?? 'stdout';
			const length = this.pending.readUInt32BE(4);
			if (this.pending.length < headerLength + length) {
				if (length <= this.maxHeld) {
					break;
				}

				this.longFrame = {stream, left: length};
				this.pending = this.pending.subarray(headerLength);
				continue;
			}

			frames.push({stream, payload: this.pending.subarray(headerLength, headerLength + length)});
			this.pending = this.pending.subarray(headerLength + length);
		}

		return frames;
	}
}

/** One line of a log, its text made inert. */
export type LogLine = {
	/** The daemon's timestamp as it sent it (RFC 3339, nanoseconds): what `--timestamps` shows. */
	timestamp: string;
	/** A key that sorts as the timestamps do: UTC, nanoseconds padded. */
	sortKey: string;
	taskId?: string;
	nodeId?: string;
	serviceId?: string;
	stream: LogFrame['stream'];
	text: string;
};

/** What the daemon writes into the stream when it cannot read a task's log ("Error grabbing logs: …"). */
export type LogProblem = {problem: string};

const timestampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;
const detailsPattern = /^((?:[\w.%-]+=[^\s,]*)(?:,[\w.%-]+=[^\s,]*)*) /;

/** The sort key of an RFC 3339 timestamp: the same instant always gives the same key. */
export function timestampSortKey(timestamp: string): string {
	const match = timestampPattern.exec(`${timestamp} `);
	if (!match) {
		return '';
	}

	const [, seconds, fraction = '', zone] = match;
	const utc = zone === 'Z' ? `${seconds!}Z` : new Date(`${seconds!}${zone!}`).toISOString().replace(/\.\d+Z$/, 'Z');
	return `${utc.slice(0, -1)}.${fraction.padEnd(9, '0')}`;
}

/** Reads one line of a payload: timestamp, the task's details, then the text. */
export function parseLogLine(line: string, stream: LogFrame['stream']): LogLine | LogProblem {
	const timestamp = timestampPattern.exec(line);
	if (!timestamp) {
		if (line.startsWith('Error grabbing logs: ')) {
			return {problem: inert(line.slice('Error grabbing logs: '.length))};
		}

		return {timestamp: '', sortKey: '', stream, text: inert(line)};
	}

	let rest = line.slice(timestamp[0].length);
	const details: Record<string, string> = {};
	const detailsMatch = detailsPattern.exec(rest);
	if (detailsMatch) {
		for (const pair of detailsMatch[1]!.split(',')) {
			const [key = '', value = ''] = pair.split('=');
			details[safeDecode(key)] = safeDecode(value);
		}

		rest = rest.slice(detailsMatch[0].length);
	}

	const stamp = line.slice(0, timestamp[0].length - 1);
	return {
		timestamp: inert(stamp),
		sortKey: timestampSortKey(stamp),
		taskId: optionalInert(details['com.docker.swarm.task.id']),
		nodeId: optionalInert(details['com.docker.swarm.node.id']),
		serviceId: optionalInert(details['com.docker.swarm.service.id']),
		stream,
		text: inert(rest),
	};
}

function optionalInert(text: string | undefined): string | undefined {
	return text === undefined ? undefined : inert(text);
}

/** Details are query-escaped by the daemon. */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text.replaceAll('+', ' '));
	} catch {
		return text;
	}
}

/** The lines of one frame. A frame holds one message (a long one is cut into several frames, each with its timestamp). */
export function frameLines(frame: LogFrame): Array<LogLine | LogProblem> {
	const text = frame.payload.toString('utf8');
	const lines = text.split('\n');
	if (lines.at(-1) === '') {
		lines.pop();
	}

	return lines.map(line => parseLogLine(line.endsWith('\r') ? line.slice(0, -1) : line, frame.stream));
}

/** Reads a log stream, in the batches it arrives in, until it ends or the signal aborts. */
export async function * readLogStream(stream: NodeJS.ReadableStream, signal?: AbortSignal): AsyncGenerator<Array<LogLine | LogProblem>> {
	const demuxer = new LogDemuxer();
	for await (const chunk of readChunks(stream, signal)) {
		const lines = demuxer.push(chunk).flatMap(frame => frameLines(frame));
		if (lines.length > 0) {
			yield lines;
		}
	}
}
