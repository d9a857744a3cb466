import {Box, Text} from 'ink';
import {describeEvent, formatClock} from '../format/events.js';
import {useRecentEvents} from '../model/hooks.js';
import {maxRecentEvents} from '../model/swarm-model.js';
import {fitRegions} from '../layout/regions.js';
import {theme} from '../theme.js';
import {useScrolledList} from './use-scroll.js';

type Props = {
	isActive: boolean;
	width: number;
	height: number;
};

/** Service and node events since swarmdeck started, newest first, in words. */
export function EventsScreen({isActive, width, height}: Props) {
	const events = useRecentEvents();
	const listHeight = fitRegions(height, {title: {kind: 'keep', lines: 1}, list: {kind: 'rows', lines: events.length, fill: true}}).list;
	const offset = useScrolledList(events.length, listHeight, isActive);

	return (
		<Box flexDirection="column" width={width}>
			<Text bold wrap="truncate">Swarm events, newest first <Text color={theme.muted}>(the last {maxRecentEvents} are kept; tasks send none, so task changes show on the tasks screen)</Text></Text>
			{events.length === 0
				? <Text color={theme.muted}>No event yet. Scale or update a service and it appears here.</Text>
				// Keyed by arrival (counted from the oldest kept): the daemon can send two identical
				// events within one millisecond, so the event's own fields are not unique.
				: events.slice(offset, offset + listHeight).map((event, index) => (
					<Text key={String(events.length - offset - index)} wrap="truncate">
						<Text color={theme.muted}>{formatClock(event.time)}</Text>
						{'  '}<Text color={event.type === 'node' ? theme.heading : theme.accent}>{event.type.padEnd(7)}</Text>{'  '}
						{describeEvent(event)}
					</Text>
				))}
		</Box>
	);
}
