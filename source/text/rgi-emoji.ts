// Whether a character is an emoji as string-width asks it of every non-ASCII character on the
// screen (the RGI_Emoji property of strings). V8 takes about 13 ms to compile that property,
// and the first frame paid it. A lone code point is RGI_Emoji exactly when it has
// Emoji_Presentation and is not a regional indicator (a flag takes two of them), a property
// that compiles at once; the full one is compiled only when a sequence (👍🏽, 🇫🇷) is met.
// test/unit/text/rgi-emoji.test.ts checks every code point against the full property.
const emojiPresentation = /^\p{Emoji_Presentation}$/u;
let sequences: RegExp | undefined;

const isRegionalIndicator = (codePoint: number) => codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;

export function isRgiEmoji(text: string): boolean {
	const first = text.codePointAt(0);
	if (first !== undefined && text.length === (first > 0xFFFF ? 2 : 1)) {
		return !isRegionalIndicator(first) && emojiPresentation.test(text);
	}

	sequences ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
	return sequences.test(text);
}
