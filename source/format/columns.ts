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

// East Asian wide and fullwidth characters take two terminal cells; the CLI measures with
// golang.org/x/text/width and go-runewidth. These ranges cover what task names, images and
// daemon errors can realistically hold (CJK, Hangul, fullwidth forms, emoji).
const wideRanges: ReadonlyArray<readonly [number, number]> = [
	[0x11_00, 0x11_5F],
	[0x23_1A, 0x23_1B],
	[0x23_29, 0x23_2A],
	[0x23_E9, 0x23_EC],
	[0x25_FD, 0x25_FE],
	[0x26_14, 0x26_15],
	[0x26_48, 0x26_53],
	[0x26_AA, 0x26_AB],
	[0x26_BD, 0x26_BE],
	[0x26_C4, 0x26_C5],
	[0x27_05, 0x27_05],
	[0x27_0A, 0x27_0B],
	[0x27_28, 0x27_28],
	[0x27_4C, 0x27_4C],
	[0x27_95, 0x27_97],
	[0x2E_80, 0x30_3E],
	[0x30_41, 0x33_FF],
	[0x34_00, 0x4D_BF],
	[0x4E_00, 0x9F_FF],
	[0xA0_00, 0xA4_CF],
	[0xA9_60, 0xA9_7F],
	[0xAC_00, 0xD7_A3],
	[0xF9_00, 0xFA_FF],
	[0xFE_10, 0xFE_19],
	[0xFE_30, 0xFE_6F],
	[0xFF_00, 0xFF_60],
	[0xFF_E0, 0xFF_E6],
	[0x1_F3_00, 0x1_F6_4F],
	[0x1_F9_00, 0x1_F9_FF],
	[0x2_00_00, 0x3_FF_FD],
];

/** Terminal cells one character takes: 2 for East Asian wide and fullwidth, else 1. */
export function charWidth(codePoint: number): number {
	for (const [first, last] of wideRanges) {
		if (codePoint < first) {
			return 1;
		}

		if (codePoint <= last) {
			return 2;
		}
	}

	return 1;
}

/** Terminal cells a string takes. */
export function textWidth(text: string): number {
	let width = 0;
	for (const character of text) {
		width += charWidth(character.codePointAt(0) ?? 0);
	}

	return width;
}

/** Cuts text to `width` terminal cells, ending with `…` when cut; never wider than `width`. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (textWidth(text) <= width) {
		return text;
	}

	let kept = '';
	let used = 0;
	for (const character of text) {
		const cells = charWidth(character.codePointAt(0) ?? 0);
		if (used + cells > width - 1) {
			break;
		}

		kept += character;
		used += cells;
	}

	return `${kept}…`;
}

/** Pads text with spaces to `width` terminal cells. */
export function padEnd(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Each column's width so that the whole table fits in `totalWidth`. */
export function fitColumnWidths(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, totalWidth: number): number[] {
	const widths = columns.map((column, index) => Math.max(
		textWidth(column.header),
		...rows.map(row => textWidth(row[index] ?? '')),
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
		return index === last ? cell : padEnd(cell, width);
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
