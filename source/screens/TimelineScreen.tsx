import {Box, Text} from 'ink';
import {formatClock} from '../format/events.js';
import {describeEntry, groupTimeline} from '../format/timeline.js';
import {useTimeline} from '../model/hooks.js';
import {theme} from '../theme.js';
import type {TimelineEntry} from '../timeline/timeline.js';
import {useScrolledList} from './use-scroll.js';

type Props = {
	isActive: boolean;
	width: number;
	height: number;
};

type Line = {key: string; entry: TimelineEntry; answer: boolean};

const resultColors: Readonly<Record<string, string | undefined>> = {done: theme.ok, failed: theme.danger, unknown: theme.warning};
const resultColor = (entry: TimelineEntry): string | undefined => resultColors[entry.result ?? ''] ?? theme.muted;

/** This session's actions, newest first, each with its command and the swarm's answers under it. */
export function TimelineScreen({isActive, width, height}: Props) {
	const entries = useTimeline();
	const lines: Line[] = groupTimeline(entries).flatMap(({entry, outcomes}) => [
		{key: String(entry.seq), entry, answer: false},
		...outcomes.map(outcome => ({key: String(outcome.seq), entry: outcome, answer: true})),
	]);
	// An action takes two lines (its command, its result), an answer one.
	const listHeight = Math.max(1, height - 2);
	const offset = useScrolledList(lines.length, Math.max(1, Math.floor(listHeight / 2)), isActive);

	const shown: Line[] = [];
	let used = 0;
	for (const line of lines.slice(offset)) {
		const size = line.entry.kind === 'action' && !line.answer ? 2 : 1;
		if (used + size > listHeight) {
			break;
		}

		shown.push(line);
		used += size;
	}

	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">Timeline of this session, newest first <Text color={theme.muted}>(also in `swarmdeck history`)</Text></Text>
			{lines.length === 0
				? <Text color={theme.muted}>Nothing done yet. Each action appears here with its command, its result and what the swarm did in answer.</Text>
				: shown.map(({key, entry, answer}) => answer || entry.kind === 'outcome'
					? (
						<Text key={key} wrap="truncate">
							<Text color={theme.muted}>{answer ? `          ↳ ${formatClock(new Date(entry.time))} ` : `${formatClock(new Date(entry.time))}  `}</Text>
							{describeEntry(entry)}
						</Text>
					)
					: (
						<Box key={key} flexDirection="column">
							<Text wrap="truncate"><Text color={theme.muted}>{formatClock(new Date(entry.time))}  </Text><Text color={theme.accent}>$ {entry.command}</Text></Text>
							<Text wrap="truncate" color={resultColor(entry)}>{'          '}{describeEntry(entry)}</Text>
						</Box>
					))}
		</Box>
	);
}
