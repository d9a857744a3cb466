// ssh:// hosts: the address read as the docker CLI reads it, the ssh command lines, ssh's
// failures in words, and the client's requests carried by one session. The session here is
// played by small node processes in place of ssh (the lab test runs the real one).
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {afterEach, describe, expect, it} from 'vitest';
import Docker from 'dockerode';
import {createSwarmClient, type SwarmClient} from '../../../source/swarm/client.js';
import {createDocker} from '../../../source/swarm/connection.js';
import {ConnectionSettingsError} from '../../../source/swarm/errors.js';
import {classifySshFailure, dialArguments, masterArguments, parseSshHost, sshAgent, sshCommandFor, stopArguments} from '../../../source/swarm/ssh.js';
import {startEngine, type StartedEngine} from '../../support/fake-engine/harness.js';

describe('an ssh:// address', () => {
	it('is read as the docker CLI reads it: user, host and port', () => {
		expect(parseSshHost('ssh://admin@10.0.0.5')).toEqual({user: 'admin', host: '10.0.0.5'});
		expect(parseSshHost('ssh://manager1:2222')).toEqual({host: 'manager1', port: '2222'});
		expect(parseSshHost('ssh://ops%20team@[fe80::1]:22')).toEqual({user: 'ops team', host: 'fe80::1', port: '22'});
	});

	it('refuses a password, a path or a query with a sentence, before anything runs', () => {
		for (const address of ['ssh://admin:secret@host', 'ssh://host/var/run/docker.sock', 'ssh://host?x=1']) {
			expect(() => parseSshHost(address)).toThrow(ConnectionSettingsError);
			expect(() => parseSshHost(address)).toThrow(/cannot have: write it as ssh:\/\/user@host:port/);
		}

		expect(() => createDocker({host: 'ssh://', env: {}})).toThrow('ssh:// is not an ssh address: write it as ssh://user@host or ssh://user@host:port.');
	});

	it('becomes ssh command lines that never prompt and share one control socket', () => {
		const destination = parseSshHost('ssh://admin@10.0.0.5:2222');
		expect(masterArguments(destination, '/tmp/s/control')).toEqual([
			'-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-S', '/tmp/s/control', '-p', '2222',
			'-o', 'ControlMaster=yes', '-o', 'ControlPersist=no', '-N', '--', 'admin@10.0.0.5',
		]);
		expect(dialArguments(destination, '/tmp/s/control')).toEqual([
			'-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-S', '/tmp/s/control', '-p', '2222',
			'-o', 'ControlMaster=no', '--', 'admin@10.0.0.5', 'docker', 'system', 'dial-stdio',
		]);
		expect(stopArguments(destination, '/tmp/s/control')).toEqual([
			'-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-S', '/tmp/s/control', '-p', '2222',
			'-O', 'exit', '--', 'admin@10.0.0.5',
		]);
		expect(sshCommandFor(destination)).toBe('ssh -p 2222 admin@10.0.0.5');
		expect(sshCommandFor(parseSshHost('ssh://manager1'))).toBe('ssh manager1');
	});
});

describe('what ssh says when it fails', () => {
	it.each([
		['Host key verification failed.', 'host-key'],
		['@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@', 'host-key'],
		['No ED25519 host key is known for [10.0.0.5]:2222 and you have requested strict checking.\nHost key verification failed.', 'host-key'],
		['root@10.0.0.5: Permission denied (publickey).', 'login'],
		['ssh: Could not resolve hostname nosuch: Name or service not known', 'unreachable'],
		['ssh: connect to host 10.0.0.5 port 22: Connection refused', 'unreachable'],
		['ssh: connect to host 10.0.0.5 port 22: Connection timed out', 'unreachable'],
		['sh: 1: docker: not found', 'no-docker'],
		['something new', 'lost'],
	])('reads %j as %s', (stderr, failure) => {
		expect(classifySshFailure(stderr)).toBe(failure);
	});
});

/**
 * Stands in for ssh: the master listens on its control socket and ends when asked there (as
 * `ssh -O exit` asks); a channel pipes stdio to the engine. A master that 'misses SIGTERM'
 * ignores the signal, as ssh's does before 9.6 when it lands just before the master sleeps.
 */
