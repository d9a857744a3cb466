// Text from the daemon (names, labels, env, args, errors, event attributes) is set by anyone
// with API access. A terminal obeys control characters wherever they appear: OSC 0/2 retitle
// the window, OSC 52 writes the clipboard, CSI moves the cursor and erases, a bare CR
// overwrites a line, and bidi overrides reorder what a person reads. Each such character is
// turned into a visible form of its own, so the text shows what the daemon holds and
// cannot act on the terminal. Everything else (wide and combining characters too) stays.

/** Characters that drive a terminal or reorder text: C0, DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unsafeCharacter = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const unsafeCharacters = new RegExp(unsafeCharacter.source, 'gu');

/** Unicode's control pictures start here: U+2400 + n shows C0 control n, U+2421 shows DEL. */
const controlPictures = 0x24_00;
const deletePicture = '\u2421';

/** A code point in lowercase hex, at least `digits` long: `1b`, `009b`. */
export function hex(codePoint: number, digits: number): string {
	return codePoint.toString(16).padStart(digits, '0');
}

/** The visible form of one unsafe character: `␛` for ESC, `\x9b` for a C1 control, `\u202e` for a bidi control. */
function visibleForm(codePoint: number): string {
	if (codePoint < 0x20) {
		return String.fromCodePoint(controlPictures + codePoint);
	}

	if (codePoint === 0x7F) {
		return deletePicture;
	}

	return codePoint <= 0x9F ? `\\x${hex(codePoint, 2)}` : `\\u${hex(codePoint, 4)}`;
}

/** True when the text holds a character that would drive the terminal or reorder the text. */
export function hasUnsafeText(text: string): boolean {
	return unsafeCharacter.test(text);
}

/** The text with each unsafe character replaced by `replace(itsCodePoint)`. */
export function replaceUnsafe(text: string, replace: (codePoint: number) => string): string {
	return hasUnsafeText(text) ? text.replaceAll(unsafeCharacters, character => replace(character.codePointAt(0)!)) : text;
}

/** The text with every control and bidi character in a visible, inert form. */
export function inert(text: string): string {
	return replaceUnsafe(text, visibleForm);
}

/**
 * A JSON value with every string made inert, object keys included, at any depth. Numbers,
 * booleans and null stay as they are; the input is not changed. What holds nothing unsafe is
 * returned as it is, not copied: daemon answers are large (500 services are a megabyte of
 * JSON) and almost always safe.
 */
export function inertDeep<T>(value: T): T {
	if (typeof value === 'string') {
		return inert(value) as T;
	}

	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (const [index, item] of value.entries()) {
			const safe = inertDeep(item as unknown);
			if (safe !== item) {
				copy ??= [...value];
				copy[index] = safe;
			}
		}

		return (copy ?? value) as T;
	}

	if (isPlainObject(value)) {
		const keys = Object.keys(value);
		let entries: Array<[string, unknown]> | undefined;
		for (const [index, key] of keys.entries()) {
			const item = value[key];
			const safeKey = inert(key);
			const safeItem = inertDeep(item);
			if (!entries && (safeKey !== key || safeItem !== item)) {
				entries = keys.slice(0, index).map(earlier => [earlier, value[earlier]]);
			}

			entries?.push([safeKey, safeItem]);
		}

		// fromEntries defines each key, so a key such as __proto__ stays data.
		return (entries ? Object.fromEntries(entries) : value) as T;
	}

	return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') {
		return false;
	}

	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}
