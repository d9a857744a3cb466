import {Box, Text} from 'ink';
import {columnGap, formatRow, padEnd, truncate} from '../format/columns.js';
import {theme} from '../theme.js';

export type TableLine =
	| {kind: 'heading'; key: string; text: string}
	| {kind: 'row'; key: string; cells: string[]; cellColors?: Array<string | undefined>; muted?: boolean; selectable?: boolean};

type Props = {
	widths: readonly number[];
	header: readonly string[];
	lines: readonly TableLine[];
	/** Index into lines of the highlighted row, if any. */
	selectedIndex?: number;
	/** First line shown (for scrolling without a cursor). */
	offset?: number;
	height: number;
	width: number;
};

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

/**
 * A plain table with a row cursor, drawn with Box/Text: ink-table has neither a cursor nor
 * windowing, and the task table must look like `docker service ps`, without borders.
 */
export function Table({widths, header, lines, selectedIndex, offset, height, width}: Props) {
	const {start, end} = visibleWindow(lines.length, height, selectedIndex, offset);
	const shown = lines.slice(start, end);
	const gap = ' '.repeat(columnGap);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{truncate(formatRow(header, widths), width)}</Text>
			{shown.map((line, index) => {
				if (line.kind === 'heading') {
					return <Text key={line.key} color={theme.heading} bold wrap="truncate">{truncate(line.text, width)}</Text>;
				}

				const selected = start + index === selectedIndex;
				const lastIndex = widths.length - 1;
				return (
					<Text key={line.key} inverse={selected} dimColor={line.muted} wrap="truncate">
						{widths.map((columnWidth, cellIndex) => {
							const cell = truncate(line.cells[cellIndex] ?? '', columnWidth);
							const padded = cellIndex === lastIndex ? cell : padEnd(cell, columnWidth);
							return (
								<Text key={String(cellIndex)} color={line.cellColors?.[cellIndex]}>
									{padded}{cellIndex === lastIndex ? '' : gap}
								</Text>
							);
						})}
					</Text>
				);
			})}
			{lines.length > height ? <Text color={theme.muted}>{`  ${start + 1}-${end} of ${lines.length}`}</Text> : null}
		</Box>
	);
}
