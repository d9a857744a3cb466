import {describe, expect, it} from 'vitest';
import {isRgiEmoji} from '../../../source/text/rgi-emoji.js';

// The property itself, built as the constructor builds it (TypeScript's target has no v flag).
const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');

describe('isRgiEmoji', () => {
	it('agrees with the RGI_Emoji property on every lone code point', () => {
		const disagreements: string[] = [];
		for (let codePoint = 0; codePoint <= 0x10FFFF; codePoint++) {
			const text = String.fromCodePoint(codePoint);
			if (isRgiEmoji(text) !== rgiEmoji.test(text)) {
				disagreements.push(codePoint.toString(16));
			}
		}

		expect(disagreements).toEqual([]);
	});

	it('agrees on sequences, the empty text and characters that are no emoji alone', () => {
		for (const text of ['👍🏽', '🇫🇷', '🇫', '1️⃣', '1\u20E3', '❤️', '❤', '👨‍👩‍👧', '🏴‍☠️', '', 'ab', '─', '✔', '✔️', '\u{1F1E6}\u{1F1E6}']) {
			expect(isRgiEmoji(text), JSON.stringify(text)).toBe(rgiEmoji.test(text));
		}
	});
});
