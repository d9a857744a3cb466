import {Box, Text} from 'ink';
import {recentCommandRows} from '../format/recent-commands.js';
import {theme} from '../theme.js';

type Props = {
	commands: readonly string[];
	height: number;
	width: number;
};

/** The last commands run, in plain text with nothing before them, for a class to copy. */
export function RecentCommands({commands, height, width}: Props) {
	if (height <= 0) {
		return null;
	}

	const [heading, ...rows] = recentCommandRows(commands, width, height);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			<Text wrap="truncate" color={theme.accent}>{heading}</Text>
			{rows.map((row, index) => (
				// Rows are rebuilt whole on every change: their place is their identity.
				<Text key={index} bold wrap="truncate">{row}</Text>
			))}
		</Box>
	);
}
