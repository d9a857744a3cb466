// Before any screen opens, /info tells whether this daemon can manage services at all.
// The API would answer /services with a 503 anyway; this turns each case into one sentence
// that says what to do.
import {inertDeep} from '../text/inert.js';
import {shellWord} from './commands.js';
import {DockerError, isConnectionError, toDockerError} from './errors.js';

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

export type PreflightProblem = 'unreachable' | 'not-docker' | 'inactive' | 'worker' | 'pending' | 'locked' | 'error';

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

/**
 * Something answered HTTP at the address, but not as a Docker daemon does: every daemon
 * answers /info with a JSON object, and its errors with JSON that has a `message`.
 */
function notDockerResult(target: string, what: string): PreflightResult {
	return {
		ok: false,
		problem: 'not-docker',
		message: `${target} answers HTTP but is not a Docker daemon (${what}). Check the address and port in DOCKER_HOST or --host.`,
	};
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** The answer to GET /info: the swarm state if it came from a Docker daemon. */
export function explainInfo(info: unknown, target: string): PreflightResult {
	if (!isObject(info) || !('ServerVersion' in info || 'Swarm' in info)) {
		return notDockerResult(target, 'its answer to GET /info is not the Docker API\'s');
	}

	return explainSwarmInfo(info as SwarmInfo, target);
}

/** Why GET /info failed, in one sentence. */
export function explainPreflightError(error: unknown, target: string): PreflightResult {
	if (isConnectionError(error) || (error instanceof DockerError && error.unreachable)) {
		return unreachableResult(toDockerError(error, target).message);
	}

	const {statusCode, json} = (error ?? {}) as {statusCode?: unknown; json?: unknown};
	if (typeof statusCode === 'number' && !(isObject(json) && typeof json['message'] === 'string')) {
		const body = Buffer.isBuffer(json) ? json.toString('utf8') : String(json ?? '');
		// Go's TLS server, which dockerd uses, answers a plain HTTP request with this.
		if (/HTTP request to an HTTPS server/i.test(body)) {
			return unreachableResult(`${target} expects TLS. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder that holds ca.pem, cert.pem and key.pem, as for \`docker --tlsverify\`.`);
		}

		return notDockerResult(target, `it answered GET /info with HTTP ${statusCode}`);
	}

	return {ok: false, problem: 'error', message: toDockerError(error, target).message};
}
