// What meow parsed but swarmdeck does not take. meow (yargs underneath) accepts any flag and
// any word; swarmdeck has a few subcommands and a handful of flags each, and a typo such as
// `--readonly` must not quietly start a session that can change the swarm.

/** Each command's flags as meow reports them (camel-cased), short forms included. '' is the live screen. */
export const commandFlags: Readonly<Record<string, ReadonlySet<string>>> = {
	'': new Set(['host', 'H', 'context', 'c', 'readOnly', 'once', 'history', 'exercise', 'present']),
	history: new Set(['all', 'since', 'markdown', 'json']),
	check: new Set(['host', 'H', 'context', 'c', 'json']),
};

/** Commands whose words after the name are theirs (service names), not mistakes. */
const takesWords = new Set(['check']);

/** Flags every command takes. */
const anywhere = new Set(['help', 'version']);

/**
 * meow reports every boolean flag, given or not, with its default: one still at its default
 * was not typed (`--no-history` is the only way to set history to false).
 */
const booleanDefaults: Readonly<Record<string, boolean>> = {readOnly: false, once: false, history: true, present: false, all: false, markdown: false, json: false};

export const subcommands = Object.keys(commandFlags).filter(name => name !== '');

/** `readOnly` back to `--read-only`, `x` to `-x`: the spelling a person typed. */
function asTyped(flag: string): string {
	return flag.length === 1 ? `-${flag}` : `--${flag.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
}

function quoted(items: string[]): string {
	const words = items.map(item => `'${item}'`);
	return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

/** The command the words name: a subcommand, or '' for the live screen. */
export function commandOf(input: readonly string[]): string {
	const first = input[0];
	return first !== undefined && subcommands.includes(first) ? first : '';
}

/**
 * One sentence for a command line swarmdeck cannot run, or undefined if it can.
 * `flags` are meow's unnormalizedFlags: every flag given, known or not.
 */
export function usageProblem(input: readonly string[], flags: Readonly<Record<string, unknown>>): string | undefined {
	const command = commandOf(input);
	const given = Object.keys(flags).filter(flag => !(flag in booleanDefaults && flags[flag] === booleanDefaults[flag]));
	const words = takesWords.has(command) ? [] : input.slice(command === '' ? 0 : 1).map(String);
	const known = (flag: string) => anywhere.has(flag) || Object.values(commandFlags).some(set => set.has(flag));
	const unknown = [...words, ...given.filter(flag => !known(flag)).map(flag => asTyped(flag))];
	if (unknown.length > 0) {
		const noun = unknown.length === 1 ? 'argument' : 'arguments';
		const commands = subcommands.map(name => `\`swarmdeck ${name}\``).join(', ');
		return `unknown ${noun} ${quoted(unknown)}: swarmdeck takes the commands ${commands} and the options that \`swarmdeck --help\` lists.`;
	}

	const elsewhere = given.filter(flag => !anywhere.has(flag) && !commandFlags[command]!.has(flag));
	if (elsewhere.length > 0) {
		const flag = elsewhere[0]!;
		const owner = Object.entries(commandFlags).find(([, set]) => set.has(flag))![0];
		return `${asTyped(flag)} is an option of ${owner === '' ? 'the live screen (`swarmdeck`)' : `\`swarmdeck ${owner}\``}, not of ${command === '' ? 'the live screen' : `\`swarmdeck ${command}\``}; see \`swarmdeck --help\`.`;
	}

	const host = flags['host'];
	if (host !== undefined && (typeof host !== 'string' || host.trim() === '')) {
		return '--host needs an address, for example --host unix:///var/run/docker.sock or --host ssh://user@manager; see `swarmdeck --help`.';
	}

	const context = flags['context'];
	if (context !== undefined && (typeof context !== 'string' || context.trim() === '')) {
		return '--context needs the name of a docker context, as `docker context ls` lists them; see `swarmdeck --help`.';
	}

	const exercise = flags['exercise'];
	if (exercise !== undefined && (typeof exercise !== 'string' || exercise.trim() === '')) {
		return '--exercise needs an exercise file, for example --exercise lab/exercises/1-scale.json; see `swarmdeck --help`.';
	}

	return undefined;
}
