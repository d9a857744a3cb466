import wrapAnsi from 'wrap-ansi';

/**
 * The rows a text takes when Ink wraps it in `width` cells: the same function and options
 * as Ink's own `wrap` (wrap-text.js), so a height counted here is the height drawn.
 */
export function wrapRows(text: string, width: number): string[] {
	return wrapAnsi(text, Math.max(1, width), {trim: false, hard: true}).split('\n');
}
