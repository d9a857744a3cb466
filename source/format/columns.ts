// Lays out a table in a fixed width the way `docker ... ls` does (three spaces between
// columns), cutting cells with "…" instead of wrapping when the terminal is narrow. One rule
// for every table: optional columns that are empty go first, then columns shrink to their
// narrowest (those with the most `shrink` first), then whole columns are left out (the
// lowest `dropOrder` first), and each cell is cut where it loses least (`cut`).
import stringWidth from 'string-width';
import {graphemeSegments, isPrintableAscii} from '../text/graphemes.js';

/**
 * Where a cell too long for its column gives way:
 * - `end`: its end (`dockercoins_a…`);
 * - `middle`: its middle, keeping the end that tells values apart (`dock…er:v0.1`, `node-…u-3`);
 * - `slot`: a task name keeps its slot (`.12`) and shortens the service part before it
 *   (`doc…hasher.12`, `…hasher.12`, `.12`).
 */
export type CutStyle = 'end' | 'middle' | 'slot';

export type Column = {
	header: string;
	/** Narrowest the column may get when space is short. */
	minWidth: number;
	/** Columns that give up space first when the table is too wide (larger gives more). */
	shrink?: number;
	/** May be left out entirely when every cell is empty and the table does not fit. */
	optional?: boolean;
	/** May be left out when even the narrowest columns do not fit: the lowest goes first. */
	dropOrder?: number;
	/** Where its cells are cut: `end` unless said. */
	cut?: CutStyle;
};

export const columnGap = 3;

// Widths are measured as Ink measures them (string-width): wide characters take two cells,
// combining marks none, so a row measured here is the row Ink draws.
function characters(text: string): string[] {
	return isPrintableAscii(text) ? [...text] : [...graphemeSegments(text)].map(part => part.segment);
}

/** Terminal cells one character takes: 2 for East Asian wide and fullwidth, else 1. */
export function charWidth(codePoint: number): number {
	return stringWidth(String.fromCodePoint(codePoint));
}

// Printable ASCII takes a cell a character: most cells are that, and a table of ten
// thousand rows is measured on every frame.
const printableAscii = /^[\u0020-\u007E]*$/;

// Other cells repeat (an image, a node, a state on every row): measured once each.
const measured = new Map<string, number>();

/** Terminal cells a string takes. */
export function textWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	let width = measured.get(text);
	if (width === undefined) {
		if (measured.size > 10_000) {
			measured.clear();
		}

		width = stringWidth(text);
		measured.set(text, width);
	}

	return width;
}

/** The longest start of `text` that fits in `width` cells. */
function keepStart(text: string, width: number): string {
	let kept = '';
	let used = 0;
	for (const character of characters(text)) {
		const cells = stringWidth(character);
		if (used + cells > width) {
			break;
		}

		kept += character;
		used += cells;
	}

	return kept;
}

/** The longest end of `text` that fits in `width` cells. */
function keepEnd(text: string, width: number): string {
	let kept = '';
	let used = 0;
	for (const character of characters(text).reverse()) {
		const cells = stringWidth(character);
		if (used + cells > width) {
			break;
		}

		kept = character + kept;
		used += cells;
	}

	return kept;
}

/** Cuts text to `width` terminal cells, ending with `…` when cut; never wider than `width`. */
export function truncate(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (textWidth(text) <= width) {
		return text;
	}

	return `${keepStart(text, width - 1)}…`;
}

/** Cuts text to `width` cells from its middle, keeping more of its end: `dock…er:v0.1`. */
export function truncateMiddle(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	if (textWidth(text) <= width) {
		return text;
	}

	const head = keepStart(text, Math.floor((width - 1) / 3));
	return `${head}…${keepEnd(text, width - 1 - textWidth(head))}`;
}

// ` \_ ` before an older task of a slot, the service name, then `.12` or `.<node ID>`.
const taskName = /^(?<indent>(?: \\_ )?)(?<service>.*?)(?<slot>\.[^.]+)$/;

