import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createSwarmClient} from '../../../source/swarm/client.js';

let server: Server | undefined;
const sockets = new Set<Socket>();
const directories: string[] = [];

afterEach(async () => {
	for (const socket of sockets) {
		socket.destroy();
	}

	sockets.clear();
	await new Promise(resolve => {
		server?.close(resolve);
	});
	server = undefined;
	for (const directory of directories.splice(0)) {
		rmSync(directory, {recursive: true, force: true});
	}
});

/** A server that accepts connections and never says a word, like a hung daemon or proxy. */
function silentServer(): Server {
	server = createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// Reads the request (and so notices when the client closes), but never answers.
		socket.resume();
	});
	return server;
}

async function silentHost(): Promise<string> {
	const listening = silentServer();
	await new Promise<void>(resolve => {
		listening.listen(0, '127.0.0.1', resolve);
	});
	const address = listening.address();
	return `tcp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function silentSocket(): Promise<string> {
	const directory = mkdtempSync(join(tmpdir(), 'swarmdeck-silent-'));
	directories.push(directory);
	const path = join(directory, 'docker.sock');
	const listening = silentServer();
	await new Promise<void>(resolve => {
		listening.listen(path, resolve);
	});
	return `unix://${path}`;
}

/** Waits until the condition holds, for at most a few seconds; the test then asserts. */
async function settle(condition: () => boolean): Promise<void> {
	for (let tries = 0; tries < 100 && !condition(); tries++) {
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}

describe('a daemon that never answers', () => {
	it('fails the preflight in words after the timeout instead of hanging', async () => {
		const host = await silentHost();
		const started = Date.now();
		const result = await createSwarmClient({host, timeoutMs: 300}).preflight();
		expect(result).toEqual({ok: false, problem: 'unreachable', message: `No answer from the Docker daemon at ${host} after 0.3 s. Is the address right, and is dockerd running there?`});
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('fails a read as unreachable, so the screen shows the banner and retries', async () => {
		const host = await silentHost();
		await expect(createSwarmClient({host, timeoutMs: 300}).listServices()).rejects.toMatchObject({unreachable: true, message: expect.stringContaining('No answer from the Docker daemon') as string});
	});

	it('closes the connection of every read that timed out, so retries leave no socket open', async () => {
		const client = createSwarmClient({host: await silentSocket(), timeoutMs: 100});
		const reads = [
			client.preflight(),
			client.listServices(),
			client.listNodes(),
			client.listTasks('svc'),
			client.inspectService('svc'),
			client.listServices(),
		];
		const outcomes = await Promise.allSettled(reads);
		expect(outcomes.slice(1).map(outcome => outcome.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
		await settle(() => sockets.size === 0);
		expect(sockets.size).toBe(0);
	});

	it('gives up opening the event stream after the timeout, and closes that connection too', async () => {
		const client = createSwarmClient({host: await silentSocket(), timeoutMs: 100});
		const stream = client.events(new AbortController().signal)[Symbol.asyncIterator]();
		await expect(stream.next()).rejects.toMatchObject({unreachable: true});
		await settle(() => sockets.size === 0);
		expect(sockets.size).toBe(0);
	});

	it('stops opening the event stream as soon as its signal aborts', async () => {
		const client = createSwarmClient({host: await silentSocket(), timeoutMs: 60_000});
		const controller = new AbortController();
		const stream = client.events(controller.signal)[Symbol.asyncIterator]();
		const next = stream.next();
		await settle(() => sockets.size === 1);
		controller.abort();
		await expect(next).rejects.toBeInstanceOf(Error);
		await settle(() => sockets.size === 0);
		expect(sockets.size).toBe(0);
	});
});
