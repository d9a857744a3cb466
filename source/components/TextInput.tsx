import {Text, useInput} from 'ink';
import {theme} from '../theme.js';

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
	useInput((input, key) => {
		if (key.backspace || key.delete) {
			onChange(value.slice(0, -1));
			return;
		}

		if (key.ctrl && input === 'u') {
			onChange('');
			return;
		}

		if (key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.ctrl || key.meta) {
			return;
		}

		if (input) {
			onChange(value + input);
		}
	}, {isActive});

	return (
		<Text>
			{value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : value}
			{isActive ? <Text inverse> </Text> : null}
		</Text>
	);
}
