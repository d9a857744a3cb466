import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {hintsFor, type Scope} from '../keys/registry.js';
import {theme} from '../theme.js';

type Props = {
	title: string;
	width: number;
	scopes: readonly Scope[];
	danger?: boolean;
	children: ReactNode;
};

/** The border, title and key hints every dialog shares. */
export function DialogFrame({title, width, scopes, danger, children}: Props) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={danger ? theme.danger : theme.accent} paddingX={1} width={Math.min(width, 100)}>
			<Text bold color={danger ? theme.danger : theme.accent} wrap="truncate">{title}</Text>
			{children}
			<Text color={theme.muted} wrap="truncate">
				{hintsFor(scopes).map(hint => `${hint.keys} ${hint.hint}`).join('   ')}
			</Text>
		</Box>
	);
}

/** The docker command a dialog is about to run, for the class to read before it happens. */
export function CommandPreview({command}: {command: string}) {
	return (
		<Text wrap="wrap"><Text color={theme.muted}>$ </Text><Text bold>{command}</Text></Text>
	);
}
