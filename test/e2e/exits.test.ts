// Every way out of the built swarmdeck. In tmux on the lab: q, Ctrl+C and signals hand the
// terminal back (normal screen, cursor, line editing, no bracketed paste) with the right exit
// code, and so does a crash. Without a terminal: each way it can fail to start gives one
// sentence and its exit code, never a stack trace.
import {execFile} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {docker, labSockets, resetDemoServices, waitFor} from '../support/lab.js';
import {daemonProxy} from '../support/proxy.js';
import {tmux} from '../support/tmux.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'swarmdeck-exits-'));
// Others (nobody, in the permission test) must be able to reach the sockets made here.
chmodSync(scratch, 0o755);

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

type Pane = {
	/** Presses keys in the pane (tmux key names). */
	press: (...keys: string[]) => Promise<void>;
	/** Pastes text as a terminal does, in paste brackets if the program asked for them. */
	paste: (text: string) => Promise<void>;
	screen: () => Promise<string>;
	waitFor: (predicate: (screen: string) => boolean, description: string, timeoutMs?: number) => Promise<string>;
	/** A tmux format of the pane, such as #{alternate_on}. */
	format: (format: string) => Promise<string>;
	/** The program the pane's shell started (swarmdeck), by its process id. */
	programPid: () => Promise<number>;
	stop: () => Promise<void>;
};

let pane: Pane | undefined;
afterEach(async () => {
	await pane?.stop();
	pane = undefined;
});

/**
 * Runs `program` in a fresh tmux pane, after a line of shell text, and afterwards reports
 * its exit code, whether the terminal is back in line mode (stty), and then echoes what is
 * typed or pasted (cat -v), so a test can see whether bracketed paste was left on.
 */
async function openPane(program: string): Promise<Pane> {
	const session = `swarmdeck-exits-${randomUUID().slice(0, 8)}`;
	const afterwards = 'echo "[exit $?]"; echo "[tty $(stty -a | tr " ;" "\\n\\n" | grep -x -e icanon -e -icanon -e echo -e -echo | tr "\\n" " ")]"; cat -v';
	await tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '36', `echo BEFORE-SWARMDECK; ${program}; ${afterwards}`);
	// -J: a line the terminal wrapped comes back whole, as it was printed.
	const screen = async () => tmux('capture-pane', '-p', '-J', '-t', session);
	const opened: Pane = {
		screen,
		async waitFor(predicate, description, timeoutMs = 20_000) {
			return waitFor(description, async () => {
				const shown = await screen();
				if (!predicate(shown)) {
					// Becomes the "last error" of a timeout: the screen as it was.
					throw new Error(`the screen:\n${shown}`);
				}

				return shown;
			}, timeoutMs, 100);
		},
		async format(format) {
			return (await tmux('display-message', '-p', '-t', session, format)).trim();
		},
		async press(...keys) {
			await tmux('send-keys', '-t', session, ...keys);
		},
		async paste(text) {
			await tmux('set-buffer', '-b', session, text);
			await tmux('paste-buffer', '-p', '-d', '-b', session, '-t', session);
		},
		async programPid() {
			const {stdout} = await run('ps', ['-o', 'pid=', '--ppid', await opened.format('#{pane_pid}')]);
			const pids = stdout.split('\n').map(line => Number(line.trim())).filter(pid => pid > 0);
			expect(pids).toHaveLength(1);
			return pids[0]!;
		},
		async stop() {
			await tmux('kill-session', '-t', session).catch(() => undefined);
		},
	};
	pane = opened;
	return opened;
}

async function openSwarmdeck(): Promise<Pane> {
	const opened = await openPane(`DOCKER_HOST='${labSockets.node1}' node '${cli}'`);
	await opened.waitFor(screen => screen.includes('dockercoins (stack)') && screen.includes('whoami'), 'the services screen');
	expect(await opened.format('#{alternate_on}')).toBe('1');
	return opened;
}

/** The pane after swarmdeck ended: the shell's screen, a visible cursor, a terminal in line mode. */
async function expectTerminalHandedBack(opened: Pane, exitCode: number): Promise<string> {
	const screen = await opened.waitFor(text => text.includes('[tty '), 'swarmdeck to exit');
	expect(screen).toContain(`[exit ${exitCode}]`);
	expect(await opened.format('#{alternate_on}')).toBe('0');
	expect(await opened.format('#{cursor_flag}')).toBe('1');
	// What was on the screen before swarmdeck is back, and nothing of swarmdeck's is left.
	expect(screen).toContain('BEFORE-SWARMDECK');
	expect(screen).not.toContain('REPLICAS');
	expect(screen).toContain('[tty icanon echo ]');
	// Raw mode is off and bracketed paste too: a paste reaches `cat -v` as plain text.
	await opened.paste('PASTED-TEXT');
	await opened.press('Enter');
	const pasted = await opened.waitFor(text => text.split('\n').filter(line => line.includes('PASTED-TEXT')).length >= 2, 'the paste echoed by cat');
	expect(pasted).not.toContain('[200~');
	return screen;
}

