import {Box} from 'ink';
import type {ReactNode} from 'react';
import {resolveCommand} from '../keys/registry.js';
import {CommandPreview, DialogFrame} from './DialogFrame.js';
import {useKeys} from '../keys/use-keys.js';

type Props = {
	title: string;
	command: string;
	width: number;
	onConfirm: () => void;
	onCancel: () => void;
	children?: ReactNode;
};

/** A yes/no question for a dangerous action. Only `y` says yes: Enter does not, by design. */
export function ConfirmDialog({title, command, width, onConfirm, onCancel, children}: Props) {
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['confirm'])?.id;
		if (id === 'confirm') {
			onConfirm();
		} else if (id === 'decline') {
			onCancel();
		}
	});

	return (
		<DialogFrame danger title={title} width={width} scopes={['confirm']}>
			<Box flexDirection="column" marginY={1}>
				{children}
			</Box>
			<CommandPreview command={command}/>
		</DialogFrame>
	);
}
