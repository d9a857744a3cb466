import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Decision, PlanTone} from '../actions/action.js';
import {wrapRows} from '../format/wrap.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {theme} from '../theme.js';
import {CommandPreview, DialogFrame, dialogInnerWidth, toneColors} from './DialogFrame.js';

type Props = {
	decision: Decision<unknown>;
	/** Why the question is asked again, if it is. */
	message?: string;
	width: number;
	/** Lines the dialog may take; a longer plan scrolls. */
	height: number;
	onConfirm: () => void;
	onCancel: () => void;
};

type Row = {text: string; tone: PlanTone};

/**
 * A yes/no question before a change, with everything it will do. Only `y` says yes: Enter
 * does not, by design. A plan longer than the screen scrolls with ↑/↓, and says so.
 */
export function ConfirmDialog({decision, message, width, height, onConfirm, onCancel}: Props) {
	const [offset, setOffset] = useState(0);
	const inner = dialogInnerWidth(width);
	// The plan is wrapped here, as Ink would wrap it, so that its height is known exactly.
	const rows: Row[] = decision.lines.flatMap(line => wrapRows(line.text, inner).map(text => ({text, tone: line.tone ?? 'plain'})));
	const messageRows = message ? wrapRows(message, inner).length : 0;
	const commandRows = wrapRows(`$ ${decision.command}`, inner).length;
	// Borders, title, the blank lines around the plan, and the hints.
	const fixed = 2 + 1 + 2 + 1 + messageRows + commandRows;
	const fits = rows.length <= height - fixed;
	// When it does not fit, one row says what is above or below.
	const room = Math.max(1, fits ? rows.length : height - fixed - 1);
	const maxOffset = Math.max(0, rows.length - room);
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['confirm', 'list'])?.id;
		if (id === 'confirm') {
			onConfirm();
		} else if (id === 'decline') {
			onCancel();
		} else if (id === 'down' || id === 'pageDown') {
			setOffset(previous => Math.min(maxOffset, previous + (id === 'down' ? 1 : room)));
		} else if (id === 'up' || id === 'pageUp') {
			setOffset(previous => Math.max(0, previous - (id === 'up' ? 1 : room)));
		}
	});

	const start = Math.min(offset, maxOffset);
	const shown = rows.slice(start, start + room);
	const below = rows.length - start - shown.length;
	return (
		<DialogFrame danger title={decision.title} width={width} scopes={['confirm']}>
			{message ? <Text color={theme.warning} wrap="wrap">{message}</Text> : null}
			<Box flexDirection="column" marginY={1}>
				{shown.map((row, index) => <Text key={String(start + index)} color={toneColors[row.tone]}>{row.text}</Text>)}
				{fits
					? null
					: <Text color={theme.muted}>{below > 0 ? `… and ${below} more ${below === 1 ? 'line' : 'lines'} (↓ to see them)` : `(${rows.length} lines, ↑ to go back)`}</Text>}
			</Box>
			<CommandPreview command={decision.command}/>
		</DialogFrame>
	);
}
