// The advisor and the Compose lines in the built swarmdeck, in tmux, on the lab: a service
// with an automatic rollback and no health check is warned about in the policy form and in
// inspect, whoami is not; the stack file lines the form shows, deployed with `docker stack
// deploy`, give the service the policy the form set.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {policyOf} from '../../source/spec/read.js';
import {createService, docker, inspectJson, labSockets, removeService, waitFor} from '../support/lab.js';
import {selectService, swarmdeckPerTest, words} from '../support/tmux.js';

const start = swarmdeckPerTest();
const rollbackService = 'sd-advice-rollback';
const formService = 'sd-advice-compose';
const stack = 'sdadvice';
const scratch = mkdtempSync(join(tmpdir(), 'swarmdeck-advice-'));

async function removeStack(): Promise<void> {
	await docker(['stack', 'rm', stack]).catch(() => undefined);
	// The stack's network goes after its services: wait, so the next deploy or the lab's state is clean.
	await waitFor(`stack ${stack} to be gone`, async () => (await docker(['network', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '-q'])) === '' && (await docker(['service', 'ls', '--filter', `label=com.docker.stack.namespace=${stack}`, '-q'])) === '');
}

beforeAll(async () => {
	await Promise.all([
		createService(rollbackService, ['--replicas', '2', '--update-failure-action', 'rollback'], 'swarmdeck/vote:latest'),
		createService(formService, ['--replicas', '2'], 'swarmdeck/vote:latest'),
	]);
});

afterAll(async () => {
	await Promise.all([removeService(rollbackService), removeService(formService), removeStack()]);
	rmSync(scratch, {recursive: true, force: true});
});

/** The rows of the open dialog, without its border. */
function dialogRows(screen: string): string[] {
	return screen.split('\n').filter(row => row.startsWith('│')).map(row => row.replace(/^│ /, '').replace(/\s*│$/, ''));
}

describe('findings on the screens', () => {
	it('warns in the policy form and in inspect about a rollback with no health check', async () => {
		const screen = await start({dockerHost: labSockets.node1, rows: 50});
		await selectService(screen, rollbackService);
		await screen.press('u');
		const form = await screen.waitFor(text => text.includes(`Update and rollback policy of ${rollbackService}`) && text.includes('⚠'), 'the policy form with its advice');
		expect(words(form)).toContain('⚠ Failure action rollback with no health check in the spec or in the image: only tasks that exit are caught, so an automatic rollback never fires for a task that runs but does not work.');
		await screen.press('Escape');
		await screen.waitFor(text => !text.includes('Update and rollback policy'), 'the form to close');
		await screen.press('d');
		const inspect = await screen.waitFor(text => text.includes(`Name:           ${rollbackService}`) && !text.includes('reading the image'), 'inspect with its findings');
		const lines = inspect.split('\n');
		const at = lines.indexOf('Findings (as `swarmdeck check` reports them):');
		expect(lines[at + 1]).toBe(' warning  no-health-check');
		expect(words(lines.slice(at + 2, at + 6).join(' '))).toContain(`fix: docker service update --health-cmd '<a command that fails when the service is broken>' ${rollbackService}`);
	});

	it('finds nothing for whoami: its image on the manager has a health check', async () => {
		const screen = await start({dockerHost: labSockets.node1, rows: 50});
		await selectService(screen, 'whoami');
		await screen.press('d');
		const inspect = await screen.waitFor(text => text.includes('Name:           whoami') && !text.includes('reading the image'), 'inspect of whoami');
		const lines = inspect.split('\n');
		expect(lines[lines.indexOf('Findings (as `swarmdeck check` reports them):') + 1]).toBe(' none: nothing in the policy or the tasks calls for a change');
		await screen.press('Escape', 'u');
		const form = await screen.waitFor(text => text.includes('Update and rollback policy of whoami') && text.includes('Saving changes only the policy'), 'the policy form of whoami');
		// The advice comes once the image is read; give it the time a failing one would take to show.
		await new Promise(resolve => {
			setTimeout(resolve, 1000);
		});
		expect(await screen.screen()).not.toContain('⚠');
		expect(form).not.toContain('⚠');
		await screen.press('Escape');
	});
});

