import {describe, expect, it} from 'vitest';
import {widestCells, type TableLine} from '../../../source/components/Table.js';
import {fitTable, type Column} from '../../../source/format/columns.js';

const columns: Column[] = [
	{header: 'NAME', minWidth: 4, shrink: 1},
	{header: 'NODE', minWidth: 4, shrink: 1, cut: 'middle'},
	{header: 'ERROR', minWidth: 5, shrink: 1, optional: true},
];

const row = (key: string, cells: string[]): TableLine => ({kind: 'row', key, cells});

describe('widestCells', () => {
	it('keeps the widest cell of each column, as the terminal measures it', () => {
		const lines = [
			row('a', ['web.1', 'node-eu-1', '']),
			row('b', ['web.10', '漢字漢字', '']),
			{kind: 'heading' as const, key: 'h', text: 'a heading that is no cell'},
			row('c', ['web.2', 'node-eu-10', '']),
		];
		// 漢字漢字 is 4 characters but 8 cells; node-eu-10 is 10 of both.
		expect(widestCells(lines)).toEqual(['web.10', 'node-eu-10', '']);
	});

	it('lets the column rules reach the same widths as from every row', () => {
		const lines = Array.from({length: 500}, (_, index) => row(String(index), [`svc.${index}`, index % 7 === 0 ? '東京-node-☁' : `n${index % 13}`, index === 250 ? 'task: non-zero exit (1)' : '']));
		const every = lines.map(line => (line as {cells: string[]}).cells);
		for (const width of [20, 40, 80, 200]) {
			expect(fitTable(columns, [widestCells(lines)], width)).toEqual(fitTable(columns, every, width));
		}
	});
});
