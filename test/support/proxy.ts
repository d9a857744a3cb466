// A unix socket that forwards to a lab daemon, which a test can break in the ways a network
// does: cut every connection, or freeze them (open, but silent, like a half-open TCP
// connection behind a NAT that forgot it) while refusing new ones.
import {existsSync, rmSync} from 'node:fs';
import {connect, createServer, type Server, type Socket} from 'node:net';

export type DaemonProxy = {
	/** DOCKER_HOST for swarmdeck. */
	readonly host: string;
	/** Accepts and forwards connections (again). */
	open: () => Promise<void>;
	/** Closes every connection and stops accepting new ones. */
	cut: () => void;
	/** Stops accepting new connections; the open ones stay open but carry nothing more. */
	freeze: () => void;
};

export function daemonProxy(path: string, daemonSocket: string): DaemonProxy {
	let server: Server | undefined;
	const pairs = new Set<{client: Socket; upstream: Socket}>();

	// Not waiting for 'close': that comes only once every connection has ended.
	const stopListening = () => {
		server?.close();
		server = undefined;
	};

	return {
		host: `unix://${path}`,
		async open() {
			if (existsSync(path)) {
				rmSync(path);
			}

			server = createServer(client => {
				const upstream = connect(daemonSocket);
				const pair = {client, upstream};
				pairs.add(pair);
				client.pipe(upstream).pipe(client);
				const drop = () => {
					client.destroy();
					upstream.destroy();
					pairs.delete(pair);
				};

				client.on('error', drop).on('close', drop);
				upstream.on('error', drop).on('close', drop);
			});
			await new Promise<void>(resolve => {
				server!.listen(path, resolve);
			});
		},
		cut() {
			for (const {client, upstream} of pairs) {
				client.destroy();
				upstream.destroy();
			}

			stopListening();
		},
		freeze() {
			for (const {client, upstream} of pairs) {
				client.unpipe(upstream);
				upstream.unpipe(client);
				client.pause();
				upstream.pause();
			}

			stopListening();
		},
	};
}
