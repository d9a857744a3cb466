// GET /info: the lab's own answer (manager, worker, or outside a swarm), with this swarm's
// node counts, IDs and managers written in, so swarmdeck's preflight sees what it would see.
import type {SwarmRole} from './errors.js';
import {labShapes} from './lab-shapes.js';
import type {Store} from './store.js';

export function engineInfo(store: Store, role: SwarmRole, taskHistoryLimit: number): Record<string, unknown> {
	const manager = [...store.nodes.values()].find(node => node.ManagerStatus?.Leader) ?? [...store.nodes.values()][0];
	if (role === 'inactive') {
		return labShapes.infoInactive();
	}

	const info = role === 'worker' ? labShapes.infoWorker() : labShapes.infoManager();
	const managers = [...store.nodes.values()].filter(node => node.ManagerStatus);
	// The node this daemon runs on: the leader, or a worker when it plays one.
	const local = role === 'worker' ? [...store.nodes.values()].find(node => !node.ManagerStatus) : manager;
	info.Name = local?.Description.Hostname ?? info.Name;
	info.Swarm = {
		...info.Swarm,
		NodeID: local?.ID ?? '',
		NodeAddr: local?.Status.Addr ?? '',
		RemoteManagers: managers.map(node => ({NodeID: node.ID, Addr: node.ManagerStatus!.Addr})),
		...(role === 'manager' ? {Nodes: store.nodes.size, Managers: managers.length} : {}),
	};
	const cluster = (info.Swarm as {Cluster?: {Spec?: {Orchestration?: {TaskHistoryRetentionLimit?: number}}}}).Cluster;
	if (cluster?.Spec?.Orchestration) {
		cluster.Spec.Orchestration.TaskHistoryRetentionLimit = taskHistoryLimit;
	}

	return info;
}
