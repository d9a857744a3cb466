// Text that anyone with API access sets (labels, env, a path that ends up in a task error, a
// node's name in an event) must never drive the operator's terminal. A throwaway service
// carries title, clipboard, link, cursor and carriage-return payloads; each screen that shows
// them is opened in a real terminal, whose title must stay as it was and whose screen must
// show the payloads in their visible form. A write sends them back to the daemon unchanged.
import Docker from 'dockerode';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {terminalControlsIn} from '../support/hostile-text.js';
import {docker, inspectJson, labSockets, removeService, waitFor} from '../support/lab.js';
import {startSwarmdeck, waitForResult, words, type Terminal} from '../support/tmux.js';

const service = 'inertprobe';

// The stack's name sorts first, so the probe service is the first row and has the cursor
// without typing a filter (typing is another test's subject).
const labels = {
	'com.docker.stack.namespace': 'a\u001B]0;PWNED-STACK\u0007',
	'evil.clip': '\u001B]52;c;UFdORUQ=\u0007',
	'evil.link': '\u001B]8;;http://x/\u001B\\L\u001B]8;;\u001B\\',
	'evil.csi': '\u001B[2J\u001B[H\u001B[1A',
	'evil.c1': '\u009B2J',
	'evil.bidi': 'a\u202Eb',
};
const envBefore = 'EVIL=\u001B]2;PWNED-ENV\u001B\\\rFORGED=1';
const envNow = 'EVIL=\u001B]52;c;UFdORUQ=\u0007\rFORGED=2';
// A relative working directory: the daemon rejects each task with an error that quotes it
// byte for byte ("the working directory '…' is invalid, it needs to be an absolute path").
const workdir = '\u001B]2;PWNED-TASK\u0007';
const nodeName = 'n3\u001B]0;PWNED-NODE\u0007';

const lab = new Docker({socketPath: labSockets.node1.replace('unix://', '')});

let terminal: Terminal | undefined;
let title = '';

/** Sets node3's name in its spec (what its events are named by); undefined removes it. */
async function nameNode3(name: string | undefined): Promise<void> {
	const node = await lab.getNode('node3').inspect() as {Version: {Index: number}; Spec: Record<string, unknown>};
	const spec = {...node.Spec, Name: name};
	await lab.getNode('node3').update({_query: {version: node.Version.Index}, _body: spec} as unknown as Record<string, unknown>);
}

async function rejectedTaskErrors(): Promise<string[]> {
	const tasks = await lab.listTasks({filters: JSON.stringify({service: [service]})}) as Array<{Status?: {Err?: string}}>;
	return tasks.map(task => task.Status?.Err ?? '').filter(Boolean);
}

beforeAll(async () => {
	await removeService(service);
	await docker([
		'service', 'create', '--detach', '--quiet', '--no-resolve-image', '--name', service,
		...Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
		'--env', envBefore,
		'--workdir', workdir,
		'swarmdeck/vote:latest',
	]);
	// An update, so that PreviousSpec differs: the rollback confirmation shows both env values.
	await docker(['service', 'update', '--detach', '--quiet', '--env-add', envNow, service]);
	const errors = await waitFor('a task rejected with the working directory in its error', async () => {
		const found = await rejectedTaskErrors();
		return found.some(error => error.includes(workdir)) ? found : undefined;
	}, 60_000);
	expect(errors.some(error => error.startsWith(`the working directory '${workdir}'`))).toBe(true);
});

afterEach(async () => {
	await terminal?.stop();
	terminal = undefined;
});

afterAll(async () => {
	await removeService(service);
	await nameNode3(undefined);
});

/** Opens swarmdeck on the lab and notes the pane's title before any screen drew. */
async function open(): Promise<Terminal> {
	terminal = await startSwarmdeck({dockerHost: labSockets.node1, columns: 140, rows: 40});
	title = await terminal.title();
	expect(title).not.toContain('PWNED');
	await terminal.waitFor(screen => screen.includes(service), 'the services screen');
	return terminal;
}

/** The title is what it was, and the screen holds none of the payloads' bytes. */
async function expectUntouched(screen: Terminal): Promise<void> {
	expect(await screen.title()).toBe(title);
	expect(terminalControlsIn(await screen.screen())).toEqual([]);
}

