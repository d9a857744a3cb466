// Errors in the daemon's own words and status codes, as seen on the lab's dockerd 20.10.
// The HTTP layer answers them as {"message": …}; the engine's methods throw them directly.

export class EngineError extends Error {
	constructor(readonly statusCode: number, message: string) {
		super(message);
		this.name = 'EngineError';
	}
}

/** swarmkit's gRPC errors reach the client with their code in the text. */
function rpc(statusCode: number, code: string, description: string): EngineError {
	return new EngineError(statusCode, `rpc error: code = ${code} desc = ${description}`);
}

export const daemonErrors = {
	notFound: (kind: 'service' | 'task' | 'node' | 'secret' | 'config' | 'network', id: string) => new EngineError(404, `${kind} ${id} not found`),
	outOfSequence: () => rpc(500, 'Unknown', 'update out of sequence'),
	noPreviousSpec: (serviceId: string) => rpc(400, 'FailedPrecondition', `service ${serviceId} does not have a previous spec`),
	nameConflict: (name: string) => rpc(409, 'AlreadyExists', `name conflicts with an existing object: service ${name} already exists`),
	invalidName: () => rpc(400, 'InvalidArgument', 'name must be valid as a DNS name component'),
	noImage: () => rpc(400, 'InvalidArgument', 'ContainerSpec: image reference must be provided'),
	modeChange: () => rpc(501, 'Unimplemented', 'service mode change is not allowed'),
	rename: () => rpc(501, 'Unimplemented', 'renaming services is not supported'),
	invalidVersion: (text: string) => new EngineError(400, `invalid ${'service'} version '${text}': strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`),
	invalidNodeVersion: (text: string) => new EngineError(400, `invalid node version '${text}': strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`),
	rollbackOption: (value: string) => new EngineError(500, `unrecognized rollback option ${value}`),
	secretExists: (name: string) => rpc(409, 'AlreadyExists', `secret ${name} already exists`),
	configExists: (name: string) => rpc(409, 'AlreadyExists', `config ${name} already exists`),
	secretData: () => rpc(400, 'InvalidArgument', 'secret data must be larger than 0 and less than 512000 bytes'),
	nodeIsManager: (nodeId: string) => rpc(400, 'FailedPrecondition', `node ${nodeId} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`),
	nodeNotDown: (nodeId: string) => rpc(400, 'FailedPrecondition', `node ${nodeId} is not down and can't be removed`),
	invalidFilter: (name: string) => new EngineError(400, `Invalid filter '${name}'`),
	invalidDesiredState: (value: string) => new EngineError(500, `Invalid desired-state filter: '${value}'`),
	noLogStream: () => new EngineError(500, 'Bad parameters: you must choose at least one stream'),
	sinceAfterUntil: (since: string, until: string) => new EngineError(400, `\`since\` time (${since}) cannot be after \`until\` time (${until})`),
	pageNotFound: () => new EngineError(404, 'page not found'),
	/** What a worker or an engine outside any swarm answers on every swarm endpoint. */
	notManager: (state: SwarmRole) => new EngineError(503, state === 'worker'
		? 'This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.'
		: 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'),
} as const;

/** Which daemon the engine plays: /info says so, and every swarm endpoint obeys it. */
export type SwarmRole = 'manager' | 'worker' | 'inactive';
