// A SwarmClient without a daemon, for component tests. It keeps services in memory, applies
// writes through the same validation as the real client, and records every write it was
// asked to send, so a test can assert that a bad input sent nothing.
import type {SwarmClient} from '../../source/swarm/client.js';
import {ReadOnlyError, ValidationError} from '../../source/swarm/errors.js';
import {policyOf} from '../../source/swarm/normalize.js';
import type {PreflightResult} from '../../source/swarm/preflight.js';
import type {PolicyKind, RawServiceSpec, ServiceMode, SwarmEvent, SwarmNode, SwarmService, SwarmTask, WriteResult} from '../../source/swarm/types.js';
import {checkNewImage, parsePolicyInput, parseReplicas, type PolicyInput} from '../../source/swarm/validate.js';
import {imageCommand, policyCommand, rollbackCommand, scaleCommand, forceCommand} from '../../source/swarm/commands.js';

export type SentWrite = {action: 'scale' | 'policy' | 'image' | 'force' | 'rollback'; service: string; payload?: unknown};

export function makeService(overrides: Partial<SwarmService> & {name: string}): SwarmService {
	const mode: ServiceMode = overrides.mode ?? 'replicated';
	const replicas = mode === 'replicated' ? overrides.replicas ?? 1 : undefined;
	const image = overrides.image ?? 'swarmdeck/vote:latest';
	const spec: RawServiceSpec = overrides.spec ?? {
		Name: overrides.name,
		TaskTemplate: {ContainerSpec: {Image: image}},
		Mode: mode === 'global' ? {Global: {}} : {Replicated: {Replicas: replicas}},
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
		createdAt: new Date('2026-11-21T10:00:00Z'),
		updatedAt: new Date('2026-11-21T10:00:00Z'),
		spec,
		...overrides,
	};
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
	/** How long a write takes, as a real daemon's inspect and update do (0 by default). */
	writeDelayMs: number;
	emit: (event: SwarmEvent) => void;
};

export function createFakeClient(options: {services?: SwarmService[]; tasks?: Record<string, SwarmTask[]>; nodes?: SwarmNode[]; readOnly?: boolean; preflight?: PreflightResult} = {}): FakeClient {
	const listeners = new Set<(event: SwarmEvent) => void>();
	const find = (name: string) => {
		const service = client.services.find(candidate => candidate.name === name || candidate.id === name);
		if (!service) {
			throw new Error(`service ${name} not found`);
		}

		return service;
	};

	const guard = async (action: string) => {
		if (client.readOnly) {
			throw new ReadOnlyError(action);
		}

		if (client.writeDelayMs > 0) {
			await new Promise(resolve => {
				setTimeout(resolve, client.writeDelayMs);
			});
		}

		if (client.failWith) {
			throw client.failWith;
		}

		if (client.rejectWrites) {
			throw client.rejectWrites;
		}
	};

	const result = (service: string, command: string, summary: string, replacesNoTask: boolean): WriteResult => ({service, command, summary, replacesNoTask, warnings: []});

	const client: FakeClient = {
		target: 'unix:///fake.sock',
		readOnly: options.readOnly ?? false,
		requestCount: 0,
		services: options.services ?? [],
		tasks: new Map(Object.entries(options.tasks ?? {})),
		nodes: options.nodes ?? [],
		sent: [],
		writeDelayMs: 0,
		emit(event) {
			for (const listener of listeners) {
				listener(event);
			}
		},
		async preflight() {
			return options.preflight ?? {ok: true, nodeName: 'node1', serverVersion: '20.10.24'};
		},
		async listServices() {
			if (client.failWith) {
				throw client.failWith;
			}

			return structuredClone(client.services);
		},
		async inspectService(name) {
			return structuredClone(find(name));
		},
		async listTasks(serviceId, {upToDate = false} = {}) {
			if (client.failWith) {
				throw client.failWith;
			}

			const tasks = client.tasks.get(serviceId) ?? [];
			// Up to date: the fake treats tasks meant to run as those of the current spec.
			return structuredClone(upToDate ? tasks.filter(task => task.desiredState === 'running' || task.desiredState === 'ready') : tasks);
		},
		async listNodes() {
			return structuredClone(client.nodes);
		},
		async * events(signal, {onOpen} = {}) {
			onOpen?.();
			const queue: SwarmEvent[] = [];
			let wake: (() => void) | undefined;
			const listener = (event: SwarmEvent) => {
				queue.push(event);
				wake?.();
			};

			listeners.add(listener);
			signal.addEventListener('abort', () => wake?.(), {once: true});
			try {
				while (!signal.aborted) {
					const event = queue.shift();
					if (event) {
						yield event;
					} else {
						 
						await new Promise<void>(resolve => {
							wake = resolve;
						});
					}
				}
			} finally {
				listeners.delete(listener);
			}
		},
		async scaleBy(name, by) {
			await guard(by > 0 ? 'scale up' : 'scale down');
			const service = find(name);
			const replicas = parseReplicas(String(Math.max(0, (service.replicas ?? 0) + by)), service);
			if (replicas === 0) {
				throw new ValidationError('replicas', `${service.name} would go to 0 replicas: press s and type 0, which asks first`);
			}

			client.sent.push({action: 'scale', service: service.name, payload: replicas});
			service.replicas = replicas;
			service.desiredTasks = replicas;
			return result(service.name, scaleCommand(service.name, replicas), `${service.name} scaled to ${replicas}`, true);
		},
		async scale(name, replicasText) {
			await guard('scale');
			const service = find(name);
			const replicas = parseReplicas(replicasText, service);
			client.sent.push({action: 'scale', service: service.name, payload: replicas});
			service.replicas = replicas;
			service.desiredTasks = replicas;
			return result(service.name, scaleCommand(service.name, replicas), `${service.name} scaled to ${replicas}`, true);
		},
		async setPolicies(name, input: Partial<Record<PolicyKind, PolicyInput>>) {
			await guard('policy');
			const service = find(name);
			const update = parsePolicyInput('update', input.update ?? {});
			const rollback = parsePolicyInput('rollback', input.rollback ?? {});
			client.sent.push({action: 'policy', service: service.name, payload: {update, rollback}});
			service.updatePolicy = {...service.updatePolicy, ...update};
			service.rollbackPolicy = {...service.rollbackPolicy, ...rollback};
			return result(service.name, policyCommand(service.name, {update, rollback}), `${service.name} policy changed; no task is replaced`, true);
		},
		async setImage(name, imageText) {
			await guard('image');
			const service = find(name);
			const image = checkNewImage(imageText, service);
			client.sent.push({action: 'image', service: service.name, payload: image});
			service.image = image;
			return result(service.name, imageCommand(service.name, image), `${service.name} image → ${image}`, false);
		},
		async forceRedeploy(name) {
			await guard('force');
			const service = find(name);
			client.sent.push({action: 'force', service: service.name});
			return result(service.name, forceCommand(service.name), `${service.name} redeploy forced`, false);
		},
		async rollback(name) {
			await guard('rollback');
			const service = find(name);
			client.sent.push({action: 'rollback', service: service.name});
			return result(service.name, rollbackCommand(service.name), `${service.name} rolling back`, false);
		},
	};
	return client;
}
