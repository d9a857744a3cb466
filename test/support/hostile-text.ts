// Text that anyone with API access can put in a service, task, node or event, each kind of
// payload with the form a person must see instead, and a check that a screen carries no
// character that would drive the terminal.

export type Payload = {
	kind: string;
	/** The bytes as the daemon holds them. */
	raw: string;
	/** What the screen shows in their place. */
	shown: string;
};

export const payloads: readonly Payload[] = [
	{kind: 'OSC 0 title', raw: '\u001B]0;T0\u0007', shown: '␛]0;T0␇'},
	{kind: 'OSC 2 title', raw: '\u001B]2;T2\u001B\\', shown: '␛]2;T2␛\\'},
	{kind: 'OSC 52 clipboard', raw: '\u001B]52;c;aGk=\u0007', shown: '␛]52;c;aGk=␇'},
	{kind: 'OSC 8 link', raw: '\u001B]8;;http://x/\u001B\\L\u001B]8;;\u001B\\', shown: '␛]8;;http://x/␛\\L␛]8;;␛\\'},
	{kind: 'CSI cursor move and erase', raw: '\u001B[2J\u001B[1A\u001B[K', shown: '␛[2J␛[1A␛[K'},
	{kind: 'bare CR', raw: 'a\rb', shown: 'a␍b'},
	{kind: 'LF', raw: 'c\nd', shown: 'c␊d'},
	{kind: 'C1 CSI', raw: '\u009B2J', shown: String.raw`\x9b2J`},
	{kind: 'bidi override', raw: 'e\u202Ef', shown: String.raw`e\u202ef`},
];

// eslint-disable-next-line no-control-regex -- these are what must not reach the terminal
const unsafeCharacters = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/** Every character in the text that would act on a terminal or reorder text, as `U+001B`. */
export function unsafeCharactersIn(text: string): string[] {
	return [...text.matchAll(unsafeCharacters)].map(([character]) => `U+${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** The same for a frame or printed lines, whose own line feeds separate the lines. */
export function terminalControlsIn(frame: string): string[] {
	return unsafeCharactersIn(frame).filter(found => found !== 'U+000a');
}

/** Every string in a value, object keys included, at any depth. */
export function stringsIn(value: unknown): string[] {
	if (typeof value === 'string') {
		return [value];
	}

	if (Array.isArray(value)) {
		return value.flatMap(item => stringsIn(item));
	}

	if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
		return Object.entries(value).flatMap(([key, item]) => [key, ...stringsIn(item)]);
	}

	return [];
}

/** All payloads' bytes in one string, and what a screen shows for them. */
export const allRaw = payloads.map(payload => payload.raw).join('');
export const allShown = payloads.map(payload => payload.shown).join('');
