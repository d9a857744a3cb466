// `swarmdeck check [SERVICE...] [--json]`: the advisor's findings without a screen, for
// cron and CI, after the swarm's pulse (the services screen's header line; not in --json,
// which stays the list of findings). Loads no Ink and no React. Exit codes: 0 no warning,
// 1 warnings, 2 the swarm cannot be read (no daemon, a service name it does not know).
import {findingsFor, readTasksAndNodes} from './advisor/gather.js';
import {checkExitCode, checkJson, checkReport} from './format/findings.js';
import {failureTimes, formatPulse, swarmPulse} from './format/pulse.js';
import {naturalCompare} from './format/natural-order.js';
import type {SwarmClient} from './swarm/client.js';
import {inert} from './text/inert.js';

export const checkExitCodes = {clean: 0, warnings: 1, unreadable: 2} as const;

export type CheckOptions = {
	names: readonly string[];
	json: boolean;
	write?: (text: string) => void;
	writeError?: (text: string) => void;
	now?: Date;
};

export async function runCheck(client: SwarmClient, {names, json, write = text => process.stdout.write(text), writeError = text => process.stderr.write(text), now}: CheckOptions): Promise<number> {
	const fail = (message: string) => {
		writeError(`swarmdeck: ${message}\n`);
		return checkExitCodes.unreadable;
	};

	try {
		const all = await client.listServices();
		const unknown = names.filter(name => !all.some(service => service.name === name || service.id === name));
		if (unknown.length > 0) {
			const listed = unknown.map(name => `"${inert(name)}"`).join(', ');
			return fail(`no service is named ${listed} on ${client.target}: nothing was checked. \`docker service ls\` lists the services.`);
		}

		const services = names.length === 0 ? all : all.filter(service => names.includes(service.name) || names.includes(service.id));
		// Every task, for the pulse's count of failures: the screen counts only those it read.
		const read = await readTasksAndNodes(client, all);
		const findings = await findingsFor(client, [...services].sort((a, b) => naturalCompare(a.name, b.name)), now, read);
		const pulse = formatPulse(swarmPulse({services: all, nodes: read.nodes, failedAt: failureTimes(read.tasks), now: now ?? new Date()}));
		write(json ? checkJson(findings) : `${pulse}\n\n${checkReport(findings, services.length)}`);
		return checkExitCode(findings);
	} catch (error) {
		return fail(inert(error instanceof Error ? error.message : String(error)));
	}
}