function fakeSsh(engineSocket: string, master: 'works' | 'misses SIGTERM' | string) {
	const started: string[][] = [];
	const stops: string[][] = [];
	const children: ChildProcess[] = [];
	const channels = {alive: 0, most: 0};
	const start = (_command: string, args: string[]) => {
		started.push(args);
		const child = spawnFake(args);
		children.push(child);
		if (args.includes('dial-stdio')) {
			channels.alive++;
			channels.most = Math.max(channels.most, channels.alive);
			child.once('exit', () => {
				channels.alive--;
			});
		}

		return child;
	};

	const spawnFake = (args: string[]) => {
		const controlPath = args[args.indexOf('-S') + 1]!;
		if (args.includes('ControlMaster=yes')) {
			const listen = 'require("net").createServer(() => process.exit(0)).listen(process.argv[1])';
			const script = master === 'works'
				? listen
				: master === 'misses SIGTERM'
					? `process.on("SIGTERM", () => {}); ${listen}`
					: `process.stderr.write(${JSON.stringify(master)}); process.exit(255)`;
			return spawn(process.execPath, ['-e', script, controlPath], {stdio: ['pipe', 'pipe', 'pipe']});
		}

		const pipe = 'const s = require("net").connect(process.argv[1]); process.stdin.pipe(s); s.pipe(process.stdout); s.on("close", () => process.exit(0))';
		return spawn(process.execPath, ['-e', pipe, engineSocket], {stdio: ['pipe', 'pipe', 'pipe']});
	};

	const runToEnd = (_command: string, args: string[]) => {
		stops.push(args);
		const controlPath = args[args.indexOf('-S') + 1]!;
		spawnSync(process.execPath, ['-e', 'require("net").connect(process.argv[1]).on("connect", () => process.exit(0)).on("error", () => process.exit(255))', controlPath]);
	};

	return {started, stops, children, channels, ssh: {start, runToEnd}};
}

let engine: StartedEngine | undefined;
let closeSession: (() => void) | undefined;

afterEach(async () => {
	closeSession?.();
	closeSession = undefined;
	await engine?.close();
	engine = undefined;
});

async function clientOver(master: 'works' | 'misses SIGTERM' | string, maxChannels?: number) {
	engine = await startEngine({start: Date.parse('2026-11-29T18:00:00Z'), services: [{Name: 'vote', Mode: {Replicated: {Replicas: 2}}}]});
	const ssh = fakeSsh(engine.host.slice('unix://'.length), master);
	const agent = sshAgent(parseSshHost('ssh://admin@10.0.0.5:2222'), ssh.ssh, maxChannels);
	closeSession = () => {
		agent.session.close();
	};

	const docker = new Docker({host: 'docker', protocol: 'http', agent} as Docker.DockerOptions);
	const client = createSwarmClient({docker, host: 'ssh://admin@10.0.0.5:2222', context: 'prod'});
	return {client, started: ssh.started, stops: ssh.stops, children: ssh.children, channels: ssh.channels};
}

/** An event stream, open: it holds one channel until it is stopped. */
async function openEventStream(client: SwarmClient): Promise<{stop: () => Promise<void>}> {
	const stream = new AbortController();
	let opened!: () => void;
	const open = new Promise<void>(resolve => {
		opened = resolve;
	});
	const reading = (async () => {
		const events = [];
		for await (const event of client.events(stream.signal, {onOpen: opened})) {
			events.push(event);
		}

		return events;
	})().catch(() => undefined);
	await open;
	return {
		async stop() {
			stream.abort();
			await reading;
		},
	};
}

