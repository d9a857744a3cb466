import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {eventFromApi, LineSplitter, parseEventLine, readEventStream} from '../../../source/swarm/events.js';
import type {SwarmEvent} from '../../../source/swarm/types.js';
import {allRaw, allShown, stringsIn, unsafeCharactersIn} from '../../support/hostile-text.js';

// A line as `GET /events` sends it on a 20.10 manager during `docker service update`: timeNano
// has more digits than a double holds, exactly as JSON.parse sees it there.
const serviceUpdateLine = '{"Type":"service","Action":"update","Actor":{"ID":"lxna82v5mjysrx74il22amst9","Attributes":{'
	+ '"image.new":"dockercoins/hasher:v0.2","image.old":"dockercoins/hasher:v0.1","name":"dockercoins_hasher",'
	+ '"replicas.new":"7","replicas.old":"3","updatestate.new":"updating","updatestate.old":""}},'
	+ '"scope":"swarm","time":1795297470,"timeNano":1795297470920093976}';
const serviceUpdate = JSON.parse(serviceUpdateLine) as Record<string, unknown>;

const nodeUpdate = {
	Type: 'node',
	Action: 'update',
	Actor: {
		ID: 'punrzhal2jron9wcrrwlejfnj',
		Attributes: {name: 'node2', 'state.old': 'ready', 'state.new': 'down'},
	},
	scope: 'swarm',
	time: 1_795_297_480,
	timeNano: 1_795_297_480_000_000_000,
};