describe('the Compose lines', () => {
	it('deployed with docker stack deploy, give the service the policy the form set', async () => {
		const screen = await start({dockerHost: labSockets.node1, rows: 60});
		await selectService(screen, formService);
		await screen.press('u');
		await screen.waitFor(text => text.includes(`Update and rollback policy of ${formService}`), 'the policy form');
		// Update: parallelism, delay, failure action, monitor, max failure ratio, order; then rollback's.
		await screen.press('C-u', '2', 'Tab', 'C-u', '1', '0', 's', 'Tab', 'Space', 'Tab', 'C-u', '2', '0', 's', 'Tab');
		await screen.press('C-u', '0', '.', '2', '5', 'Tab', 'Space', 'Tab', 'C-u', '0', 'Tab', 'Tab', 'Space', 'Tab', 'C-u', '7', 's');
		const form = await screen.waitFor(text => dialogRows(text).includes('rollback-monitor 5s → 7s'), 'every value typed');
		const rows = dialogRows(form);
		const first = rows.indexOf('In a stack file (docker stack deploy):') + 1;
		const composeLines = rows.slice(first, rows.findIndex((row, index) => index >= first && !row.startsWith('  '))).map(row => row.slice(2));
		expect(composeLines).toEqual([
			'deploy:',
			'  update_config:',
			'    parallelism: 2',
			'    delay: 10s',
			'    failure_action: rollback',
			'    monitor: 20s',
			'    max_failure_ratio: 0.25',
			'    order: start-first',
			'  rollback_config:',
			'    parallelism: 0',
			'    failure_action: continue',
			'    monitor: 7s',
		]);
		// A start-first update, a stop-first rollback of every task at once: the advisor says so as it is typed.
		expect(words(form)).toContain('⚠ The update is start-first but the rollback stop-first with rollback parallelism 0 and 2 tasks');
		await screen.press('Enter');
		// The status line cuts a command this long: its ✔ says the write went through.
		await screen.waitFor(text => text.split('\n').some(line => line.startsWith(`✔ ${formService}: update-parallelism 1 → 2`)), 'the policy saved');
		const set = (await inspectJson(formService)).Spec;

		const stackFile = join(scratch, 'stack.yml');
		writeFileSync(stackFile, ['version: "3.8"', 'services:', '  web:', '    image: swarmdeck/vote:latest', ...composeLines.map(line => `    ${line}`), ''].join('\n'));
		await docker(['stack', 'deploy', '--resolve-image', 'never', '-c', stackFile, stack]);
		const deployed = (await inspectJson(`${stack}_web`)).Spec;
		expect(policyOf(deployed.UpdateConfig)).toEqual(policyOf(set.UpdateConfig));
		expect(policyOf(deployed.RollbackConfig)).toEqual(policyOf(set.RollbackConfig));
		expect(policyOf(deployed.UpdateConfig)).toEqual({parallelism: 2, delay: 10e9, failureAction: 'rollback', monitor: 20e9, maxFailureRatio: 0.25, order: 'start-first'});
	});
});

describe('what a change will do, said before y', () => {
	it('warns that a stop-first service with one replica goes dark during the update, and marks it in the list', async () => {
		const screen = await start({dockerHost: labSockets.node1});
		// dockercoins_rng runs one replica, stop-first: the advisor marks its row.
		await screen.waitFor(text => /^dockercoins_rng +replicated +1\/1 +dockercoins\/rng:v0.1 +!$/m.test(text), 'the marker on dockercoins_rng');
		await selectService(screen, 'dockercoins_rng');
		await screen.press('f');
		const question = await screen.waitFor(text => text.includes('Force a redeploy of dockercoins_rng?'), 'the confirmation');
		expect(words(question)).toMatch(/dockercoins_rng has no running task while its one task is replaced \(stop-first, 1 replica\): down for as long as a new task takes to start \((\d+s|under a second) last time\)\./);
		await screen.press('n');
		await screen.waitFor(text => !text.includes('Force a redeploy'), 'the confirmation to close');
	});
});
