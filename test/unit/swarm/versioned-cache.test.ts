import {describe, expect, it} from 'vitest';
import {sameItems, unusedEntryMs, VersionedCache} from '../../../source/swarm/versioned-cache.js';

describe('VersionedCache', () => {
	it('builds once per ID and version, and again when the version moves', () => {
		const cache = new VersionedCache<{name: string}>();
		let builds = 0;
		const build = (name: string) => () => {
			builds++;
			return {name};
		};

		const first = cache.get('t1', '10', build('a'));
		expect(cache.get('t1', '10', build('ignored'))).toBe(first);
		expect(builds).toBe(1);
		const moved = cache.get('t1', '11', build('b'));
		expect(moved).toEqual({name: 'b'});
		expect(builds).toBe(2);
	});

	it('caches nothing for an object without a version', () => {
		const cache = new VersionedCache<{name: string}>();
		const first = cache.get('t1', undefined, () => ({name: 'a'}));
		expect(cache.get('t1', undefined, () => ({name: 'a'}))).not.toBe(first);
		expect(cache.size).toBe(0);
	});

	it('forgets what no poll asked for in a minute, so it stays bounded', () => {
		let now = 0;
		const cache = new VersionedCache<number>(() => now);
		for (let index = 0; index < 1000; index++) {
			cache.get(`old${index}`, '1', () => index);
		}

		now = unusedEntryMs / 2;
		cache.get('kept', '1', () => 1);
		now = unusedEntryMs + 1;
		cache.get('kept', '1', () => 1);
		expect(cache.size).toBe(1);
	});
});

describe('sameItems', () => {
	it('tells equal lists by identity, or by JSON for objects that are not the same', () => {
		const a = {id: 'a'};
		expect(sameItems([a], [a])).toBe(true);
		expect(sameItems([a], [{id: 'a'}])).toBe(true);
		expect(sameItems([a], [{id: 'b'}])).toBe(false);
		expect(sameItems([a], [a, a])).toBe(false);
	});
});
