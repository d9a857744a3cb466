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

/** `swarmdeck --help`: every command, flag, environment variable and file swarmdeck reads (a test checks it). */
export const helpText = `
	Usage
	  $ swarmdeck [options]            the live screen
	  $ swarmdeck history [options]    what earlier sessions did, and what the swarm did in answer
	  $ swarmdeck check [SERVICE...]   the swarm's pulse, then what each service's update policy and tasks risk

	Options
	  --host, -H     Docker daemon to connect to (overrides DOCKER_HOST),
	                 e.g. unix:///var/run/docker.sock, tcp://10.0.0.1:2376, ssh://user@manager
	  --context, -c  Docker context to use (overrides DOCKER_HOST, DOCKER_CONTEXT and
	                 \`docker context use\`; not with --host, as for docker)
	  --read-only    Watch only: every action that changes the swarm is refused
	  --once         Print the services like \`docker service ls\` and exit (also without a terminal)
	  --no-history   Record nothing: no timeline file for \`swarmdeck history\`
	  --exercise FILE
	                 Guide an exercise: its steps in a panel, each ticking itself when the
	                 swarm gets there (by swarmdeck's keys or by docker typed elsewhere)
	  --present      For a projector: higher contrast, no IDs or ports, the last five
	                 commands in a box, the exercise step in large plain text
	  --help         Show this help
	  --version      Show the version

	History options
	  --all          Every session kept, not only the last
	  --since 2h     Entries of the last 2 hours (or 30m, 1h30m), from every session
	  --markdown     As a Markdown table, for a handout or a postmortem
	  --json         As JSON

	Check options (and --host, --context)
	  --json         The findings as JSON: service, id, severity, message, fix

	Environment
	  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH  where and how to connect, as for docker
	  DOCKER_CONTEXT, DOCKER_CONFIG                     the context, and the docker CLI's config folder
	                                                    (default ~/.docker)
	  DOCKER_CLIENT_TIMEOUT, DOCKER_PATH_PREFIX         a request's timeout in ms, and a path before
	                                                    the API's, for a daemon behind a proxy
	  HOME                                              where ~/.docker is
	  PATH, SSH_AUTH_SOCK                               ssh:// runs the \`ssh\` found on PATH, which
	                                                    uses the agent as it always does
	  NO_COLOR                                          no colours
	  XDG_STATE_HOME                                    where history is kept (default ~/.local/state)
	  TMPDIR                                            crash details when the state folder cannot
	                                                    be written; the ssh control socket
	  CI, CONTINUOUS_INTEGRATION                        ignored when a terminal is on both ends

	Files
	  $DOCKER_CONFIG/config.json                        the current context (\`docker context use\`)
	  $DOCKER_CONFIG/contexts/meta/*/meta.json          each context's endpoint
	  $DOCKER_CONFIG/contexts/tls/*/docker/             a context's ca.pem, cert.pem, key.pem
	  $DOCKER_CERT_PATH/{ca,cert,key}.pem               TLS for tcp:// hosts
	  ~/.ssh/config, ~/.ssh/known_hosts, keys           read by ssh for ssh:// hosts, logged in once
	                                                    per run, never prompting (BatchMode)
	  $XDG_STATE_HOME/swarmdeck/history/                the timeline of each session (written,
	                                                    read by \`swarmdeck history\`)
	  $XDG_STATE_HOME/swarmdeck/crash-*.log             what a crash left (written)
	  FILE of --exercise and :exercise                  a guided exercise (JSON, lab/exercises/)

	Check
	  Prints the swarm's pulse (services converged, updates, tasks failed in the last
	  10 minutes, nodes down), then reads every service (or the ones named) and prints
	  what its update policy and tasks risk, with the \`docker service update\` command
	  that fixes it.
	  Exit code 0: no warning; 1: warnings; 2: the swarm or a named service cannot be read.

	Keys
	  Enter tasks · s scale · +/- scale by one · u update policy · r rollback · i image
	  f force redeploy · a task history · / filter · ! next that needs a look
	  c create · D remove · W contexts · : palette · ? all keys · q quit

	Examples
	  $ swarmdeck
	  $ DOCKER_HOST=ssh://admin@manager1 swarmdeck --read-only
	  $ swarmdeck --exercise lab/exercises/1-scale.json --present
	  $ swarmdeck history --since 2h --markdown
	  $ swarmdeck check --json vote whoami
`;
