import {Box, Text} from 'ink';
import {hintsFor, type Scope} from '../keys/registry.js';
import {theme} from '../theme.js';

type Props = {
	scopes: readonly Scope[];
	readOnly: boolean;
	width: number;
};

/** The keys that work here, generated from the key registry, cut to one line. */
export function HintBar({scopes, readOnly, width}: Props) {
	const hints = hintsFor(scopes, {readOnly});
	const parts: Array<{keys: string; hint: string}> = [];
	let used = readOnly ? 12 : 0;
	for (const hint of hints) {
		const length = hint.keys.length + hint.hint.length + 3;
		if (used + length > width) {
			break;
		}

		used += length;
		parts.push(hint);
	}

	return (
		<Box>
			<Text wrap="truncate">
				{readOnly ? <Text color={theme.warning} bold>READ-ONLY  </Text> : null}
				{parts.map(part => (
					<Text key={part.keys + part.hint}>
						<Text bold color={theme.accent}>{part.keys}</Text> {part.hint}{'  '}
					</Text>
				))}
			</Text>
		</Box>
	);
}
