// How swarmdeck ends, whatever ends it. Each way out gives the terminal back first (see
// terminal.ts), then exits with a code a shell or a supervisor can act on:
//   0    q or Ctrl+C;
//   1    a failure said in one sentence (no daemon, bad settings), or a crash;
//   2    a command line swarmdeck does not understand;
//   128+n  signal n: 130 SIGINT, 143 SIGTERM, 129 SIGHUP, as a shell reports a killed program.
// `swarmdeck check` has its own (check.ts): 0 no warning, 1 warnings, 2 the swarm unreadable.
// A crash prints one line saying what happened and where the details were written, rather
// than a stack trace over a broken screen.
import {mkdirSync, writeFileSync} from 'node:fs';
import {constants, homedir, tmpdir} from 'node:os';
import {join} from 'node:path';
import type {FullScreen} from './terminal.js';

export const exitCodes = {ok: 0, failure: 1, usage: 2} as const;

export const handledSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type HandledSignal = (typeof handledSignals)[number];

export function signalExitCode(signal: HandledSignal): number {
	return 128 + constants.signals[signal];
}

/** swarmdeck's folder in the XDG state folder ($XDG_STATE_HOME, by default ~/.local/state). */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
	return join(env['XDG_STATE_HOME'] || join(homedir(), '.local', 'state'), 'swarmdeck');
}

/** Where crash details go: the state folder, the temp folder as the last resort. */
export function crashReportDirectories(env: NodeJS.ProcessEnv = process.env): string[] {
	return [stateDirectory(env), tmpdir()];
}

function describeCrash(error: unknown): string {
	if (error instanceof Error) {
		const cause = error.cause === undefined ? '' : `\nCaused by: ${describeCrash(error.cause)}`;
		return `${error.stack ?? `${error.name}: ${error.message}`}${cause}`;
	}

	return `Thrown value (not an Error): ${String(error)}`;
}

/**
 * Writes what a bug report needs and returns the file's path: the first folder that can be
 * written wins, the temp dir being the last resort. Undefined if none could be written.
 */
export function writeCrashReport(error: unknown, {version, now = new Date(), env = process.env}: {version: string; now?: Date; env?: NodeJS.ProcessEnv}): string | undefined {
	const name = `crash-${now.toISOString().replaceAll(':', '-')}-${process.pid}.log`;
	const report = [
		`swarmdeck ${version} crashed at ${now.toISOString()}`,
		`node ${process.version} on ${process.platform} ${process.arch}`,
		`command: ${process.argv.slice(2).join(' ') || '(no arguments)'}`,
		'',
		describeCrash(error),
		'',
	].join('\n');
	for (const directory of crashReportDirectories(env)) {
		try {
			mkdirSync(directory, {recursive: true});
			const path = join(directory, name);
			writeFileSync(path, report, {mode: 0o600});
			return path;
		} catch {
			// Try the next folder.
		}
	}

	return undefined;
}

/** The one line a person sees after a crash. Control characters are shown, not obeyed. */
export function crashSentence(error: unknown, reportPath: string | undefined): string {
	const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	const firstLine = (what.split('\n')[0] ?? '').replaceAll(/\p{Cc}/gu, character => `\\x${character.codePointAt(0)!.toString(16).padStart(2, '0')}`);
	const short = firstLine.length > 160 ? `${firstLine.slice(0, 159)}…` : firstLine;
	const where = reportPath ? `the details are in ${reportPath}` : 'no crash report could be written';
	return `swarmdeck stopped because of an internal error (${short}); ${where}.`;
}

export type ExitHandlerOptions = {
	terminal: FullScreen;
	/** For the crash report: known once meow has read package.json. */
	version: () => string;
	exit?: (code: number) => void;
	writeError?: (text: string) => void;
};

/**
 * Installs the handlers for signals, crashes and exit, once, before anything can fail.
 * Returns the crash handler, for failures that reach the caller as a rejected promise.
 */
export function installExitHandlers({terminal, version, exit = code => process.exit(code), writeError = text => process.stderr.write(text)}: ExitHandlerOptions): (error: unknown) => void {
	let crashed = false;
	const crash = (error: unknown) => {
		// A failure while handling a crash must not hide the first one or loop.
		if (crashed) {
			return;
		}

		crashed = true;
		terminal.leave();
		try {
			writeError(`${crashSentence(error, writeCrashReport(error, {version: version()}))}\n`);
		} finally {
			exit(exitCodes.failure);
		}
	};

	for (const signal of handledSignals) {
		process.on(signal, () => {
			terminal.leave();
			exit(signalExitCode(signal));
		});
	}

	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	process.on('exit', () => {
		terminal.leave();
	});
	return crash;
}