describe('leaving swarmdeck hands the terminal back', () => {
	it('on q, with exit code 0', async () => {
		const opened = await openSwarmdeck();
		await opened.press('q');
		await expectTerminalHandedBack(opened, 0);
	});

	it('on Ctrl+C, with exit code 0', async () => {
		const opened = await openSwarmdeck();
		await opened.press('C-c');
		await expectTerminalHandedBack(opened, 0);
	});

	it.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const)('on %s from kill, with exit code %i', async (signal, exitCode) => {
		const opened = await openSwarmdeck();
		process.kill(await opened.programPid(), signal);
		await expectTerminalHandedBack(opened, exitCode);
	});
});

describe('a crash', () => {
	/**
	 * swarmdeck's own terminal and exit modules, bundled as the CLI is, in a program that
	 * fails the way a bug would: a throw in an input handler, or a promise nobody awaits.
	 */
	async function crashingProgram(kind: 'exception' | 'rejection'): Promise<string> {
		const source = (path: string) => JSON.stringify(fileURLToPath(new URL(`../../source/${path}`, import.meta.url)));
		const script = join(scratch, `crash-${kind}.mjs`);
		await build({
			stdin: {
				contents: `
					import {terminal} from ${source('terminal.js')};
					import {installExitHandlers} from ${source('exit.js')};
					installExitHandlers({terminal, version: () => 'test'});
					terminal.enter();
					process.stdin.setRawMode(true);
					process.stdout.write('FULL SCREEN, PRESS A KEY');
					process.stdin.on('data', () => {
						${kind === 'exception' ? 'throw new TypeError(\'boom from a key\');' : 'void Promise.reject(new RangeError(\'boom from a promise\'));'}
					});
				`,
				loader: 'ts',
				resolveDir: scratch,
			},
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			outfile: script,
			logLevel: 'warning',
		});
		return `XDG_STATE_HOME='${join(scratch, 'state')}' node '${script}'`;
	}

	it.each([
		['an uncaught exception', 'exception', 'TypeError: boom from a key'],
		['an unhandled rejection', 'rejection', 'RangeError: boom from a promise'],
	] as const)('by %s leaves the terminal usable, says what happened in one line, and where the details are', async (_what, kind, message) => {
		const opened = await openPane(await crashingProgram(kind));
		await opened.waitFor(screen => screen.includes('FULL SCREEN, PRESS A KEY'), 'the program to start');
		expect(await opened.format('#{alternate_on}')).toBe('1');
		await opened.press('x');
		const screen = await expectTerminalHandedBack(opened, 1);
		const sentence = /swarmdeck stopped because of an internal error \((.*?)\); the details are in (\S+)\.\n/.exec(screen);
		expect(sentence?.[1]).toBe(message);
		const report = sentence![2]!;
		expect(report.startsWith(join(scratch, 'state', 'swarmdeck', 'crash-'))).toBe(true);
		expect(readFileSync(report, 'utf8')).toMatch(new RegExp(`${message}\\n\\s+at `));
		expect(screen).not.toMatch(/\n\s+at /);
	});
});

describe('an event stream that went silent', () => {
	// A connection that stays open but carries nothing, as behind a NAT that forgot it:
	// no error ever reaches the stream, and the daemon says nothing on an idle stream anyway.
	const proxy = daemonProxy(join(scratch, 'proxy.sock'), labSockets.node1.replace('unix://', ''));
	afterAll(async () => {
		proxy.cut();
		await resetDemoServices('dockercoins_rng');
	});

	it('is reopened when the daemon answers again, and the events screen catches up', async () => {
		await proxy.open();
		const opened = await openPane(`DOCKER_HOST='${proxy.host}' node '${cli}'`);
		await opened.waitFor(screen => screen.includes('dockercoins (stack)'), 'the services screen');
		await opened.press('e');
		await opened.waitFor(screen => screen.includes('Swarm events, newest first'), 'the events screen');
		proxy.freeze();
		await opened.waitFor(screen => screen.includes('Lost contact with the daemon'), 'the banner', 30_000);
		await proxy.open();
		await opened.waitFor(screen => !screen.includes('Lost contact with the daemon'), 'the banner to go', 30_000);
		await docker(['service', 'scale', '--detach', 'dockercoins_rng=2']);
		await opened.waitFor(screen => screen.includes('dockercoins_rng replicas 1 → 2'), 'the event', 30_000);
	});
});

type Outcome = {code: number; stdout: string; stderr: string};

/** The built CLI without a terminal, in a clean environment plus `env`. */
async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, {asNobody = false} = {}): Promise<Outcome> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DOCKER_')));
	const [command, commandArgs] = asNobody
		? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, cli, ...args]] as const
		: [process.execPath, [cli, ...args]] as const;
	return new Promise(resolve => {
		execFile(command, commandArgs, {env: {...clean, ...env}, timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: error ? Number(error.code) : 0, stdout, stderr});
		});
	});
}

