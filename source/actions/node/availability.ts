// Drain, pause, activate: `docker node update --availability …`. A drain moves the node's
// tasks elsewhere, so its confirmation names them and says where they can go.
import {char} from '../../keys/bindings.js';
import {nodeCommand} from '../../swarm/commands.js';
import type {NodeAvailability} from '../../swarm/types.js';
import {defineNodeAction, type Decision, type NodeSubject, type PlanLine} from '../action.js';
import type {NodeWrite} from '../../swarm/node-write.js';
import {plural} from '../plan.js';

const words: Record<NodeAvailability, {verb: string; doing: string; done: string}> = {
	drain: {verb: 'Drain', doing: 'Draining', done: 'drained'},
	pause: {verb: 'Pause', doing: 'Pausing', done: 'paused'},
	active: {verb: 'Activate', doing: 'Activating', done: 'active'},
};

/** The node's tasks that a drain moves (replicated) and those that only stop (global services). */
export function drainedTasks({node, tasks, services}: NodeSubject): {moving: string[]; stopping: string[]} {
	const byId = new Map(services.map(service => [service.id, service]));
	const moving: string[] = [];
	const stopping: string[] = [];
	for (const task of tasks) {
		if (task.nodeId !== node.id || task.desiredState !== 'running') {
			continue;
		}

		const service = byId.get(task.serviceId);
		const name = service ? `${service.name}${task.slot ? `.${task.slot}` : ''}` : task.id.slice(0, 12);
		(service?.mode === 'global' || service?.mode === 'global-job' ? stopping : moving).push(name);
	}

	return {moving: moving.sort(), stopping: stopping.sort()};
}

function planFor(subject: NodeSubject, availability: NodeAvailability): PlanLine[] {
	const {node, nodes} = subject;
	if (availability === 'pause') {
		return [{text: `No new task is placed on ${node.hostname}; the tasks running there keep running.`}];
	}

	if (availability === 'active') {
		return [
			{text: `${node.hostname} takes new tasks again; global services start their task there again.`},
			{text: 'Tasks that moved away stay where they are: the swarm does not rebalance by itself (docker service update --force does).', tone: 'muted'},
		];
	}

	const {moving, stopping} = drainedTasks(subject);
	const lines: PlanLine[] = [{
		text: moving.length === 0
			? `No task moves: ${node.hostname} runs no task of a replicated service.`
			: `${plural(moving.length, 'task')} will move from ${node.hostname} to other nodes: ${moving.join(', ')}.`,
		tone: moving.length > 0 ? 'warning' : 'plain',
	}];
	if (stopping.length > 0) {
		lines.push({text: `${stopping.length === 1 ? 'The task of a global service stops there and starts' : `${stopping.length} tasks of global services stop there and start`} nowhere else: ${stopping.join(', ')}.`, tone: 'warning'});
	}

	const others = nodes.filter(other => other.id !== node.id && other.availability === 'active' && other.state === 'ready');
	if (moving.length > 0 && others.length === 0) {
		lines.push({text: 'No other node is active and ready: the moved tasks will wait, pending, until one is.', tone: 'danger'});
	}

	return lines;
}

function setAvailability(availability: NodeAvailability, key: string, description: string) {
	const {verb, doing, done} = words[availability];
	return {
		keys: [char(key)],
		description,
		hint: verb.toLowerCase(),
		name: verb.toLowerCase(),
		palette: {name: verb.toLowerCase(), fields: []},
		refusal: ({node}: NodeSubject) => node.availability === availability ? `${node.hostname} is already ${done}.` : undefined,
		decide(subject: NodeSubject): Decision<NodeWrite> {
			const {node} = subject;
			const edit = {kind: 'availability', availability} as const;
			return {
				write: {kind: 'node', edit, basis: {specDigest: node.specDigest}},
				command: nodeCommand(node.hostname, edit),
				title: `${verb} ${node.hostname}?`,
				lines: planFor(subject, availability),
				confirm: true,
				progress: `${doing} ${node.hostname}`,
				summary: `${node.hostname} is ${done}: availability ${node.availability} → ${availability}`,
			};
		},
	};
}

export const drain = defineNodeAction({id: 'drainNode', ...setAvailability('drain', 'd', 'Drain: move every task off the node (asks first)')});
export const pause = defineNodeAction({id: 'pauseNode', ...setAvailability('pause', 'p', 'Pause: place no new task on the node (asks first)')});
export const activate = defineNodeAction({id: 'activateNode', ...setAvailability('active', 'u', 'Activate: the node takes tasks again (asks first)')});
