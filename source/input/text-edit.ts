// What a one-line text field does with a key. A field holds printable text only: nothing
// typed or pasted may put a control character (or an escape sequence) into it, where it
// would reach the screen and the daemon.
import {graphemeSegments} from '../text/graphemes.js';
import type {InputKey} from './tokenizer.js';


// Escape sequences as terminals print them (colours, cursor moves, titles, links): copied
// terminal output can hold them, and their remains after the ESC are no text either.
// eslint-disable-next-line no-control-regex
const escapeSequences = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[ -/]*[0-~])/g;

/**
 * Text pasted into a one-line field: a trailing line break goes, other line breaks and tabs
 * become spaces (a paste never submits), and any other control character is dropped.
 */
export function pastedText(text: string): string {
	return text
		.replaceAll(escapeSequences, '')
		.replace(/[\r\n]+$/, '')
		.replaceAll(/\r\n|[\r\n\t]/g, ' ')
		.replaceAll(/\p{Cc}/gu, '');
}

/** The text without its last character as a person sees it: an emoji goes whole. */
export function withoutLastCharacter(text: string): string {
	let last = 0;
	for (const {index} of graphemeSegments(text)) {
		last = index;
	}

	return text.slice(0, last);
}

/**
 * The field's text after `key`: printable text and pastes are added at the end, Backspace
 * (and Delete, the cursor being always at the end) removes the last character, Ctrl+U
 * clears. Every other key belongs to the dialog around the field and changes nothing.
 */
export function editText(text: string, input: string, key: InputKey): string {
	if (key.paste) {
		return text + pastedText(input);
	}

	if (key.backspace || key.delete) {
		return withoutLastCharacter(text);
	}

	if (key.ctrl && input === 'u') {
		return '';
	}

	const named = key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end;
	if (named || key.ctrl || key.meta || /\p{Cc}/u.test(input)) {
		return text;
	}

	return text + input;
}
