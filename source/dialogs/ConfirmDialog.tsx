import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Decision, PlanTone} from '../actions/action.js';
import {wrapRows} from '../format/wrap.js';
import {fitRegions} from '../layout/regions.js';
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
	const budget = fitRegions(height, {
		frame: {kind: 'keep', lines: 4},
		message: {kind: 'panel', lines: messageRows, min: Math.min(messageRows, 1)},
		spaceAbove: {kind: 'blank', lines: 1},
		plan: {kind: 'rows', lines: rows.length, min: Math.min(rows.length, 2)},
		spaceBelow: {kind: 'blank', lines: 1},
		command: {kind: 'panel', lines: commandRows, min: 1},
	});
	const fits = rows.length <= budget.plan;
	// When it does not fit, one row says what is above or below.
	const room = Math.max(1, fits ? rows.length : budget.plan - 1);
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
			{message && budget.message > 0 ? <Box height={budget.message} overflow="hidden"><Text color={theme.warning} wrap="wrap">{message}</Text></Box> : null}
			{budget.spaceAbove > 0 ? <Text> </Text> : null}
			<Box flexDirection="column">
				{shown.map((row, index) => <Text key={String(start + index)} color={toneColors[row.tone]}>{row.text}</Text>)}
				{fits
					? null
					: <Text color={theme.muted} wrap="truncate">{below > 0 ? `… and ${below} more ${below === 1 ? 'line' : 'lines'} (↓ to see them)` : `(${rows.length} lines, ↑ to go back)`}</Text>}
			</Box>
			{budget.spaceBelow > 0 ? <Text> </Text> : null}
			<Box height={budget.command} overflow="hidden"><CommandPreview command={decision.command}/></Box>
		</DialogFrame>
	);
}
