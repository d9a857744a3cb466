import {Text} from 'ink';
import {editText} from '../input/text-edit.js';
import {useKeys} from '../keys/use-keys.js';
import {theme} from '../theme.js';

type Props = {
	value: string;
	onChange: (value: string) => void;
	isActive: boolean;
	placeholder?: string;
};

/**
 * A one-line text field. It only edits text (see editText); Enter, Esc and Tab belong to
 * the dialog around it, through the key registry. Keys arrive one per render, so `value`
 * is always the text the previous key left.
 */
export function TextInput({value, onChange, isActive, placeholder}: Props) {
	useKeys((input, key) => {
		const next = editText(value, input, key);
		if (next !== value) {
			onChange(next);
		}
	}, {isActive});

	return (
		<Text>
			{value === '' && placeholder ? <Text color={theme.muted}>{placeholder}</Text> : value}
			{isActive ? <Text inverse> </Text> : null}
		</Text>
	);
}
