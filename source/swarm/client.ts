// The one door to the swarm. Screens receive a SwarmClient and nothing else, so tests can
// hand them a fake with the same shape.
import type Docker from 'dockerode';
import {createDocker, describeTarget, type ConnectionOptions} from './connection.js';
import {DockerError, ReadOnlyError, toDockerError} from './errors.js';
import {readEventStream} from './events.js';
import {nodeFromApi, serviceFromApi, taskFromApi} from './normalize.js';
import {explainInfo, explainPreflightError, type PreflightResult} from './preflight.js';
import type {PolicyKind, SwarmEvent, SwarmNode, SwarmService, SwarmTask, WriteResult} from './types.js';
import type {PolicyInput} from './validate.js';
import * as write from './write.js';

export type SwarmClient = {
	/** Where we connect, as DOCKER_HOST would say it. */
	readonly target: string;
	readonly readOnly: boolean;
	preflight(): Promise<PreflightResult>;
	listServices(): Promise<SwarmService[]>;
	inspectService(nameOrId: string): Promise<SwarmService>;
	/** upToDate: only tasks of the current spec (the CLI's filter for rollout progress). */
	listTasks(serviceId: string, options?: {upToDate?: boolean}): Promise<SwarmTask[]>;
	listNodes(): Promise<SwarmNode[]>;
	/**
	 * Service and node events until the signal aborts. `since` replays what happened while
	 * disconnected; `onOpen` is called once the daemon has accepted the stream.
	 */
	events(signal: AbortSignal, options?: EventStreamOptions): AsyncIterable<SwarmEvent>;
	scale(service: string, replicas: string): Promise<WriteResult>;
	/** One replica more or less than the daemon has at the moment of writing; never to 0. */
	scaleBy(service: string, by: 1 | -1): Promise<WriteResult>;
	setPolicies(service: string, input: Partial<Record<PolicyKind, PolicyInput>>): Promise<WriteResult>;
	setImage(service: string, image: string): Promise<WriteResult>;
	forceRedeploy(service: string): Promise<WriteResult>;
	rollback(service: string): Promise<WriteResult>;
	/** Requests sent so far: the benchmark checks swarmdeck does not hammer the manager. */
	readonly requestCount: number;
};

export type EventStreamOptions = {since?: Date; onOpen?: () => void};

export type SwarmClientOptions = ConnectionOptions & {
	readOnly?: boolean;
	/** How long a read may take before the daemon counts as unreachable. */
	timeoutMs?: number;
};

/** docker-modem waits forever by default: a silent host (a dropped packet, a hung ssh) would freeze the screen. */
export const defaultTimeoutMs = 15_000;

/**
 * Runs a request with a deadline. The request gets an AbortSignal, which docker-modem hands
 * to http.request: when the deadline passes (or `until` aborts) the request and its socket
 * are closed, not left open behind a promise nobody waits for, so retries against a silent
 * daemon do not pile up connections. The race stays as well, so the caller hears of the
 * timeout even if a library ignored the signal.
 */
export async function withDeadline<T>(
	request: (signal: AbortSignal) => Promise<T>,
	{timeoutMs, target, until}: {timeoutMs: number; target: string; until?: AbortSignal},
): Promise<T> {
	const controller = new AbortController();
	const cancel = () => {
		controller.abort();
	};

	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new DockerError(`No answer from the Docker daemon at ${target} after ${Number((timeoutMs / 1000).toFixed(1))} s. Is the address right, and is dockerd running there?`, undefined, true));
			controller.abort();
		}, timeoutMs);
	});
	until?.addEventListener('abort', cancel, {once: true});
	try {
		if (until?.aborted) {
			controller.abort();
		}

		return await Promise.race([request(controller.signal), timeout]);
	} finally {
		clearTimeout(timer);
		until?.removeEventListener('abort', cancel);
	}
}

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

export function createSwarmClient(options: SwarmClientOptions = {}): SwarmClient {
	const docker = createDocker(options);
	const target = describeTarget(options);
	const readOnly = options.readOnly ?? false;
	const counter = countRequests(docker);
	const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

	const read = async <T>(request: (signal: AbortSignal) => Promise<T>, until?: AbortSignal): Promise<T> => {
		try {
			return await withDeadline(request, {timeoutMs, target, until});
		} catch (error) {
			throw toDockerError(error, target);
		}
	};

	const guard = (action: string) => {
		if (readOnly) {
			throw new ReadOnlyError(action);
		}
	};

	return {
		target,
		readOnly,
		get requestCount() {
			return counter.count;
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
			return raw.map(service => serviceFromApi(service));
		},
		async inspectService(nameOrId) {
			return serviceFromApi(await read(async abortSignal => docker.getService(nameOrId).inspect({abortSignal})));
		},
		async listTasks(serviceId, {upToDate = false} = {}) {
			const filters = upToDate ? {service: [serviceId], '_up-to-date': ['true']} : {service: [serviceId]};
			const raw = await read(async abortSignal => docker.listTasks({filters: JSON.stringify(filters), abortSignal}));
			return raw.map(task => taskFromApi(task));
		},
		async listNodes() {
			const raw = await read(async abortSignal => docker.listNodes({abortSignal}));
			return raw.map(node => nodeFromApi(node));
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
		async scale(service, replicas) {
			guard('scale');
			return write.scale(docker, target, service, {replicas});
		},
		async scaleBy(service, by) {
			guard(by > 0 ? 'scale up' : 'scale down');
			return write.scale(docker, target, service, {by});
		},
		async setPolicies(service, input) {
			guard('changing the update policy');
			return write.setPolicies(docker, target, service, input);
		},
		async setImage(service, image) {
			guard('changing the image');
			return write.setImage(docker, target, service, image);
		},
		async forceRedeploy(service) {
			guard('force redeploy');
			return write.forceRedeploy(docker, target, service);
		},
		async rollback(service) {
			guard('rollback');
			return write.rollback(docker, target, service);
		},
	};
}