describe('the client over ssh', () => {
	it('sends every request over one session: one master, one channel per request', async () => {
		const {client, started} = await clientOver('works');
		expect(started).toEqual([]);
		expect(await client.preflight()).toMatchObject({ok: true});
		const [services] = await Promise.all([client.listServices(), client.listNodes(), client.listServices()]);
		expect(services.map(service => service.name)).toEqual(['vote']);
		const masters = started.filter(args => args.includes('ControlMaster=yes'));
		const channels = started.filter(args => args.includes('dial-stdio'));
		expect(masters).toHaveLength(1);
		expect(channels).toHaveLength(4);
	});

	it('keeps to its channel limit, the requests beyond waiting their turn: sshd refuses channels past MaxSessions, and ssh would log in again', async () => {
		const {client, channels} = await clientOver('works', 2);
		const answers = await Promise.all(Array.from({length: 7}, async () => client.listServices()));
		expect(answers.map(services => services.map(service => service.name))).toEqual(Array.from({length: 7}, () => ['vote']));
		expect(channels.most).toBe(2);
	});

	it('says what to run for a host key ssh does not know, naming the context', async () => {
		const {client, started} = await clientOver('No ED25519 host key is known for [10.0.0.5]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n');
		expect(await client.preflight()).toEqual({
			ok: false,
			problem: 'unreachable',
			message: 'ssh does not know the host key of context prod (ssh://admin@10.0.0.5:2222), or it has changed (Host key verification failed): run `ssh -p 2222 admin@10.0.0.5` once to check and accept it, then start swarmdeck again.',
		});
		expect(started.filter(args => args.includes('dial-stdio'))).toEqual([]);
	});

	it('says what to run for a login that is refused', async () => {
		const {client} = await clientOver('admin@10.0.0.5: Permission denied (publickey).\n');
		const result = await client.preflight();
		expect(result.ok ? '' : result.message).toBe('ssh could not log in to context prod (ssh://admin@10.0.0.5:2222) (admin@10.0.0.5: Permission denied (publickey)): run `ssh -p 2222 admin@10.0.0.5` to check that it accepts your key (ssh-add, ~/.ssh/config), then start swarmdeck again.');
	});
});

describe('a closed ssh session', () => {
	it('stops its master through the control socket and starts no other for a late request', async () => {
		const {client, started, stops, children} = await clientOver('works');
		expect(await client.preflight()).toMatchObject({ok: true});
		const master = children[0]!;
		const masterEnded = once(master, 'exit');
		client.close?.();
		expect(stops).toEqual([stopArguments(parseSshHost('ssh://admin@10.0.0.5:2222'), started[0]![started[0]!.indexOf('-S') + 1]!)]);
		await masterEnded;
		await expect(client.listServices()).rejects.toThrow(/this connection was closed/);
		expect(started.filter(args => args.includes('ControlMaster=yes'))).toHaveLength(1);
	});

	it('stops a master that misses its SIGTERM, as ssh\'s does before 9.6 when the signal lands just before it sleeps', async () => {
		const {client, children} = await clientOver('misses SIGTERM');
		expect(await client.preflight()).toMatchObject({ok: true});
		const masterEnded = once(children[0]!, 'exit');
		client.close?.();
		expect(await masterEnded).toEqual([0, null]);
	});

	it('ends the ssh of a request still running, which would otherwise outlive swarmdeck (or log in by itself once the socket is gone)', async () => {
		const {client, children} = await clientOver('works');
		// The stream stays open until the session closes.
		const stream = await openEventStream(client);
		const channel = children.at(-1)!;
		const channelEnded = once(channel, 'exit');
		client.close?.();
		expect(await channelEnded).toEqual([null, 'SIGTERM']);
		await stream.stop();
	});

	it('starts the master again for a request that waited while it ended, not sending the channel to its gone socket', async () => {
		const {client, started, children} = await clientOver('works', 1);
		// An event stream holds the one channel; a read waits behind it.
		const stream = await openEventStream(client);
		const waiting = client.listServices();
		const master = children[0]!;
		const masterEnded = once(master, 'exit');
		master.kill();
		await masterEnded;
		await stream.stop();
		expect((await waiting).map(service => service.name)).toEqual(['vote']);
		expect(started.filter(args => args.includes('ControlMaster=yes'))).toHaveLength(2);
	});

	it('ends the requests still waiting for a channel, and opens none for them', async () => {
		const {client, started} = await clientOver('works', 1);
		expect(await client.preflight()).toMatchObject({ok: true});
		const channelsBefore = started.filter(args => args.includes('dial-stdio')).length;
		const requests = [client.listServices(), client.listServices(), client.listServices()].map(async request => request.then(() => 'answered', (error: unknown) => String(error)));
		// The first request has its channel; the two behind it wait.
		await new Promise(resolve => {
			setTimeout(resolve, 50);
		});
		client.close?.();
		const outcomes = await Promise.all(requests);
		expect(outcomes.slice(1)).toEqual([expect.stringMatching(/this connection was closed/), expect.stringMatching(/this connection was closed/)]);
		expect(started.filter(args => args.includes('dial-stdio')).length).toBeLessThanOrEqual(channelsBefore + 1);
	});
});
