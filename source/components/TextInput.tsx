import {Text} from 'ink';
import {useEffect, useRef} from 'react';
import {theme} from '../theme.js';
import {useKeys} from '../keys/use-keys.js';

type Props = {
	value: string;
	onChange: (value: string) => void;
	isActive: boolean;
	placeholder?: string;
};

/**
 * A one-line text field. It only edits text (characters, Backspace); Enter, Esc and Tab
 * belong to the dialog around it, through the key registry.
 */
export function TextInput({value, onChange, isActive, placeholder}: Props) {
	// Keys can arrive faster than React re-renders: edit the latest text, not the last
	// rendered one, or a fast typist loses characters.
	const latest = useRef(value);
	useEffect(() => {
		latest.current = value;
	}, [value]);
	const change = (next: string) => {
		latest.current = next;
		onChange(next);
	};

	useKeys((input, key) => {
		if (key.backspace || key.delete) {
			change(latest.current.slice(0, -1));
			return;
		}

		if (key.ctrl && input === 'u') {
			change('');
			return;
		}

		if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.ctrl || key.meta) {
			return;
		}

		if (input) {
			change(latest.current + input);
		}
	}, {isActive});

	return (
		<Text>
			{value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : value}
			{isActive ? <Text inverse> </Text> : null}
		</Text>
	);
}
