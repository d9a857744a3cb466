// A service the way `docker service inspect --pretty` shows it, as lines of text, with
// the differences between Spec and PreviousSpec after it.
import type {Finding} from '../advisor/finding.js';
import {diffSpecs} from '../spec/diff.js';
import type {RawServiceSpec, SwarmService, UpdatePolicy} from '../swarm/types.js';
import {formatGoDuration} from '../spec/go-duration.js';
import {composePolicyLines} from './compose.js';
import {findingLines} from './findings.js';
import {ago} from './rollout.js';
import {wrapRows} from './wrap.js';

export type InspectLine = {text: string; heading?: boolean};

const modeTitles = {replicated: 'Replicated', global: 'Global', 'replicated-job': 'Replicated job', 'global-job': 'Global job'} as const;

function policyLines(policy: UpdatePolicy, kind: 'Update' | 'Rollback'): InspectLine[] {
	return [
		{text: ` Parallelism:\t${policy.parallelism}`},
		...(policy.delay > 0 ? [{text: ` Delay:\t\t${formatGoDuration(policy.delay)}`}] : []),
		{text: ` On failure:\t${policy.failureAction}`},
		{text: ` Monitoring Period: ${formatGoDuration(policy.monitor)}`},
		{text: ` Max failure ratio: ${policy.maxFailureRatio}`},
		// The CLI lines the order up with `Monitoring Period: `: `Update order:      `, `Rollback order:    `.
		{text: ` ${`${kind} order:`.padEnd(18)} ${policy.order}`},
	];
}

type Mount = {Type?: string; Source?: string; Target?: string; ReadOnly?: boolean};
type Port = {PublishedPort?: number; TargetPort?: number; Protocol?: string; PublishMode?: string};

function containerLines(spec: RawServiceSpec): InspectLine[] {
	const container = spec.TaskTemplate?.ContainerSpec ?? {};
	const lines: InspectLine[] = [{text: 'ContainerSpec:', heading: true}, {text: ` Image:\t\t${container.Image ?? ''}`}];
	const args = container['Args'] as string[] | undefined;
	if (args?.length) {
		lines.push({text: ` Args:\t\t${args.join(' ')}`});
	}

	const env = container['Env'] as string[] | undefined;
	if (env?.length) {
		lines.push({text: ' Env:\t\t' + env.join(' ')});
	}

	const mounts = (container['Mounts'] as Mount[] | undefined) ?? [];
	if (mounts.length > 0) {
		lines.push({text: 'Mounts:', heading: true});
		for (const mount of mounts) {
			lines.push({text: ` Target:\t${mount.Target ?? ''}`}, {text: `  Source:\t${mount.Source ?? ''}`}, {text: `  ReadOnly:\t${Boolean(mount.ReadOnly)}`}, {text: `  Type:\t\t${mount.Type ?? 'volume'}`});
		}
	}

	return lines;
}

/** Expands tabs to columns of 8, as a terminal would, so lines measure true. */
export function expandTabs(text: string): string {
	let out = '';
	for (const character of text) {
		out += character === '\t' ? ' '.repeat(8 - (out.length % 8)) : character;
	}

	return out;
}

/** The advisor's findings, as `swarmdeck check` prints them; undefined while they are being read. */
function findingSection(findings: readonly Finding[] | undefined, width: number): InspectLine[] {
	const lines: InspectLine[] = [{text: 'Findings (as `swarmdeck check` reports them):', heading: true}];
	if (findings === undefined) {
		return [...lines, {text: ' reading the image\'s health check…'}];
	}

	if (findings.length === 0) {
		return [...lines, {text: ' none: nothing in the policy or the tasks calls for a change'}];
	}

	// Wrapped, not cut off like the other lines: the sentence is the point, and the fix is a command to copy.
	const indented = (text: string) => {
		const indent = /^ */.exec(text)![0].length + 1;
		const rows = Number.isFinite(width) ? wrapRows(text.trimStart(), width - indent) : [text.trimStart()];
		return rows.map(row => ({text: `${' '.repeat(indent)}${row}`}));
	};

	return [...lines, ...findings.flatMap(finding => findingLines(finding, {withService: false}).flatMap(text => indented(text)))];
}

