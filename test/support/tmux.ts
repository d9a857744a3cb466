// Drives the built swarmdeck in a real terminal, as a person would: tmux runs it,
// send-keys types, capture-pane reads the screen.
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterEach, expect} from 'vitest';
import {pasteEnd, pasteStart} from '../../source/input/tokenizer.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type Terminal = {
	/** Presses keys one at a time (tmux key names: Enter, Escape, Tab, BSpace, Down…). */
	press: (...keys: string[]) => Promise<void>;
	/** Types text literally, one character at a time. */
	type: (text: string) => Promise<void>;
	/**
	 * Sends all the keys in ONE send-keys, so they reach swarmdeck in one read, as over SSH
	 * or on a busy machine. Key names as for press; other words are typed as text.
	 */
	burst: (...keys: string[]) => Promise<void>;
	/** Pastes text as a terminal in bracketed-paste mode sends it. */
	paste: (text: string) => Promise<void>;
	/** Every byte swarmdeck has written to the terminal so far. */
	output: () => Promise<string>;
	screen: () => Promise<string>;
	waitFor: (predicate: (screen: string) => boolean, description: string, timeoutMs?: number) => Promise<string>;
	/** The pane's title, which an OSC 0 or 2 sequence on the screen would change. */
	title: () => Promise<string>;
	/** Whether the swarmdeck process has ended, and what it left on the pane. */
	stop: () => Promise<void>;
};

const pause = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

// A tmux server of the tests' own, apart from a person's (or another test run's) sessions.
// A tmux server exits with its last session, and a session asked for in that moment meets a
// server on its way out: one idle session keeps this one up for as long as the tests run.
const server = ['-L', `swarmdeck-tests-${process.pid}`];
let keeper: Promise<void> | undefined;

async function keepServerUp(): Promise<void> {
	keeper ??= (async () => {
		try {
			await run('tmux', [...server, 'new-session', '-d', '-s', 'keeper', `sleep 86400; # until the test process ${process.pid} ends`]);
		} catch (error) {
			// An earlier test file in this process started it (modules load anew per file).
			if (!String(error).includes('duplicate session')) {
				throw error;
			}
		}

		// Once per process, though every test file loads this module anew.
		const installed = Symbol.for('swarmdeck.tests.tmux-server-cleanup');
		if (!(installed in globalThis)) {
			Object.assign(globalThis, {[installed]: true});
			process.once('exit', () => {
				// The last thing the test process does: the server goes with it.
				execFile('tmux', [...server, 'kill-server']);
			});
		}
	})();
	await keeper;
}

/** Runs tmux against the tests' own server. */
export async function tmux(...args: string[]): Promise<string> {
	await keepServerUp();
	const {stdout} = await run('tmux', [...server, ...args]);
	return stdout;
}

/**
 * Where swarmdeck keeps its history during the tests, unless a test gives its own: a folder
 * of this test process, so no run writes into the home folder of whoever runs the tests.
 */
export const testStateHome = path.join(os.tmpdir(), `swarmdeck-tests-state-${process.pid}`);

