// The shapes every screen works with. They are read from the Engine API (1.41+) and
// normalised once here, so components never dig through raw JSON.

export const serviceModes = ['replicated', 'global', 'replicated-job', 'global-job'] as const;
export type ServiceMode = (typeof serviceModes)[number];

export const updateFailureActions = ['continue', 'pause', 'rollback'] as const;
export const rollbackFailureActions = ['continue', 'pause'] as const;
export type FailureAction = (typeof updateFailureActions)[number];

export const updateOrders = ['stop-first', 'start-first'] as const;
export type UpdateOrder = (typeof updateOrders)[number];

/** UpdateConfig or RollbackConfig with the daemon's defaults filled in. Durations are nanoseconds. */
export type UpdatePolicy = {
	parallelism: number;
	delay: number;
	failureAction: FailureAction;
	monitor: number;
	maxFailureRatio: number;
	order: UpdateOrder;
};

/** Which of the two policies of a service: `--update-*` or `--rollback-*` flags. */
export type PolicyKind = 'update' | 'rollback';

/** The daemon's values when a field is absent from the spec (swarmkit defaults). */
export const defaultUpdatePolicy: UpdatePolicy = {
	parallelism: 1,
	delay: 0,
	failureAction: 'pause',
	monitor: 5_000_000_000,
	maxFailureRatio: 0,
	order: 'stop-first',
};

export type UpdateState =
	| 'updating'
	| 'paused'
	| 'completed'
	| 'rollback_started'
	| 'rollback_paused'
	| 'rollback_completed';

export type UpdateStatus = {
	state: UpdateState;
	message: string;
	startedAt?: Date;
	completedAt?: Date;
};

export type PublishedPort = {
	protocol: string;
	targetPort: number;
	publishedPort?: number;
	publishMode: string;
};

export type SwarmService = {
	id: string;
	name: string;
	/** Version.Index: every update must send it back. */
	version: number;
	mode: ServiceMode;
	/** Desired count for replicated services (and TotalCompletions for replicated jobs). */
	replicas?: number;
	runningTasks: number;
	desiredTasks: number;
	/** The image as the spec has it, possibly pinned with @sha256:... */
	image: string;
	stack?: string;
	ports: PublishedPort[];
	updateStatus?: UpdateStatus;
	updatePolicy: UpdatePolicy;
	rollbackPolicy: UpdatePolicy;
	hasPreviousSpec: boolean;
	/** Fingerprints of Spec and PreviousSpec as the daemon sent them: a confirmation is bound to them. */
	specDigest: string;
	previousSpecDigest: string;
	createdAt: Date;
	updatedAt: Date;
	/** The specs with their text made inert, for inspect and rollback previews: never sent back. */
	spec: RawServiceSpec;
	previousSpec?: RawServiceSpec;
};

export const taskStates = [
	'new',
	'allocated',
	'pending',
	'assigned',
	'accepted',
	'preparing',
	'ready',
	'starting',
	'running',
	'complete',
	'shutdown',
	'failed',
	'rejected',
	'remove',
	'orphaned',
] as const;
export type TaskState = (typeof taskStates)[number];

export type SwarmTask = {
	id: string;
	serviceId: string;
	/** Replicated services number their tasks by slot; global services by node. */
	slot?: number;
	nodeId?: string;
	desiredState: TaskState;
	state: TaskState;
	/** Status.Timestamp: when the task entered its current state. */
	stateSince: Date;
	error?: string;
	message: string;
	image: string;
	createdAt: Date;
	ports: PublishedPort[];
};

export const nodeAvailabilities = ['active', 'pause', 'drain'] as const;
export type NodeAvailability = (typeof nodeAvailabilities)[number];
export type NodeRole = 'manager' | 'worker';

export type SwarmNode = {
	id: string;
	hostname: string;
	role: NodeRole;
	availability: NodeAvailability;
	state: 'unknown' | 'down' | 'ready' | 'disconnected';
	address: string;
	isLeader: boolean;
	/** Version.Index: a node update must send it back. It moves with the node's status too. */
	version: number;
	/** A fingerprint of the Spec as the daemon sent it: a confirmation is bound to it. */
	specDigest: string;
	/** ManagerStatus.Reachability, for managers only: whether the raft can reach it. */
	reachability?: 'reachable' | 'unreachable' | 'unknown';
	engineVersion: string;
	/** Spec.Labels (node labels, used by placement constraints). */
	labels: Readonly<Record<string, string>>;
};

/** The node's Spec as the daemon has it; everything swarmdeck does not change is carried through. */
export type RawNodeSpec = {
	Name?: string;
	Labels?: Record<string, string>;
	Role?: string;
	Availability?: string;
	[key: string]: unknown;
};

export type SwarmEvent = {
	type: 'service' | 'node';
	action: string;
	id: string;
	name: string;
	time: Date;
	attributes: Record<string, string>;
};

// The subset of the Engine API's ServiceSpec that swarmdeck reads or writes. Everything
// else is carried through untouched, because an update sends the whole spec back.
export type RawUpdateConfig = {
	Parallelism?: number;
	Delay?: number;
	FailureAction?: string;
	Monitor?: number;
	MaxFailureRatio?: number;
	Order?: string;
};

export type RawServiceSpec = {
	Name?: string;
	Labels?: Record<string, string>;
	TaskTemplate?: {
		ContainerSpec?: {Image?: string; [key: string]: unknown};
		ForceUpdate?: number;
		[key: string]: unknown;
	};
	Mode?: {
		Replicated?: {Replicas?: number};
		Global?: Record<string, never>;
		ReplicatedJob?: {MaxConcurrent?: number; TotalCompletions?: number};
		GlobalJob?: Record<string, never>;
	};
	UpdateConfig?: RawUpdateConfig;
	RollbackConfig?: RawUpdateConfig;
	EndpointSpec?: {Mode?: string; Ports?: Array<Record<string, unknown>>};
	[key: string]: unknown;
};

/** What `:secrets`, `:configs` and `:networks` list. */
export type ResourceKind = 'secret' | 'config' | 'network';

/**
 * A secret, config or network, as its list shows it: names and dates only. A secret's data
 * is never returned by the API's list, and a config's data is not read.
 */
export type SwarmResource = {
	kind: ResourceKind;
	id: string;
	name: string;
	createdAt?: Date;
	updatedAt?: Date;
	/** Networks: overlay, bridge, host…; secrets from an external store name their driver too. */
	driver?: string;
	/** Networks: swarm or local. */
	scope?: string;
	/** The swarm's ingress network, which every service publishing a port in ingress mode uses. */
	ingress?: boolean;
};
