// ssh:// hosts, reached as the docker CLI reaches them: the system's `ssh` runs `docker system
// dial-stdio` on the host, so ~/.ssh/config, the agent, ProxyJump and known_hosts all apply.
//
// The CLI opens one ssh connection per docker command; swarmdeck sends a few requests a
// second for as long as it runs, so it logs in once: a ControlMaster socket in a private
// temp folder carries every request as one more channel of that single session, and goes
// when swarmdeck exits. BatchMode keeps ssh from asking anything under the screen: a host key
// it does not know, or a key it cannot use, ends the connection with a sentence instead.
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, watch} from 'node:fs';
import {Agent} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Duplex} from 'node:stream';
import {ConnectionSettingsError, SshConnectionError, type SshFailure} from './errors.js';

export type SshDestination = {user?: string; host: string; port?: string};

/**
 * How long ssh may take to open the TCP connection (the docker CLI passes one too): shorter
 * than a request's deadline (client.ts), so that what is said is ssh's reason, not a timeout.
 */
const connectTimeoutSeconds = 10;

/**
 * Channels open at once on the one session. sshd refuses a session channel beyond its
 * MaxSessions (10 unless the server sets it), and ssh then logs in again by itself for that
 * one request: a second login, which a server may refuse or alert on. A channel lingers on
 * the server for a moment after swarmdeck lets go of it, so two stay spare; the requests
 * beyond wait their turn, within their deadline.
 */
export const defaultMaxChannels = 8;

/** ssh://[user@]host[:port], as the docker CLI takes it: no path, no password. */
export function parseSshHost(address: string): SshDestination {
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		throw new ConnectionSettingsError(`${address} is not an ssh address: write it as ssh://user@host or ssh://user@host:port.`);
	}

	if (url.protocol !== 'ssh:' || url.hostname === '') {
		throw new ConnectionSettingsError(`${address} is not an ssh address: write it as ssh://user@host or ssh://user@host:port.`);
	}

	if (url.password !== '' || (url.pathname !== '' && url.pathname !== '/') || url.search !== '') {
		throw new ConnectionSettingsError(`${address} has a password, path or query, which an ssh:// docker host cannot have: write it as ssh://user@host:port and let ssh find the key.`);
	}

	return {
		...(url.username === '' ? {} : {user: decodeURIComponent(url.username)}),
		host: url.hostname.replace(/^\[(.*)]$/, '$1'),
		...(url.port === '' ? {} : {port: url.port}),
	};
}

/** `[user@]host`, as ssh takes it after `--`. */
function login({user, host}: SshDestination): string {
	return user === undefined ? host : `${user}@${host}`;
}

/** The ssh command a person runs to see for themselves what stands in the way. */
export function sshCommandFor(destination: SshDestination): string {
	return ['ssh', ...(destination.port === undefined ? [] : ['-p', destination.port]), login(destination)].join(' ');
}

/** Options every ssh that swarmdeck starts shares. */
function sshOptions(destination: SshDestination, controlPath: string): string[] {
	return [
		'-o', 'BatchMode=yes',
		'-o', `ConnectTimeout=${connectTimeoutSeconds}`,
		'-S', controlPath,
		...(destination.port === undefined ? [] : ['-p', destination.port]),
	];
}

/** The master: logs in, runs nothing, and serves the control socket until it is stopped. */
export function masterArguments(destination: SshDestination, controlPath: string): string[] {
	return [...sshOptions(destination, controlPath), '-o', 'ControlMaster=yes', '-o', 'ControlPersist=no', '-N', '--', login(destination)];
}

/** One request: a channel of the master's session that runs dial-stdio. */
export function dialArguments(destination: SshDestination, controlPath: string): string[] {
	return [...sshOptions(destination, controlPath), '-o', 'ControlMaster=no', '--', login(destination), 'docker', 'system', 'dial-stdio'];
}

/**
 * Asks the master to end through its control socket, as `ssh -O exit` does. A SIGTERM alone
 * is not enough: before OpenSSH 9.6 (Debian 12 has 9.2) the master checks for a signal and
 * only then sleeps with no timeout, so a signal landing between the two is seen only when
 * something else wakes it, and the session stays open after swarmdeck has gone. A request on
 * the socket is that wake.
 */
