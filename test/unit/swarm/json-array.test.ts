import {describe, expect, it} from 'vitest';
import {MalformedJsonArrayError, readVersionedArray, type ReadItem} from '../../../source/swarm/json-array.js';
import {VersionedCache} from '../../../source/swarm/versioned-cache.js';

/** Reads `text` as the client reads a list, counting the items it parses. */
function reader() {
	const cache = new VersionedCache<ReadItem<unknown>>();
	const parsed: unknown[] = [];
	return {
		parsed,
		read: (text: string) => readVersionedArray(Buffer.from(text), cache, json => {
			parsed.push(json);
			return json;
		}),
	};
}

describe('readVersionedArray', () => {
	it('reads every object of the list, whatever its strings hold', () => {
		const items = [
			{ID: 'a', Version: {Index: 1}, Labels: {note: 'a } closes, a { opens, a ] too'}},
			{ID: 'b', Version: {Index: 2}, Labels: {quoted: 'say "}" and \\', path: 'C:\\\\'}},
			{ID: 'c', Version: {Index: 3}, Labels: {text: 'héllo ✔ 日本 🐳'}, Nested: [{x: [1, {y: '}]'}]}]},
			{},
		];
		expect(reader().read(JSON.stringify(items))).toEqual(items);
		// Spaces and line breaks between the items, as a pretty-printed answer has them.
		expect(reader().read(` \n${JSON.stringify(items, null, 2)}\n`)).toEqual(items);
		expect(reader().read('[]\n')).toEqual([]);
		expect(reader().read(' [ ] ')).toEqual([]);
	});

	it('parses an item again only when its bytes changed, and returns the same value otherwise', () => {
		const {read, parsed} = reader();
		const first = read(JSON.stringify([{ID: 'a', Version: {Index: 1}, State: 'new'}, {ID: 'b', Version: {Index: 7}, State: 'running'}]));
		expect(parsed).toHaveLength(2);
		const second = read(JSON.stringify([{ID: 'a', Version: {Index: 2}, State: 'running'}, {ID: 'b', Version: {Index: 7}, State: 'running'}, {ID: 'c', Version: {Index: 9}}]));
		expect(second[1]).toBe(first[1]);
		expect(second[0]).toEqual({ID: 'a', Version: {Index: 2}, State: 'running'});
		expect(parsed).toHaveLength(4);
		// Same ID and version but other bytes: a daemon that changed it without a version.
		const third = read(JSON.stringify([{ID: 'b', Version: {Index: 7}, State: 'failed'}]));
		expect(third).toEqual([{ID: 'b', Version: {Index: 7}, State: 'failed'}]);
		expect(parsed).toHaveLength(5);
	});

	it('parses every time an item that does not start with its ID and version', () => {
		const {read, parsed} = reader();
		const text = JSON.stringify([{Version: {Index: 1}, ID: 'x'}, {ID: 'y'}, {ID: 'x"y', Version: {Index: 1}}]);
		read(text);
		expect(read(text)).toEqual(JSON.parse(text));
		expect(parsed).toHaveLength(6);
	});

	it('refuses what is not a list of objects, in a sentence', () => {
		for (const text of ['', '{"ID":"a"}', '[1,2]', '[{"a":"b"}', '[{"a":"b}]', '[{"a":1}{"b":2}]', '[{"a":1}] x', '[{"a":1},]', '[{"a":}]']) {
			expect(() => reader().read(text), text).toThrow();
		}

		expect(() => reader().read('[{"a":"b}]')).toThrow(MalformedJsonArrayError);
		expect(() => reader().read('[{"a":"b}]')).toThrow(/not a JSON list \(an unterminated string/);
	});

	it('never takes a cached item for one whose bytes only start the same', () => {
		const {read} = reader();
		read('[{"ID":"a","Version":{"Index":1},"x":"}"}]');
		expect(read('[{"ID":"a","Version":{"Index":1},"x":"}"},{"ID":"b","Version":{"Index":1}}]')).toHaveLength(2);
		expect(() => read('[{"ID":"a","Version":{"Index":1},"x":"}"}')).toThrow(MalformedJsonArrayError);
	});
});
