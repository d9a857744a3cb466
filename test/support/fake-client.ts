// swarmdeck's real client over an in-memory stand-in for dockerode, for component tests.
// Services, tasks and nodes are kept in swarmdeck's own shapes (easy to write in a test),
// handed out as the Engine API's JSON, and written to as the daemon does: version checks,
// PreviousSpec, rollback. So the real normalising, validation and write layer run in every
// test, and a test can assert what was sent, or that nothing was.
import {PassThrough, Readable} from 'node:stream';
import type Docker from 'dockerode';
import type {RawHealthConfig} from '../../source/advisor/health.js';
import {createSwarmClient, type SwarmClient} from '../../source/swarm/client.js';
import {policyOf} from '../../source/spec/read.js';
import type {PreflightResult} from '../../source/swarm/preflight.js';
import {specDigest} from '../../source/spec/digest.js';
import {policyFields} from '../../source/spec/edits.js';
import type {ReferenceLists} from '../../source/spec/families.js';
import type {PolicyKind, RawServiceSpec, ServiceMode, SwarmEvent, SwarmNode, SwarmService, SwarmTask, UpdatePolicy} from '../../source/swarm/types.js';

/** What a write changed, in a test's words: `{action: 'scale', service: 'vote', payload: 7}`. */
export type SentWrite = {action: 'scale' | 'policy' | 'image' | 'force' | 'rollback' | 'update' | 'node' | 'remove' | 'create'; service: string; payload?: unknown};

/** A node as a test writes it: ready, active, a worker, unless told otherwise. */
export function makeNode(overrides: Partial<SwarmNode> & {hostname: string}): SwarmNode {
	const node: SwarmNode = {
		id: `id-${overrides.hostname}`,
		role: 'worker',
		availability: 'active',
		state: 'ready',
		address: '10.0.0.1',
		isLeader: false,
		version: 30,
		engineVersion: '20.10.24',
		labels: {},
		specDigest: '',
		...(overrides.role === 'manager' ? {reachability: 'reachable' as const} : {}),
		...overrides,
	};
	return {...node, specDigest: specDigest(nodeSpecOf(node))};
}

/** The node's Spec as the daemon hands it out. */
function nodeSpecOf(node: SwarmNode) {
	return {Labels: {...node.labels}, Role: node.role, Availability: node.availability};
}

export function makeService(overrides: Partial<SwarmService> & {name: string}): SwarmService {
	const mode: ServiceMode = overrides.mode ?? 'replicated';
	const replicas = mode === 'replicated' || mode === 'replicated-job' ? overrides.replicas ?? 1 : undefined;
	const image = overrides.image ?? 'swarmdeck/vote:latest';
	const modes: Record<ServiceMode, RawServiceSpec['Mode']> = {
		replicated: {Replicated: {Replicas: replicas}},
		global: {Global: {}},
		'replicated-job': {ReplicatedJob: {MaxConcurrent: 1, TotalCompletions: replicas}},
		'global-job': {GlobalJob: {}},
	};
	const spec: RawServiceSpec = overrides.spec ?? {
		Name: overrides.name,
		...(overrides.stack ? {Labels: {'com.docker.stack.namespace': overrides.stack}} : {}),
		TaskTemplate: {ContainerSpec: {Image: image}},
		Mode: modes[mode],
		...(overrides.updatePolicy ? {UpdateConfig: policyToApi(overrides.updatePolicy)} : {}),
		...(overrides.rollbackPolicy ? {RollbackConfig: policyToApi(overrides.rollbackPolicy)} : {}),
	};
	return {
		id: overrides.id ?? `id-${overrides.name}`,
		version: 10,
		mode,
		replicas,
		runningTasks: replicas ?? 3,
		desiredTasks: replicas ?? 3,
		image,
		ports: [],
		updatePolicy: policyOf(spec.UpdateConfig),
		rollbackPolicy: policyOf(spec.RollbackConfig),
		hasPreviousSpec: Boolean(overrides.previousSpec),
		specDigest: specDigest(spec),
		previousSpecDigest: specDigest(overrides.previousSpec),
		createdAt: new Date('2026-11-21T10:00:00Z'),
		updatedAt: new Date('2026-11-21T10:00:00Z'),
		spec,
		...overrides,
	};
}

