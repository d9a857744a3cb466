// Access to the lab swarm that scripts/lab starts: the sockets of its daemons, the
// docker CLI pointed at them, and throwaway services that tests create and remove
// themselves so that no test depends on another's leftovers.
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {promisify} from 'node:util';
import {createSwarmClient, type SwarmClient} from '../../source/swarm/client.js';

const run = promisify(execFile);

// LAB_INSTANCE picks one of several independent labs (see scripts/lab), as it does there.
const labDirectory = `/run/swarmdeck-lab${process.env['LAB_INSTANCE'] ?? ''}`;

export const labNodes = ['node1', 'node2', 'node3', 'solo'] as const;
export type LabNode = (typeof labNodes)[number];

export const labSockets = Object.fromEntries(labNodes.map(node => [node, `unix://${labDirectory}/${node}.sock`])) as Record<LabNode, string>;

/** The Debian CLI that matches the lab's daemons; any docker client works. */
const dockerBinary = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker';

export async function docker(args: string[], node: LabNode = 'node1'): Promise<string> {
	const {stdout} = await run(dockerBinary, ['-H', labSockets[node], ...args], {maxBuffer: 16 * 1024 * 1024});
	return stdout.trim();
}

export function labClient(options: {readOnly?: boolean; node?: LabNode} = {}): SwarmClient {
	return createSwarmClient({host: labSockets[options.node ?? 'node1'], readOnly: options.readOnly});
}

export async function inspectJson<T = any>(service: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
	return JSON.parse(await docker(['service', 'inspect', service]))[0] as T;
}

/** IDs of the service's tasks that are meant to run (desired state running). */
export async function runningTaskIds(service: string): Promise<string[]> {
	const out = await docker(['service', 'ps', service, '--filter', 'desired-state=running', '--format', '{{.ID}}', '--no-trunc']);
	return out.split('\n').filter(Boolean).sort();
}

export async function waitFor<T>(description: string, probe: () => Promise<T | undefined | false>, timeoutMs = 120_000, intervalMs = 500): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await probe();
			if (value !== undefined && value !== false) {
				return value;
			}
		} catch (error) {
			last = error;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${last ? ` (last error: ${String(last)})` : ''}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, intervalMs);
		});
	}
}

/** Waits until the service runs all the tasks it wants. */
export async function waitConverged(service: string, timeoutMs = 120_000): Promise<void> {
	await waitFor(`${service} to converge`, async () => {
		const [line] = (await docker(['service', 'ls', '--filter', `name=${service}`, '--format', '{{.Name}} {{.Replicas}}'])).split('\n').filter(entry => entry.startsWith(`${service} `));
		const match = /(\d+)\/(\d+)/.exec(line ?? '');
		return match !== null && match[1] === match[2];
	}, timeoutMs);
}

/** Creates a throwaway service from a lab image and waits until it runs. */
export async function createService(name: string, args: string[], image: string): Promise<void> {
	await removeService(name);
	await docker(['service', 'create', '--detach', '--quiet', '--no-resolve-image', '--name', name, ...args, image]);
	await waitConverged(name);
}

export async function removeService(name: string): Promise<void> {
	try {
		await docker(['service', 'rm', name]);
	} catch {
		// Not there: nothing to remove.
	}
}

const labScript = new URL('../../scripts/lab', import.meta.url).pathname;

/** Puts demo services back as `scripts/lab up` first created them (removed and recreated). */
export async function resetDemoServices(...names: string[]): Promise<void> {
	await run(labScript, ['reset', ...names], {maxBuffer: 16 * 1024 * 1024});
}
