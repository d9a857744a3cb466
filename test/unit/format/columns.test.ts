import {describe, expect, it} from 'vitest';
import {columnGap, fitCell, fitColumnWidths, fitTable, formatRow, padEnd, textWidth, truncate, type Column, pickCells, visibleColumns} from '../../../source/format/columns.js';

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

describe('cells cut where they lose least', () => {
	it('keeps a task\'s slot and shortens the service part from its middle, then drops it', () => {
		expect(fitCell('dockercoins_hasher.12', 21, 'slot')).toBe('dockercoins_hasher.12');
		expect(fitCell('dockercoins_hasher.12', 13, 'slot')).toBe('…ns_hasher.12');
		expect(fitCell('dockercoins_hasher.12', 19, 'slot')).toBe('doc…coins_hasher.12');
		expect(fitCell('dockercoins_hasher.12', 10, 'slot')).toBe('…hasher.12');
		expect(fitCell('dockercoins_hasher.12', 4, 'slot')).toBe('….12');
		expect(fitCell('dockercoins_hasher.12', 3, 'slot')).toBe('.12');
		expect(fitCell(' \\_ dockercoins_hasher.12', 12, 'slot')).toBe(' \\_ …sher.12');
	});

	it('shortens nodes and images from the middle, keeping the end that tells them apart', () => {
		expect(fitCell('node-eu-west-3', 10, 'middle')).toBe('nod…west-3');
		expect(fitCell('dockercoins/hasher:v0.1', 12, 'middle')).toBe('doc…her:v0.1');
		expect(textWidth(fitCell('镜像/不存在:标签', 7, 'middle'))).toBeLessThanOrEqual(7);
	});

	it('measures as Ink does: combining marks take no cell, emoji two', () => {
		expect(textWidth('e\u0301')).toBe(1);
		expect(textWidth('🐳')).toBe(2);
		expect(truncate('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
	});
});

describe('a table too wide even at its narrowest', () => {
	const taskColumns: Column[] = [
		{header: 'ID', minWidth: 8, shrink: 1, dropOrder: 2},
		{header: 'NAME', minWidth: 12, shrink: 1},
		{header: 'DESIRED STATE', minWidth: 8, shrink: 1, dropOrder: 1},
		{header: 'CURRENT STATE', minWidth: 16, shrink: 1},
	];
	const taskRows = [['abcdefabcdef', 'dockercoins_hasher.1', 'Running', 'Running 10 minutes ago']];

	it('leaves out the least useful column first, then the next', () => {
		expect(fitTable(taskColumns, taskRows, 60).columns.map(column => column.header)).toEqual(['ID', 'NAME', 'DESIRED STATE', 'CURRENT STATE']);
		expect(fitTable(taskColumns, taskRows, 50).columns.map(column => column.header)).toEqual(['ID', 'NAME', 'CURRENT STATE']);
		expect(fitTable(taskColumns, taskRows, 30).columns.map(column => column.header)).toEqual(['NAME', 'CURRENT STATE']);
	});

	it('fits what it keeps in the width', () => {
		for (const width of [31, 40, 50, 60]) {
			expect(tableWidth(fitTable(taskColumns, taskRows, width).widths), String(width)).toBeLessThanOrEqual(width);
		}
	});
});