function policyToApi(policy: UpdatePolicy) {
	return {
		Parallelism: policy.parallelism,
		Delay: policy.delay,
		FailureAction: policy.failureAction,
		Monitor: policy.monitor,
		MaxFailureRatio: policy.maxFailureRatio,
		Order: policy.order,
	};
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Engine API JSON */
type RawService = {ID: string; Version: {Index: number}; Spec: RawServiceSpec; PreviousSpec?: RawServiceSpec; [key: string]: any};

const iso = (date: Date | undefined) => date?.toISOString();

/** A service as `GET /services/{id}` returns it. */
function toRawService(service: SwarmService): RawService {
	const {updateStatus} = service;
	return {
		ID: service.id,
		Version: {Index: service.version},
		CreatedAt: iso(service.createdAt),
		UpdatedAt: iso(service.updatedAt),
		Spec: structuredClone(service.spec),
		...(service.previousSpec ? {PreviousSpec: structuredClone(service.previousSpec)} : {}),
		Endpoint: {Ports: service.ports.map(port => ({Protocol: port.protocol, TargetPort: port.targetPort, PublishedPort: port.publishedPort, PublishMode: port.publishMode}))},
		...(updateStatus ? {UpdateStatus: {State: updateStatus.state, Message: updateStatus.message, StartedAt: iso(updateStatus.startedAt), CompletedAt: iso(updateStatus.completedAt)}} : {}),
		ServiceStatus: {RunningTasks: service.runningTasks, DesiredTasks: service.desiredTasks},
	};
}

function toRawTask(task: SwarmTask): any {
	return {
		ID: task.id,
		ServiceID: task.serviceId,
		Slot: task.slot,
		NodeID: task.nodeId,
		DesiredState: task.desiredState,
		CreatedAt: iso(task.createdAt),
		Status: {State: task.state, Timestamp: iso(task.stateSince), Err: task.error, Message: task.message, PortStatus: {Ports: task.ports.map(port => ({Protocol: port.protocol, TargetPort: port.targetPort, PublishedPort: port.publishedPort, PublishMode: port.publishMode}))}},
		Spec: {ContainerSpec: {Image: task.image}},
	};
}

function toRawNode(node: SwarmNode): any {
	return {
		ID: node.id,
		Version: {Index: node.version},
		Description: {Hostname: node.hostname, Engine: {EngineVersion: node.engineVersion}},
		Spec: nodeSpecOf(node),
		Status: {State: node.state, Addr: node.address},
		...(node.role === 'manager' ? {ManagerStatus: {...(node.isLeader ? {Leader: true} : {}), Reachability: node.reachability ?? 'reachable'}} : {}),
	};
}

function toRawEvent(event: SwarmEvent): any {
	return {
		Type: event.type,
		Action: event.action,
		Actor: {ID: event.id, Attributes: event.attributes},
		time: Math.floor(event.time.getTime() / 1000),
		timeNano: event.time.getTime() * 1e6,
	};
}

/** An error as docker-modem reports the daemon's: a status code and the daemon's JSON. */
export function daemonError(statusCode: number, message: string): Error {
	return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), {statusCode, json: {message}});
}

const policyKeys: Record<PolicyKind, 'UpdateConfig' | 'RollbackConfig'> = {update: 'UpdateConfig', rollback: 'RollbackConfig'};

/** Names what a write changed, the way the tests speak of it. */
function describeWrite(before: RawServiceSpec, after: RawServiceSpec, service: string, rollback: boolean): SentWrite {
	if (rollback) {
		return {action: 'rollback', service};
	}

	const policies: Partial<Record<PolicyKind, Record<string, unknown>>> = {};
	for (const kind of ['update', 'rollback'] as const) {
		const from = policyOf(before[policyKeys[kind]]);
		const to = policyOf(after[policyKeys[kind]]);
		const changed = Object.fromEntries(policyFields.filter(field => from[field] !== to[field]).map(field => [field, to[field]]));
		policies[kind] = changed;
	}

	const same = (pick: (spec: RawServiceSpec) => unknown) => JSON.stringify(pick(before)) === JSON.stringify(pick(after));
	if (Object.keys(policies.update!).length + Object.keys(policies.rollback!).length > 0) {
		return {action: 'policy', service, payload: policies};
	}

	if (!same(spec => spec.TaskTemplate?.ContainerSpec?.Image)) {
		return {action: 'image', service, payload: after.TaskTemplate?.ContainerSpec?.Image};
	}

	if (!same(spec => spec.TaskTemplate?.ForceUpdate)) {
		return {action: 'force', service};
	}

	if (!same(spec => spec.Mode)) {
		return {action: 'scale', service, payload: after.Mode?.Replicated?.Replicas ?? after.Mode?.ReplicatedJob?.TotalCompletions};
	}

	return {action: 'update', service, payload: after};
}

