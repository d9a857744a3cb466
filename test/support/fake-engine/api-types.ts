// The Engine API (1.41) objects as the daemon sends them. The engine stores them in exactly
// this shape, so serving a request is a copy, and fixtures captured from the lab compare
// key for key.

import type {RawUpdateConfig} from '../../../source/swarm/types.js';

export type Version = {Index: number};

/** UpdateConfig and RollbackConfig: the same subset the client writes. */
export type UpdateConfig = RawUpdateConfig;

export type PortConfig = {
	Name?: string;
	Protocol?: string;
	TargetPort?: number;
	PublishedPort?: number;
	PublishMode?: string;
};

export type EndpointSpec = {Mode?: string; Ports?: PortConfig[]};

export type TaskTemplate = {
	ContainerSpec?: {Image?: string; Labels?: Record<string, string>; TTY?: boolean; [key: string]: unknown};
	RestartPolicy?: {Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number};
	Placement?: {Constraints?: string[]; [key: string]: unknown};
	Networks?: Array<{Target: string; Aliases?: string[]}>;
	ForceUpdate?: number;
	Runtime?: string;
	[key: string]: unknown;
};

export type ServiceMode = {
	Replicated?: {Replicas?: number};
	Global?: Record<string, never>;
	ReplicatedJob?: {MaxConcurrent?: number; TotalCompletions?: number};
	GlobalJob?: Record<string, never>;
};

export type ServiceSpec = {
	Name: string;
	Labels: Record<string, string>;
	TaskTemplate: TaskTemplate;
	Mode: ServiceMode;
	UpdateConfig?: UpdateConfig;
	RollbackConfig?: UpdateConfig;
	EndpointSpec?: EndpointSpec;
	[key: string]: unknown;
};

export type UpdateState = 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';

export type UpdateStatus = {
	State: UpdateState;
	StartedAt?: string;
	CompletedAt?: string;
	Message: string;
};

export type Endpoint = {
	Spec: EndpointSpec;
	Ports?: PortConfig[];
	VirtualIPs?: Array<{NetworkID: string; Addr: string}>;
};

export type Service = {
	ID: string;
	Version: Version;
	CreatedAt: string;
	UpdatedAt: string;
	Spec: ServiceSpec;
	PreviousSpec?: ServiceSpec;
	Endpoint: Endpoint;
	UpdateStatus?: UpdateStatus;
};

export type ServiceStatus = {RunningTasks: number; DesiredTasks: number; CompletedTasks: number};

/** Task states in the order swarmkit moves through them. */
export const taskStates = [
	'new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running',
	'complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned',
] as const;
export type TaskState = (typeof taskStates)[number];

export function stateRank(state: TaskState): number {
	return taskStates.indexOf(state);
}

export type TaskStatus = {
	Timestamp: string;
	State: TaskState;
	Message: string;
	Err?: string;
	ContainerStatus?: {ContainerID: string; PID: number; ExitCode: number};
	PortStatus: {Ports?: PortConfig[]};
};

export type Task = {
	ID: string;
	Version: Version;
	CreatedAt: string;
	UpdatedAt: string;
	Labels: Record<string, string>;
	/** The service's TaskTemplate without Runtime. */
	Spec: TaskTemplate;
	ServiceID: string;
	Slot?: number;
	NodeID?: string;
	Status: TaskStatus;
	DesiredState: TaskState;
	NetworksAttachments?: unknown[];
};

export type NodeSpec = {Name?: string; Labels: Record<string, string>; Role: 'manager' | 'worker'; Availability: 'active' | 'pause' | 'drain'};

export type Node = {
	ID: string;
	Version: Version;
	CreatedAt: string;
	UpdatedAt: string;
	Spec: NodeSpec;
	Description: {
		Hostname: string;
		Platform: {Architecture: string; OS: string};
		Resources: {NanoCPUs: number; MemoryBytes: number};
		Engine: {EngineVersion: string; Labels?: Record<string, string>; Plugins: Array<{Type: string; Name: string}>};
		TLSInfo?: Record<string, unknown>;
	};
	Status: {State: 'unknown' | 'down' | 'ready' | 'disconnected'; Message?: string; Addr: string};
	ManagerStatus?: {Leader?: boolean; Reachability: 'unknown' | 'unreachable' | 'reachable'; Addr: string};
};

/** GET /networks answers with moby's network resource, not the swarm object. */
export type Network = {
	Name: string;
	Id: string;
	Created: string;
	Scope: 'swarm' | 'local';
	Driver: string;
	EnableIPv6: boolean;
	IPAM: {Driver: string; Options: Record<string, string> | null; Config: Array<{Subnet: string; Gateway: string}>};
	Internal: boolean;
	Attachable: boolean;
	Ingress: boolean;
	ConfigFrom: {Network: string};
	ConfigOnly: boolean;
	Options: Record<string, string>;
	Labels: Record<string, string> | null;
};

export type SecretOrConfig = {
	ID: string;
	Version: Version;
	CreatedAt: string;
	UpdatedAt: string;
	/** Secrets never show their Data; configs do. */
	Spec: {Name: string; Labels: Record<string, string>; Data?: string};
};

export type EventType = 'service' | 'node' | 'network' | 'secret' | 'config';

export type EventMessage = {
	Type: EventType;
	Action: string;
	Actor: {ID: string; Attributes: Record<string, string>};
	scope: 'swarm';
	time: number;
	timeNano: number;
};
