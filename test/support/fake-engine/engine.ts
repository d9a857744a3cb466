// The fake Docker Engine: the daemon's swarm operations with its checks and its words, on
// an in-memory store, with the orchestrator moving tasks as engine time passes. Tests call
// these methods directly or through the HTTP server (server.ts), and drive time with
// advance()/settle(), or let it follow the wall clock with realTime().
import type {EventMessage, Network, Node, NodeSpec, SecretOrConfig, Service, ServiceSpec, ServiceStatus, Task} from './api-types.js';
import {Clock} from './clock.js';
import {daemonErrors, EngineError, type SwarmRole} from './errors.js';
import {eventMatches, type EventFilters} from './events.js';
import {checkDesiredStates, nodeFilterNames, nodeMatches, parseFilters, serviceFilterNames, serviceMatches, taskFilterNames, taskMatches} from './filters.js';
import {IdGenerator} from './ids.js';
import {engineInfo} from './info.js';
import {labShapes} from './lab-shapes.js';
import {LogBook} from './logs.js';
import {labNodeNames, makeNode, writeNodeSpec, type NodeInit} from './nodes.js';
import {SecretsAndConfigs, type SecretKind} from './secrets.js';
import {allocateEndpoint} from './networks.js';
import {Orchestrator} from './orchestrator.js';
import {modeOf, normalizeSpec, replicasOf, taskSpecKey, taskSpecOf, validServiceName} from './spec.js';
import {Store} from './store.js';
import {defaultTimings, type Timings} from './task-lifecycle.js';

export type EngineOptions = {
	/** Seeds the IDs, so a synthetic swarm is the same every run. */
	seed?: number;
	/** Engine time at the start, ms since the epoch (default: now). */
	start?: number;
	timings?: Partial<Timings>;
	/** What /info says and what the swarm endpoints allow. */
	role?: SwarmRole;
	/** The nodes; by default the lab's three (node1 the leader, node2 and node3 workers). */
	nodes?: NodeInit[];
	/** Tasks kept per slot, finished ones included (the swarm's TaskHistoryRetentionLimit, 5). */
	taskHistoryLimit?: number;
};

export class Engine {
	readonly clock: Clock;
	readonly store: Store;
	readonly orchestrator: Orchestrator;
	readonly logs = new LogBook();
	readonly ids: IdGenerator;
	private readonly secrets: SecretsAndConfigs;
	role: SwarmRole;

	constructor(options: EngineOptions = {}) {
		this.clock = new Clock(options.start);
		this.ids = new IdGenerator(options.seed ?? 1);
		this.store = new Store(this.clock);
		this.orchestrator = new Orchestrator(this.store, this.clock, this.ids, {...defaultTimings, ...options.timings});
		this.secrets = new SecretsAndConfigs(this.store, this.ids);
		this.role = options.role ?? 'manager';
		this.orchestrator.taskHistoryLimit = options.taskHistoryLimit ?? 5;
		for (const network of labShapes.networks()) {
			const id = network.Scope === 'swarm' ? this.ids.objectId() : this.ids.containerId();
			this.store.networks.set(id, {...network, Id: id, Created: this.store.stamp()});
		}

		for (const node of options.nodes ?? labNodeNames) {
			this.addNode(node);
		}
	}

	// ---- time

	advance(ms: number): void {
		this.clock.advance(ms);
	}

	/** Runs the orchestrator until nothing is left to do (or `limitMs` of engine time passed). */
	settle(limitMs?: number): number {
		return this.clock.settle(limitMs);
	}

	realTime(intervalMs?: number): void {
		this.clock.realTime(intervalMs);
	}

	stop(): void {
		this.clock.stop();
	}

	// ---- what a test can do to the swarm besides the API

	/** Tasks of this image fail their health check at starting, like swarmdeck/whoami:2.0. */
	markImageBroken(image: string, broken = true): void {
		if (broken) {
			this.orchestrator.lifecycle.brokenImages.add(image);
		} else {
			this.orchestrator.lifecycle.brokenImages.delete(image);
		}
	}