/** A log line as a test writes it: the fake sends it with its timestamp and task details, multiplexed. */
export type FakeLogLine = {serviceId: string; taskId: string; nodeId: string; time: string; text: string; stream?: 'stdout' | 'stderr'};

/** A log stream swarmdeck has open: what it asked for, and the stream to write to. */
type OpenLog = {kind: 'service' | 'task'; id: string; query: Record<string, unknown>; stream: PassThrough};

/** One multiplexed frame: stream byte, three zeros, big-endian length, payload. */
export function logFrame(stream: 'stdout' | 'stderr', payload: string): Buffer {
	const body = Buffer.from(payload);
	const header = Buffer.alloc(8);
	header[0] = stream === 'stdout' ? 1 : 2;
	header.writeUInt32BE(body.length, 4);
	return Buffer.concat([header, body]);
}

type Options = {
	services?: SwarmService[];
	tasks?: Record<string, SwarmTask[]>;
	nodes?: SwarmNode[];
	readOnly?: boolean;
	preflight?: PreflightResult;
	/** Images this daemon holds, by reference, with their HEALTHCHECK (null: none). Others are not found. */
	images?: Record<string, RawHealthConfig | null>;
	/** The swarm's secrets, configs and networks, by ID and name. */
	references?: Partial<ReferenceLists>;
	/** Secrets, configs and networks as the Engine API lists them, in full (a secret's list has no data); instead of `references`. */
	secrets?: readonly object[];
	configs?: readonly object[];
	networks?: readonly object[];
};

/** The in-memory daemon: the few dockerode calls swarmdeck's client makes. */
class FakeDocker {
	services: SwarmService[];
	tasks: Map<string, SwarmTask[]>;
	nodes: SwarmNode[];
	readonly sent: SentWrite[] = [];
	failWith?: Error;
	rejectWrites?: Error;
	writeDelayMs = 0;
	/** While set, writes wait for it: a daemon still busy with a write, for as long as a test needs. */
	held?: Promise<void>;
	/** Requests answered, for tests of how often swarmdeck asks. */
	requests = 0;
	private readonly streams = new Set<PassThrough>();
	readonly logStreams = new Set<OpenLog>();
	/** The daemon's answer to a logs request, when it refuses one. */
	logsError?: Error;
	/**
	 * docker-modem's dial, for the one request the client sends through it (GET /tasks,
	 * read as bytes); the stand-in's methods answer the others. Requests are counted by
	 * the stand-in itself.
	 */
	readonly modem = {
		dial: (request: {path: string; options: {filters: string}}, callback: (error: unknown, answer?: Readable & {statusCode: number}) => void) => {
			if (request.path !== '/tasks?') {
				callback(new Error(`the stand-in does not answer ${request.path}`));
				return;
			}

			this.listTasks(request.options).then(tasks => {
				callback(null, Object.assign(Readable.from([Buffer.from(JSON.stringify(tasks))]), {statusCode: 200}));
			}, (error: unknown) => {
				callback(error);
			});
		},
	};

	constructor(private readonly options: Options) {
		this.services = options.services ?? [];
		this.tasks = new Map(Object.entries(options.tasks ?? {}));
		this.nodes = options.nodes ?? [];
	}

	emit(event: SwarmEvent): void {
		for (const stream of this.streams) {
			stream.write(`${JSON.stringify(toRawEvent(event))}\n`);
		}
	}

	/** Requests started and not yet answered. */
	pending = 0;
	/** How long the daemon takes to answer: 0 answers on the next microtask, before any key. */
	answerDelayMs = 0;