describe('daemon text in a real terminal', () => {
	it('services screen: the stack label shows inert, and the title stays', async () => {
		const screen = await open();
		const shown = await screen.waitFor(text => text.includes('a␛]0;PWNED-STACK␇ (stack)'), 'the stack heading in its visible form');
		// Under the title, the swarm's pulse, then the column header.
		expect(shown.split('\n')[1]).toMatch(/^\d+\/\d+ services converged · /);
		expect(shown.split('\n').slice(3, 5)).toEqual([
			'a␛]0;PWNED-STACK␇ (stack)',
			expect.stringMatching(/^inertprobe +replicated/),
		]);
		await expectUntouched(screen);
	});

	it('task screen: the daemon\'s error quoting the working directory shows inert, in the table and the rollout panel', async () => {
		const screen = await open();
		await screen.press('Enter');
		// The table comes with the task list, the panel with the rollout's own read a moment later.
		const shown = await screen.waitFor(
			// The ERROR column's width depends on its neighbours' (CURRENT STATE reads "less than
			// a second ago" or "5 seconds ago"): the escape shows in it, the payload's end may not.
			text => text.includes('"the working directory \'␛') && text.includes('1/1: the working directory'),
			'the rejected task with its error, in the table and the rollout panel',
		);
		expect(shown.split('\n')[1]).toMatch(/^inertprobe +replicated/);
		expect(shown).toMatch(/inertprobe\.1 .* Rejected/);
		// The paused update's panel shows the error at more length, the whole payload included.
		expect(shown).toContain('1/1: the working directory \'␛]2;PWNED-TASK␇\' is invalid');
		await expectUntouched(screen);
	});

	it('inspect: labels and env show inert, the CR as ␍ instead of a forged line', async () => {
		const screen = await open();
		await screen.press('d');
		const shown = await screen.waitFor(text => text.includes('Service Mode:'), 'the inspect view');
		expect(shown).toContain(' com.docker.stack.namespace=a␛]0;PWNED-STACK␇');
		expect(shown).toMatch(/^Name: +inertprobe$/m);
		expect(shown).toContain(' evil.clip=␛]52;c;UFdORUQ=␇');
		expect(shown).toContain(' evil.link=␛]8;;http://x/␛\\L␛]8;;␛\\');
		expect(shown).toContain(' evil.csi=␛[2J␛[H␛[1A');
		expect(shown).toContain(String.raw` evil.c1=\x9b2J`);
		expect(shown).toContain(String.raw` evil.bidi=a\u202eb`);
		expect(shown).toMatch(/^ Env: +EVIL=␛\]52;c;UFdORUQ=␇␍FORGED=2$/m);
		expect(shown).not.toMatch(/^FORGED/m);
		await expectUntouched(screen);
	});

	it('events: a node event named with a title sequence shows inert', async () => {
		const screen = await open();
		await screen.press('e');
		await screen.waitFor(text => text.includes('Swarm events, newest first'), 'the events screen');
		await nameNode3(nodeName);
		const shown = await screen.waitFor(text => text.includes('node n3␛]0;PWNED-NODE␇ updated'), 'the node event in its visible form');
		expect(shown).toMatch(/^\d\d:\d\d:\d\d {2}node +node n3␛\]0;PWNED-NODE␇ updated/m);
		await expectUntouched(screen);
		await nameNode3(undefined);
	});

	it('rollback confirmation: the env diff shows both values inert, and n sends nothing', async () => {
		const version = (await inspectJson(service)).Version.Index;
		const screen = await open();
		await screen.press('r');
		const shown = await screen.waitFor(text => text.includes('Roll back inertprobe to its previous spec?'), 'the rollback confirmation');
		expect(shown).toContain('env: EVIL=␛]52;c;UFdORUQ=␇␍FORGED=2 → EVIL=␛]2;PWNED-ENV␛\\␍FORGED=1');
		await expectUntouched(screen);
		await screen.press('n');
		await screen.waitFor(text => !text.includes('╭'), 'the dialog to close');
		expect((await inspectJson(service)).Version.Index).toBe(version);
	});

	it('a write sends labels and env back to the daemon byte for byte', async () => {
		const screen = await open();
		await screen.press('+');
		// Its tasks never start, so its update never ends: a change asks first, saying so.
		const question = await screen.waitFor(text => text.includes('Scale inertprobe to 2?'), 'the question');
		expect(words(question)).toContain('this change starts a new update');
		await expectUntouched(screen);
		await screen.press('y');
		await waitForResult(screen, 'docker service scale inertprobe=2');
		await expectUntouched(screen);
		const spec = (await inspectJson(service)).Spec;
		expect(spec.Mode.Replicated.Replicas).toBe(2);
		expect(spec.Labels).toEqual(labels);
		expect(spec.TaskTemplate.ContainerSpec.Env).toEqual([envNow]);
		expect(spec.TaskTemplate.ContainerSpec.Dir).toBe(workdir);
	});
});