/** One line on stderr that names swarmdeck, and none of Node's own output. */
function expectOneSentence({stderr}: Outcome): string {
	const lines = stderr.trimEnd().split('\n');
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/^swarmdeck: .*[.]$/);
	expect(stderr).not.toMatch(/\bat .*:\d+|node:|Warning/);
	return lines[0]!;
}

async function listen(server: Server | ReturnType<typeof createHttpServer>, where: string | number): Promise<void> {
	await new Promise<void>(resolve => {
		if (typeof where === 'number') {
			server.listen(where, '127.0.0.1', resolve);
		} else {
			server.listen(where, resolve);
		}
	});
}

function portOf(server: Server | ReturnType<typeof createHttpServer>): number {
	const address = server.address();
	return typeof address === 'object' && address ? address.port : 0;
}

describe('failing to start: one sentence and an exit code', () => {
	const servers: Array<Server | ReturnType<typeof createHttpServer>> = [];
	afterEach(async () => {
		for (const server of servers.splice(0)) {
			await new Promise(resolve => {
				server.close(resolve);
			});
		}
	});

	it('an unknown subcommand or flag: names it, points to --help, exit code 2', async () => {
		const outcome = await runCli(['foo', '--bogus']);
		expect(outcome.code).toBe(2);
		expect(expectOneSentence(outcome)).toBe('swarmdeck: unknown arguments \'foo\' and \'--bogus\': swarmdeck takes the commands `swarmdeck history`, `swarmdeck check` and the options that `swarmdeck --help` lists.');
		expect(outcome.stdout).toBe('');
	});

	it('--help and --version still work', async () => {
		const help = await runCli(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('$ swarmdeck [options]');
		const version = await runCli(['--version']);
		expect(version.code).toBe(0);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	describe('DOCKER_TLS_VERIFY=1 without the certificates', () => {
		it('names a DOCKER_CERT_PATH that does not exist', async () => {
			const missing = join(scratch, 'no-such-certs');
			const outcome = await runCli(['--once'], {DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: missing});
			expect(outcome.code).toBe(1);
			const sentence = expectOneSentence(outcome);
			expect(sentence).toContain(`DOCKER_CERT_PATH is ${missing}, which is not a folder that exists.`);
			expect(sentence).toContain('Set DOCKER_CERT_PATH to the folder that holds ca.pem, cert.pem and key.pem');
		});

		it('names the files that are missing', async () => {
			const partial = join(scratch, 'only-ca');
			rmSync(partial, {recursive: true, force: true});
			mkdirSync(partial);
			writeFileSync(join(partial, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n');
			const outcome = await runCli(['--once'], {DOCKER_HOST: 'tcp://127.0.0.1:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: partial});
			expect(outcome.code).toBe(1);
			expect(expectOneSentence(outcome)).toContain(`DOCKER_CERT_PATH is ${partial}, and cert.pem and key.pem are missing or unreadable there.`);
		});
	});

	it('an endpoint that answers HTTP but is not a Docker daemon', async () => {
		const web = createHttpServer((_request, response) => {
			response.writeHead(404, {'Content-Type': 'text/html'});
			response.end('<!DOCTYPE html><title>Not Found</title><h1>Not Found</h1>\n');
		});
		servers.push(web);
		await listen(web, 0);
		const host = `tcp://127.0.0.1:${portOf(web)}`;
		const outcome = await runCli(['--host', host, '--once']);
		expect(outcome.code).toBe(1);
		expect(expectOneSentence(outcome)).toBe(`swarmdeck: ${host} answers HTTP but is not a Docker daemon (it answered GET /info with HTTP 404). Check the address and port in DOCKER_HOST or --host.`);
	});

	it('a socket this user may not open: a permission problem, and what to do', async () => {
		// Root ignores file modes, so the CLI runs as nobody (setpriv) when the tests run as root.
		const socket = join(scratch, 'docker.sock');
		const daemon = createServer(connection => connection.end());
		servers.push(daemon);
		await listen(daemon, socket);
		chmodSync(socket, 0o000);
		const outcome = await runCli(['--host', `unix://${socket}`, '--once'], {}, {asNobody: process.getuid?.() === 0});
		expect(outcome.code).toBe(1);
		expect(expectOneSentence(outcome)).toBe(`swarmdeck: Permission denied on ${socket}: this user may not use the Docker daemon. Add the user to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run swarmdeck with sudo.`);
	});

	it('an ssh:// host that cannot be reached: ssh\'s reason and the ssh command to try, in one sentence', async () => {
		const closed = createServer();
		await listen(closed, 0);
		const port = portOf(closed);
		await new Promise(resolve => {
			closed.close(resolve);
		});
		const host = `ssh://nobody@127.0.0.1:${port}`;
		const outcome = await runCli(['--host', host, '--once']);
		expect(outcome.code).toBe(1);
		expect(expectOneSentence(outcome)).toBe(`swarmdeck: Cannot reach ${host} over ssh (ssh: connect to host 127.0.0.1 port ${port}: Connection refused): check that \`ssh -p ${port} nobody@127.0.0.1\` works.`);
	});
});