	private async answer<T>(value: () => T): Promise<T> {
		this.requests++;
		this.pending++;
		try {
			await (this.answerDelayMs > 0 ? new Promise(resolve => {
				setTimeout(resolve, this.answerDelayMs);
			}) : Promise.resolve());
			if (this.failWith) {
				throw this.failWith;
			}

			return structuredClone(value());
		} finally {
			this.pending--;
		}
	}

	private find(nameOrId: string): SwarmService {
		const service = this.services.find(candidate => candidate.id === nameOrId || candidate.name === nameOrId);
		if (!service) {
			throw daemonError(404, `service ${nameOrId} not found`);
		}

		return service;
	}

	async info() {
		const preflight = this.options.preflight ?? {ok: true, nodeName: 'node1', serverVersion: '20.10.24'};
		return this.answer(() => ({
			Name: preflight.ok ? preflight.nodeName : 'node1',
			ServerVersion: preflight.ok ? preflight.serverVersion : '20.10.24',
			Swarm: preflight.ok ? {LocalNodeState: 'active', ControlAvailable: true} : {LocalNodeState: 'inactive'},
		}));
	}

	async listServices() {
		return this.answer(() => this.services.map(service => toRawService(service)));
	}

	async listTasks({filters}: {filters: string}) {
		const parsed = JSON.parse(filters) as {service?: string[]; node?: string[]; 'desired-state'?: string[]; '_up-to-date'?: string[]};
		const upToDate = parsed['_up-to-date']?.[0] === 'true';
		if (!parsed.service) {
			// Across services, as `docker node ps` and the count per node ask.
			return this.answer(() => [...this.tasks.values()].flat()
				.filter(task => (!parsed.node || parsed.node.includes(task.nodeId ?? '')) && (!parsed['desired-state'] || parsed['desired-state'].includes(task.desiredState)))
				.map(task => toRawTask(task)));
		}

		return this.answer(() => (parsed.service ?? []).flatMap(id => this.tasks.get(id) ?? [])
			// Up to date: the fake treats tasks meant to run as those of the current spec.
			.filter(task => !upToDate || task.desiredState === 'running' || task.desiredState === 'ready')
			.map(task => toRawTask(task)));
	}

	async listNodes() {
		return this.answer(() => this.nodes.map(node => toRawNode(node)));
	}

	async listSecrets() {
		return this.answer(() => this.options.secrets ?? (this.options.references?.secrets ?? []).map(secret => ({ID: secret.id, Spec: {Name: secret.name}})));
	}

	async listConfigs() {
		return this.answer(() => this.options.configs ?? (this.options.references?.configs ?? []).map(config => ({ID: config.id, Spec: {Name: config.name}})));
	}

	async listNetworks() {
		return this.answer(() => this.options.networks ?? (this.options.references?.networks ?? []).map(network => ({Id: network.id, Name: network.name, Scope: network.scope ?? 'swarm', ...(network.ingress ? {Ingress: true} : {})})));
	}

	async getEvents() {
		this.requests++;
		if (this.failWith) {
			throw this.failWith;
		}

		const stream = new PassThrough();
		this.streams.add(stream);
		stream.on('close', () => this.streams.delete(stream));
		return stream;
	}

	getImage(reference: string) {
		return {
			inspect: async () => this.answer(() => {
				const health = this.options.images?.[reference];
				if (health === undefined) {
					throw daemonError(404, `No such image: ${reference}`);
				}

				return {Id: `sha256:${reference}`, Config: health ? {Healthcheck: health} : {}};
			}),
		};
	}

	getNode(id: string) {
		const find = () => {
			const node = this.nodes.find(candidate => candidate.id === id || candidate.hostname === id);
			if (!node) {
				throw daemonError(404, `node ${id} not found`);
			}

			return node;
		};

		return {
			inspect: async () => this.answer(() => toRawNode(find())),
			update: async ({_query: query, _body: body}: {_query: {version: number}; _body: {Labels?: Record<string, string>; Role?: string; Availability?: string}}) => this.answer(() => {
				const error = this.rejectWrites;
				if (error) {
					throw error;
				}

				const node = find();
				if (query.version !== node.version) {
					throw daemonError(500, 'rpc error: code = Unknown desc = update out of sequence');
				}

				const managers = this.nodes.filter(candidate => candidate.role === 'manager');
				if (node.role === 'manager' && body.Role === 'worker' && managers.length === 1) {
					throw daemonError(400, 'rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm');
				}

				this.sent.push({action: 'node', service: node.hostname, payload: body});
				Object.assign(node, {
					labels: {...body.Labels},
					role: body.Role ?? node.role,
					availability: body.Availability ?? node.availability,
					version: node.version + 1,
					specDigest: specDigest(body),
				});
				return undefined;
			}),
		};
	}

