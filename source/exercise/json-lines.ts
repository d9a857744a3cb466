// JSON read with the line of every value kept, so that a mistake in an exercise file is
// reported at its line ("line 14: replicas must be a whole number"), which JSON.parse cannot
// do: it gives at best a character offset, and nothing at all once the syntax is right.

export type JsonValue = null | boolean | number | string | JsonValue[] | {[key: string]: JsonValue};

/** A syntax error, at a line counted from 1. */
export class JsonSyntaxError extends Error {
	constructor(message: string, readonly line: number) {
		super(message);
	}
}

/** The value, and the line where each value starts, keyed by its path (`steps.0.checks.1`). */
export type LocatedJson = {value: JsonValue; lines: ReadonlyMap<string, number>};

const literals: ReadonlyMap<string, JsonValue> = new Map<string, JsonValue>([['true', true], ['false', false], ['null', null]]);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// A string token: escapes are checked by JSON.parse on the token alone; a raw control
// character (a line break in a string, say) is not JSON and ends the match.
// eslint-disable-next-line no-control-regex
const stringPattern = /"(?:[^"\\\u0000-\u001F]|\\.)*"/y;

export function parseJsonWithLines(text: string): LocatedJson {
	const lines = new Map<string, number>();
	let position = 0;
	let line = 1;

	const fail = (message: string): never => {
		throw new JsonSyntaxError(message, line);
	};

	const skipSpace = () => {
		while (position < text.length) {
			const character = text[position];
			if (character === '\n') {
				line++;
			} else if (character !== ' ' && character !== '\t' && character !== '\r') {
				return;
			}

			position++;
		}
	};

	const describeNext = () => position >= text.length ? 'the end of the file' : `"${text.slice(position, position + 10).split('\n')[0]}"`;

	const readString = (): string => {
		stringPattern.lastIndex = position;
		const match = stringPattern.exec(text);
		if (!match) {
			return fail('a string is not closed on its line (or holds a control character)');
		}

		position += match[0].length;
		try {
			return JSON.parse(match[0]) as string;
		} catch {
			return fail(`the string ${match[0]} has an escape JSON does not allow`);
		}
	};

	const readValue = (path: string): JsonValue => {
		skipSpace();
		lines.set(path, line);
		const character = text[position];
		if (character === '{') {
			position++;
			const object: Record<string, JsonValue> = {};
			skipSpace();
			if (text[position] === '}') {
				position++;
				return object;
			}

			for (;;) {
				skipSpace();
				if (text[position] !== '"') {
					return fail(`expected a key in double quotes, found ${describeNext()}`);
				}

				const key = readString();
				skipSpace();
				if (text[position] !== ':') {
					return fail(`expected ":" after the key "${key}", found ${describeNext()}`);
				}

				position++;
				if (Object.hasOwn(object, key)) {
					return fail(`the key "${key}" is given twice`);
				}

				Object.defineProperty(object, key, {value: readValue(path === '' ? key : `${path}.${key}`), enumerable: true, writable: true, configurable: true});
				skipSpace();
				if (text[position] === ',') {
					position++;
					continue;
				}

				if (text[position] === '}') {
					position++;
					return object;
				}

				return fail(`expected "," or "}" after the value of "${key}", found ${describeNext()}`);
			}
		}

		if (character === '[') {
			position++;
			const array: JsonValue[] = [];
			skipSpace();
			if (text[position] === ']') {
				position++;
				return array;
			}

			for (;;) {
				array.push(readValue(path === '' ? String(array.length) : `${path}.${array.length}`));
				skipSpace();
				if (text[position] === ',') {
					position++;
					continue;
				}

				if (text[position] === ']') {
					position++;
					return array;
				}

				return fail(`expected "," or "]" in a list, found ${describeNext()}`);
			}
		}

		if (character === '"') {
			return readString();
		}

		numberPattern.lastIndex = position;
		const number = numberPattern.exec(text);
		if (number) {
			position += number[0].length;
			return Number(number[0]);
		}

		for (const [word, value] of literals) {
			if (text.startsWith(word, position)) {
				position += word.length;
				return value;
			}
		}

		return fail(`expected a value, found ${describeNext()}`);
	};

	const value = readValue('');
	skipSpace();
	if (position < text.length) {
		fail(`unexpected ${describeNext()} after the end of the document`);
	}

	return {value, lines};
}