export function stopArguments(destination: SshDestination, controlPath: string): string[] {
	return [...sshOptions(destination, controlPath), '-O', 'exit', '--', login(destination)];
}

/** Reads what ssh wrote on stderr as one of the ways it fails. */
export function classifySshFailure(stderr: string): SshFailure {
	if (/host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .* has changed|No \S+ host key is known/i.test(stderr)) {
		return 'host-key';
	}

	if (/permission denied|too many authentication failures|no more authentication methods/i.test(stderr)) {
		return 'login';
	}

	if (/docker: (command )?not found|unknown command|is not a docker command|dial-stdio/i.test(stderr)) {
		return 'no-docker';
	}

	if (/could not resolve|connection refused|timed out|no route to host|network is unreachable|connection closed|connection reset/i.test(stderr)) {
		return 'unreachable';
	}

	return 'lost';
}

/** ssh's last meaningful line: warnings about added keys and the like are not the reason. */
function lastWords(stderr: string): string {
	const lines = stderr.split('\n').map(line => line.trim()).filter(line => line !== '' && !/^warning: permanently added/i.test(line));
	return (lines.at(-1) ?? 'ssh ended without a word').replace(/\.$/, '');
}

type Spawn = (command: string, args: string[]) => ChildProcess;
/** Runs a command to its end: the session is stopped from an 'exit' listener, which cannot wait. */
type RunToEnd = (command: string, args: string[]) => void;

export type SshRunner = {start: Spawn; runToEnd: RunToEnd};

const systemSsh: SshRunner = {
	start: (command, args) => spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe']}),
	// A master that does not answer within two seconds still gets its SIGTERM after this.
	runToEnd(command, args) {
		spawnSync(command, args, {stdio: 'ignore', timeout: 2000});
	},
};

/**
 * The one ssh session to a host: started by the first request, started again by the first
 * request after it ended (the network dropped), stopped when swarmdeck exits.
 */
class SshSession {
	private readonly directory = mkdtempSync(join(tmpdir(), 'swarmdeck-ssh-'));
	readonly controlPath = join(this.directory, 'control');
	private master: ChildProcess | undefined;
	private ready: Promise<void> | undefined;
	private closed = false;
	private openChannels = 0;
	/** The ssh of each request still running. */
	private readonly channelProcesses = new Set<ChildProcess>();
	/** Requests waiting for a channel, first come first served. */
	private readonly waiting: Array<{resolve: () => void; reject: (error: Error) => void}> = [];

	constructor(
		private readonly destination: SshDestination,
		private readonly ssh: SshRunner,
		private readonly maxChannels: number,
	) {
		// Synchronous on purpose: 'exit' listeners cannot wait.
		process.once('exit', this.close);
	}

	get command(): string {
		return sshCommandFor(this.destination);
	}

	open(): Promise<void> {
		if (this.closed) {
			// A request of a client already let go of (another context is shown): a master
			// started now would outlive swarmdeck, since nothing would stop it.
			return Promise.reject(new SshConnectionError('lost', 'this connection was closed', this.command));
		}

		this.ready ??= this.startMaster();
		return this.ready;
	}

	/** Ends the session and removes its folder; the client built on it is done. */
	readonly close = (): void => {
		process.off('exit', this.close);
		this.closed = true;
		for (const waiter of this.waiting.splice(0)) {
			waiter.reject(new SshConnectionError('lost', 'this connection was closed', this.command));
		}

		// A request's ssh that has not reached the control socket yet would, once the socket is
		// gone, log in by itself and outlive swarmdeck.
		for (const channel of this.channelProcesses) {
			channel.kill();
		}

		if (this.master && existsSync(this.controlPath)) {
			this.ssh.runToEnd('ssh', stopArguments(this.destination, this.controlPath));
		}

		// Also for a master still logging in, which has no control socket yet.
		this.master?.kill();
		this.master = undefined;
		this.ready = undefined;
		rmSync(this.directory, {recursive: true, force: true});
	};

