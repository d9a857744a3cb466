// A synthetic swarm far larger than the lab, for benchmarks and load: N nodes, services in
// stacks (labelled com.docker.stack.namespace, each stack on its own overlay network), and a
// given number of tasks with realistic history per slot (earlier versions shut down, some
// failed or rejected). Every object is cut from the lab's own JSON (a stack service and its
// task in test/fixtures/engine), and written straight into the store: ten thousand tasks
// appear at once, already running, instead of being stepped through their states.
import type {Node, Service, ServiceSpec, Task, TaskState} from './api-types.js';
import {goTime} from './clock.js';
import {Engine} from './engine.js';
import {seededRandom} from './ids.js';
import {readLabCapture} from './lab-shapes.js';
import {addOverlayNetwork, allocateEndpoint, attachmentsFor} from './networks.js';
import type {NodeInit} from './nodes.js';
import {normalizeSpec, taskSpecKey, taskSpecOf} from './spec.js';
import type {Timings} from './task-lifecycle.js';

export type SyntheticOptions = {
	nodes?: number;
	services?: number;
	stacks?: number;
	/** Tasks in all, running ones and history together. */
	tasks?: number;
	/** One service in this many is global (one task per node). */
	globalEvery?: number;
	seed?: number;
	start?: number;
	timings?: Partial<Timings>;
};

export const syntheticDefaults = {nodes: 20, services: 500, stacks: 40, tasks: 10_000, globalEvery: 25, seed: 42} as const;

const roles = ['web', 'api', 'worker', 'redis', 'db', 'cache', 'queue', 'auth', 'search', 'mailer', 'cron', 'metrics', 'proxy'];

/** The lab's dockercoins_webui: a stack service with a network and a published port. */
function labStackService(): Service {
	return readLabCapture<Service[]>('lab-services.json').find(service => service.Spec.Name === 'dockercoins_webui')!;
}

export function syntheticNodes(count: number): NodeInit[] {
	return Array.from({length: count}, (_, index) => ({
		hostname: `node${index + 1}`,
		role: index < Math.min(3, count) ? 'manager' : 'worker',
		leader: index === 0,
		labels: {zone: `zone-${(index % 3) + 1}`},
	}));
}

export function createSyntheticSwarm(options: SyntheticOptions = {}): Engine {
	const settings = {...syntheticDefaults, ...options};
	const random = seededRandom(settings.seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const now = options.start ?? Date.now();
	const engine = new Engine({seed: settings.seed, start: now, timings: options.timings, nodes: syntheticNodes(settings.nodes)});
	const {store} = engine;
	const nodes = [...store.nodes.values()];
	const template = labStackService();

	const stacks = Array.from({length: settings.stacks}, (_, index) => {
		const name = `stack${String(index + 1).padStart(2, '0')}`;
		return {name, network: addOverlayNetwork(store, engine.ids, `${name}_default`, {'com.docker.stack.namespace': name})};
	});

	// How many tasks run: about a third of the total, the rest is history.
	const globalCount = Math.floor(settings.services / settings.globalEvery);
	const replicatedCount = settings.services - globalCount;
	const runningTarget = Math.round(settings.tasks / 3);
	const averageReplicas = Math.max(1, Math.round((runningTarget - (globalCount * nodes.length)) / Math.max(1, replicatedCount)));

	type Slot = {service: Service; slot?: number; node: Node; history: number};
	const slots: Slot[] = [];
	for (let index = 0; index < settings.services; index++) {
		const stack = stacks[index % stacks.length]!;
		const role = roles[Math.floor(index / stacks.length) % roles.length]!;
		const name = `${stack.name}_${role}${index >= stacks.length * roles.length ? Math.floor(index / (stacks.length * roles.length)) + 1 : ''}`;
		const global = (index + 1) % settings.globalEvery === 0;
		const version = 2 + Math.floor(random() * 5);
		const spec = structuredClone(template.Spec);
		spec.Name = name;
		spec.Labels = {'com.docker.stack.namespace': stack.name, 'com.docker.stack.image': `${stack.name}/${role}:v${version}`};
		spec.TaskTemplate.ContainerSpec = {...spec.TaskTemplate.ContainerSpec, Image: `${stack.name}/${role}:v${version}`, Labels: {'com.docker.stack.namespace': stack.name}};
		spec.TaskTemplate.Networks = [{Target: stack.network.Id, Aliases: [role]}];
		spec.Mode = global ? {Global: {}} : {Replicated: {Replicas: 1 + Math.floor(random() * ((2 * averageReplicas) - 1))}};
		spec.UpdateConfig = {Parallelism: pick([1, 1, 2, 3]), Delay: pick([0, 1e9, 5e9]), FailureAction: pick(['pause', 'pause', 'rollback']), Monitor: 5e9, MaxFailureRatio: 0, Order: pick(['stop-first', 'start-first'])};
		if (role === 'web' || role === 'proxy') {
			spec.EndpointSpec = {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000 + index, PublishMode: 'ingress'}]};
		} else {
			spec.EndpointSpec = {Mode: 'vip'};
		}

		const previous = structuredClone(spec);
		previous.TaskTemplate.ContainerSpec!.Image = `${stack.name}/${role}:v${version - 1}`;
		// Deployed at v-1 long ago, then updated to the current version: completed, or (one in ten) rolled back by hand.
		const current = normalizeSpec(spec as ServiceSpec);
		const createdAt = now - 86_400_000 - Math.floor(random() * 30 * 86_400_000);
		const startedAt = now - Math.floor(random() * 86_400_000);
		const rolledBack = !global && random() < 0.1;
		const service: Service = {
			ID: engine.ids.objectId(),
			Version: {Index: 0},
			CreatedAt: goTime(createdAt),
			UpdatedAt: goTime(startedAt + 60_000),
			Spec: current,
			PreviousSpec: normalizeSpec(previous as ServiceSpec),
			Endpoint: allocateEndpoint(store, current),
			UpdateStatus: rolledBack
				? {State: 'rollback_completed', StartedAt: goTime(startedAt), CompletedAt: goTime(startedAt + 90_000), Message: 'rollback completed'}
				: {State: 'completed', StartedAt: goTime(startedAt), CompletedAt: goTime(startedAt + 60_000), Message: 'update completed'},
		};
		store.createService(service);
		if (global) {
			for (const node of nodes) {
				slots.push({service, node, history: 0});
			}
		} else {
			for (let slot = 1; slot <= (service.Spec.Mode.Replicated?.Replicas ?? 1); slot++) {
				slots.push({service, slot, node: nodes[(index + slot) % nodes.length]!, history: 0});
			}
		}
	}

	// Spread the history over the slots, at most four finished tasks each (five kept per slot).
	let history = Math.max(0, settings.tasks - slots.length);
	for (let round = 0; round < 4 && history > 0; round++) {
		for (const slot of slots) {
			if (history === 0) {
				break;
			}

			if (round === 0 || random() < 0.7) {
				slot.history++;
				history--;
			}
		}
	}

	for (const slot of slots) {
		writeSlotTasks(engine, slot, now, random);
	}

	return engine;
}

