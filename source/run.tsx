// What cli.tsx starts once meow has read the command line: check it, connect, then either
// print the services once or run the live screen until q, Ctrl+C, a signal or a crash.
import process from 'node:process';
import {exitCodes, installExitHandlers} from './exit.js';
import type {SwarmClient} from './swarm/client.js';
import {ConnectionSettingsError} from './swarm/errors.js';
import type {SwarmService} from './swarm/types.js';
import {terminal} from './terminal.js';
import {commandOf, usageProblem} from './usage.js';
import type {HistoryFlags} from './history-command.js';
import type {LoadedExercise} from './exercise/exercise.js';

/** The part of meow's result that swarmdeck uses. */
export type CommandLine = {
	input: string[];
	flags: {host?: string; context?: string; readOnly: boolean; once: boolean; history: boolean; exercise?: string; present: boolean} & HistoryFlags;
	unnormalizedFlags: Record<string, unknown>;
	pkg: {version?: string};
	showHelp: (exitCode?: number) => never;
	showVersion: () => void;
};

function fail(message: string, code: number): void {
	process.stderr.write(`swarmdeck: ${message}\n`);
	process.exitCode = code;
}

/**
 * Sets process.exitCode, or exits itself where something may be left running (the live
 * screen, a connection that is still closing) that would otherwise keep the process alive.
 */
export async function run(parseCommandLine: () => CommandLine): Promise<void> {
	let cli: CommandLine | undefined;
	const crash = installExitHandlers({terminal, version: () => cli?.pkg.version ?? 'unknown version'});
	try {
		cli = parseCommandLine();
	} catch (error) {
		// meow throws for a flag given twice, and the like.
		fail(`${error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}; see \`swarmdeck --help\`.`, exitCodes.usage);
		return;
	}

	if (cli.unnormalizedFlags['help'] === true) {
		cli.showHelp(exitCodes.ok);
	}

	if (cli.unnormalizedFlags['version'] === true) {
		cli.showVersion();
		return;
	}

	const problem = usageProblem(cli.input, cli.unnormalizedFlags);
	if (problem) {
		fail(problem, exitCodes.usage);
		return;
	}

	if (commandOf(cli.input) === 'history') {
		// Loaded only for this command: the live screen has no use for it.
		const {historyCommand} = await import('./history-command.js');
		const {output, error} = historyCommand(cli.flags);
		if (error) {
			fail(error, exitCodes.usage);
		} else {
			process.stdout.write(output);
		}

		return;
	}

	// A bad exercise file is said before anything connects: nothing starts.
	let exercise: LoadedExercise | undefined;
	if (cli.flags.exercise !== undefined) {
		// Loaded only for an exercise: the start of every other session pays nothing for it.
		const [{loadExerciseFile}, {ExerciseFileError}] = await Promise.all([import('./exercise/load.js'), import('./exercise/exercise.js')]);
		try {
			exercise = {exercise: loadExerciseFile(cli.flags.exercise), file: cli.flags.exercise, loadedAt: new Date()};
		} catch (error) {
			if (error instanceof ExerciseFileError) {
				fail(error.message, exitCodes.usage);
				return;
			}

			throw error;
		}
	}

	// Loaded once the command line is known to connect: --help, --version and a mistyped
	// command pay nothing for the Docker client and its HTTP stack.
	const [{createSwarmClient}, {resolveEndpoint}, {printServices}] = await Promise.all([import('./swarm/client.js'), import('./swarm/context.js'), import('./print.js')]);
	let client: SwarmClient;
	try {
		const endpoint = resolveEndpoint({host: cli.flags.host, context: cli.flags.context});
		client = createSwarmClient({...endpoint, readOnly: cli.flags.readOnly});
	} catch (error) {
		if (error instanceof ConnectionSettingsError) {
			// For check, settings that cannot work are one more way of not reaching the swarm.
			fail(error.message, commandOf(cli.input) === 'check' ? 2 : exitCodes.failure);
			return;
		}

		throw error;
	}

	if (commandOf(cli.input) === 'check') {
		// Loaded only here, and without Ink or React: a cron job pays for none of the screen.
		const [{runCheck, checkExitCodes}, preflight] = await Promise.all([import('./check.js'), client.preflight()]);
		if (!preflight.ok) {
			fail(preflight.message, checkExitCodes.unreadable);
			process.exit(checkExitCodes.unreadable);
		}

		process.exitCode = await runCheck(client, {names: cli.input.slice(1), json: cli.flags.json ?? false});
		// An ssh connection would otherwise hold the process open.
		process.exit();
	}

	const interactive = !cli.flags.once && process.stdout.isTTY && process.stdin.isTTY;
	// The screen takes longer to load than the daemon takes to answer: it loads meanwhile.
	const loadingScreen = interactive ? loadScreen() : undefined;
	loadingScreen?.catch(crash);
	// The services are asked for with the preflight, not after it, so that they are there for
	// the first frame. Should the preflight fail, its sentence is what is said, not this.
	const firstServices = client.listServices();
	let servicesRead: SwarmService[] | undefined;
	firstServices.then(services => {
		servicesRead = services;
	}, () => undefined);
	const preflight = await client.preflight();
	if (!preflight.ok) {
		fail(preflight.message, exitCodes.failure);
		// A connection that is still closing (ssh, a timed-out request) must not hold the exit up.
		process.exit(exitCodes.failure);
	}

	if (!loadingScreen) {
		process.exitCode = await printServices(firstServices);
		return;
	}

	const {renderScreen} = await loadingScreen;
	terminal.enter();
	// The services usually answer before the screen has loaded: then the first frame is whole.
	const instance = renderScreen(client, preflight.nodeName, servicesRead ?? firstServices, {history: cli.flags.history, exercise, present: cli.flags.present});
	terminal.beforeLeave(() => {
		instance.unmount();
	});
	try {
		await instance.waitUntilExit();
	} catch (error) {
		// A render error: Ink drew its report on the alternate screen, which is about to go.
		crash(error);
		return;
	}

	terminal.leave();
	process.exit(exitCodes.ok);
}

async function loadScreen() {
	// Ink draws nothing but the last frame when CI or CONTINUOUS_INTEGRATION is set, and reads
	// them as it loads. A terminal on both ends means a person is watching, so the live screen
	// wins: clear them first, then load Ink.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	return import('./screen.js');
}
