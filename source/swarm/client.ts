// The one door to the swarm. Screens receive a SwarmClient and nothing else, so tests can
// hand them a fake with the same shape.
import type Docker from 'dockerode';
import {createDocker, describeTarget, type ConnectionOptions} from './connection.js';
import type {RawHealthConfig} from '../advisor/health.js';
import {inert, inertDeep} from '../text/inert.js';
import type {ReferenceLists} from '../spec/families.js';
import {DockerError, ReadOnlyError, toDockerError} from './errors.js';
import {withDeadline} from './deadline.js';
import {readEventStream} from './events.js';
import {readVersionedArray, type ReadItem} from './json-array.js';
import {readLogStream, type LogLine, type LogProblem} from './log-stream.js';
import {readChunks} from './stream-chunks.js';
import {nodeFromApi, resourceFromApi, serviceFromApi, taskFromApi} from './normalize.js';
import {explainInfo, explainPreflightError, type PreflightResult} from './preflight.js';
import type {RawServiceSpec, ResourceKind, SwarmEvent, SwarmNode, SwarmResource, SwarmService, SwarmTask} from './types.js';
import {VersionedCache} from './versioned-cache.js';
import {UnknownOutcomeError, writeService, type ServiceRef, type ServiceWrite, type WriteOutcome} from './write.js';
import {writeNode, type NodeRef, type NodeWrite, type NodeWriteOutcome} from './node-write.js';

export type SwarmClient = {
	/** Where we connect, as DOCKER_HOST would say it (with the context's name, from a context). */
	readonly target: string;
	/** The docker context the address came from, if it came from one. */
	readonly context?: string;
	readonly readOnly: boolean;
	preflight(): Promise<PreflightResult>;
	listServices(): Promise<SwarmService[]>;
	inspectService(nameOrId: string): Promise<SwarmService>;
	/** upToDate: only tasks of the current spec (the CLI's filter for rollout progress). */
	/** Tasks of one service, or of several in one request (the daemon ORs the IDs). */
	listTasks(serviceIds: string | readonly string[], options?: {upToDate?: boolean}): Promise<SwarmTask[]>;
	listNodes(): Promise<SwarmNode[]>;
	/** Secrets, configs or networks, as their lists show them: never a secret's data (the list has none) nor a config's. */
	listResources(kind: ResourceKind): Promise<SwarmResource[]>;
	/** Tasks across services: on one node (`docker node ps`), or every task meant to run (to count them per node). */
	listTasksWhere(where: {nodeId: string} | {desiredState: 'running'}): Promise<SwarmTask[]>;
	/**
	 * The HEALTHCHECK of an image as this daemon holds it: null when the image has none,
	 * undefined when the daemon has no copy (a manager that never ran the service's tasks).
	 */
	imageHealthCheck(image: string): Promise<RawHealthConfig | null | undefined>;
	/** The secrets, configs and networks a service can name, by ID and name (never a secret's data). */
	listReferences(): Promise<ReferenceLists>;
	/**
	 * Service and node events until the signal aborts. `since` replays what happened while
	 * disconnected; `onOpen` is called once the daemon has accepted the stream.
	 */
	events(signal: AbortSignal, options?: EventStreamOptions): AsyncIterable<SwarmEvent>;
	/**
	 * The logs of a service (every task) or of one task, following, until the signal aborts:
	 * lines in the batches they arrive in, with their timestamps and task details.
	 */
	logs(target: LogTarget, request: LogRequest, signal: AbortSignal): AsyncIterable<Array<LogLine | LogProblem>>;
	/**
	 * Changes a service: inspects it, checks it is still what the person decided on, applies
	 * the write and sends it. `decidedSpec` is the spec that was shown, to say what changed if
	 * the service moved on meanwhile.
	 */
	writeService(service: ServiceRef, write: ServiceWrite, decidedSpec?: RawServiceSpec): Promise<WriteOutcome>;
	/** Creates a service from a whole spec (`docker service create`): its new ID, and the daemon's warnings. */
	createService(spec: RawServiceSpec): Promise<{id: string; warnings: string[]}>;
	/** Changes a node, guarded by the version it was decided on (see node-write.ts). */
	writeNode(node: NodeRef, write: NodeWrite, decided?: SwarmNode): Promise<NodeWriteOutcome>;
	/** Requests sent so far: the benchmark checks swarmdeck does not hammer the manager. */
	readonly requestCount: number;
	/** Lets go of the connection (an ssh session) once another swarm is shown instead. */
	close?(): void;
};

