// Lays out a table in a fixed width the way `docker ... ls` does (three spaces between
// columns), cutting cells with "…" instead of wrapping when the terminal is narrow.

export type Column = {
	header: string;
	/** Narrowest the column may get when space is short. */
	minWidth: number;
	/** Columns that give up space first when the table is too wide (larger gives more). */
	shrink?: number;
	/** May be left out entirely when every cell is empty and the table does not fit. */
	optional?: boolean;
};

export const columnGap = 3;

export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const characters = [...text];
	return characters.length <= width ? text : `${characters.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** Each column's width so that the whole table fits in `totalWidth`. */
export function fitColumnWidths(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, totalWidth: number): number[] {
	const widths = columns.map((column, index) => Math.max(
		[...column.header].length,
		...rows.map(row => [...(row[index] ?? '')].length),
	));
	const needed = () => widths.reduce((sum, width) => sum + width, 0) + (columnGap * (columns.length - 1));
	let excess = needed() - totalWidth;
	// Take space from shrinkable columns, widest-over-minimum first, until it fits.
	while (excess > 0) {
		let best = -1;
		let bestSlack = 0;
		for (const [index, column] of columns.entries()) {
			const slack = ((widths[index] ?? 0) - column.minWidth) * (column.shrink ?? 0);
			if (slack > bestSlack) {
				best = index;
				bestSlack = slack;
			}
		}

		if (best === -1) {
			break;
		}

		widths[best] = (widths[best] ?? 0) - 1;
		excess--;
	}

	return widths;
}

export function formatRow(cells: readonly string[], widths: readonly number[]): string {
	const last = widths.length - 1;
	return widths.map((width, index) => {
		const cell = truncate(cells[index] ?? '', width);
		return index === last ? cell : pad(cell, width);
	}).join(' '.repeat(columnGap)).trimEnd();
}

/**
 * The columns worth drawing in `totalWidth`, with their index in the row cells: optional
 * columns give way entirely when empty and space is short, before anything is cut.
 */
export function visibleColumns<C extends Column>(columns: readonly C[], rows: ReadonlyArray<readonly string[]>, totalWidth: number): Array<C & {index: number}> {
	const indexed = columns.map((column, index) => ({...column, index}));
	const natural = fitColumnWidths(columns, rows, Number.POSITIVE_INFINITY).reduce((sum, width) => sum + width, 0) + (columnGap * (columns.length - 1));
	if (natural <= totalWidth) {
		return indexed;
	}

	return indexed.filter(column => !(column.optional && rows.every(row => (row[column.index] ?? '') === '')));
}

/** The cells of a row for the columns chosen by visibleColumns. */
export function pickCells<T>(cells: readonly T[], columns: ReadonlyArray<{index: number}>): Array<T | undefined> {
	return columns.map(column => cells[column.index]);
}
