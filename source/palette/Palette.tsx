import {Box, Text} from 'ink';
import {useState} from 'react';
import {TextInput} from '../components/TextInput.js';
import {hintsFor, paletteUsage, resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {theme} from '../theme.js';
import {completePalette} from './complete.js';
import {paletteCommand, resolvePalette, type PaletteContext, type PaletteIntent} from './resolve.js';

type Props = {
	context: PaletteContext;
	/** Lines run before, oldest first: ↑ goes back through them. */
	history: readonly string[];
	width: number;
	/** The lines it takes at the bottom: those of the status area and the hint bar it replaces (four). */
	height: number;
	onRun: (intent: PaletteIntent, line: string) => void;
	onClose: () => void;
};

/**
 * The `:` palette, k9s-style: a view or an action by name, with Tab completion and history.
 * It takes the status area and the hint bar, so the screen above stays as it was.
 */
export function Palette({context, history, width, height, onRun, onClose}: Props) {
	const [text, setText] = useState('');
	const [message, setMessage] = useState<{error: boolean; text: string}>();
	const [candidates, setCandidates] = useState<string[]>([]);
	// Where ↑ and ↓ are in the history: history.length is the line being typed.
	const [position, setPosition] = useState(history.length);

	const edit = (next: string) => {
		setText(next);
		setMessage(undefined);
		setCandidates([]);
	};

	useKeys((input, key) => {
		switch (resolveCommand(input, key, ['palette'])?.id) {
			case 'paletteRun': {
				const resolved = resolvePalette(text, context);
				if ('error' in resolved) {
					setMessage({error: true, text: resolved.error});
				} else {
					onRun(resolved.intent, text.trim());
				}

				break;
			}

			case 'paletteClose': {
				onClose();
				break;
			}

			case 'paletteComplete': {
				const completion = completePalette(text, context);
				setText(completion.line);
				setCandidates(completion.candidates);
				setMessage(completion.candidates.length === 0 && completion.line === text ? {error: false, text: 'Nothing to complete here.'} : undefined);
				break;
			}

			case 'paletteOlder':
			case 'paletteNewer': {
				const step = key.upArrow ? -1 : 1;
				const next = Math.min(history.length, Math.max(0, position + step));
				setPosition(next);
				edit(history[next] ?? '');
				break;
			}

			default: {
				break;
			}
		}
	});

	const typed = paletteCommand(text.trim().replace(/^:/, '').split(/\s+/)[0] ?? '');
	const guide = message
		? <Text color={message.error ? theme.danger : theme.muted} wrap="truncate">{message.text}</Text>
		: (typed
			? <Text color={theme.muted} wrap="truncate">{paletteUsage(typed.palette)}  {typed.description}</Text>
			: <Text color={theme.muted} wrap="truncate">A view or an action by name, e.g. scale vote 7, stacks, events. Tab completes.</Text>);
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{height > 3 ? <Text color={theme.muted} wrap="truncate">{candidates.join('  ')}</Text> : null}
			{guide}
			<Box>
				<Text bold color={theme.accent}>:</Text>
				<TextInput isActive value={text} onChange={edit}/>
			</Box>
			<Text color={theme.muted} wrap="truncate">{hintsFor(['palette']).map(hint => `${hint.keys} ${hint.hint}`).join('   ')}</Text>
		</Box>
	);
}