export async function startSwarmdeck({dockerHost, args = [], columns = 120, rows = 36, stateHome = testStateHome, env = {}}: {dockerHost: string; args?: string[]; columns?: number; rows?: number; stateHome?: string; env?: Record<string, string>}): Promise<Terminal> {
	const session = `swarmdeck-e2e-${randomUUID().slice(0, 8)}`;
	// `; sleep` keeps the pane after swarmdeck exits, so an error message can be read. CI=true
	// is always set: a person may run swarmdeck where CI is set, and Ink would then draw
	// nothing until exit unless swarmdeck takes care of it.
	const variables = Object.entries(env).map(([name, value]) => `${name}='${value}' `).join('');
	const command = `${variables}CI=true DOCKER_HOST='${dockerHost}' XDG_STATE_HOME='${stateHome}' node '${cli}' ${args.join(' ')}; echo "[exit $?]"; sleep 600`;
	await tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);

	// What the program writes, before the terminal interprets it: a control character that
	// the screen would swallow shows here.
	const outputFile = path.join(os.tmpdir(), `${session}.out`);
	await tmux('pipe-pane', '-O', '-t', session, `cat > '${outputFile}'`);
	const screen = async () => tmux('capture-pane', '-p', '-t', session);
	const terminal: Terminal = {
		async press(...keys) {
			for (const key of keys) {
				await tmux('send-keys', '-t', session, key);
				await pause(150);
			}
		},
		async type(text) {
			for (const character of text) {
				await tmux('send-keys', '-t', session, '-l', character);
				await pause(80);
			}
		},
		async burst(...keys) {
			await tmux('send-keys', '-t', session, ...keys);
			await pause(150);
		},
		async paste(text) {
			await tmux('send-keys', '-t', session, '-l', `${pasteStart}${text}${pasteEnd}`);
			await pause(150);
		},
		async output() {
			return readFile(outputFile, 'utf8');
		},
		screen,
		async title() {
			return (await tmux('display-message', '-p', '-t', session, '#{pane_title}')).trimEnd();
		},
		async waitFor(predicate, description, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = await screen();
				if (predicate(last)) {
					return last;
				}

				await pause(100);
			}

			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}. The screen:\n${last}`);
		},
		async stop() {
			await tmux('kill-session', '-t', session).catch(() => undefined);
			await rm(outputFile, {force: true});
		},
	};
	return terminal;
}

/**
 * One swarmdeck per test, on the lab's manager unless told otherwise: the returned function
 * starts it and waits for the services screen; after each test it is stopped, and what it
 * wrote to the terminal is checked for stray control characters (which the screen swallows).
 */
export function swarmdeckPerTest(): (options: Parameters<typeof startSwarmdeck>[0] & {ready?: (screen: string) => boolean}) => Promise<Terminal> {
	let terminal: Terminal | undefined;
	afterEach(async () => {
		const stopping = terminal;
		terminal = undefined;
		if (stopping) {
			try {
				expect(strayControlCharacters(await stopping.output())).toEqual([]);
			} finally {
				await stopping.stop();
			}
		}
	});
	return async ({ready = servicesShown, ...options}) => {
		terminal = await startSwarmdeck(options);
		await terminal.waitFor(ready, 'the services screen');
		return terminal;
	};
}

/** The services screen of the lab's demo set is drawn. */
export const servicesShown = (screen: string) => screen.includes('dockercoins (stack)') && screen.includes('whoami');

/**
 * Waits for an action's outcome in the status line: its ✔ line, and `$ command` under it.
 * A form or a confirmation shows the same command before it is sent, so the ✔ is what tells.
 */
export async function waitForResult(terminal: Terminal, command: string, timeoutMs?: number): Promise<string> {
	return terminal.waitFor(screen => {
		const lines = screen.split('\n');
		const at = lines.findIndex(line => line.startsWith('✔ '));
		return at !== -1 && lines.slice(at + 1).some(line => line === `$ ${command}`);
	}, `✔ and $ ${command} in the status line`, timeoutMs);
}

/** Moves the cursor to a service with the filter, as a person would: `/name` Enter. */
export async function selectService(terminal: Terminal, name: string): Promise<void> {
	await terminal.press('/');
	await terminal.type(name);
	await terminal.press('Enter');
	await terminal.waitFor(screen => screen.includes(`/${name}`) && screen.split('\n').some(line => line.startsWith(`${name} `)), `${name} selected`);
}

/** The screen's words in reading order, across wrapped lines and dialog borders. */
export function words(screen: string): string {
	return screen.replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');
}

/**
 * Control characters in what swarmdeck wrote, outside the escape sequences that draw the
 * screen (cursor moves, colours, modes): a DEL or a lone ESC typed into a field and drawn back.
 */
export function strayControlCharacters(output: string): string[] {
	// eslint-disable-next-line no-control-regex
	const drawing = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][\dA-Za-z]|[=>78])/g;
	return [...output.replaceAll(drawing, '').matchAll(/[^\P{Cc}\n\r]/gu)].map(([character]) => JSON.stringify(character));
}
