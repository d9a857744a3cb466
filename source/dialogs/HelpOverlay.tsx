import {Box, Text} from 'ink';
import {useState} from 'react';
import {commands, keyLabel, resolveCommand, scopeTitles, type Command, type Scope} from '../keys/registry.js';
import {theme} from '../theme.js';
import {DialogFrame, dialogInnerWidth} from './DialogFrame.js';
import {useKeys} from '../keys/use-keys.js';

type Line = {key: string; text: string; heading?: boolean; disabled?: boolean};

const offMarker = '  (off: read-only)';

/**
 * Every binding, grouped by where it works: generated from the key registry. A description
 * too long for `width` is cut before the read-only marker, so the marker always shows.
 */
export function helpLines({readOnly, width = Number.POSITIVE_INFINITY}: {readOnly: boolean; width?: number}): Line[] {
	const lines: Line[] = [];
	const scopes = [...new Set((commands as readonly Command[]).map(command => command.scope))] as Scope[];
	for (const scope of scopes) {
		lines.push({key: `scope:${scope}`, text: scopeTitles[scope], heading: true});
		for (const command of (commands as readonly Command[]).filter(candidate => candidate.scope === scope)) {
			const disabled = readOnly && command.mutating;
			const room = width - 2 - 16 - offMarker.length;
			const description = disabled && command.description.length > room ? `${command.description.slice(0, Math.max(0, room - 1))}…` : command.description;
			lines.push({key: command.id, text: `${keyLabel(command).padEnd(16)}${description}${disabled ? offMarker : ''}`, disabled});
		}
	}

	return lines;
}

type Props = {
	width: number;
	height: number;
	readOnly: boolean;
	onClose: () => void;
};

export function HelpOverlay({width, height, readOnly, onClose}: Props) {
	const lines = helpLines({readOnly, width: dialogInnerWidth(width)});
	const visible = Math.max(3, height - 4);
	const [offset, setOffset] = useState(0);
	const maxOffset = Math.max(0, lines.length - visible);
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog', 'global', 'list'])?.id;
		if (id === 'cancel' || id === 'help' || id === 'submit') {
			onClose();
		} else if (id === 'down' || id === 'pageDown') {
			setOffset(previous => Math.min(maxOffset, previous + (id === 'down' ? 1 : visible)));
		} else if (id === 'up' || id === 'pageUp') {
			setOffset(previous => Math.max(0, previous - (id === 'up' ? 1 : visible)));
		}
	});

	return (
		<DialogFrame title={`Keys${maxOffset > 0 ? ` (↑/↓ to scroll, ${offset + 1}-${Math.min(lines.length, offset + visible)} of ${lines.length})` : ''}`} width={width} scopes={['dialog']}>
			<Box flexDirection="column">
				{lines.slice(offset, offset + visible).map(line => (
					<Text key={line.key} wrap="truncate" bold={line.heading} color={line.heading ? theme.heading : (line.disabled ? theme.muted : undefined)}>
						{line.heading ? line.text : `  ${line.text}`}
					</Text>
				))}
			</Box>
		</DialogFrame>
	);
}
