import {Box, Text} from 'ink';
import type {PanelLine, PanelTone} from '../format/exercise.js';
import {theme} from '../theme.js';

type Props = {
	lines: readonly PanelLine[];
	/** The lines it is given by the frame's layout: the first ones are drawn. */
	height: number;
	width: number;
	/** On a projector: plain and bold, the step standing out from the screen under it. */
	present?: boolean;
};

// Functions, not tables: the theme is chosen (--present) after this module loads.
const tones = (): Record<PanelTone, {color?: string; bold?: boolean}> => ({
	title: {color: theme.heading, bold: true},
	instruction: {bold: true},
	command: {color: theme.accent},
	met: {color: theme.ok},
	unmet: {color: theme.warning},
	spoiled: {color: theme.danger},
	done: {color: theme.ok, bold: true},
});

// Plain text in the terminal's own colour and bold, only the ticks coloured: what a
// projector shows best. The step is what the class reads from the back of the room.
const presentTones = (): Record<PanelTone, {color?: string; bold?: boolean; inverse?: boolean}> => ({
	title: {inverse: true, bold: true},
	instruction: {bold: true},
	command: {bold: true},
	met: {color: theme.ok, bold: true},
	unmet: {},
	spoiled: {color: theme.danger, bold: true},
	done: {color: theme.ok, bold: true},
});

/** The exercise under way: its step, the command to type and each check, ticking live. */
export function ExercisePanel({lines, height, width, present = false}: Props) {
	if (height <= 0) {
		return null;
	}

	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{lines.slice(0, height).map((line, index) => (
				// The lines are rebuilt whole on every change: their place is their identity.
				<Text key={index} wrap="truncate" {...(present ? presentTones : tones)()[line.tone]}>{line.text}</Text>
			))}
		</Box>
	);
}
