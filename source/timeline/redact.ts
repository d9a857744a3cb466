// The history file outlives the session and may be shared in a postmortem: values that can
// hold a secret never reach it. Environment values are the usual carriers; so is anything
// labelled with a name like a password or a token.

/** Flags whose value is `NAME=VALUE` with a value that may be secret. */
const secretValueFlags = new Set(['-e', '--env', '--env-add']);
/** Flags whose `NAME=VALUE` is secret only when the name says so. */
const namedValueFlags = new Set(['--label-add', '--container-label-add', '-l', '--label', '--build-arg']);
const secretName = /pass|secret|token|key|credential|auth/i;
export const redacted = '<redacted>';

/**
 * The command's words as typed, quotes kept: '…', $'…' (as swarmdeck quotes daemon text),
 * "…" and backslash escapes. Splitting is all that is needed; nothing is unquoted.
 */
export function shellWords(command: string): string[] {
	const words: string[] = [];
	let word = '';
	let index = 0;
	const take = (end: number) => {
		word += command.slice(index, end);
		index = end;
	};

	while (index < command.length) {
		const character = command[index]!;
		if (character === ' ' || character === '\t') {
			if (word !== '') {
				words.push(word);
				word = '';
			}

			index++;
		} else if (character === '\\') {
			take(index + 2);
		} else if (character === '\'' || character === '"' || (character === '$' && command[index + 1] === '\'')) {
			const quote = character === '$' ? '\'' : character;
			let end = index + (character === '$' ? 2 : 1);
			// In $'…' and "…" a backslash escapes the next character; in '…' nothing does.
			const escapes = character !== '\'';
			while (end < command.length && command[end] !== quote) {
				end += escapes && command[end] === '\\' ? 2 : 1;
			}

			take(Math.min(command.length, end + 1));
		} else {
			take(index + 1);
		}
	}

	if (word !== '') {
		words.push(word);
	}

	return words;
}

/** `NAME=value` (quoted or not) → `NAME=<redacted>`, its quotes dropped with the value. */
function redactAssignment(word: string): string {
	const equals = word.indexOf('=');
	if (equals === -1) {
		return word;
	}

	const name = word.slice(0, equals).replace(/^(\$'|'|")/, '');
	return `${name}=${redacted}`;
}

/** The command with every env value, and any label whose name looks secret, redacted. */
export function redactCommand(command: string): string {
	const words = shellWords(command);
	return words.map((word, index) => {
		const previous = words[index - 1];
		if (previous !== undefined && secretValueFlags.has(previous)) {
			return redactAssignment(word);
		}

		const inline = /^(--env(?:-add)?)=(.*)$/s.exec(word);
		if (inline) {
			return `${inline[1]!}=${redactAssignment(inline[2]!)}`;
		}

		const equals = word.indexOf('=');
		return previous !== undefined && namedValueFlags.has(previous) && equals > 0 && secretName.test(word.slice(0, equals)) ? redactAssignment(word) : word;
	}).join(' ');
}
