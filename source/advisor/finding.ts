// What the policy advisor knows about a service and what it says about it. Rules are pure
// functions of an AdvisorInput: the same finding on the policy form, in inspect and in
// `swarmdeck check`, and a unit test needs nothing but JSON captured from a swarm.
import type {SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';

export type Severity = 'warning' | 'info';

/** A container health check as the daemon applies it: durations in nanoseconds, defaults filled in. */
export type HealthCheck = {test: string[]; interval: number; retries: number; startPeriod: number};

/**
 * Where the advisor looked for a health check. The spec's ContainerSpec.Healthcheck wins;
 * otherwise the image's HEALTHCHECK, which the service spec does not carry: the manager
 * swarmdeck talks to can show it only when it holds a copy of the image. On the lab the
 * spec of whoami has no Healthcheck and its image (on node1, the manager) has one.
 */
export type HealthCheckSource =
	| {from: 'spec' | 'image'; check: HealthCheck}
	/** Disabled in the spec (`--no-healthcheck`), or no HEALTHCHECK in the spec nor in the manager's copy of the image. */
	| {from: 'none'; where: 'spec' | 'image'}
	/** No health check in the spec, and the image is not on the manager (or was not read). */
	| {from: 'spec only'};

export type AdvisorInput = {
	service: SwarmService;
	/** The service's tasks, history included; empty where they are not known (the policy form). */
	tasks: readonly SwarmTask[];
	nodes: readonly SwarmNode[];
	health: HealthCheckSource;
	now: Date;
};

export type Finding = {
	service: string;
	/** Stable: scripts and docs refer to it. */
	id: string;
	severity: Severity;
	/** One sentence on the risk, with the numbers. */
	message: string;
	/** The `docker service update …` command that removes the risk, when one does. */
	fix?: string;
};

export type Rule = {
	id: string;
	severity: Severity;
	/** Each finding without the service name and the rule's id: the advisor adds them. */
	check: (input: AdvisorInput) => ReadonlyArray<{message: string; fix?: string; severity?: Severity}>;
};

export function defineRule(rule: Rule): Rule {
	return rule;
}