	private async startMaster(): Promise<void> {
		const master = this.ssh.start('ssh', masterArguments(this.destination, this.controlPath));
		this.master = master;
		master.stdin?.end();
		let stderr = '';
		master.stderr?.setEncoding('utf8');
		master.stderr?.on('data', (chunk: string) => {
			stderr += chunk;
		});
		// The master must not keep a finished `--once` alive; the 'exit' listener stops it.
		master.unref();
		for (const stream of [master.stdin, master.stdout, master.stderr]) {
			(stream as {unref?: () => void} | null)?.unref?.();
		}

		const ended = new Promise<SshConnectionError>(resolve => {
			master.once('error', error => {
				resolve((error as {code?: string}).code === 'ENOENT'
					? new SshConnectionError('no-ssh', 'no ssh on PATH', this.command)
					: new SshConnectionError('lost', error.message, this.command));
			});
			master.once('exit', () => {
				resolve(new SshConnectionError(classifySshFailure(stderr), lastWords(stderr), this.command));
			});
		});
		void ended.then(() => {
			// A session that ends is started again by the next request.
			if (this.master === master) {
				this.ready = undefined;
				this.master = undefined;
			}
		});

		// ssh links the control socket into place once the login is done and it listens.
		const watcher = watch(this.directory);
		try {
			const listening = new Promise<void>(resolve => {
				const check = () => {
					if (existsSync(this.controlPath)) {
						resolve();
					}
				};

				watcher.on('change', check);
				check();
			});
			const outcome = await Promise.race([listening.then(() => undefined), ended]);
			if (outcome) {
				throw outcome;
			}
		} finally {
			watcher.close();
		}
	}

	/** Waits for one of the session's channels to be free, and takes it. */
	private async takeChannel(): Promise<void> {
		if (this.openChannels < this.maxChannels) {
			this.openChannels++;
			return;
		}

		await new Promise<void>((resolve, reject) => {
			this.waiting.push({resolve, reject});
		});
	}

	/** Hands a finished channel to the next waiting request, or frees it. */
	private releaseChannel(): void {
		const next = this.waiting.shift();
		if (next) {
			next.resolve();
		} else {
			this.openChannels--;
		}
	}

	/** A new channel of the session running dial-stdio: the socket one HTTP request travels on. */
	async dial(): Promise<Duplex> {
		await this.takeChannel();
		// The channel is free again once its ssh has ended, not when the response is read.
		let released = false;
		const release = () => {
			if (!released) {
				released = true;
				this.releaseChannel();
			}
		};

		// The master is checked after the wait, not before it: one that ended while this
		// request waited is started again, where a channel sent to its gone socket would make
		// ssh log in by itself.
		try {
			await this.open();
		} catch (error) {
			release();
			throw error;
		}

		const child = this.ssh.start('ssh', dialArguments(this.destination, this.controlPath));
		this.channelProcesses.add(child);
		const ended = () => {
			this.channelProcesses.delete(child);
			release();
		};

		child.once('exit', ended);
		child.once('error', ended);
		const socket = Duplex.from({readable: child.stdout!, writable: child.stdin!});
		let stderr = '';
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.once('error', error => {
			socket.destroy(new SshConnectionError('lost', error.message, this.command));
		});
		child.once('exit', code => {
			if (code !== 0 && code !== null && !socket.destroyed) {
				socket.destroy(new SshConnectionError(classifySshFailure(stderr), lastWords(stderr), this.command));
			}
		});
		socket.once('close', () => {
			child.kill();
		});
		// Node's HTTP client tunes the sockets it is given; a pipe has nothing to tune.
		return Object.assign(socket, {setTimeout: () => socket, setNoDelay: () => socket, setKeepAlive: () => socket, ref: () => socket, unref: () => socket});
	}
}

/**
 * An HTTP agent whose every connection is a channel of one ssh session to the host: the
 * dockerode client is built over it as over any other HTTP daemon.
 */
export function sshAgent(destination: SshDestination, ssh: SshRunner = systemSsh, maxChannels = defaultMaxChannels): Agent & {session: {controlPath: string; close: () => void}} {
	const session = new SshSession(destination, ssh, maxChannels);
	const agent = new Agent({keepAlive: false});
	agent.createConnection = ((_options: unknown, callback: (error: Error | null, socket?: Duplex) => void) => {
		session.dial().then(socket => {
			callback(null, socket);
		}, (error: unknown) => {
			callback(error instanceof Error ? error : new Error(String(error)));
		});
		return undefined;
	}) as unknown as Agent['createConnection'];
	return Object.assign(agent, {session});
}