	/** A node's daemon stops answering (down) or comes back (ready). */
	setNodeState(nameOrId: string, state: 'down' | 'ready'): void {
		const node = this.node(nameOrId);
		this.store.writeNode(node, current => {
			current.Status = {...current.Status, State: state, ...(state === 'down' ? {Message: 'heartbeat failure'} : {})};
			if (state === 'ready') {
				delete current.Status.Message;
			}

			if (current.ManagerStatus) {
				current.ManagerStatus = {...current.ManagerStatus, Reachability: state === 'down' ? 'unreachable' : 'reachable'};
			}
		});
		this.orchestrator.nodesChanged(node);
	}

	/** The task's container dies (a crash after it ran, for the monitor window). */
	failTask(taskId: string, error = 'task: non-zero exit (1)', exitCode = 1): void {
		const task = this.store.tasks.get(taskId);
		if (!task) {
			throw daemonErrors.notFound('task', taskId);
		}

		this.orchestrator.lifecycle.fail(task, error, exitCode);
	}

	/** A log line written by a task of the service (the running task of its lowest slot unless one is named). */
	writeLog(serviceNameOrId: string, text: string, options: {stream?: 'stdout' | 'stderr'; taskId?: string} = {}): void {
		const service = this.service(serviceNameOrId);
		const task = options.taskId
			? this.store.tasks.get(options.taskId)
			: this.store.tasksOf(service.ID).filter(candidate => candidate.Status.State === 'running').sort((a, b) => (a.Slot ?? 0) - (b.Slot ?? 0))[0] ?? this.store.tasksOf(service.ID)[0];
		this.logs.write({
			serviceId: service.ID,
			taskId: task?.ID ?? '',
			nodeId: task?.NodeID ?? '',
			stream: options.stream ?? 'stdout',
			timeMs: this.clock.now(),
			text,
		});
	}

	addNode(init: NodeInit): Node {
		const node = makeNode(this.store, this.ids, init);
		this.store.createNode(node);
		this.orchestrator.nodesChanged();
		return node;
	}

	/**
	 * Puts objects captured from a real daemon (test/fixtures/*.json) into the store as they
	 * are, IDs and all: a task counts as up to date when its spec is its service's template.
	 */
	load({nodes = [], services = [], tasks = []}: {nodes?: Node[]; services?: Service[]; tasks?: Task[]}): void {
		for (const node of nodes) {
			this.store.nodes.set(node.ID, structuredClone(node));
		}

		for (const service of services) {
			this.store.services.set(service.ID, structuredClone(service));
		}

		for (const raw of tasks) {
			const task = structuredClone(raw);
			const service = this.store.services.get(task.ServiceID);
			this.store.putTask(task);
			task.Version = raw.Version;
			if (service && JSON.stringify(task.Spec) === JSON.stringify(taskSpecOf(service.Spec))) {
				this.store.taskSpecKeys.set(task.ID, taskSpecKey(service.Spec));
			}
		}
	}

	// ---- services

	service(nameOrId: string): Service {
		const found = this.store.services.get(nameOrId)
			?? [...this.store.services.values()].find(service => service.Spec.Name === nameOrId)
			?? uniquePrefix([...this.store.services.values()], service => service.ID, nameOrId);
		if (!found) {
			throw daemonErrors.notFound('service', nameOrId);
		}

		return found;
	}

	listServices(filtersText?: string | null, withStatus = false): Array<Service & {ServiceStatus?: ServiceStatus}> {
		const filters = parseFilters(filtersText, serviceFilterNames);
		return [...this.store.services.values()]
			.filter(service => serviceMatches(service, filters))
			.sort((a, b) => a.ID.localeCompare(b.ID))
			.map(service => withStatus ? {...service, ServiceStatus: this.serviceStatus(service)} : service);
	}

	/** What `status=true` adds: tasks running on nodes that are not down, and how many are wanted. */
	serviceStatus(service: Service): ServiceStatus {
		let running = 0;
		let desiredGlobal = 0;
		for (const task of this.store.tasksOf(service.ID)) {
			const node = task.NodeID ? this.store.nodes.get(task.NodeID) : undefined;
			if (node?.Status.State === 'down') {
				continue;
			}

			if (task.Status.State === 'running') {
				running++;
			}

			if (task.DesiredState === 'running') {
				desiredGlobal++;
			}
		}

		const mode = modeOf(service.Spec);
		return {RunningTasks: running, DesiredTasks: mode === 'global' ? desiredGlobal : replicasOf(service.Spec), CompletedTasks: 0};
	}

