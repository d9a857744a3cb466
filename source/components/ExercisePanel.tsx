import {Box, Text} from 'ink';
import type {PanelLine, PanelTone} from '../format/exercise.js';
import {theme} from '../theme.js';

type Props = {
	lines: readonly PanelLine[];
	/** The lines it is given by the frame's layout: the first ones are drawn. */
	height: number;
	width: number;
};

const tones: Record<PanelTone, {color?: string; bold?: boolean}> = {
	title: {color: theme.heading, bold: true},
	instruction: {bold: true},
	command: {color: theme.accent},
	met: {color: theme.ok},
	unmet: {color: theme.warning},
	spoiled: {color: theme.danger},
	done: {color: theme.ok, bold: true},
};

/** The exercise under way: its step, the command to type and each check, ticking live. */
export function ExercisePanel({lines, height, width}: Props) {
	if (height <= 0) {
		return null;
	}

	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{lines.slice(0, height).map((line, index) => (
				// The lines are rebuilt whole on every change: their place is their identity.
				<Text key={index} wrap="truncate" {...tones[line.tone]}>{line.text}</Text>
			))}
		</Box>
	);
}