/**
 * Cuts a task name to `width` cells keeping its slot, which is what tells the rows apart:
 * the service part gives way from its middle, then goes entirely (the title names it).
 */
export function truncateTaskName(text: string, width: number): string {
	const parts = taskName.exec(text)?.groups;
	if (!parts || textWidth(text) <= width) {
		return truncate(text, width);
	}

	const {indent = '', service = '', slot = ''} = parts;
	const room = width - textWidth(indent) - textWidth(slot);
	if (room >= 1) {
		// The start of a stack's service names is shared by every row; their end is not.
		const head = room >= 16 ? keepStart(service, Math.floor((room - 1) / 4)) : '';
		return `${indent}${head}…${keepEnd(service, room - 1 - textWidth(head))}${slot}`;
	}

	return textWidth(indent) + textWidth(slot) <= width ? `${indent}${slot}` : truncateMiddle(slot, width);
}

/** Cuts a cell to `width` cells the way its column gives way. */
export function fitCell(text: string, width: number, cut: CutStyle = 'end'): string {
	switch (cut) {
		case 'middle': {
			return truncateMiddle(text, width);
		}

		case 'slot': {
			return truncateTaskName(text, width);
		}

		default: {
			return truncate(text, width);
		}
	}
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

export function formatRow(cells: readonly string[], widths: readonly number[], cuts: ReadonlyArray<CutStyle | undefined> = []): string {
	const last = widths.length - 1;
	return widths.map((width, index) => {
		const cell = fitCell(cells[index] ?? '', width, cuts[index]);
		return index === last ? cell : padEnd(cell, width);
	}).join(' '.repeat(columnGap)).trimEnd();
}

function tableWidth(widths: readonly number[]): number {
	return widths.reduce((sum, width) => sum + width, 0) + (columnGap * Math.max(0, widths.length - 1));
}

/**
 * The columns worth drawing in `totalWidth`, with their index in the row cells: optional
 * columns give way entirely when empty and space is short, before anything is cut; when
 * even the narrowest widths do not fit, columns with a `dropOrder` go, lowest first.
 */
export function visibleColumns<C extends Column>(columns: readonly C[], rows: ReadonlyArray<readonly string[]>, totalWidth: number): Array<C & {index: number}> {
	const indexed = columns.map((column, index) => ({...column, index}));
	const natural = fitColumnWidths(columns, rows, Number.POSITIVE_INFINITY);
	if (tableWidth(natural) <= totalWidth) {
		return indexed;
	}

	const kept = indexed.filter(column => !(column.optional && rows.every(row => (row[column.index] ?? '') === '')));
	// The narrowest each column can get: only columns that shrink go below their natural width.
	const narrowest = (column: C & {index: number}) => column.shrink ? Math.min(natural[column.index] ?? 0, column.minWidth) : natural[column.index] ?? 0;
	const droppable = kept.filter(column => column.dropOrder !== undefined).sort((a, b) => a.dropOrder! - b.dropOrder!);
	let shown = kept;
	for (const column of droppable) {
		if (tableWidth(shown.map(candidate => narrowest(candidate))) <= totalWidth) {
			break;
		}

		shown = shown.filter(candidate => candidate !== column);
	}

	return shown;
}

/** A table's columns and their widths in `totalWidth`: the one rule every table follows. */
export function fitTable<C extends Column>(columns: readonly C[], rows: ReadonlyArray<readonly string[]>, totalWidth: number): {columns: Array<C & {index: number}>; widths: number[]} {
	const shown = visibleColumns(columns, rows, totalWidth);
	const widths = fitColumnWidths(shown, rows.map(row => pickCells(row, shown).map(cell => cell ?? '')), totalWidth);
	return {columns: shown, widths};
}

/** The cells of a row for the columns chosen by visibleColumns. */
export function pickCells<T>(cells: readonly T[], columns: ReadonlyArray<{index: number}>): Array<T | undefined> {
	return columns.map(column => cells[column.index]);
}
