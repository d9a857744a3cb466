// `swarmdeck check` on the lab, as cron or CI would run it: no terminal, the findings on
// stdout, the exit code for the verdict.
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createService, labSockets, removeService} from '../support/lab.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const service = 'sd-check-rollback';

type Outcome = {code: number; stdout: string; stderr: string};

async function check(args: string[], dockerHost = labSockets.node1): Promise<Outcome> {
	return new Promise(resolve => {
		execFile(process.execPath, [cli, 'check', ...args], {env: {...process.env, DOCKER_HOST: dockerHost}, timeout: 60_000}, (error, stdout, stderr) => {
			resolve({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr});
		});
	});
}

type JsonFinding = {service: string; id: string; severity: string; message: string; fix: string | null};

beforeAll(async () => {
	// An automatic rollback asked for, on an image with no HEALTHCHECK.
	await createService(service, ['--replicas', '2', '--update-failure-action', 'rollback'], 'swarmdeck/vote:latest');
});

afterAll(async () => {
	await removeService(service);
});

describe('swarmdeck check on the lab', () => {
	it('warns about a rollback with no health check, and exits 1', async () => {
		const {code, stdout, stderr} = await check([service]);
		expect(stderr).toBe('');
		expect(code).toBe(1);
		// The swarm's pulse first, then the findings.
		expect(stdout.split('\n')[0]).toMatch(/^\d+\/\d+ services converged · (no update running|\d+ [a-z ]+(, \d+ [a-z ]+)*) · \d+ tasks? failed in 10 min · 0\/3 nodes down$/);
		expect(stdout.split('\n').slice(2, 5)).toEqual([
			`${service}  warning  no-health-check`,
			'  Failure action rollback with no health check in the spec or in the image: only tasks that exit are caught, so an automatic rollback never fires for a task that runs but does not work.',
			`  fix: docker service update --health-cmd '<a command that fails when the service is broken>' ${service}`,
		]);
		expect(stdout).toMatch(/^1 service checked: 1 warning, 0 notes\.$/m);
	});

	it('finds nothing for whoami, whose image has a health check, and exits 0', async () => {
		const {code, stdout, stderr} = await check(['whoami']);
		expect({code, stderr}).toEqual({code: 0, stderr: ''});
		expect(stdout).toMatch(/^\d+\/\d+ services converged · .* nodes down\n\n1 service checked: nothing found\.\n$/);
	});

	it('gives data with --json: the finding for the service, none for whoami, over the whole swarm too', async () => {
		const named = await check(['--json', service, 'whoami']);
		expect(named.code).toBe(1);
		const findings = JSON.parse(named.stdout) as JsonFinding[];
		expect(findings).toEqual([{service, id: 'no-health-check', severity: 'warning', message: expect.stringMatching(/^Failure action rollback/) as unknown, fix: expect.stringContaining('--health-cmd') as unknown}]);

		const all = await check(['--json']);
		const everything = JSON.parse(all.stdout) as JsonFinding[];
		expect(everything.filter(finding => finding.service === 'whoami')).toEqual([]);
		// dockercoins runs one replica, stop-first: the outage finding, with its fix.
		expect(everything).toContainEqual({service: 'dockercoins_rng', id: 'stop-first-outage', severity: 'warning', message: expect.stringContaining('with 1 replica') as unknown, fix: 'docker service update --update-order start-first dockercoins_rng'});
		expect(all.code).toBe(1);
	});

	it('follows --host over DOCKER_HOST, as the screen does', async () => {
		expect((await check(['--host', labSockets.node1, 'whoami'], 'unix:///nonexistent/docker.sock')).code).toBe(0);
	});

	it('exits 2 with one sentence when nothing listens at DOCKER_HOST, or a service is unknown', async () => {
		const nowhere = await check([], 'unix:///nonexistent/docker.sock');
		expect(nowhere).toEqual({code: 2, stdout: '', stderr: expect.stringMatching(/^swarmdeck: Cannot reach the Docker daemon at unix:\/\/\/nonexistent\/docker\.sock .*\n$/) as unknown});
		expect(await check(['whoami', 'no-such-service'])).toEqual({code: 2, stdout: '', stderr: `swarmdeck: no service is named "no-such-service" on ${labSockets.node1}: nothing was checked. \`docker service ls\` lists the services.\n`});
	});
});