describe('LineSplitter', () => {
	it('returns each complete line of one chunk', () => {
		const splitter = new LineSplitter();
		expect(splitter.push('{"a":1}\n{"b":2}\n{"c":3}\n')).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
	});

	it('keeps a line without its newline pending until the newline arrives', () => {
		const splitter = new LineSplitter();
		expect(splitter.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
		expect(splitter.push(':2}')).toEqual([]);
		expect(splitter.push('\n')).toEqual(['{"b":2}']);
	});

	it('holds at most its bound for a stream that never ends its line, drops that line, and reads the next', () => {
		const splitter = new LineSplitter(64);
		for (let index = 0; index < 1000; index++) {
			expect(splitter.push('x'.repeat(50))).toEqual([]);
			expect(splitter.held).toBeLessThanOrEqual(64 + 50);
		}

		expect(splitter.push('end of the long line\n{"a":1}\n')).toEqual(['{"a":1}']);
		expect(splitter.held).toBe(0);
		expect(splitter.push(`${'y'.repeat(60)}\n`)).toEqual(['y'.repeat(60)]);
	});

	it('gives the same lines when fed one byte at a time', () => {
		const text = `${serviceUpdateLine}\n${JSON.stringify(nodeUpdate)}\n`;
		const splitter = new LineSplitter();
		const lines: string[] = [];
		for (const byte of Buffer.from(text)) {
			lines.push(...splitter.push(Buffer.from([byte])));
		}

		expect(lines).toEqual([serviceUpdateLine, JSON.stringify(nodeUpdate)]);
	});

	it('joins a multi-byte UTF-8 character split across two chunks', () => {
		const bytes = Buffer.from('{"name":"café→☃"}\n');
		const snowman = bytes.indexOf(Buffer.from('☃'));
		const splitter = new LineSplitter();
		expect(splitter.push(bytes.subarray(0, snowman + 1))).toEqual([]);
		expect(splitter.push(bytes.subarray(snowman + 1, snowman + 2))).toEqual([]);
		expect(splitter.push(bytes.subarray(snowman + 2))).toEqual(['{"name":"café→☃"}']);
	});

	it('splits at every possible boundary and still yields the same lines', () => {
		const bytes = Buffer.from('línea uno\nzwei ☃\n\ndrei\n');
		for (let cut = 0; cut <= bytes.length; cut++) {
			const splitter = new LineSplitter();
			const lines = [...splitter.push(bytes.subarray(0, cut)), ...splitter.push(bytes.subarray(cut))];
			expect(lines).toEqual(['línea uno', 'zwei ☃', 'drei']);
		}
	});

	it('drops blank lines and trims carriage returns', () => {
		const splitter = new LineSplitter();
		expect(splitter.push('\n\n{"a":1}\r\n  \n{"b":2}\n')).toEqual(['{"a":1}', '{"b":2}']);
	});

	it('does not emit the last line while it has no newline', () => {
		const splitter = new LineSplitter();
		expect(splitter.push('{"partial":true}')).toEqual([]);
		expect(splitter.push('')).toEqual([]);
	});
});

describe('eventFromApi', () => {
	it('reads a service update event with its attributes and nanosecond time', () => {
		const event = eventFromApi(serviceUpdate);
		expect(event).toMatchObject({
			type: 'service',
			action: 'update',
			id: 'lxna82v5mjysrx74il22amst9',
			name: 'dockercoins_hasher',
		});
		expect(event?.attributes['image.old']).toBe('dockercoins/hasher:v0.1');
		expect(event?.attributes['image.new']).toBe('dockercoins/hasher:v0.2');
		expect(event?.attributes['replicas.old']).toBe('3');
		expect(event?.attributes['replicas.new']).toBe('7');
		expect(event?.attributes['updatestate.new']).toBe('updating');
		expect(event?.time.toISOString()).toBe('2026-11-21T21:44:30.920Z');
	});

	it('falls back to the seconds field when timeNano is absent', () => {
		const withoutNano = {...serviceUpdate};
		delete withoutNano['timeNano'];
		expect(eventFromApi(withoutNano)?.time.toISOString()).toBe('2026-11-21T21:44:30.000Z');
	});

	it('reads a node event, named by the node\'s hostname', () => {
		expect(eventFromApi(nodeUpdate)).toEqual({
			type: 'node',
			action: 'update',
			id: 'punrzhal2jron9wcrrwlejfnj',
			name: 'node2',
			time: new Date('2026-11-21T21:44:40.000Z'),
			attributes: {name: 'node2', 'state.old': 'ready', 'state.new': 'down'},
		});
	});

	it('names an actor without a name attribute by its ID', () => {
		expect(eventFromApi({Type: 'service', Action: 'remove', Actor: {ID: 'abc123'}, timeNano: 0})?.name).toBe('abc123');
	});

	it.each(['network', 'secret', 'config', 'container', 'image'])('ignores %s events', type => {
		expect(eventFromApi({...serviceUpdate, Type: type})).toBeUndefined();
	});

	it('ignores values that are not events', () => {
		expect(eventFromApi(null)).toBeUndefined();
		expect(eventFromApi('service')).toBeUndefined();
		expect(eventFromApi({})).toBeUndefined();
	});

	it('parseEventLine ignores broken JSON instead of throwing', () => {
		expect(parseEventLine('{"Type":"service"')).toBeUndefined();
		expect(parseEventLine(JSON.stringify(nodeUpdate))?.name).toBe('node2');
	});
});

async function collect(events: AsyncGenerator<SwarmEvent>): Promise<SwarmEvent[]> {
	const seen: SwarmEvent[] = [];
	for await (const event of events) {
		seen.push(event);
	}

	return seen;
}

describe('readEventStream', () => {
	it('yields swarm events from a stream cut at arbitrary places, skipping other types', async () => {
		const stream = new PassThrough();
		const reading = collect(readEventStream(stream));
		const text = [
			serviceUpdateLine,
			JSON.stringify({Type: 'network', Action: 'create', Actor: {ID: 'n1', Attributes: {name: 'ingress'}}}),
			JSON.stringify(nodeUpdate),
			'',
		].join('\n');
		const bytes = Buffer.from(text);
		for (let start = 0; start < bytes.length; start += 7) {
			stream.write(bytes.subarray(start, start + 7));
		}

		stream.end();
		const events = await reading;
		expect(events.map(event => `${event.type} ${event.name}`)).toEqual(['service dockercoins_hasher', 'node node2']);
	});

	it('ends quietly, without throwing, when the signal aborts', async () => {
		const stream = new PassThrough();
		const controller = new AbortController();
		const seen: SwarmEvent[] = [];
		const reading = (async () => {
			for await (const event of readEventStream(stream, controller.signal)) {
				seen.push(event);
				controller.abort();
			}
		})();
		stream.write(`${serviceUpdateLine}\n`);
		await expect(reading).resolves.toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(stream.destroyed).toBe(true);
	});

	it('ends quietly when aborted while waiting for the next chunk', async () => {
		const stream = new PassThrough();
		const controller = new AbortController();
		const reading = collect(readEventStream(stream, controller.signal));
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
		controller.abort();
		await expect(reading).resolves.toEqual([]);
		expect(stream.destroyed).toBe(true);
	});

	it('passes a stream error on when nobody aborted', async () => {
		const stream = new PassThrough();
		const reading = collect(readEventStream(stream, new AbortController().signal));
		stream.destroy(new Error('socket hang up'));
		await expect(reading).rejects.toThrow('socket hang up');
	});
});

describe('event text is made inert on the way in', () => {
	it('shows the name, attribute keys and values, id and action with every control visible', () => {
		const event = eventFromApi({
			...nodeUpdate,
			Action: `update${allRaw}`,
			Actor: {ID: `id${allRaw}`, Attributes: {name: `node2${allRaw}`, [`state${allRaw}.new`]: `down${allRaw}`}},
		});
		expect(event).toMatchObject({
			action: `update${allShown}`,
			id: `id${allShown}`,
			name: `node2${allShown}`,
			attributes: {name: `node2${allShown}`, [`state${allShown}.new`]: `down${allShown}`},
		});
		expect(stringsIn(event).filter(text => unsafeCharactersIn(text).length > 0)).toEqual([]);
	});

	it('does so on a line of the stream, where JSON escapes the bytes', () => {
		const line = JSON.stringify({...nodeUpdate, Actor: {ID: 'n2', Attributes: {name: `node2${allRaw}`}}});
		expect(line).not.toContain('\n');
		expect(parseEventLine(line)?.name).toBe(`node2${allShown}`);
	});
});