	createService(input: Partial<ServiceSpec>): {ID: string} {
		const spec = this.checkSpec(input);
		if ([...this.store.services.values()].some(service => service.Spec.Name === spec.Name)) {
			throw daemonErrors.nameConflict(spec.Name);
		}

		const now = this.store.stamp();
		const service: Service = {
			ID: this.ids.objectId(),
			Version: {Index: 0},
			CreatedAt: now,
			UpdatedAt: now,
			Spec: spec,
			Endpoint: allocateEndpoint(this.store, spec),
		};
		this.store.createService(service);
		this.orchestrator.serviceCreated(service);
		return {ID: service.ID};
	}

	/** POST /services/{id}/update: `version` as the query has it (text), `rollback` likewise. */
	updateService(nameOrId: string, versionText: string | undefined, input: Partial<ServiceSpec>, rollback?: string): {Warnings: null} {
		const spec = this.checkSpec(input);
		const service = this.service(nameOrId);
		const version = parseVersion(versionText, daemonErrors.invalidVersion);
		if (rollback && rollback !== 'previous' && rollback !== 'none') {
			throw daemonErrors.rollbackOption(rollback);
		}

		const rollingBack = rollback === 'previous';
		if (rollingBack && !service.PreviousSpec) {
			throw daemonErrors.noPreviousSpec(service.ID);
		}

		if (version !== service.Version.Index) {
			throw daemonErrors.outOfSequence();
		}

		if (!rollingBack) {
			if (spec.Name !== service.Spec.Name) {
				throw daemonErrors.rename();
			}

			if (modeOf(spec) !== modeOf(service.Spec)) {
				throw daemonErrors.modeChange();
			}
		}

		this.store.writeService(service, current => {
			const previous = current.Spec;
			current.Spec = rollingBack ? current.PreviousSpec! : spec;
			current.PreviousSpec = previous;
			current.Endpoint = allocateEndpoint(this.store, current.Spec, current.Endpoint);
			if (rollingBack) {
				current.UpdateStatus = {State: 'rollback_started', StartedAt: this.store.stamp(), Message: 'manually requested rollback'};
			} else {
				delete current.UpdateStatus;
			}
		});
		this.orchestrator.serviceUpdated(service, {rollback: rollingBack});
		return {Warnings: null};
	}

	removeService(nameOrId: string): void {
		const service = this.service(nameOrId);
		this.store.removeService(service);
		this.orchestrator.serviceRemoved(service);
		this.logs.forget(service.ID);
	}

	/** Checks the daemon makes of a spec on create and update, then its defaults. */
	private checkSpec(input: Partial<ServiceSpec>): ServiceSpec {
		if (!input || typeof input !== 'object' || !input.TaskTemplate?.ContainerSpec) {
			throw new EngineError(400, 'mismatched Runtime and *Spec fields');
		}

		if (!validServiceName(input.Name)) {
			throw daemonErrors.invalidName();
		}

		if (!input.TaskTemplate.ContainerSpec.Image) {
			throw daemonErrors.noImage();
		}

		return normalizeSpec(input);
	}

	// ---- tasks

	task(id: string): Task {
		const task = this.store.tasks.get(id) ?? uniquePrefix([...this.store.tasks.values()], candidate => candidate.ID, id);
		if (!task) {
			throw daemonErrors.notFound('task', id);
		}

		return task;
	}

	listTasks(filtersText?: string | null): Task[] {
		const filters = parseFilters(filtersText, taskFilterNames);
		checkDesiredStates(filters);
		const serviceValues = filters.get('service') ?? [];
		// With a service filter, only that service's tasks are looked at: fast on a big swarm.
		const candidates = serviceValues.length > 0
			? [...this.store.services.values()]
				.filter(service => serviceValues.some(value => value === service.ID || value === service.Spec.Name || service.ID.startsWith(value)))
				.flatMap(service => this.store.tasksOf(service.ID))
			: [...this.store.tasks.values()];
		return candidates
			.filter(task => {
				const service = this.store.services.get(task.ServiceID);
				const node = task.NodeID ? this.store.nodes.get(task.NodeID) : undefined;
				return taskMatches(task, filters, {service, node, upToDate: service ? this.orchestrator.isUpToDate(task, service) : false});
			})
			.sort((a, b) => a.ID.localeCompare(b.ID));
	}