export type LogTarget = {kind: 'service' | 'task'; id: string};

/** How far back a log starts: the last `tail` lines of each task, or every line since `since`. */
export type LogRequest = {tail?: number; since?: Date};

export type EventStreamOptions = {since?: Date; onOpen?: () => void};

export type SwarmClientOptions = ConnectionOptions & {
	readOnly?: boolean;
	/** How long a read may take before the daemon counts as unreachable. */
	timeoutMs?: number;
	/** How long a write may take before its outcome counts as unknown. */
	writeTimeoutMs?: number;
	/** An Engine API client to use instead of one built from the connection options. */
	docker?: Docker;
};

/** docker-modem waits forever by default: a silent host (a dropped packet, a hung ssh) would freeze the screen. */
export const defaultTimeoutMs = 15_000;

/** A write that took this long is read back to tell whether it was applied. */
export const defaultWriteTimeoutMs = 30_000;

/** Counts every HTTP request dockerode makes through this modem. */
function countRequests(docker: Docker): {readonly count: number} {
	const counter = {count: 0};
	const modem = docker.modem as unknown as {dial: (...args: unknown[]) => unknown};
	const dial = modem.dial.bind(modem);
	modem.dial = (...args: unknown[]) => {
		counter.count++;
		return dial(...args);
	};

	return counter;
}

/** A task or node is the same while its version is. */
function versionKey(raw: {Version?: {Index?: number}}): string | undefined {
	return raw.Version?.Index === undefined ? undefined : String(raw.Version.Index);
}

/**
 * A service's task counts are computed per request, apart from its version. Its update
 * status bumps the version on a daemon, and is in the key anyway: it is small, and it is
 * what a screen must never show stale.
 */
function serviceKey(raw: {Version?: {Index?: number}; ServiceStatus?: object; UpdateStatus?: object}): string | undefined {
	const version = versionKey(raw);
	return version === undefined ? undefined : `${version} ${JSON.stringify([raw.ServiceStatus, raw.UpdateStatus])}`;
}

/** Statuses whose answer this client reads itself; any other is docker-modem's error. */
const answeredStatuses = {200: true, 400: true, 404: true, 500: true, 503: true} as const;

/**
 * GET `path` with `query`, its body as bytes: unparsed, so that a long list can be read item
 * by item (json-array.ts). A status other than 200 is thrown as docker-modem throws it, with
 * the daemon's JSON, so that toDockerError tells the daemon's own words.
 */
async function getBytes(docker: Docker, path: string, query: Record<string, string>, abortSignal: AbortSignal): Promise<Buffer> {
	const modem = docker.modem as unknown as {dial: (options: object, callback: (error: unknown, stream?: NodeJS.ReadableStream & {statusCode?: number}) => void) => void};
	const stream = await new Promise<NodeJS.ReadableStream & {statusCode?: number}>((resolve, reject) => {
		modem.dial({path: `${path}?`, method: 'GET', options: query, isStream: true, statusCodes: answeredStatuses, abortSignal}, (error, answer) => {
			if (error || !answer) {
				reject(error ?? new Error(`no answer to GET ${path}`));
			} else {
				resolve(answer);
			}
		});
	});
	const chunks: Buffer[] = [];
	for await (const chunk of readChunks(stream, abortSignal)) {
		chunks.push(chunk);
	}

	abortSignal.throwIfAborted();
	const body = Buffer.concat(chunks);
	if (stream.statusCode !== undefined && stream.statusCode !== 200) {
		let json: unknown = body;
		try {
			json = JSON.parse(body.toString('utf8'));
		} catch {
			// Not JSON: the text itself is the daemon's message.
		}

		throw Object.assign(new Error(`(HTTP code ${stream.statusCode}) ${path}`), {statusCode: stream.statusCode, json});
	}

	return body;
}

