// Reads what the rules need from the swarm, in as few requests as the swarm allows: the
// services, all their tasks in one request, the nodes, and each distinct image's health
// check once (when the service's spec has none).
import type {SwarmClient} from '../swarm/client.js';
import type {SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';
import {advise} from './advise.js';
import type {Finding} from './finding.js';
import {healthCheckSource, type RawHealthConfig} from './health.js';

/** `read`: the tasks (of these services at least) and the nodes, when the caller has read them already. */
export async function findingsFor(client: SwarmClient, services: readonly SwarmService[], now = new Date(), read?: {tasks: readonly SwarmTask[]; nodes: readonly SwarmNode[]}): Promise<Finding[]> {
	if (services.length === 0) {
		return [];
	}

	const {tasks, nodes} = read ?? await readTasksAndNodes(client, services);
	const images = new Map<string, Promise<RawHealthConfig | null | undefined>>();
	const imageHealth = async (image: string) => {
		const known = images.get(image) ?? client.imageHealthCheck(image);
		images.set(image, known);
		return known;
	};

	const perService = await Promise.all(services.map(async service => {
		const inSpec = healthCheckSource(service.spec, undefined);
		const health = inSpec.from === 'spec only' ? healthCheckSource(service.spec, await imageHealth(service.image)) : inSpec;
		return advise({service, tasks: tasks.filter(task => task.serviceId === service.id), nodes, health, now});
	}));
	return perService.flat();
}

/** Every task of these services, history included, and the nodes: one request each. */
export async function readTasksAndNodes(client: SwarmClient, services: readonly SwarmService[]): Promise<{tasks: SwarmTask[]; nodes: SwarmNode[]}> {
	const [tasks, nodes] = await Promise.all([services.length === 0 ? [] : client.listTasks(services.map(service => service.id)), client.listNodes()]);
	return {tasks, nodes};
}
