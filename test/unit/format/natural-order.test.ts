import {describe, expect, it} from 'vitest';
import {naturalCompare} from '../../../source/format/natural-order.js';

// Expected orders from the docker CLI's sortorder.NaturalLess, as `docker service ls` lists them.
describe('naturalCompare', () => {
	it('lists names as `docker service ls` (docker 28.2) listed these on the lab', () => {
		expect(['nat10', 'nat9', 'nat1', 'Nat', 'nat007', 'nat7', 'nat07', '9nat'].sort(naturalCompare)).toEqual(['9nat', 'Nat', 'nat1', 'nat7', 'nat07', 'nat007', 'nat9', 'nat10']);
	});

	it('orders a run of digits as a number', () => {
		expect(['vote10', 'vote9', 'vote1', 'vote'].sort(naturalCompare)).toEqual(['vote', 'vote1', 'vote9', 'vote10']);
		expect(['a2b10', 'a2b9', 'a10b1'].sort(naturalCompare)).toEqual(['a2b9', 'a2b10', 'a10b1']);
	});

	it('orders bytes as they are: upper case first, digits before letters', () => {
		expect(['web', 'Web', 'api', '9lives', '_x'].sort(naturalCompare)).toEqual(['9lives', 'Web', '_x', 'api', 'web']);
	});

	it('puts the number with fewer leading zeros first when the values are equal', () => {
		expect(['x007', 'x7', 'x07'].sort(naturalCompare)).toEqual(['x7', 'x07', 'x007']);
		expect(naturalCompare('x7', 'x7')).toBe(0);
	});

	it('puts a name before the longer names it starts', () => {
		expect(['dockercoins_worker', 'dockercoins', 'dockercoins_'].sort(naturalCompare)).toEqual(['dockercoins', 'dockercoins_', 'dockercoins_worker']);
	});

	it('orders non-ASCII names by code point, as UTF-8 bytes compare', () => {
		expect(['\u{1F600}', '\uFF21', 'é', 'z'].sort(naturalCompare)).toEqual(['z', 'é', '\uFF21', '\u{1F600}']);
	});
});
