// The Engine API over HTTP on a unix socket, for dockerode and the docker CLI alike: routes
// with and without a version prefix (/v1.41/…), the daemon's headers, errors as
// {"message": …} with its status codes, streaming events and logs. It counts requests (in
// total and per route) for the benchmarks, and can delay, fail or never answer a route, or
// drop the event streams, for tests of how swarmdeck copes.
import {rmSync} from 'node:fs';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import type {Engine} from './engine.js';
import {daemonErrors, EngineError} from './errors.js';
import {eventMatches, isEventFilter} from './events.js';
import {parseFilters} from './filters.js';
import {encodeLogLine, type LogQuery} from './logs.js';

type Context = {
	params: string[];
	query: URLSearchParams;
	body: () => Promise<unknown>;
	request: IncomingMessage;
	response: ServerResponse;
};

type Handler = (context: Context) => unknown;

type Route = {method: string; name: string; pattern: RegExp; swarm: boolean; handler: Handler};

export type Fault =
	| {kind: 'delay'; ms: number}
	| {kind: 'fail'; status: number; message: string}
	| {kind: 'hang'};

export type EngineServer = {
	readonly socketPath: string;
	/** What DOCKER_HOST (or --host) should say to reach this engine. */
	readonly host: string;
	readonly requests: {total: number; byRoute: Map<string, number>};
	/** Faults by route name, e.g. 'GET /services' or 'POST /services/{id}/update'. */
	readonly faults: Map<string, Fault>;
	/** Called with the route name before each request is handled: a test's chance to change the swarm in between. */
	beforeRoute: ((route: string) => void) | undefined;
	/** Ends every open event stream, as a daemon restart or a dropped connection does. */
	dropEventStreams(): void;
	/** Request counts as one line per route, busiest first. */
	report(): string;
	close(): Promise<void>;
};

const daemonHeaders = {
	'Api-Version': '1.41',
	'Docker-Experimental': 'false',
	Ostype: 'linux',
	Server: 'Docker/20.10.24+dfsg1 (linux)',
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = body === undefined ? '' : `${JSON.stringify(body)}\n`;
	response.writeHead(status, {...daemonHeaders, ...(body === undefined ? {} : {'Content-Type': 'application/json'}), 'Content-Length': Buffer.byteLength(text)});
	response.end(text);
}

function flag(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === '1' || value === 'true';
}

/** Seconds since the epoch, as the API takes `since` and `until` (a number, or RFC 3339). */
function seconds(text: string | null): number | undefined {
	if (text === null || text === '') {
		return undefined;
	}

	const number = Number(text);
	return Number.isFinite(number) ? number : Date.parse(text) / 1000;
}

