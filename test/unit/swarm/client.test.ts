import {createServer, type Server, type Socket} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {createSwarmClient} from '../../../source/swarm/client.js';

let server: Server | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
	for (const socket of sockets) {
		socket.destroy();
	}

	await new Promise(resolve => {
		server?.close(resolve);
	});
	server = undefined;
});

/** A host that accepts connections and never says a word, like a hung daemon or proxy. */
async function silentHost(): Promise<string> {
	server = createServer(socket => {
		sockets.push(socket);
	});
	await new Promise<void>(resolve => {
		server!.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	return `tcp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
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
});
