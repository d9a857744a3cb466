// Before any screen opens, /info tells whether this daemon can manage services at all.
// The API would answer /services with a 503 anyway; this turns each case into one sentence
// that says what to do.
import {inertDeep} from '../text/inert.js';
import {shellWord} from './commands.js';

export type SwarmInfo = {
	Name?: string;
	ServerVersion?: string;
	Swarm?: {
		LocalNodeState?: string;
		ControlAvailable?: boolean;
		NodeID?: string;
		NodeAddr?: string;
		Error?: string;
		RemoteManagers?: Array<{NodeID?: string; Addr?: string}> | null;
		Nodes?: number;
		Managers?: number;
	};
};

export type PreflightProblem = 'unreachable' | 'inactive' | 'worker' | 'pending' | 'locked' | 'error';

export type PreflightResult =
	| {ok: true; nodeName: string; serverVersion: string}
	| {ok: false; problem: PreflightProblem; message: string};

export function explainSwarmInfo(rawInfo: SwarmInfo, target: string): PreflightResult {
	// The node's name and the swarm's error are the daemon's words, shown in the header and here.
	const info = inertDeep(rawInfo);
	const swarm = info.Swarm ?? {};
	const nodeName = info.Name ?? 'this node';
	// The command spells the raw name, so that it still names the node when pasted.
	const promote = `docker node promote ${shellWord(rawInfo.Name ?? nodeName)}`;
	const state = swarm.LocalNodeState ?? 'inactive';

	switch (state) {
		case 'active': {
			if (swarm.ControlAvailable) {
				return {ok: true, nodeName, serverVersion: info.ServerVersion ?? 'unknown'};
			}

			const managers = (swarm.RemoteManagers ?? []).map(manager => manager.Addr).filter(Boolean);
			const where = managers.length > 0 ? ` Managers of this swarm: ${managers.join(', ')}.` : '';
			return {
				ok: false,
				problem: 'worker',
				message: `${nodeName} (${target}) is a swarm worker: workers cannot list or change services. Point DOCKER_HOST (or --host) at a manager, or promote this node with \`${promote}\` on a manager.${where}`,
			};
		}

		case 'pending': {
			return {
				ok: false,
				problem: 'pending',
				message: `${nodeName} (${target}) is still joining or starting its swarm (state: pending). Wait a few seconds and start swarmdeck again; \`docker info\` shows when it is active.`,
			};
		}

		case 'locked': {
			return {
				ok: false,
				problem: 'locked',
				message: `The swarm on ${nodeName} (${target}) is locked: autolock is on and this manager restarted. Unlock it with \`docker swarm unlock\` and your unlock key, then start swarmdeck again.`,
			};
		}

		case 'error': {
			return {
				ok: false,
				problem: 'error',
				message: `The swarm on ${nodeName} (${target}) is in an error state${swarm.Error ? `: ${swarm.Error}` : ''}. Check \`docker info\` and the daemon's log.`,
			};
		}

		default: {
			return {
				ok: false,
				problem: 'inactive',
				message: `The Docker engine ${nodeName} (${target}) is not part of a swarm. Run \`docker swarm init\` there to create one, or point DOCKER_HOST (or --host) at a swarm manager. For a practice swarm: \`npm run lab up\`.`,
			};
		}
	}
}

export function unreachableResult(message: string): PreflightResult {
	return {ok: false, problem: 'unreachable', message};
}
