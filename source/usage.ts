// What meow parsed but swarmdeck does not take. meow (yargs underneath) accepts any flag and
// any word; swarmdeck has one subcommand (`check`) and a handful of flags, and a typo such
// as `--readonly` must not quietly start a session that can change the swarm.

/** The flags meow reports, camel-cased, with their one-letter short forms. */
const knownFlags = new Set(['host', 'H', 'readOnly', 'once', 'json', 'help', 'version']);

/** The subcommand given, if any: every other word is a service name for it. */
export function subcommandOf(input: readonly string[]): 'check' | undefined {
	return input[0] === 'check' ? 'check' : undefined;
}

/** `readOnly` back to `--read-only`, `x` to `-x`: the spelling a person typed. */
function asTyped(flag: string): string {
	return flag.length === 1 ? `-${flag}` : `--${flag.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
}

function quoted(items: string[]): string {
	const words = items.map(item => `'${item}'`);
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/**
 * One sentence for a command line swarmdeck cannot run, or undefined if it can.
 * `flags` are meow's unnormalizedFlags: every flag given, known or not.
 */
export function usageProblem(input: readonly string[], flags: Readonly<Record<string, unknown>>): string | undefined {
	const isCheck = subcommandOf(input) === 'check';
	const words = isCheck ? [] : input.map(String);
	const unknown = [...words, ...Object.keys(flags).filter(flag => !knownFlags.has(flag)).map(flag => asTyped(flag))];
	if (!isCheck && unknown.length === 0 && flags['json'] === true) {
		return '--json goes with `swarmdeck check`: `swarmdeck check --json` prints the findings as JSON.';
	}

	if (unknown.length > 0) {
		const noun = unknown.length === 1 ? 'argument' : 'arguments';
		return `unknown ${noun} ${quoted(unknown)}: swarmdeck takes one command, \`check\`, and the options that \`swarmdeck --help\` lists.`;
	}

	const host = flags['host'];
	if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
		return '--host needs an address, for example --host unix:///var/run/docker.sock or --host ssh://user@manager; see `swarmdeck --help`.';
	}

	return undefined;
}