export async function serveEngine(engine: Engine, {socketPath}: {socketPath: string}): Promise<EngineServer> {
	const requests = {total: 0, byRoute: new Map<string, number>()};
	const faults = new Map<string, Fault>();
	const eventStreams = new Set<ServerResponse>();
	const sockets = new Set<Socket>();
	const cleanups = new Set<() => void>();

	const routes: Route[] = [];
	const route = (method: string, name: string, handler: Handler, swarm = true) => {
		// {id} is one path segment; {name...} may span several (an image name has slashes).
		const pattern = new RegExp(`^${name.replaceAll(/\{\w+\.\.\.\}/g, '(.+)').replaceAll(/\{\w+\}/g, '([^/]+)')}$`);
		routes.push({method, name: `${method} ${name}`, pattern, swarm, handler});
	};

	route('GET', '/_ping', ({response}) => {
		response.writeHead(200, {...daemonHeaders, 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache', 'Content-Type': 'text/plain; charset=utf-8'});
		response.end('OK');
	}, false);
	route('HEAD', '/_ping', ({response}) => {
		response.writeHead(200, {...daemonHeaders, 'Content-Type': 'text/plain; charset=utf-8'});
		response.end();
	}, false);
	route('GET', '/version', () => engine.version(), false);
	route('GET', '/info', () => engine.info(), false);

	route('GET', '/services', ({query}) => engine.listServices(query.get('filters'), flag(query, 'status')));
	route('POST', '/services/create', async ({body, response}) => {
		sendJson(response, 201, engine.createService(await body() as never));
	});
	route('GET', '/services/{id}', ({params}) => engine.service(params[0]!));
	route('POST', '/services/{id}/update', async ({params, query, body}) => engine.updateService(
		params[0]!, query.get('version') ?? undefined, await body() as never, query.get('rollback') ?? undefined));
	route('DELETE', '/services/{id}', ({params, response}) => {
		engine.removeService(params[0]!);
		sendJson(response, 200, undefined);
	});
	route('GET', '/services/{id}/logs', context => serveLogs(context));

	route('GET', '/tasks', ({query}) => engine.listTasks(query.get('filters')));
	route('GET', '/tasks/{id}', ({params}) => engine.task(params[0]!));

	route('GET', '/nodes', ({query}) => engine.listNodes(query.get('filters')));
	route('GET', '/nodes/{id}', ({params}) => engine.node(params[0]!));
	route('POST', '/nodes/{id}/update', async ({params, query, body, response}) => {
		engine.updateNode(params[0]!, query.get('version') ?? undefined, await body() as never);
		sendJson(response, 200, undefined);
	});
	route('DELETE', '/nodes/{id}', ({params, query, response}) => {
		engine.removeNode(params[0]!, flag(query, 'force'));
		sendJson(response, 200, undefined);
	});

	route('GET', '/networks', () => engine.listNetworks(), false);
	route('GET', '/secrets', ({query}) => engine.listSecretsOrConfigs('secret', query.get('filters')));
	route('POST', '/secrets/create', async ({body, response}) => {
		sendJson(response, 201, engine.createSecretOrConfig('secret', await body() as never));
	});
	route('GET', '/configs', ({query}) => engine.listSecretsOrConfigs('config', query.get('filters')));
	route('POST', '/configs/create', async ({body, response}) => {
		sendJson(response, 201, engine.createSecretOrConfig('config', await body() as never));
	});
	route('GET', '/events', context => serveEvents(context), false);
	route('GET', '/distribution/{name...}/json', ({params}) => engine.distribution(params[0]!), false);

	function serveEvents({query, response}: Context): void {
		const filters = parseFilters(query.get('filters'), {has: isEventFilter} as ReadonlySet<string>);
		const since = seconds(query.get('since'));
		const until = seconds(query.get('until'));
		if (since !== undefined && until !== undefined && since > until) {
			throw daemonErrors.sinceAfterUntil(query.get('since')!, query.get('until')!);
		}

		response.writeHead(200, {...daemonHeaders, 'Content-Type': 'application/json'});
		response.flushHeaders();
		const nowSeconds = () => engine.clock.now() / 1000;
		const past = since === undefined && until === undefined ? [] : engine.pastEvents(filters, since, until);
		for (const event of past) {
			response.write(`${JSON.stringify(event)}\n`);
		}

		if (until !== undefined && until <= nowSeconds()) {
			response.end();
			return;
		}

		const stop = () => {
			unsubscribe();
			engine.clock.listeners.delete(checkUntil);
			eventStreams.delete(response);
			cleanups.delete(stop);
		};

		const unsubscribe = engine.store.onEvent(event => {
			if (eventMatches(event, filters)) {
				response.write(`${JSON.stringify(event)}\n`);
			}
		});
		const checkUntil = () => {
			if (until !== undefined && until <= nowSeconds()) {
				stop();
				response.end();
			}
		};

		engine.clock.listeners.add(checkUntil);
		eventStreams.add(response);
		cleanups.add(stop);
		response.on('close', stop);
	}

	function serveLogs({params, query, response}: Context): void {
		const service = engine.service(params[0]!);
		const logQuery: LogQuery = {
			stdout: flag(query, 'stdout'),
			stderr: flag(query, 'stderr'),
			tail: query.get('tail') === null || query.get('tail') === 'all' ? undefined : Math.max(0, Number.parseInt(query.get('tail')!, 10) || 0),
			since: seconds(query.get('since')),
			timestamps: flag(query, 'timestamps'),
			details: flag(query, 'details'),
			tty: Boolean(service.Spec.TaskTemplate.ContainerSpec?.TTY),
		};
		if (!logQuery.stdout && !logQuery.stderr) {
			throw daemonErrors.noLogStream();
		}

		response.writeHead(200, daemonHeaders);
		response.flushHeaders();
		for (const line of engine.logs.read(service.ID, logQuery)) {
			response.write(encodeLogLine(line, logQuery));
		}

		if (!flag(query, 'follow')) {
			response.end();
			return;
		}

		const stop = engine.logs.follow(service.ID, {...logQuery, tail: undefined}, line => {
			response.write(encodeLogLine(line, logQuery));
		});
		cleanups.add(stop);
		response.on('close', () => {
			stop();
			cleanups.delete(stop);
		});
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		requests.total++;
		const url = new URL(request.url ?? '/', 'http://engine');
		const path = url.pathname.replace(/^\/v\d+(?:\.\d+)?(?=\/)/, '');
		const match = routes
			.map(candidate => ({candidate, groups: candidate.method === request.method ? candidate.pattern.exec(path) : null}))
			.find(({groups}) => groups !== null);
		const name = match?.candidate.name ?? `${request.method ?? ''} ${path} (no such route)`;
		requests.byRoute.set(name, (requests.byRoute.get(name) ?? 0) + 1);
		self.beforeRoute?.(name);
		const fault = faults.get(name);
		if (fault?.kind === 'hang') {
			return;
		}

		if (fault?.kind === 'delay') {
			await new Promise(resolve => {
				setTimeout(resolve, fault.ms);
			});
		}

		try {
			if (fault?.kind === 'fail') {
				throw new EngineError(fault.status, fault.message);
			}

			if (!match) {
				throw daemonErrors.pageNotFound();
			}

			if (match.candidate.swarm && engine.role !== 'manager') {
				throw daemonErrors.notManager(engine.role);
			}

			let cached: Promise<unknown> | undefined;
			const body = async () => {
				cached ??= readBody(request);
				return cached;
			};

			const result = await match.candidate.handler({params: match.groups!.slice(1).map(decodeURIComponent), query: url.searchParams, body, request, response});
			if (!response.headersSent) {
				sendJson(response, 200, result);
			}
		} catch (error) {
			if (response.headersSent) {
				response.destroy();
				return;
			}

			const status = error instanceof EngineError ? error.statusCode : 500;
			sendJson(response, status, {message: (error as Error).message});
		}
	}

	const server = createServer((request, response) => {
		void handle(request, response);
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// Built before the socket listens: every request reads its beforeRoute.
	const self: EngineServer = {
		socketPath,
		host: `unix://${socketPath}`,
		requests,
		faults,
		beforeRoute: undefined,
		dropEventStreams() {
			for (const stream of [...eventStreams]) {
				stream.destroy();
			}
		},
		report() {
			const lines = [...requests.byRoute].sort((a, b) => b[1] - a[1]).map(([name, count]) => `  ${String(count).padStart(7)}  ${name}`);
			return [`requests: ${requests.total}`, ...lines].join('\n');
		},
		async close() {
			for (const cleanup of [...cleanups]) {
				cleanup();
			}

			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>(resolve => {
				server.close(() => {
					resolve();
				});
			});
			rmSync(socketPath, {force: true});
		},
	};

	rmSync(socketPath, {force: true});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			server.off('error', reject);
			resolve();
		});
	});

	return self;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		chunks.push(chunk as Buffer);
	}

	const text = Buffer.concat(chunks).toString('utf8');
	if (text.trim() === '') {
		return {};
	}

	try {
		return JSON.parse(text);
	} catch {
		throw new EngineError(400, `invalid character '${text.trim()[0] ?? ''}' looking for beginning of value`);
	}
}