/** The policy as the lines of a stack file: only what differs from the defaults. */
function composeSection(service: SwarmService): InspectLine[] {
	const lines = composePolicyLines({update: service.updatePolicy, rollback: service.rollbackPolicy});
	return [
		{text: 'In a stack file (docker stack deploy):', heading: true},
		...(lines.length > 0 ? lines.map(text => ({text: ` ${text}`})) : [{text: ' both policies are the defaults: no update_config or rollback_config needed'}]),
	];
}

/**
 * `findings`: the advisor's, to list ('reading' while still being read), wrapped to `width`;
 * left out, the section is not shown.
 */
export function inspectLines(service: SwarmService, now: Date, findings?: readonly Finding[] | 'reading', width = Number.POSITIVE_INFINITY): InspectLine[] {
	const {spec} = service;
	const lines: InspectLine[] = [
		{text: `ID:\t\t${service.id}`},
		{text: `Name:\t\t${service.name}`},
	];
	const labels = Object.entries(spec.Labels ?? {});
	if (labels.length > 0) {
		lines.push({text: 'Labels:', heading: true}, ...labels.map(([key, value]) => ({text: ` ${key}=${value}`})));
	}

	lines.push({text: `Service Mode:\t${modeTitles[service.mode]}`});
	if (service.replicas !== undefined) {
		lines.push({text: ` Replicas:\t${service.replicas}`});
	}

	lines.push({text: ` Running:\t${service.runningTasks}/${service.desiredTasks}`});
	if (service.updateStatus) {
		lines.push(
			{text: 'UpdateStatus:', heading: true},
			{text: ` State:\t\t${service.updateStatus.state}`},
			{text: ` Started:\t${ago(service.updateStatus.startedAt, now)}`},
		);
		if (service.updateStatus.completedAt) {
			lines.push({text: ` Completed:\t${ago(service.updateStatus.completedAt, now)}`});
		}

		lines.push({text: ` Message:\t${service.updateStatus.message}`});
	}

	const placement = spec.TaskTemplate?.['Placement'] as {Constraints?: string[]; Preferences?: unknown[]; MaxReplicas?: number} | undefined;
	lines.push({text: 'Placement:', heading: true});
	for (const constraint of placement?.Constraints ?? []) {
		lines.push({text: ` Constraints:\t${constraint}`});
	}

	if (placement?.MaxReplicas) {
		lines.push({text: ` Max Replicas Per Node:   ${placement.MaxReplicas}`});
	}

	lines.push(
		{text: 'UpdateConfig:', heading: true}, ...policyLines(service.updatePolicy, 'Update'),
		{text: 'RollbackConfig:', heading: true}, ...policyLines(service.rollbackPolicy, 'Rollback'),
		...containerLines(spec),
		{text: `Endpoint Mode:\t${spec.EndpointSpec?.Mode ?? 'vip'}`},
	);
	const ports = (spec.EndpointSpec?.Ports ?? []) as Port[];
	if (ports.length > 0) {
		lines.push({text: 'Ports:', heading: true});
		for (const port of ports) {
			lines.push(
				{text: ` PublishedPort = ${port.PublishedPort ?? ''}`},
				{text: `  Protocol = ${port.Protocol ?? 'tcp'}`},
				{text: `  TargetPort = ${port.TargetPort ?? ''}`},
				{text: `  PublishMode = ${port.PublishMode ?? 'ingress'}`},
			);
		}
	}

	lines.push({text: 'Changes from the previous spec (what a rollback would undo):', heading: true});
	if (service.previousSpec) {
		const changes = diffSpecs(service.previousSpec, spec);
		lines.push(...(changes.length > 0
			? changes.map(change => ({text: ` ${change.field}: ${change.from} → ${change.to}`}))
			: [{text: ' none in the fields shown here'}]));
	} else {
		lines.push({text: ' no previous spec: never updated, or an automatic rollback used it'});
	}

	// After what `docker service inspect --pretty` shows, so that reads as the class knows it.
	if (findings !== undefined) {
		lines.push(...findingSection(findings === 'reading' ? undefined : findings, width));
	}

	lines.push(...composeSection(service));

	return lines.map(line => ({...line, text: expandTabs(line.text)}));
}
