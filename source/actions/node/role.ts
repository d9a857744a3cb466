// Promote and demote: `docker node promote/demote`. Both change how many managers the raft
// needs; a demotion that would lose quorum is refused before anything is sent, with the numbers.
import {char} from '../../keys/bindings.js';
import {nodeCommand} from '../../swarm/commands.js';
import {defineNodeAction, type PlanLine} from '../action.js';
import {demotionRefusal, quorumChange} from './quorum.js';

export const promote = defineNodeAction({
	id: 'promoteNode',
	keys: [char('+')],
	description: 'Promote to manager, saying what quorum becomes (asks first)',
	hint: 'promote',
	name: 'promote',
	palette: {name: 'promote', fields: []},
	refusal: ({node}) => node.role === 'manager' ? `${node.hostname} is already a manager.` : undefined,
	decide({node, nodes}) {
		const edit = {kind: 'role', role: 'manager'} as const;
		const lines: PlanLine[] = [
			{text: `${node.hostname} joins the raft and can run every swarm command.`},
			{text: quorumChange(nodes, 1), tone: 'warning'},
		];
		if (node.state !== 'ready') {
			lines.push({text: `${node.hostname} is ${node.state}: a manager that cannot be reached counts against quorum.`, tone: 'danger'});
		}

		return {
			write: {kind: 'node', edit, basis: {specDigest: node.specDigest}},
			command: nodeCommand(node.hostname, edit),
			title: `Promote ${node.hostname} to manager?`,
			lines,
			confirm: true,
			progress: `Promoting ${node.hostname}`,
			summary: `${node.hostname} promoted to manager`,
		};
	},
});

export const demote = defineNodeAction({
	id: 'demoteNode',
	keys: [char('-')],
	description: 'Demote to worker, unless quorum would be lost (asks first)',
	hint: 'demote',
	name: 'demote',
	palette: {name: 'demote', fields: []},
	refusal: ({node, nodes}) => node.role === 'worker' ? `${node.hostname} is already a worker.` : demotionRefusal(node, nodes),
	decide({node, nodes}) {
		const edit = {kind: 'role', role: 'worker'} as const;
		const lines: PlanLine[] = [{text: quorumChange(nodes, -1), tone: 'warning'}];
		if (node.isLeader) {
			lines.push({text: `${node.hostname} leads the raft: the other managers elect a new leader, and swarmdeck's own manager may answer slowly meanwhile.`, tone: 'warning'});
		}

		return {
			write: {kind: 'node', edit, basis: {specDigest: node.specDigest}},
			command: nodeCommand(node.hostname, edit),
			title: `Demote ${node.hostname} to worker?`,
			lines,
			confirm: true,
			progress: `Demoting ${node.hostname}`,
			summary: `${node.hostname} demoted to worker`,
		};
	},
});
