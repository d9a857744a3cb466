import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCheck} from '../../source/check.js';
import {DockerError} from '../../source/swarm/errors.js';
import {defaultUpdatePolicy} from '../../source/swarm/types.js';
import {createFakeClient, makeNode, makeService} from '../support/fake-client.js';
import type {SwarmTask} from '../../source/swarm/types.js';

const healthy = {Test: ['CMD', '/bin/true'], Interval: 2_000_000_000, Retries: 1};

function swarm() {
	return createFakeClient({
		services: [
			makeService({name: 'whoami', replicas: 3, image: 'swarmdeck/whoami:1.0', updatePolicy: {...defaultUpdatePolicy, failureAction: 'rollback', delay: 10e9, monitor: 10e9}}),
			makeService({name: 'api', replicas: 2, image: 'example/api:2', updatePolicy: {...defaultUpdatePolicy, failureAction: 'rollback'}}),
		],
		images: {'swarmdeck/whoami:1.0': healthy, 'example/api:2': null},
	});
}

async function check(names: string[], json = false, client = swarm()) {
	let out = '';
	let error = '';
	const code = await runCheck(client, {names, json, write(text) {
		out += text;
	}, writeError(text) {
		error += text;
	}});
	return {code, out, error};
}

/** The pulse of the swarm above: nothing wrong, and no node known to the fake. */
const calmPulse = '2/2 services converged · no update running · 0 tasks failed in 10 min · 0/0 nodes down';

describe('swarmdeck check', () => {
	it('prints the swarm\'s pulse first, counting every task that failed in the last 10 minutes', async () => {
		const now = new Date();
		let sequence = 0;
		const makeTask = (serviceId: string, {minutes, state = 'running'}: {minutes: number; state?: SwarmTask['state']}): SwarmTask => ({
			id: `task${++sequence}`, serviceId, slot: 1, desiredState: state === 'running' ? 'running' : 'shutdown', state, stateSince: new Date(now.getTime() - (minutes * 60_000)), createdAt: new Date(now.getTime() - (minutes * 60_000) - 1000), message: '', image: 'example/api:2', ports: [],
		});
		const client = createFakeClient({
			services: [
				makeService({name: 'api', replicas: 2, runningTasks: 1, updateStatus: {state: 'paused', message: 'update paused due to failure', startedAt: now}}),
				makeService({name: 'web', replicas: 2}),
				makeService({name: 'db', replicas: 1, updateStatus: {state: 'rollback_completed', message: 'rollback completed', startedAt: now, completedAt: now}}),
			],
			tasks: {'id-api': [
				makeTask('id-api', {state: 'failed', minutes: 2}),
				makeTask('id-api', {state: 'rejected', minutes: 9}),
				makeTask('id-api', {state: 'failed', minutes: 11}),
				makeTask('id-api', {minutes: 1}),
			], 'id-web': [makeTask('id-web', {state: 'failed', minutes: 1})]},
			nodes: [makeNode({hostname: 'node1'}), makeNode({hostname: 'node2', state: 'down'}), makeNode({hostname: 'node3'})],
		});
		// Named services narrow the findings, not the pulse: it is the whole swarm's.
		const {out} = await check(['web'], false, client);
		expect(out.split('\n')[0]).toBe('2/3 services converged · 1 paused, 1 rolled back · 3 tasks failed in 10 min · 1/3 nodes down');
		// --json stays the list of findings.
		const json = (await check(['web'], true, client)).out;
		expect((JSON.parse(json) as Array<{service: string}>).every(finding => finding.service === 'web')).toBe(true);
		expect(json).not.toContain('converged');
	});

	it('exits 0 and says so when nothing is found (whoami: its image has a health check)', async () => {
		expect(await check(['whoami'])).toEqual({code: 0, out: `${calmPulse}\n\n1 service checked: nothing found.\n`, error: ''});
	});

	it('exits 1 on a warning and prints it with its fix', async () => {
		const {code, out} = await check([]);
		expect(code).toBe(1);
		expect(out).toBe([
			calmPulse,
			'',
			'api  warning  no-health-check',
			'  Failure action rollback with no health check in the spec or in the image: only tasks that exit are caught, so an automatic rollback never fires for a task that runs but does not work.',
			'  fix: docker service update --health-cmd \'<a command that fails when the service is broken>\' api',
			'',
			'2 services checked: 1 warning, 0 notes.',
			'',
		].join('\n'));
	});

	it('gives the findings as data with --json', async () => {
		const {code, out} = await check(['api', 'whoami'], true);
		expect(code).toBe(1);
		expect(JSON.parse(out)).toEqual([{
			service: 'api',
			id: 'no-health-check',
			severity: 'warning',
			message: expect.stringContaining('Failure action rollback') as unknown,
			fix: 'docker service update --health-cmd \'<a command that fails when the service is broken>\' api',
		}]);
		expect(JSON.parse((await check(['whoami'], true)).out)).toEqual([]);
	});

	it('exits 2 with a sentence for a service it does not know, checking nothing', async () => {
		expect(await check(['whoami', 'vot'])).toEqual({code: 2, out: '', error: 'swarmdeck: no service is named "vot" on unix:///fake.sock: nothing was checked. `docker service ls` lists the services.\n'});
	});

	it('exits 2 when the daemon cannot be read', async () => {
		const client = swarm();
		client.failWith = new DockerError('Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED).', undefined, true);
		expect(await check([], false, client)).toEqual({code: 2, out: '', error: 'swarmdeck: Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED).\n'});
	});

	it('loads neither Ink nor React: no module it imports, however deep, does', () => {
		const seen = new Set<string>();
		const visit = (file: string) => {
			if (seen.has(file)) {
				return;
			}

			seen.add(file);
			const text = readFileSync(file, 'utf8');
			// Static imports only: `import(…)` loads later, on the paths that need it.
			for (const [, specifier] of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
				expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^(ink|react)(\/|$)|^ink-/);
				if (specifier!.startsWith('.')) {
					const target = resolve(dirname(file), specifier!);
					const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')];
					const found = candidates.find(candidate => {
						try {
							readFileSync(candidate);
							return true;
						} catch {
							return false;
						}
					});
					expect(found, `${specifier} from ${file}`).toBeDefined();
					visit(found!);
				}
			}
		};

		const root = join(import.meta.dirname, '../..');
		visit(join(root, 'cli.tsx'));
		visit(join(root, 'source/check.ts'));
		expect(seen.size).toBeGreaterThan(10);
		expect([...seen].some(file => file.endsWith('app.tsx'))).toBe(false);
	});
});
