// The swarm's objects, as swarmkit's raft store keeps them: one index counts every write, and
// an object's Version.Index is the index of its last write, so a stale version is detectable.
// Service and node writes emit the events moby derives from them.
import type {EventMessage, EventType, Network, Node, SecretOrConfig, Service, Task} from './api-types.js';
import type {Clock} from './clock.js';
import {goTime} from './clock.js';
import {eventHistoryLimit, makeEvent, nodeEventAttributes, serviceEventAttributes} from './events.js';

export class Store {
	readonly services = new Map<string, Service>();
	readonly tasks = new Map<string, Task>();
	readonly nodes = new Map<string, Node>();
	readonly networks = new Map<string, Network>();
	readonly secrets = new Map<string, SecretOrConfig>();
	readonly configs = new Map<string, SecretOrConfig>();
	/** Tasks by service, so per-service listings stay cheap with ten thousand tasks. */
	private readonly tasksByService = new Map<string, Set<string>>();
	/** The spec key (spec.ts taskSpecKey) each task was made from: how "up to date" is decided. */
	readonly taskSpecKeys = new Map<string, string>();
	/** The next port the allocator publishes a service on when none is asked (networks.ts). */
	nextPublishedPort = 30_000;
	/** Addresses handed out so far, by network (networks.ts). */
	readonly addressesUsed = new Map<string, number>();
	readonly events: EventMessage[] = [];
	private readonly eventListeners = new Set<(event: EventMessage) => void>();
	private index = 1;
	private nanos = 0;

	constructor(readonly clock: Clock) {}

	/** A timestamp for now; nanoseconds advance on every call, so timestamps stay ordered. */
	stamp(): string {
		this.nanos = (this.nanos + 1 + Math.floor(Math.random() * 997)) % 1_000_000;
		return goTime(this.clock.now(), this.nanos);
	}

	private bump(object: {Version: {Index: number}; UpdatedAt: string}): void {
		object.Version = {Index: ++this.index};
		object.UpdatedAt = this.stamp();
	}

	get lastIndex(): number {
		return this.index;
	}

	// ---- services

	createService(service: Service): void {
		service.Version = {Index: ++this.index};
		this.services.set(service.ID, service);
		this.emit('service', 'create', service.ID, serviceEventAttributes(service, undefined));
	}

	/** Applies `change` to the stored service as one write: one version, one event. */
	writeService(service: Service, change: (service: Service) => void): void {
		const before = structuredClone(service);
		change(service);
		this.bump(service);
		this.emit('service', 'update', service.ID, serviceEventAttributes(service, before));
	}

	removeService(service: Service): void {
		this.services.delete(service.ID);
		this.emit('service', 'remove', service.ID, {name: service.Spec.Name});
	}

	// ---- tasks (no events: the daemon sends none for tasks)

	putTask(task: Task): void {
		task.Version = {Index: ++this.index};
		this.tasks.set(task.ID, task);
		let ids = this.tasksByService.get(task.ServiceID);
		if (!ids) {
			ids = new Set();
			this.tasksByService.set(task.ServiceID, ids);
		}

		ids.add(task.ID);
	}

	writeTask(task: Task, change: (task: Task) => void): void {
		change(task);
		this.bump(task);
	}

	deleteTask(task: Task): void {
		this.tasks.delete(task.ID);
		this.taskSpecKeys.delete(task.ID);
		this.tasksByService.get(task.ServiceID)?.delete(task.ID);
	}

	tasksOf(serviceId: string): Task[] {
		return [...this.tasksByService.get(serviceId) ?? []].map(id => this.tasks.get(id)!).filter(Boolean);
	}

	// ---- nodes

	createNode(node: Node): void {
		node.Version = {Index: ++this.index};
		this.nodes.set(node.ID, node);
	}

	writeNode(node: Node, change: (node: Node) => void): void {
		const before = structuredClone(node);
		change(node);
		this.bump(node);
		this.emit('node', 'update', node.ID, nodeEventAttributes(node, before));
	}

	removeNode(node: Node): void {
		this.nodes.delete(node.ID);
		this.emit('node', 'remove', node.ID, {name: node.Description.Hostname});
	}

	// ---- secrets and configs

	putSecretOrConfig(kind: 'secret' | 'config', object: SecretOrConfig): void {
		object.Version = {Index: ++this.index};
		(kind === 'secret' ? this.secrets : this.configs).set(object.ID, object);
		this.emit(kind, 'create', object.ID, {name: object.Spec.Name});
	}

	// ---- events

	emit(type: EventType, action: string, id: string, attributes: Record<string, string>): void {
		const event = makeEvent(type, action, id, attributes, this.clock.now(), this.nanos++);
		this.events.push(event);
		if (this.events.length > eventHistoryLimit) {
			this.events.splice(0, this.events.length - eventHistoryLimit);
		}

		for (const listener of this.eventListeners) {
			listener(event);
		}
	}

	onEvent(listener: (event: EventMessage) => void): () => void {
		this.eventListeners.add(listener);
		return () => this.eventListeners.delete(listener);
	}
}