/** One slot's tasks, oldest first (the order the reaper trims by): history, then the running task. */
function writeSlotTasks(engine: Engine, {service, slot, node, history}: {service: Service; slot?: number; node: Node; history: number}, now: number, random: () => number): void {
	let time = now - ((history + 1) * 3_600_000 * (1 + random()));
	for (let index = 0; index < history; index++) {
		// Shut down by the last update (the previous version), or crashed or rejected on this one.
		const outcome = random();
		const state: TaskState = outcome < 0.8 ? 'shutdown' : (outcome < 0.95 ? 'failed' : 'rejected');
		const spec = state === 'shutdown' ? service.PreviousSpec ?? service.Spec : service.Spec;
		const error = state === 'failed' ? 'task: non-zero exit (1)' : (state === 'rejected' ? `No such image: ${spec.TaskTemplate.ContainerSpec?.Image ?? ''}` : undefined);
		putTask(engine, service, spec, {slot, node, state, desired: 'shutdown', createdAt: time, error});
		time += 3_600_000 * random();
	}

	putTask(engine, service, service.Spec, {slot, node, state: 'running', desired: 'running', createdAt: Math.min(time, now - 1000)});
}

function putTask(engine: Engine, service: Service, spec: ServiceSpec, options: {slot?: number; node: Node; state: TaskState; desired: TaskState; createdAt: number; error?: string}): void {
	const {store, ids} = engine;
	const statusTime = options.createdAt + 2000;
	const task: Task = {
		ID: ids.objectId(),
		Version: {Index: 0},
		CreatedAt: goTime(options.createdAt),
		UpdatedAt: goTime(statusTime),
		Labels: {},
		Spec: taskSpecOf(spec),
		ServiceID: service.ID,
		...(options.slot === undefined ? {} : {Slot: options.slot}),
		NodeID: options.node.ID,
		Status: {
			Timestamp: goTime(statusTime),
			State: options.state,
			Message: options.state === 'running' ? 'started' : (options.state === 'shutdown' ? 'shutdown' : (options.state === 'rejected' ? 'preparing' : 'started')),
			...(options.error ? {Err: options.error} : {}),
			...(options.state === 'rejected' ? {} : {ContainerStatus: {ContainerID: ids.containerId(), PID: options.state === 'running' ? 1000 + Math.floor(ids.next() * 30_000) : 0, ExitCode: options.state === 'failed' ? 1 : 0}}),
			PortStatus: {},
		},
		DesiredState: options.desired,
	};
	const attachments = attachmentsFor(store, spec);
	if (attachments) {
		task.NetworksAttachments = attachments;
	}

	store.putTask(task);
	store.taskSpecKeys.set(task.ID, taskSpecKey(spec));
}

/**
 * Starts a rolling update of `count` replicated services at once (the first by name): each
 * to the next version of its image, through the API as a client would.
 */
export function startRollingUpdates(engine: Engine, count: number): string[] {
	const chosen = [...engine.store.services.values()]
		.filter(service => service.Spec.Mode.Replicated)
		.sort((a, b) => a.Spec.Name.localeCompare(b.Spec.Name))
		.slice(0, count);
	for (const service of chosen) {
		const spec = structuredClone(service.Spec);
		const image = spec.TaskTemplate.ContainerSpec?.Image ?? '';
		const match = /^(.*):v(\d+)$/.exec(image);
		spec.TaskTemplate.ContainerSpec = {...spec.TaskTemplate.ContainerSpec, Image: match ? `${match[1]!}:v${Number(match[2]) + 1}` : `${image}-next`};
		engine.updateService(service.ID, String(service.Version.Index), spec);
	}

	return chosen.map(service => service.Spec.Name);
}
