import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import type {PlanLine, PlanTone} from '../actions/action.js';
import {hintsFor, type Scope} from '../keys/registry.js';
import {theme} from '../theme.js';

type Props = {
	title: string;
	width: number;
	scopes: readonly Scope[];
	danger?: boolean;
	/** Hints of keys that do nothing in this dialog, by command id. */
	withoutHints?: readonly string[];
	children: ReactNode;
};

const maxDialogWidth = 100;

/** The cells inside a dialog's border and padding, for text measured before it is drawn. */
export function dialogInnerWidth(width: number): number {
	return Math.min(width, maxDialogWidth) - 4;
}

/** The border, title and key hints every dialog shares. */
export function DialogFrame({title, width, scopes, danger, withoutHints, children}: Props) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={danger ? theme.danger : theme.accent} paddingX={1} width={Math.min(width, maxDialogWidth)}>
			<Text bold color={danger ? theme.danger : theme.accent} wrap="truncate">{title}</Text>
			{children}
			<Text color={theme.muted} wrap="truncate">
				{hintsFor(scopes, {without: withoutHints}).map(hint => `${hint.keys} ${hint.hint}`).join('   ')}
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

export const toneColors: Record<PlanTone, string | undefined> = {
	plain: undefined,
	warning: theme.warning,
	danger: theme.danger,
	muted: theme.muted,
};

/** What an action will do, line by line, coloured by how much it deserves a second look. */
export function PlanLines({lines}: {lines: readonly PlanLine[]}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={String(index)} wrap="wrap" color={toneColors[line.tone ?? 'plain']}>{line.text}</Text>
			))}
		</Box>
	);
}