	/** `GET /services/{id}/logs` or `/tasks/{id}/logs` with follow: a stream that stays open until closed. */
	private async openLogs(kind: OpenLog['kind'], id: string, query: Record<string, unknown>) {
		this.requests++;
		await Promise.resolve();
		const error = this.failWith ?? this.logsError;
		if (error) {
			throw error;
		}

		if (kind === 'service') {
			this.find(id);
		}

		const stream = new PassThrough();
		const open: OpenLog = {kind, id, query, stream};
		this.logStreams.add(open);
		stream.on('close', () => this.logStreams.delete(open));
		return stream;
	}

	writeLog(line: FakeLogLine): void {
		const payload = `${line.time} com.docker.swarm.node.id=${line.nodeId},com.docker.swarm.service.id=${line.serviceId},com.docker.swarm.task.id=${line.taskId} ${line.text}\n`;
		for (const open of this.logStreams) {
			if ((open.kind === 'service' && open.id === line.serviceId) || (open.kind === 'task' && open.id === line.taskId)) {
				open.stream.write(logFrame(line.stream ?? 'stdout', payload));
			}
		}
	}

	getTask(id: string) {
		return {logs: async (query: Record<string, unknown>) => this.openLogs('task', id, query)};
	}

	/** The daemon's side of `POST /services/create`: a name taken is refused as the daemon does; the rest of the spec is kept as sent. */
	async createService(options: RawServiceSpec & {abortSignal?: AbortSignal}) {
		const spec: RawServiceSpec = {...options};
		delete spec['abortSignal'];
		return this.answer(() => {
			if (this.rejectWrites) {
				throw this.rejectWrites;
			}

			const name = spec.Name ?? '';
			if (this.services.some(service => service.name === name)) {
				throw daemonError(409, `rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${name} already exists`);
			}

			const mode = spec.Mode?.Global ? 'global' : 'replicated';
			const service = makeService({name, id: `id-${name}`, spec, mode, image: spec.TaskTemplate?.ContainerSpec?.Image ?? '', ...(mode === 'replicated' ? {replicas: spec.Mode?.Replicated?.Replicas ?? 1} : {})});
			this.services = [...this.services, service];
			this.sent.push({action: 'create', service: name, payload: spec});
			return {id: service.id};
		});
	}

	getService(nameOrId: string) {
		return {
			logs: async (query: Record<string, unknown>) => this.openLogs('service', nameOrId, query),
			inspect: async () => this.answer(() => toRawService(this.find(nameOrId))),
			update: async (options: {_query: {version: number; rollback?: string}; _body: RawServiceSpec}) => {
				this.pending++;
				try {
					return await this.update(nameOrId, options);
				} finally {
					this.pending--;
				}
			},
			remove: async () => this.answer(() => {
				if (this.rejectWrites) {
					throw this.rejectWrites;
				}

				const service = this.find(nameOrId);
				this.services = this.services.filter(candidate => candidate !== service);
				this.tasks.delete(service.id);
				this.sent.push({action: 'remove', service: service.name});
				return '';
			}),
		};
	}

	/** The daemon's side of `POST /services/{id}/update`: the version check, then the new spec in force. */
	private async update(nameOrId: string, {_query: query, _body: body}: {_query: {version: number; rollback?: string}; _body: RawServiceSpec}) {
		this.requests++;
		if (this.writeDelayMs > 0) {
			await new Promise(resolve => {
				setTimeout(resolve, this.writeDelayMs);
			});
		}

		await this.held;

		const error = this.failWith ?? this.rejectWrites;
		if (error) {
			throw error;
		}

		const service = this.find(nameOrId);
		if (query.version !== service.version) {
			throw daemonError(500, 'rpc error: code = Unknown desc = update out of sequence');
		}

		const rollback = query.rollback === 'previous';
		if (rollback && !service.previousSpec) {
			throw daemonError(400, `service ${service.id} does not have a previous spec`);
		}

		this.sent.push(describeWrite(service.spec, rollback ? service.previousSpec! : body, service.name, rollback));
		this.apply(service, rollback ? service.previousSpec! : structuredClone(body), service.spec);
		return {Warnings: null};
	}

