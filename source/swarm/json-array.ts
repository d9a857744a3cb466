// Reading a daemon's JSON array item by item, without parsing the items that did not change:
// a poll of 10,000 tasks where a handful changed then parses only that handful. JSON.parse
// of the whole answer was most of a poll's time. The bytes are read as they came: every
// character JSON gives a meaning to is ASCII, and no byte of a multi-byte UTF-8 character
// is, so only the items that are parsed are ever decoded.
import type {VersionedCache} from './versioned-cache.js';

const quote = 0x22;
const backslash = 0x5C;
const openBrace = 0x7B;
const closeBrace = 0x7D;
const openBracket = 0x5B;
const closeBracket = 0x5D;
const comma = 0x2C;

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0A || byte === 0x0D || byte === 0x09;

/** JSON that is not an array of objects: nothing of it is used. */
export class MalformedJsonArrayError extends Error {
	constructor(what: string, at: number) {
		super(`The Docker daemon's answer is not a JSON list (${what} at byte ${at}).`);
		this.name = 'MalformedJsonArrayError';
	}
}

/** Where the string that opens at `start` (a quote) ends: the index after its closing quote. */
function endOfString(body: Buffer, start: number): number {
	let at = start;
	for (;;) {
		at = body.indexOf(quote, at + 1);
		if (at === -1) {
			throw new MalformedJsonArrayError('an unterminated string', start);
		}

		// A quote after an odd number of backslashes is part of the string.
		let backslashes = 0;
		while (body[at - 1 - backslashes] === backslash) {
			backslashes++;
		}

		if (backslashes % 2 === 0) {
			return at + 1;
		}
	}
}

/** Where the object that opens at `start` ends: the index after its closing brace. */
function endOfObject(body: Buffer, start: number): number {
	let depth = 0;
	let at = start;
	while (at < body.length) {
		const byte = body[at];
		if (byte === quote) {
			at = endOfString(body, at);
			continue;
		}

		if (byte === openBrace || byte === openBracket) {
			depth++;
		} else if (byte === closeBrace || byte === closeBracket) {
			depth--;
			if (depth === 0) {
				return at + 1;
			}
		}

		at++;
	}

	throw new MalformedJsonArrayError('an unterminated object', start);
}

function skipSpace(body: Buffer, from: number): number {
	let at = from;
	while (isSpace(body[at])) {
		at++;
	}

	return at;
}

function expectEnd(body: Buffer, from: number): void {
	const at = skipSpace(body, from);
	if (at !== body.length) {
		throw new MalformedJsonArrayError('more after the list', at);
	}
}

// The daemon (Go's encoder, fields in the order of its structs) starts every task and node
// with its ID and version. An item that starts otherwise has no version to reuse it by.
const versionedHead = /^\{"ID":"([\w-]{1,64})","Version":\{"Index":(\d{1,20})\}/;
const headBytes = 128;

/** The ID and version of the item at `start`, read from its first bytes, if it starts with them. */
function versionedHeadAt(body: Buffer, start: number): {id: string; version: string} | undefined {
	const match = versionedHead.exec(body.toString('latin1', start, Math.min(body.length, start + headBytes)));
	return match ? {id: match[1]!, version: match[2]!} : undefined;
}

/**
 * What a versioned item was read as, with the bytes it was read from, and the item that
 * followed it the last time it was read: lists come in the same order poll after poll.
 */
export type ReadItem<T> = {value: T; bytes: Buffer; id: string; version: string; next?: ReadItem<T>};

/**
 * The bytes of one item, apart from the answer, which is dropped. Not from Node's shared
 * pool: a kept item would hold its whole 8 KiB slab, and items kept for long, scattered over
 * slabs, would hold far more than themselves.
 */
function copyOf(body: Buffer, start: number, end: number): Buffer {
	const bytes = Buffer.allocUnsafeSlow(end - start);
	body.copy(bytes, 0, start, end);
	return bytes;
}

const startsWith = (body: Buffer, at: number, bytes: Buffer) => at + bytes.length <= body.length && body.compare(bytes, 0, bytes.length, at, at + bytes.length) === 0;

/**
 * The items of a JSON array of versioned objects (tasks, nodes), each read by `build`. An
 * item whose bytes are those of an item read before is that same value, and is neither
 * scanned nor parsed: a memory comparison instead of a parse, which needs no trust in the
 * daemon's versions. The item that followed the previous one last time is tried first;
 * else the item's ID and version find it in `cache`.
 */
export function readVersionedArray<T>(body: Buffer, cache: VersionedCache<ReadItem<T>>, build: (json: unknown) => T): T[] {
	const values: T[] = [];
	let at = skipSpace(body, 0);
	if (body[at] !== openBracket) {
		throw new MalformedJsonArrayError('no opening bracket', at);
	}

	at = skipSpace(body, at + 1);
	if (body[at] === closeBracket) {
		expectEnd(body, at + 1);
		return values;
	}

	let previous: ReadItem<T> | undefined;
	for (;;) {
		if (body[at] !== openBrace) {
			throw new MalformedJsonArrayError('an item that is not an object', at);
		}

		let item = previous?.next;
		if (item && startsWith(body, at, item.bytes)) {
			// Still asked for: the cache keeps it.
			cache.peek(item.id, item.version);
		} else {
			const head = versionedHeadAt(body, at);
			item = head ? cache.peek(head.id, head.version) : undefined;
			if (!item || !startsWith(body, at, item.bytes)) {
				const end = endOfObject(body, at);
				const value = build(JSON.parse(body.toString('utf8', at, end)));
				item = {value, bytes: copyOf(body, at, end), id: head?.id ?? '', version: head?.version ?? ''};
				if (head) {
					cache.set(head.id, head.version, item);
				}
			}
		}

		values.push(item.value);
		if (previous) {
			previous.next = item;
		}

		previous = item;
		const end = at + item.bytes.length;
		at = skipSpace(body, end);
		if (body[at] === closeBracket) {
			expectEnd(body, at + 1);
			previous.next = undefined;
			return values;
		}

		if (body[at] !== comma) {
			throw new MalformedJsonArrayError('no comma between items', at);
		}

		at = skipSpace(body, at + 1);
	}
}