export function createSwarmClient(options: SwarmClientOptions = {}): SwarmClient {
	const docker = options.docker ?? createDocker(options);
	const target = describeTarget(options);
	const readOnly = options.readOnly ?? false;
	const counter = countRequests(docker);
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
	const writeTimeoutMs = options.writeTimeoutMs ?? defaultWriteTimeoutMs;

	const read = async <T>(request: (signal: AbortSignal) => Promise<T>, until?: AbortSignal): Promise<T> => {
		try {
			return await withDeadline(request, {timeoutMs, target, until});
		} catch (error) {
			throw toDockerError(error, target);
		}
	};

	const services = new VersionedCache<SwarmService>();
	const tasks = new VersionedCache<ReadItem<SwarmTask>>();

	/**
	 * GET /tasks: a task whose bytes are unchanged since an earlier poll is the same object
	 * and is not even parsed; the others are parsed and normalized.
	 */
	const readTasks = async (filters: Record<string, string[]>): Promise<SwarmTask[]> => {
		const body = await read(async abortSignal => getBytes(docker, '/tasks', {filters: JSON.stringify(filters)}, abortSignal));
		try {
			return readVersionedArray(body, tasks, json => taskFromApi(json));
		} catch (error) {
			throw toDockerError(error, target);
		}
	};

	const guard = (action: string) => {
		if (readOnly) {
			throw new ReadOnlyError(action);
		}
	};

	/** Secrets, configs or networks, from their lists only. */
	const listResources = async (kind: ResourceKind): Promise<SwarmResource[]> => {
		// dockerode passes options on to the request at run time; its types just do not say so.
		type List = (options: {abortSignal: AbortSignal}) => Promise<unknown[]>;
		const list = ({secret: docker.listSecrets, config: docker.listConfigs, network: docker.listNetworks}[kind] as unknown as List).bind(docker);
		const raw = await read(async abortSignal => list({abortSignal}));
		return raw.map(resource => resourceFromApi(kind, resource));
	};

	return {
		target,
		...(options.context === undefined ? {} : {context: options.context}),
		readOnly,
		get requestCount() {
			return counter.count;
		},
		close() {
			// Only an ssh:// host holds something open between requests (see ssh.ts).
			(docker.modem as {agent?: {session?: {close: () => void}}}).agent?.session?.close();
		},
		async preflight() {
			try {
				// dockerode passes options to /info at run time; its types just do not say so.
				const info = docker.info.bind(docker) as unknown as (options: {abortSignal: AbortSignal}) => Promise<unknown>;
				return explainInfo(await withDeadline(async abortSignal => info({abortSignal}), {timeoutMs, target}), target);
			} catch (error) {
				return explainPreflightError(error, target);
			}
		},
		async listServices() {
			const raw = await read(async abortSignal => docker.listServices({status: true, abortSignal} as Record<string, unknown>));
			return raw.map(service => services.get(service.ID, serviceKey(service), () => serviceFromApi(service)));
		},
		async inspectService(nameOrId) {
			return serviceFromApi(await read(async abortSignal => docker.getService(nameOrId).inspect({abortSignal})));
		},
		async listTasks(serviceIds, {upToDate = false} = {}) {
			const service = typeof serviceIds === 'string' ? [serviceIds] : [...serviceIds];
			return readTasks(upToDate ? {service, '_up-to-date': ['true']} : {service});
		},
		async listNodes() {
			const raw = await read(async abortSignal => docker.listNodes({abortSignal}));
			return raw.map(node => nodeFromApi(node));
		},
		listResources,
		async imageHealthCheck(image) {
			// A spec pinned by digest (`name:tag@sha256:…`) is found by its digest when the image
			// came from a registry, and by its name alone when it was built or loaded on the node.
			for (const reference of new Set([image, image.split('@')[0]!])) {
				try {
					const raw = await read(async abortSignal => docker.getImage(reference).inspect({abortSignal} as Record<string, unknown>)) as {Config?: {Healthcheck?: RawHealthConfig}};
					return inertDeep(raw.Config?.Healthcheck) ?? null;
				} catch (error) {
					if (!(error instanceof DockerError && error.statusCode === 404)) {
						throw error;
					}
				}
			}

			return undefined;
		},
		async listTasksWhere(where) {
			return readTasks('nodeId' in where ? {node: [where.nodeId]} : {'desired-state': [where.desiredState]});
		},
		async * events(signal, {since, onOpen} = {}) {
			const query = {
				filters: JSON.stringify({type: ['service', 'node']}),
				// Seconds with a fraction, as the Engine API takes timestamps.
				...(since ? {since: Number((since.getTime() / 1000).toFixed(3))} : {}),
			};
			// The deadline covers opening the stream only: an idle stream is silent by design.
			// Once open, readEventStream closes it when `signal` aborts.
			const stream = await read(async abortSignal => docker.getEvents({...query, abortSignal}) as Promise<NodeJS.ReadableStream>, signal);
			onOpen?.();
			yield * readEventStream(stream, signal);
		},
		async * logs(logTarget, {tail, since}, signal) {
			// Timestamps always, to merge the replicas in order (shown only when asked for);
			// details name each line's task and node, as the CLI's own request does.
			const query = {
				follow: true,
				stdout: true,
				stderr: true,
				timestamps: true,
				details: true,
				tail: tail === undefined ? 'all' : String(tail),
				...(since ? {since: Number((since.getTime() / 1000).toFixed(3))} : {}),
			};
			// dockerode's types leave out Task#logs, which it has (GET /tasks/{id}/logs).
			type WithLogs = {logs: (options: Record<string, unknown>) => Promise<unknown>};
			const resource = (logTarget.kind === 'service' ? docker.getService(logTarget.id) : docker.getTask(logTarget.id)) as unknown as WithLogs;
			// No deadline while opening: a daemon with nothing to send yet may hold its answer
			// back until the first line. The signal closes the request whatever its stage.
			let stream: NodeJS.ReadableStream;
			try {
				stream = await resource.logs({...query, abortSignal: signal}) as NodeJS.ReadableStream;
			} catch (error) {
				if (signal.aborted) {
					return;
				}

				throw toDockerError(error, target);
			}

			yield * readLogStream(stream, signal);
		},
		async listReferences() {
			const [secrets, configs, networks, published] = await Promise.all([
				listResources('secret'),
				listResources('config'),
				listResources('network'),
				read(async abortSignal => docker.listServices({abortSignal} as Record<string, unknown>)),
			]);
			const named = (resources: readonly SwarmResource[]) => resources.map(({id, name}) => ({id, name}));
			return {
				secrets: named(secrets),
				configs: named(configs),
				networks: networks.map(({id, name, scope, ingress}) => ({id, name, scope, ...(ingress ? {ingress} : {})})),
				publishedPorts: (published as Array<{ID: string; Spec?: RawServiceSpec}>).flatMap(service => ((service.Spec?.EndpointSpec?.Ports ?? []) as Array<{PublishedPort?: number; Protocol?: string; PublishMode?: string}>)
					.filter(port => port.PublishedPort && (port.PublishMode ?? 'ingress') === 'ingress')
					.map(port => ({serviceId: service.ID, service: inert(service.Spec?.Name ?? service.ID), port: port.PublishedPort!, protocol: port.Protocol ?? 'tcp'}))),
			};
		},
		async writeService(service, write, decidedSpec) {
			guard(write.kind === 'update' ? 'changing a service' : write.kind);
			return writeService(docker, service, write, {timeoutMs: writeTimeoutMs, target}, decidedSpec);
		},
		async createService(spec) {
			guard('create');
			try {
				const created = await withDeadline(async signal => docker.createService({...spec, abortSignal: signal} as unknown as Docker.CreateServiceOptions) as Promise<{ID?: string; id?: string; Warnings?: string[] | null}>, {timeoutMs: writeTimeoutMs, target, timedOut: () => new UnknownOutcomeError(`No answer to the create within ${writeTimeoutMs / 1000} s: whether ${inert(spec.Name ?? '')} was created is unknown. Look at the services before you try again.`)});
				return {id: created.ID ?? created.id ?? '', warnings: (created.Warnings ?? []).map(warning => inert(warning))};
			} catch (error) {
				if (error instanceof UnknownOutcomeError) {
					throw error;
				}

				throw toDockerError(error, target);
			}
		},
		async writeNode(node, write, decided) {
			guard('changing a node');
			return writeNode(docker, node, write, {timeoutMs: writeTimeoutMs, target}, decided);
		},
	};
}
