// Drives the built swarmdeck in a real terminal, as a person would: tmux runs it,
// send-keys types, capture-pane reads the screen.
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type Terminal = {
	/** Presses keys one at a time (tmux key names: Enter, Escape, Tab, BSpace, Down…). */
	press: (...keys: string[]) => Promise<void>;
	/** Types text literally, one character at a time. */
	type: (text: string) => Promise<void>;
	screen: () => Promise<string>;
	waitFor: (predicate: (screen: string) => boolean, description: string, timeoutMs?: number) => Promise<string>;
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
	await tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
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
		screen,
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
