// An sshd for the lab's manager: it runs in node1's network namespace on a port of its own,
// with a host key, a client key and known_hosts files made for the test, and logs every
// login, so a test can count the sessions swarmdeck opens. Nothing of the machine's own ssh
// setup is read or changed: `ssh` on the PATH that is handed to swarmdeck is a wrapper that
// gives the real one a config file of the test's (as a person's ~/.ssh/config would).
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {labSockets, waitFor} from './lab.js';

const run = promisify(execFile);

const instance = process.env['LAB_INSTANCE'] ?? '';
/** node1's address on the lab bridge (scripts/lab: 172.29.<77+instance>.11). */
const node1Address = `172.29.${77 + Number(instance || 0)}.11`;
const node1Namespace = `/run/netns/sdlab${instance}-node1`;
const sshdBinary = '/usr/sbin/sshd';
const sshdPort = '2022';

/** openssh-server, when the machine has no sshd: the lab installs what it needs with apt-get. */
async function installSshd(): Promise<void> {
	if (existsSync(sshdBinary)) {
		return;
	}

	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update', '-qq'], {env});
	await run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '-qq', '--no-install-recommends', 'openssh-server'], {env});
}

async function keyPair(file: string): Promise<string> {
	await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'swarmdeck-test', '-f', file]);
	return readFileSync(`${file}.pub`, 'utf8').trim();
}

export type LabSshd = {
	/** The DOCKER_HOST that reaches node1 through this sshd. */
	host: string;
	/** The environment swarmdeck runs in: PATH finds the test's ssh, which knows the host key. */
	env: NodeJS.ProcessEnv;
	/** The same, with a known_hosts that holds another key for the host. */
	wrongHostKeyEnv: NodeJS.ProcessEnv;
	/**
	 * The same, with the master started ignoring SIGTERM (ssh keeps an ignored signal
	 * ignored): what ssh's master before 9.6 does in effect when the signal lands just before it
	 * sleeps in poll().
	 */
	masterIgnoresSigtermEnv: NodeJS.ProcessEnv;
	/** Logins sshd accepted so far. */
	logins(): number;
	/** Channels opened on those sessions (one per request swarmdeck sent). */
	channels(): number;
	/** Sessions that ended. */
	sessionsClosed(): number;
	/** The last lines sshd logged, for a failure to show. */
	logTail(lines: number): string;
	stop(): Promise<void>;
};

/** A client folder: an `ssh` wrapper and the config it passes, with its own known_hosts. */
function clientFolder(directory: string, name: string, knownHost: string, {masterIgnoresSigterm = false} = {}): NodeJS.ProcessEnv {
	const folder = path.join(directory, name);
	mkdirSync(folder);
	writeFileSync(path.join(folder, 'known_hosts'), `[${node1Address}]:${sshdPort} ${knownHost}\n`);
	writeFileSync(path.join(folder, 'config'), [
		`Host ${node1Address}`,
		`  IdentityFile ${path.join(directory, 'client_key')}`,
		'  IdentitiesOnly yes',
		`  UserKnownHostsFile ${path.join(folder, 'known_hosts')}`,
		'  GlobalKnownHostsFile /dev/null',
		'  StrictHostKeyChecking yes',
		'',
	].join('\n'));
	const wrapper = path.join(folder, 'ssh');
	const ignoreSigterm = masterIgnoresSigterm ? 'case "$*" in *ControlMaster=yes*) trap \'\' TERM;; esac\n' : '';
	writeFileSync(wrapper, `#!/bin/sh\n${ignoreSigterm}exec /usr/bin/ssh -F ${path.join(folder, 'config')} "$@"\n`);
	chmodSync(wrapper, 0o755);
	return {...process.env, PATH: `${folder}:${process.env['PATH'] ?? ''}`};
}

export async function startLabSshd(): Promise<LabSshd> {
	await installSshd();
	const directory = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-sshd-'));
	const hostKey = await keyPair(path.join(directory, 'host_key'));
	const otherHostKey = await keyPair(path.join(directory, 'other_host_key'));
	const clientKey = await keyPair(path.join(directory, 'client_key'));
	writeFileSync(path.join(directory, 'authorized_keys'), `${clientKey}\n`);
	const log = path.join(directory, 'sshd.log');
	writeFileSync(path.join(directory, 'sshd_config'), [
		`ListenAddress ${node1Address}:${sshdPort}`,
		`HostKey ${path.join(directory, 'host_key')}`,
		`AuthorizedKeysFile ${path.join(directory, 'authorized_keys')}`,
		`PidFile ${path.join(directory, 'sshd.pid')}`,
		'PermitRootLogin prohibit-password',
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		'UsePAM no',
		'StrictModes no',
		// DEBUG1 names every channel a session opens: one per request.
		'LogLevel DEBUG1',
		// The docker CLI on the far side talks to node1's daemon.
		`SetEnv DOCKER_HOST=${labSockets.node1}`,
		'',
	].join('\n'));
	// sshd refuses to start without its privilege separation folder.
	mkdirSync('/run/sshd', {recursive: true});
	const sshd: ChildProcess = spawn('nsenter', [`--net=${node1Namespace}`, '--', sshdBinary, '-D', '-f', path.join(directory, 'sshd_config'), '-E', log], {stdio: 'ignore'});
	try {
		await waitFor('sshd to listen', async () => {
			const said = existsSync(log) ? readFileSync(log, 'utf8') : '';
			if (sshd.exitCode !== null) {
				throw new Error(`sshd ended before it listened: ${said}`);
			}

			return said.includes('Server listening');
		}, 10_000, 50);
	} catch (error) {
		// Nothing of a failed start stays behind.
		sshd.kill();
		rmSync(directory, {recursive: true, force: true});
		throw error;
	}

	const count = (pattern: RegExp) => (readFileSync(log, 'utf8').match(pattern) ?? []).length;
	return {
		host: `ssh://root@${node1Address}:${sshdPort}`,
		env: clientFolder(directory, 'client', hostKey),
		wrongHostKeyEnv: clientFolder(directory, 'wrong-host-key', otherHostKey),
		masterIgnoresSigtermEnv: clientFolder(directory, 'master-ignores-sigterm', hostKey, {masterIgnoresSigterm: true}),
		logins: () => count(/Accepted publickey for root/g),
		channels: () => count(/server_input_channel_open: ctype session/g),
		sessionsClosed: () => count(/Disconnected from user root/g),
		logTail: lines => readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'),
		async stop() {
			const ended = new Promise(resolve => {
				sshd.once('exit', resolve);
			});
			sshd.kill();
			await ended;
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
