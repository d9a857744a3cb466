// Nodes as the daemon describes them: a new node is the lab's node1 (its Description, its
// engine and plugins) under another hostname, role and address; a node update replaces the
// spec, after the daemon's checks, and gives a promoted node its ManagerStatus.
import type {Node, NodeSpec} from './api-types.js';
import {EngineError} from './errors.js';
import type {IdGenerator} from './ids.js';
import {labShapes} from './lab-shapes.js';
import type {Store} from './store.js';

export type NodeInit = {
	hostname: string;
	role?: 'manager' | 'worker';
	availability?: NodeSpec['Availability'];
	state?: Node['Status']['State'];
	labels?: Record<string, string>;
	leader?: boolean;
	engineVersion?: string;
	addr?: string;
};

/** The lab's three nodes: node1 the leader, node2 and node3 workers. */
export const labNodeNames: NodeInit[] = [
	{hostname: 'node1', role: 'manager', leader: true},
	{hostname: 'node2'},
	{hostname: 'node3'},
];

export function makeNode(store: Store, ids: IdGenerator, init: NodeInit): Node {
	const template = labShapes.node();
	const now = store.stamp();
	const role = init.role ?? 'worker';
	const addr = init.addr ?? `10.0.${Math.floor(store.nodes.size / 250)}.${(store.nodes.size % 250) + 2}`;
	return {
		ID: ids.objectId(),
		Version: {Index: 0},
		CreatedAt: now,
		UpdatedAt: now,
		Spec: {Labels: init.labels ?? {}, Role: role, Availability: init.availability ?? 'active'},
		Description: {
			...structuredClone(template.Description),
			Hostname: init.hostname,
			Engine: {...structuredClone(template.Description.Engine), EngineVersion: init.engineVersion ?? template.Description.Engine.EngineVersion},
		},
		Status: {State: init.state ?? 'ready', Addr: addr},
		...(role === 'manager' ? {ManagerStatus: {...(init.leader ? {Leader: true} : {}), Reachability: 'reachable', Addr: `${addr}:2377`}} : {}),
	};
}

/** Writes a node's new spec, as POST /nodes/{id}/update does once the version matched. */
export function writeNodeSpec(store: Store, node: Node, spec: Partial<NodeSpec>): void {
	const availability = spec.Availability ?? 'active';
	const role = spec.Role ?? node.Spec.Role;
	if (!['active', 'pause', 'drain'].includes(availability)) {
		throw new EngineError(400, `invalid Availability: "${String(availability)}"`);
	}

	if (!['manager', 'worker'].includes(role)) {
		throw new EngineError(400, `invalid Role: "${String(role)}"`);
	}

	store.writeNode(node, current => {
		current.Spec = {...(spec.Name ? {Name: spec.Name} : {}), Labels: spec.Labels ?? {}, Role: role, Availability: availability};
		if (role === 'manager' && !current.ManagerStatus) {
			current.ManagerStatus = {Reachability: 'reachable', Addr: `${current.Status.Addr}:2377`};
		} else if (role === 'worker') {
			delete current.ManagerStatus;
		}
	});
}
