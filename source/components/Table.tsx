import {Box, Text} from 'ink';
import {useContext, useMemo} from 'react';
import {columnGap, fitCell, fitTable, formatRow, padEnd, textWidth, truncate, type Column} from '../format/columns.js';
import {fitRegions} from '../layout/regions.js';
import {theme} from '../theme.js';
import {PresentContext, presentHiddenHeaders} from './presentation.js';

export type TableLine =
	| {kind: 'heading'; key: string; text: string}
	| {kind: 'row'; key: string; cells: string[]; cellColors?: Array<string | undefined>; muted?: boolean; selectable?: boolean};

type Props = {
	/** The columns of the cells, all of them: which are drawn, and how wide, is fitTable's rule. */
	columns: readonly Column[];
	/** Each row's cells, one per column. */
	lines: readonly TableLine[];
	/** Index into lines of the highlighted row, if any. */
	selectedIndex?: number;
	/** First line shown (for scrolling without a cursor). */
	offset?: number;
	/** Every line the table may take: its header, its rows and the "1-30 of 45" line. */
	height: number;
	width: number;
	/**
	 * The shown rows as they read now, for cells that change with time alone ("Running 5
	 * seconds ago"): only the rows on screen are asked, not the thousands scrolled away.
	 */
	live?: (line: TableLine & {kind: 'row'}) => TableLine & {kind: 'row'};
};

/**
 * One row holding each column's widest cell. The column rules read no more than each
 * column's widest cell (and whether it is empty), so a table of 10,000 rows is measured once
 * per change of its rows, and each frame measures only this row and the rows on screen.
 */
export function widestCells(lines: readonly TableLine[]): string[] {
	const widest: string[] = [];
	const widths: number[] = [];
	for (const line of lines) {
		if (line.kind !== 'row') {
			continue;
		}

		for (const [index, cell] of line.cells.entries()) {
			// Most cells are narrower than the widest by length already: measure only the others.
			if (cell.length >= (widths[index] ?? 0) / 2 && textWidth(cell) > (widths[index] ?? -1)) {
				widest[index] = cell;
				widths[index] = textWidth(cell);
			}

			widest[index] ??= '';
			widths[index] ??= 0;
		}
	}

	return widest;
}

/**
 * How the table's lines are shared: the header always, as many rows as fit, and the
 * position line ("1-30 of 45") when the rows do not all fit and there is room for it.
 */
export function tableLayout(total: number, height: number): {rows: number; position: boolean} {
	const budget = fitRegions(height, {
		header: {kind: 'keep', lines: 1},
		rows: {kind: 'rows', lines: total, min: Math.min(total, 1)},
		position: {kind: 'panel', lines: total > height - 1 ? 1 : 0},
	});
	return {rows: Math.min(total, budget.rows), position: budget.position > 0};
}

/** Which lines fit in `height`, keeping the selected one in view. */
export function visibleWindow(total: number, height: number, selectedIndex: number | undefined, offset = 0): {start: number; end: number} {
	if (total <= height) {
		return {start: 0, end: total};
	}

	let start = offset;
	if (selectedIndex !== undefined) {
		start = Math.min(Math.max(0, selectedIndex - Math.floor(height / 2)), total - height);
	}

	start = Math.max(0, Math.min(start, total - height));
	return {start, end: start + height};
}

type RowLine = TableLine & {kind: 'row'};

/** The row with only the cells of the kept columns, or as it is when all are kept. */
function pickRow(line: RowLine, pick: readonly number[] | undefined): RowLine {
	if (!pick) {
		return line;
	}

	return {...line, cells: pick.map(index => line.cells[index] ?? ''), ...(line.cellColors ? {cellColors: pick.map(index => line.cellColors![index])} : {})};
}

/** The columns without the ones a projector leaves out; `pick` the original indexes kept. */
function withoutHidden(columns: readonly Column[], present: boolean): {columns: readonly Column[]; pick?: readonly number[]} {
	const pick = columns.flatMap((column, index) => presentHiddenHeaders.has(column.header) ? [] : [index]);
	return !present || pick.length === columns.length ? {columns} : {columns: pick.map(index => columns[index]!), pick};
}

/**
 * A plain table with a row cursor, drawn with Box/Text: ink-table has neither a cursor nor
 * windowing, and the task table must look like `docker service ps`, without borders.
 */
export function Table({columns: allColumns, lines, selectedIndex, offset, height, width, live}: Props) {
	const present = useContext(PresentContext);
	// On a projector the noisy columns go before any rule of width sees them.
	const {columns, pick} = useMemo(() => withoutHidden(allColumns, present), [allColumns, present]);
	const allWidest = useMemo(() => widestCells(lines), [lines]);
	const widest = pick ? pick.map(index => allWidest[index] ?? '') : allWidest;
	const layout = tableLayout(lines.length, height);
	const {start, end} = visibleWindow(lines.length, layout.rows, selectedIndex, offset);
	const shown = lines.slice(start, end).map(line => line.kind === 'row' ? pickRow(live ? live(line) : line, pick) : line);
	const fitted = fitTable(columns, [widest, ...shown.flatMap(line => line.kind === 'row' ? [line.cells] : [])], width);
	const widths = fitted.widths;
	const cuts = fitted.columns.map(column => column.cut);
	const gap = ' '.repeat(columnGap);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{truncate(formatRow(fitted.columns.map(column => column.header), widths), width)}</Text>
			{shown.map((line, index) => {
				if (line.kind === 'heading') {
					return <Text key={line.key} color={theme.heading} bold wrap="truncate">{truncate(line.text, width)}</Text>;
				}

				const selected = start + index === selectedIndex;
				const lastIndex = widths.length - 1;
				return (
					<Text key={line.key} inverse={selected} dimColor={line.muted} wrap="truncate">
						{fitted.columns.map((column, cellIndex) => {
							const columnWidth = widths[cellIndex] ?? 0;
							const cell = fitCell(line.cells[column.index] ?? '', columnWidth, cuts[cellIndex]);
							const padded = cellIndex === lastIndex ? cell : padEnd(cell, columnWidth);
							return (
								<Text key={String(cellIndex)} color={line.cellColors?.[column.index]}>
									{padded}{cellIndex === lastIndex ? '' : gap}
								</Text>
							);
						})}
					</Text>
				);
			})}
			{layout.position ? <Text color={theme.muted} wrap="truncate">{truncate(`  ${start + 1}-${end} of ${lines.length}`, width)}</Text> : null}
		</Box>
	);
}
