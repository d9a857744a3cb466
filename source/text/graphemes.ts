// The characters of a text as a person sees them (an emoji with its modifiers is one). The
// first Intl.Segmenter built in a process loads ICU's break rules, about 9 ms: built on first
// use, and once for all, it is not paid at start by `--once` and other runs that never need it.
let segmenter: Intl.Segmenter | undefined;

export function graphemeSegments(text: string): Intl.Segments {
	segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	return segmenter.segment(text);
}

/** Printable ASCII: one character per code unit, no segmenter needed. */
export const isPrintableAscii = (text: string): boolean => /^[\u0020-\u007E]*$/.test(text);
