import {describe, expect, it} from 'vitest';
import {columnGap, fitColumnWidths, formatRow, padEnd, textWidth, truncate, type Column, pickCells, visibleColumns} from '../../../source/format/columns.js';

const columns: Column[] = [
	{header: 'NAME', minWidth: 6, shrink: 2},
	{header: 'MODE', minWidth: 10},
	{header: 'IMAGE', minWidth: 8, shrink: 1},
];

const rows = [
	['dockercoins_hasher', 'replicated', 'dockercoins/hasher:v0.2'],
	['web', 'global', 'nginx:1.27'],
];

const tableWidth = (widths: number[]) => widths.reduce((sum, width) => sum + width, 0) + (columnGap * (widths.length - 1));

describe('truncate', () => {
	it('keeps text that fits', () => {
		expect(truncate('hasher', 6)).toBe('hasher');
		expect(truncate('hasher', 10)).toBe('hasher');
	});

	it('cuts text that does not fit and ends it with …, within the width', () => {
		expect(truncate('dockercoins_hasher', 8)).toBe('dockerc…');
		expect([...truncate('dockercoins_hasher', 8)]).toHaveLength(8);
	});

	it('gives just … at width 1 and nothing at width 0 or below', () => {
		expect(truncate('hasher', 1)).toBe('…');
		expect(truncate('hasher', 0)).toBe('');
		expect(truncate('hasher', -3)).toBe('');
	});

	it('counts terminal cells: not UTF-16 units, and two for a wide character', () => {
		expect(truncate('→→→→', 4)).toBe('→→→→');
		expect(truncate('😀😀😀😀', 3)).toBe('😀…');
		expect(truncate('镜像不存在', 6)).toBe('镜像…');
	});

	it('never returns more cells than it was given', () => {
		for (const text of ['😀😀😀😀', '镜像不存在 no such image', 'plain ascii text']) {
			for (let width = 0; width <= 12; width++) {
				expect(textWidth(truncate(text, width)), `${text} in ${width}`).toBeLessThanOrEqual(width);
			}
		}
	});

	it('pads to terminal cells', () => {
		expect(padEnd('镜像', 6)).toBe('镜像  ');
		expect(fitColumnWidths([{header: 'E', minWidth: 1}], [['镜像']], 80)).toEqual([4]);
	});
});

describe('fitColumnWidths', () => {
	it('sizes each column to its widest cell or header when there is room', () => {
		expect(fitColumnWidths(columns, rows, 200)).toEqual([18, 10, 23]);
		expect(fitColumnWidths(columns, [['a', 'b', 'c']], 200)).toEqual([4, 4, 5]);
	});

	it('shrinks only shrinkable columns until the table fits exactly', () => {
		const widths = fitColumnWidths(columns, rows, 40);
		expect(widths[1]).toBe(10);
		expect(tableWidth(widths)).toBe(40);
	});

	it('takes from the column with the most weighted slack first', () => {
		// NAME slack 12×2 = 24 beats IMAGE 15×1: NAME gives first, until they even out.
		const widths = fitColumnWidths(columns, rows, tableWidth([18, 10, 23]) - 4);
		expect(widths).toEqual([14, 10, 23]);
	});

	it('never shrinks a column below its minimum, even when the table still does not fit', () => {
		const widths = fitColumnWidths(columns, rows, 10);
		expect(widths).toEqual([6, 10, 8]);
	});

	it('never shrinks a column without a shrink weight', () => {
		const fixed: Column[] = [{header: 'ID', minWidth: 2}, {header: 'STATE', minWidth: 2}];
		expect(fitColumnWidths(fixed, [['abcdefghijkl', 'Running 5 seconds ago']], 5)).toEqual([12, 21]);
	});

	it('handles rows shorter than the columns', () => {
		expect(fitColumnWidths(columns, [['web']], 200)).toEqual([4, 4, 5]);
	});
});

describe('formatRow', () => {
	it('pads cells to their widths with three spaces between columns', () => {
		expect(formatRow(['web', 'global', 'nginx'], [6, 10, 8])).toBe('web      global       nginx');
	});

	it('cuts long cells with … instead of wrapping', () => {
		expect(formatRow(['dockercoins_hasher', 'replicated', 'dockercoins/hasher:v0.2'], [8, 10, 10]))
			.toBe('dockerc…   replicated   dockercoi…');
	});

	it('does not pad the last cell or leave trailing spaces', () => {
		expect(formatRow(['web', '', ''], [6, 10, 8])).toBe('web');
		expect(formatRow(['web', 'global'], [6, 10, 8])).toBe('web      global');
	});

	it('lines up a header and rows laid out with the same widths', () => {
		const widths = fitColumnWidths(columns, rows, 40);
		const lines = [formatRow(columns.map(column => column.header), widths), ...rows.map(row => formatRow(row, widths))];
		const modeAt = widths[0]! + columnGap;
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(40);
			expect(line.charAt(modeAt - 1)).toBe(' ');
			expect(line.charAt(modeAt)).not.toBe(' ');
		}
	});
});

describe('visibleColumns', () => {
	const columns = [
		{header: 'NAME', minWidth: 4, shrink: 1},
		{header: 'ERROR', minWidth: 5, shrink: 1, optional: true},
		{header: 'PORTS', minWidth: 5, shrink: 1, optional: true},
	];

	it('keeps every column when the table fits', () => {
		expect(visibleColumns(columns, [['vote.1', '', '']], 40).map(column => column.header)).toEqual(['NAME', 'ERROR', 'PORTS']);
	});

	it('drops optional columns that are empty in every row when space is short', () => {
		const shown = visibleColumns(columns, [['vote.1', '', '*:80->80/tcp']], 12);
		expect(shown.map(column => [column.header, column.index])).toEqual([['NAME', 0], ['PORTS', 2]]);
	});

	it('never drops a column with content, nor one that is not optional', () => {
		expect(visibleColumns(columns, [['', '"no such image"', '']], 5).map(column => column.header)).toEqual(['NAME', 'ERROR']);
	});

	it('picks the cells of the shown columns', () => {
		const shown = visibleColumns(columns, [['vote.1', '', 'x']], 12);
		expect(pickCells(['vote.1', '', 'x'], shown)).toEqual(['vote.1', 'x']);
	});
});