	// ---- nodes

	node(nameOrId: string): Node {
		const found = this.store.nodes.get(nameOrId)
			?? [...this.store.nodes.values()].find(node => node.Description.Hostname === nameOrId)
			?? uniquePrefix([...this.store.nodes.values()], node => node.ID, nameOrId);
		if (!found) {
			throw daemonErrors.notFound('node', nameOrId);
		}

		return found;
	}

	listNodes(filtersText?: string | null): Node[] {
		const filters = parseFilters(filtersText, nodeFilterNames);
		return [...this.store.nodes.values()].filter(node => nodeMatches(node, filters)).sort((a, b) => a.ID.localeCompare(b.ID));
	}

	updateNode(nameOrId: string, versionText: string | undefined, spec: Partial<NodeSpec>): void {
		const node = this.node(nameOrId);
		const version = parseVersion(versionText, daemonErrors.invalidNodeVersion);
		if (version !== node.Version.Index) {
			throw daemonErrors.outOfSequence();
		}

		writeNodeSpec(this.store, node, spec);
		this.orchestrator.nodesChanged(node);
	}

	removeNode(nameOrId: string, force = false): void {
		const node = this.node(nameOrId);
		if (node.Spec.Role === 'manager' && node.ManagerStatus) {
			throw daemonErrors.nodeIsManager(node.ID);
		}

		if (node.Status.State !== 'down' && !force) {
			throw daemonErrors.nodeNotDown(node.ID);
		}

		this.store.removeNode(node);
		this.orchestrator.nodesChanged();
	}

	// ---- networks, secrets, configs

	listNetworks(): Network[] {
		return [...this.store.networks.values()];
	}

	listSecretsOrConfigs(kind: SecretKind, filtersText?: string | null): SecretOrConfig[] {
		return this.secrets.list(kind, filtersText);
	}

	createSecretOrConfig(kind: SecretKind, body: {Name?: string; Labels?: Record<string, string>; Data?: string}): {ID: string} {
		return this.secrets.create(kind, body);
	}

	// ---- events, info, version

	/** Events kept in history between `since` and `until` (seconds), matching the filters. */
	pastEvents(filters: EventFilters, since?: number, until?: number): EventMessage[] {
		return this.store.events.filter(event => {
			const seconds = event.timeNano / 1e9;
			return (since === undefined || seconds >= since) && (until === undefined || seconds <= until) && eventMatches(event, filters);
		});
	}

	info(): Record<string, unknown> {
		return engineInfo(this.store, this.role, this.orchestrator.taskHistoryLimit);
	}

	/**
	 * GET /distribution/{name}/json, which the CLI uses to pin an image's digest. Like the
	 * lab, the engine reaches no registry, unless a test gives an image its digest here.
	 */
	readonly registryDigests = new Map<string, string>();

	distribution(image: string): Record<string, unknown> {
		const digest = this.registryDigests.get(image);
		if (!digest) {
			throw new EngineError(500, `Get "https://registry/v2/": dial tcp: lookup registry for ${image}: network is unreachable`);
		}

		return {
			Descriptor: {mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest, size: 527},
			Platforms: [{architecture: 'amd64', os: 'linux'}],
		};
	}

	version(): Record<string, unknown> {
		return labShapes.version();
	}
}

function parseVersion(text: string | undefined, invalid: (text: string) => EngineError): number {
	if (text === undefined || !/^\d+$/.test(text)) {
		throw invalid(text ?? '');
	}

	return Number(text);
}

function uniquePrefix<T>(objects: T[], idOf: (object: T) => string, prefix: string): T | undefined {
	if (prefix.length === 0) {
		return undefined;
	}

	const matches = objects.filter(object => idOf(object).startsWith(prefix));
	return matches.length === 1 ? matches[0] : undefined;
}
