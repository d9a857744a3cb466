import {describe, expect, it} from 'vitest';
import {fitRegions, totalLines} from '../../../source/layout/regions.js';

// The task screen's regions, as it declares them.
const taskScreen = (rows: number) => ({
	title: {kind: 'keep', lines: 1},
	policy: {kind: 'panel', lines: 1},
	rollout: {kind: 'panel', lines: 8},
	spacer: {kind: 'blank', lines: 1},
	table: {kind: 'rows', lines: 1 + rows, min: 2},
	hidden: {kind: 'panel', lines: 1},
}) as const;

describe('fitRegions', () => {
	it('gives every region its wish when they all fit, and the spare room to the one that fills', () => {
		expect(fitRegions(30, taskScreen(5))).toEqual({title: 1, policy: 1, rollout: 8, spacer: 1, table: 6, hidden: 1});
		expect(fitRegions(10, {title: {kind: 'keep', lines: 1}, body: {kind: 'rows', lines: 3, fill: true}})).toEqual({title: 1, body: 9});
	});

	it('lets a table scroll in what is left, down to its header and a row', () => {
		expect(fitRegions(20, taskScreen(45))).toEqual({title: 1, policy: 1, rollout: 8, spacer: 1, table: 8, hidden: 1});
	});

	it('takes blank lines first, then panels (the last declared first), then rows', () => {
		expect(fitRegions(10, taskScreen(45))).toEqual({title: 1, policy: 1, rollout: 6, spacer: 0, table: 2, hidden: 0});
		expect(fitRegions(4, taskScreen(45))).toEqual({title: 1, policy: 1, rollout: 0, spacer: 0, table: 2, hidden: 0});
	});

	it('takes rows below their minimum only when nothing else is left, and never from what is kept', () => {
		expect(fitRegions(2, taskScreen(45))).toEqual({title: 1, policy: 0, rollout: 0, spacer: 0, table: 1, hidden: 0});
		expect(fitRegions(0, taskScreen(45))).toMatchObject({title: 1, table: 1});
	});

	it('never gives out more lines than there are, while what is kept fits', () => {
		for (let available = 3; available <= 70; available++) {
			for (const rows of [0, 1, 5, 45, 10_000]) {
				expect(totalLines(fitRegions(available, taskScreen(rows))), `${rows} rows in ${available} lines`).toBeLessThanOrEqual(Math.max(available, 2));
			}
		}
	});
});