	/** Someone else changes the service (another operator, the orchestrator): a new spec and version. */
	changeBehindTheScenes(nameOrId: string, change: (spec: RawServiceSpec) => void): void {
		const service = this.find(nameOrId);
		const spec = structuredClone(service.spec);
		change(spec);
		this.apply(service, spec, service.spec);
	}

	/** The daemon's side of an update: the new spec in force, the old one kept; tasks catch up later (a test sets runningTasks). */
	private apply(service: SwarmService, spec: RawServiceSpec, previous: RawServiceSpec): void {
		const replicas = spec.Mode?.Replicated?.Replicas ?? spec.Mode?.ReplicatedJob?.TotalCompletions;
		Object.assign(service, {
			spec,
			previousSpec: previous,
			hasPreviousSpec: true,
			specDigest: specDigest(spec),
			previousSpecDigest: specDigest(previous),
			version: service.version + 1,
			replicas,
			image: spec.TaskTemplate?.ContainerSpec?.Image ?? '',
			updatePolicy: policyOf(spec.UpdateConfig),
			rollbackPolicy: policyOf(spec.RollbackConfig),
			...(replicas === undefined ? {} : {desiredTasks: replicas}),
		});
	}
}

export type FakeClient = SwarmClient & {
	services: SwarmService[];
	tasks: Map<string, SwarmTask[]>;
	nodes: SwarmNode[];
	sent: SentWrite[];
	/** Makes the next calls fail as if the daemon were gone. */
	failWith?: Error;
	/** Makes the next writes fail as if the daemon refused them; reads still work. */
	rejectWrites?: Error;
	/** How long a write takes, as a real daemon's update does (0 by default). */
	writeDelayMs: number;
	/** How long every request takes to be answered (0: on the next microtask, before any key). */
	answerDelayMs: number;
	emit: (event: SwarmEvent) => void;
	/** Another operator changes the service: new spec, new version, the old spec kept as previous. */
	changeBehindTheScenes: (nameOrId: string, change: (spec: RawServiceSpec) => void) => void;
	/** Holds every write until the returned function is called. */
	holdWrites: () => () => void;
	/** Requests started and not answered yet: none, once what a key set off is done. */
	readonly pendingRequests: number;
	/** Writes a line to every open log stream of its service or task. */
	writeLog: (line: FakeLogLine) => void;
	/** The log streams open now, with what each asked for. */
	readonly openLogs: ReadonlyArray<{kind: 'service' | 'task'; id: string; query: Record<string, unknown>}>;
	/** Makes the next logs requests fail with this (the daemon's refusal). */
	logsError?: Error;
};

export function createFakeClient(options: Options = {}): FakeClient {
	const docker = new FakeDocker(options);
	const client = createSwarmClient({docker: docker as unknown as Docker, host: 'unix:///fake.sock', readOnly: options.readOnly});
	const fake = Object.create(client) as FakeClient;
	for (const key of ['services', 'tasks', 'nodes', 'sent', 'failWith', 'rejectWrites', 'writeDelayMs', 'answerDelayMs', 'logsError'] as const) {
		Object.defineProperty(fake, key, {
			get: () => docker[key],
			set(value) {
				(docker as unknown as Record<string, unknown>)[key] = value;
			},
		});
	}

	fake.emit = event => {
		docker.emit(event);
	};

	Object.defineProperty(fake, 'pendingRequests', {get: () => docker.pending});
	Object.defineProperty(fake, 'openLogs', {get: () => [...docker.logStreams].map(({kind, id, query}) => ({kind, id, query}))});
	fake.writeLog = line => {
		docker.writeLog(line);
	};


	fake.holdWrites = () => {
		let release = () => undefined as void;
		docker.held = new Promise(resolve => {
			release = resolve;
		});
		return () => {
			docker.held = undefined;
			release();
		};
	};

	fake.changeBehindTheScenes = (nameOrId, change) => {
		docker.changeBehindTheScenes(nameOrId, change);
	};

	return fake;
}
