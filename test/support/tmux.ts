// Drives the built swarmdeck in a real terminal, as a person would: tmux runs it,
// send-keys types, capture-pane reads the screen.
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
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

export async function tmux(...args: string[]): Promise<string> {
	const {stdout} = await run('tmux', args);
	return stdout;
}

export async function startSwarmdeck({dockerHost, args = [], columns = 120, rows = 36}: {dockerHost: string; args?: string[]; columns?: number; rows?: number}): Promise<Terminal> {
	const session = `swarmdeck-e2e-${randomUUID().slice(0, 8)}`;
	// `; sleep` keeps the pane after swarmdeck exits, so an error message can be read. CI=true
	// is always set: a person may run swarmdeck where CI is set, and Ink would then draw
	// nothing until exit unless swarmdeck takes care of it.
	const command = `CI=true DOCKER_HOST='${dockerHost}' node '${cli}' ${args.join(' ')}; echo "[exit $?]"; sleep 600`;
	const newSession = async () => tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
	try {
		await newSession();
	} catch (error) {
		// The tmux server exits with its last session: a session asked for in that moment (the
		// previous test's, or any other user's of this server) meets a server on its way out.
		if (!String(error).includes('server exited unexpectedly')) {
			throw error;
		}

		await newSession();
	}

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
