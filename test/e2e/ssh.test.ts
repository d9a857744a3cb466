// ssh:// as the docker CLI does it, on the lab: an sshd in node1's network namespace (see
// test/support/ssh-lab.ts), reached through the system's ssh. swarmdeck logs in once and
// sends every request of the run over that one session; a host key ssh does not know ends
// the start with one sentence that says what to run.
import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {inspectJson, resetDemoServices} from '../support/lab.js';
import {startLabSshd, type LabSshd} from '../support/ssh-lab.js';
import {selectService, swarmdeckPerTest, waitForResult} from '../support/tmux.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const start = swarmdeckPerTest();
let sshd: LabSshd;

beforeAll(async () => {
	sshd = await startLabSshd();
}, 300_000);

afterAll(async () => {
	await sshd?.stop();
	await resetDemoServices('whoami');
});

/** Waits for sshd to log one more session ending than `endedBefore`; a failure shows sshd's log. */
async function sessionEnded(screen: Awaited<ReturnType<typeof start>>, endedBefore: number): Promise<void> {
	await screen.waitFor(() => sshd.sessionsClosed() > endedBefore, 'sshd to see the session end', 5000).catch((error: unknown) => {
		throw new Error(`${String(error)}\nsshd's log ends:\n${sshd.logTail(30)}`);
	});
}

describe('ssh:// through the system ssh', () => {
	it('lists the services, scales one, and keeps to one ssh session for the whole run', async () => {
		const screen = await start({dockerHost: sshd.host, env: {PATH: sshd.env['PATH']!}});
		const replicas = (await inspectJson('whoami')).Spec.Mode.Replicated.Replicas as number;
		await selectService(screen, 'whoami');
		await screen.burst('s', 'C-u');
		await screen.type(String(replicas + 1));
		await screen.press('Enter');
		expect(await waitForResult(screen, `docker service scale whoami=${replicas + 1}`)).toContain(`whoami scaled from ${replicas} to ${replicas + 1} replicas`);
		expect((await inspectJson('whoami')).Spec.Mode.Replicated.Replicas).toBe(replicas + 1);

		// A minute of use, compressed into what a person does in it: after the scale, the
		// tasks, nodes, stacks and inspect screens, each of which reads the swarm again. Every
		// request is one more channel; a new ssh session would be one more login.
		const channels = sshd.channels();
		for (const key of ['Enter', 'n', 't', 'd']) {
			const before = sshd.channels();
			await screen.press(key);
			await screen.waitFor(() => sshd.channels() > before, `requests for the screen behind ${key}`);
			await screen.press('Escape');
		}

		expect(sshd.channels()).toBeGreaterThanOrEqual(channels + 4);
		expect(sshd.logins()).toBe(1);

		// q ends swarmdeck, and with it the session it owned.
		await screen.press('q');
		await screen.waitFor(text => text.includes('[exit 0]'), 'swarmdeck to exit');
		await sessionEnded(screen, 0);
		// Still the one login: a channel sshd refused (past its MaxSessions) would have made ssh log in again.
		expect({logins: sshd.logins(), ended: sshd.sessionsClosed()}).toEqual({logins: 1, ended: 1});
	});

	it('ends its ssh session on exit even when the master misses its SIGTERM', async () => {
		const [loginsBefore, endedBefore] = [sshd.logins(), sshd.sessionsClosed()];
		const screen = await start({dockerHost: sshd.host, env: {PATH: sshd.masterIgnoresSigtermEnv['PATH']!}});
		await screen.waitFor(text => text.includes('whoami'), 'the services over ssh');
		await screen.press('q');
		await screen.waitFor(text => text.includes('[exit 0]'), 'swarmdeck to exit');
		await sessionEnded(screen, endedBefore);
		expect({logins: sshd.logins() - loginsBefore, ended: sshd.sessionsClosed() - endedBefore}).toEqual({logins: 1, ended: 1});
	});

	it('says what to run when the host key is not the one ssh knows, and exits 1', async () => {
		const outcome = await run('node', [cli, '--once'], {env: {...sshd.wrongHostKeyEnv, DOCKER_HOST: sshd.host}, timeout: 30_000}).then(
			({stdout, stderr}) => ({stdout, stderr, code: 0}),
			(error: {stdout?: string; stderr?: string; code?: number}) => ({stdout: error.stdout ?? '', stderr: error.stderr ?? '', code: error.code ?? -1}),
		);
		const [, address, port] = /^ssh:\/\/root@(.*):(\d+)$/.exec(sshd.host)!;
		expect(outcome).toEqual({
			stdout: '',
			stderr: `swarmdeck: ssh does not know the host key of ${sshd.host}, or it has changed (Host key verification failed): run \`ssh -p ${port} root@${address}\` once to check and accept it, then start swarmdeck again.\n`,
			code: 1,
		});
	});
});
