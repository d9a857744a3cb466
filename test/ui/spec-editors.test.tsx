// The editors of the rest of the spec and `docker service update` typed in the palette: the
// command and the plan shown, the confirmation, what is sent, and a bad value refused with a
// sentence while nothing is sent.
import {afterEach, describe, expect, it} from 'vitest';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {dialogTitle, pause, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const tall = {columns: 120, rows: 50};
const references = {secrets: [{id: 'sec1', name: 'db_password'}], networks: [{id: 'net1', name: 'backend', scope: 'swarm'}, {id: 'ing1', name: 'ingress', scope: 'swarm', ingress: true}]};

function vote(): ReturnType<typeof makeService> {
	const spec: RawServiceSpec = {
		Name: 'vote',
		Labels: {tier: 'front'},
		TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest', Env: ['A=1']}, Placement: {Constraints: ['node.role==worker']}},
		Mode: {Replicated: {Replicas: 4}},
	};
	return makeService({name: 'vote', replicas: 4, spec});
}

async function start(readOnly = false) {
	return startApp({services: [vote()], references, size: tall, readOnly});
}

/** The dialog's text, its wrapped lines joined. */
const dialogText = (frame: string) => words(frame.split('\n').map(row => row.replace(/^│ ?|│$/g, '')).join(' '));

async function typeInPalette(ui: Rendered, text: string): Promise<void> {
	await ui.press(':');
	await waitForFrame(ui, frame => frame.split('\n').some(line => line.startsWith(':')));
	await ui.burst(text);
	await ui.press(keys.enter);
}

describe('the env editor', () => {
	it('shows the entries, adds one typed on a + line, and sends it after y', async () => {
		const {client, ui} = await start();
		await ui.press('E');
		await waitForFrame(ui, frame => frame.includes('Env of vote'));
		expect(ui.frame()).toMatch(/› 1 +A=1/);
		// No line of this form has fixed choices, so → is not offered.
		expect(ui.frame()).toMatch(/Enter apply {3}Esc cancel {3}Tab next field +│/);
		// Down to the first + line and the value, in one burst.
		await ui.burst(keys.tab, 'FOO=bar');
		let frame = await waitForFrame(ui, text => text.includes('--env-add'));
		expect(dialogText(frame)).toContain('$ docker service update --env-add FOO=bar vote');
		expect(dialogText(frame)).toContain('Every task (4) is replaced');
		await ui.press(keys.enter);
		frame = await waitForFrame(ui, text => dialogTitle(text) === 'Change the env of vote?');
		expect(dialogText(frame)).toContain('env: FOO=bar added');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		const [write] = client.sent as Array<{payload: RawServiceSpec}>;
		expect(write!.payload.TaskTemplate?.ContainerSpec?.['Env']).toEqual(['A=1', 'FOO=bar']);
	});

	it('grows a + line each time the last is filled: five variables in one change, one rolling update', async () => {
		const {client, ui} = await start();
		await ui.press('E');
		await waitForFrame(ui, frame => frame.includes('Env of vote'));
		// Past A=1 to the first of three + lines, then five values, one burst.
		await ui.burst(keys.tab, 'B=2', keys.tab, 'C=3', keys.tab, 'D=4', keys.tab, 'E=5', keys.tab, 'F=6');
		const frame = await waitForFrame(ui, text => text.includes('--env-add F=6'));
		expect(dialogText(frame)).toContain('$ docker service update --env-add B=2 --env-add C=3 --env-add D=4 --env-add E=5 --env-add F=6 vote');
		// A fresh + line waits under the last one filled.
		expect(frame).toMatch(/› \+ add +F=6[^\n]*\n[^\n]*\+ add +│/);
		// Clearing a line above keeps the ones below it on screen and in the change.
		await ui.burst(keys.shiftTab, keys.shiftTab, keys.ctrlU);
		const cleared = await waitForFrame(ui, text => !text.includes('D=4'));
		expect(dialogText(cleared)).toContain('$ docker service update --env-add B=2 --env-add C=3 --env-add E=5 --env-add F=6 vote');
		expect(cleared).toContain('F=6');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => dialogTitle(text) === 'Change the env of vote?');
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toHaveLength(1);
		const [write] = client.sent as Array<{payload: RawServiceSpec}>;
		expect(write!.payload.TaskTemplate?.ContainerSpec?.['Env']).toEqual(['A=1', 'B=2', 'C=3', 'E=5', 'F=6']);
	});

	it('removes a variable whose line is cleared', async () => {
		const {client, ui} = await start();
		await ui.press('E');
		await waitForFrame(ui, frame => frame.includes('Env of vote'));
		await ui.press(keys.ctrlU);
		await waitForFrame(ui, text => text.includes('$ docker service update --env-rm A vote'));
		await ui.press(keys.enter);
		await waitForFrame(ui, text => dialogTitle(text) === 'Change the env of vote?');
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		const [write] = client.sent as Array<{payload: RawServiceSpec}>;
		expect(write!.payload.TaskTemplate?.ContainerSpec?.['Env']).toBeUndefined();
	});
});

describe('a field someone else changed meanwhile', () => {
	it('is not overwritten: nothing is sent, and the editor opens again on the entries as they are now', async () => {
		const {client, ui} = await start();
		await ui.press('E');
		await waitForFrame(ui, frame => frame.includes('Env of vote'));
		await ui.burst(keys.ctrlU, 'A=2', keys.enter);
		await waitForFrame(ui, text => dialogTitle(text) === 'Change the env of vote?');
		client.changeBehindTheScenes('vote', spec => {
			spec.TaskTemplate!.ContainerSpec!['Env'] = ['B=1', 'A=1'];
		});
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('changed since you looked') && text.includes('Env of vote'));
		expect(words(frame)).toContain('Nothing was sent');
		// What was typed stays on its entry; the entry someone else added is shown as it is.
		expect(frame).toMatch(/› 1 +B=1/);
		expect(frame).toMatch(/ {2}2 +A=2/);
		expect(words(frame)).toContain('$ docker service update --env-add A=2 vote');
		expect(client.sent).toEqual([]);
	});
});

describe('bad values are refused with a sentence, and nothing is sent', () => {
	const cases: Array<[string, string, string, string]> = [
		['env without a key', 'E', '=bar', '"=bar" has no variable name: type NAME=value'],
		['a bad constraint operator', 'P', 'node.role=manager', 'uses =: a constraint compares with == or != only'],
		['port 70000', 'O', '70000:80', 'published port 70000 is out of range: ports are 1 to 65535'],
		['memory 12Q', 'R', '12Q', '"12Q" is not a size'],
		['an unknown secret', 'S', 'nosuch', 'there is no secret named "nosuch" in this swarm'],
		['the ingress network', 'N', 'ingress', 'ingress is the swarm\'s ingress network: a service joins it by publishing a port'],
	];
	for (const [what, key, typed, sentence] of cases) {
		it(what, async () => {
			const {client, ui} = await start();
			await ui.press(key);
			await waitForFrame(ui, frame => frame.includes('of vote'));
			// Past the one entry (env, placement) or the CPU limit (resources) to the field to type over, in one burst.
			const tabs = ['E', 'P', 'R'].includes(key) ? [keys.tab] : [];
			await ui.burst(...tabs, keys.ctrlU, typed);
			const frame = await waitForFrame(ui, text => text.includes('✘'));
			expect(dialogText(frame)).toContain(sentence);
			await ui.press(keys.enter);
			await pause(50);
			expect(dialogTitle(ui.frame())).not.toMatch(/^Change/);
			expect(client.sent).toEqual([]);
		});
	}
});

describe('a published port another service has', () => {
	it('is refused by name, from the editor and from the palette, and nothing is sent', async () => {
		const web = makeService({name: 'web', spec: {Name: 'web', TaskTemplate: {ContainerSpec: {Image: 'nginx'}}, Mode: {Replicated: {Replicas: 1}}, EndpointSpec: {Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress'}]}}});
		const {client, ui} = await startApp({services: [vote(), web], references, size: tall});
		await ui.press('O');
		await waitForFrame(ui, frame => frame.includes('Ports of vote'));
		await ui.burst('8080:5000', keys.enter);
		await waitForFrame(ui, text => words(text).includes('Port 8080/tcp is already published by web: pick another published port.'));
		await ui.press(keys.escape);
		await typeInPalette(ui, 'docker service update --publish-add 8080:5000 vote');
		await waitForFrame(ui, text => words(text).includes('publish-add: port 8080/tcp is already published by web'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});

describe('secrets and networks picked from the swarm\'s lists', () => {
	it('offers the swarm\'s secrets on a + line with →, and sends the one picked after y', async () => {
		const {client, ui} = await start();
		await ui.press('S');
		await waitForFrame(ui, frame => frame.includes('Secrets of vote'));
		expect(dialogText(ui.frame())).toContain('Secrets in this swarm: db_password (→ on a + line offers them).');
		expect(ui.frame()).toContain('→ choose');
		await ui.burst(keys.right);
		await waitForFrame(ui, frame => /› \+ add +db_password/.test(frame));
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => dialogTitle(text) === 'Change the secrets of vote?');
		expect(dialogText(frame)).toContain('$ docker service update --secret-add db_password vote');
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		const [write] = client.sent as Array<{payload: RawServiceSpec}>;
		expect(write!.payload.TaskTemplate?.ContainerSpec?.['Secrets']).toEqual([{SecretID: 'sec1', SecretName: 'db_password', File: {Name: 'db_password', UID: '0', GID: '0', Mode: 0o444}}]);
	});

	it('takes the editor\'s key, a name, Enter and y in one burst: keys wait while the lists are read', async () => {
		const {client, ui} = await start();
		// S reads the swarm's secrets first; then Enter reads how long the tasks take to start:
		// each answer comes after the rest of the burst has arrived.
		client.answerDelayMs = 40;
		await ui.burst('S', 'db_password', keys.enter, 'y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toHaveLength(1);
		const [write] = client.sent as Array<{payload: RawServiceSpec}>;
		expect(write!.payload.TaskTemplate?.ContainerSpec?.['Secrets']).toEqual([{SecretID: 'sec1', SecretName: 'db_password', File: {Name: 'db_password', UID: '0', GID: '0', Mode: 0o444}}]);
		// Nothing reached the screen behind: the scale dialog (s) never opened.
		expect(ui.frame()).not.toContain('Scale vote');
	});

	it('offers swarm networks but not the ingress network, completing what is typed', async () => {
		const {ui} = await start();
		await ui.press('N');
		await waitForFrame(ui, frame => frame.includes('Networks of vote'));
		expect(dialogText(ui.frame())).toContain('Swarm networks: backend (→ on a + line offers them).');
		// Typed "b", then → completes it; → again stays on the only one offered.
		await ui.burst('b', keys.right, keys.right);
		const frame = await waitForFrame(ui, text => text.includes('--network-add backend'));
		expect(frame).toMatch(/› \+ add +backend/);
	});
});

describe('service labels', () => {
	it('replace no task, and say so', async () => {
		const {ui} = await start();
		await ui.press('L');
		await waitForFrame(ui, frame => frame.includes('Labels of vote'));
		await ui.burst(keys.ctrlU, 'tier=back');
		const frame = await waitForFrame(ui, text => text.includes('--label-add'));
		expect(dialogText(frame)).toContain('$ docker service update --label-add tier=back vote');
		expect(dialogText(frame)).toContain('No task is replaced');
	});
});

describe('docker service update typed in the palette', () => {
	it('applies a pasted update after y, showing the command and the plan', async () => {
		const {client, ui} = await start();
		await typeInPalette(ui, 'docker service update --update-parallelism 2 --update-delay 10s vote');
		const frame = await waitForFrame(ui, text => dialogTitle(text) === 'Update vote?');
		expect(dialogText(frame)).toContain('update-parallelism 1 → 2');
		expect(dialogText(frame)).toContain('$ docker service update --update-parallelism 2 --update-delay 10s vote');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'policy', service: 'vote', payload: {update: {parallelism: 2, delay: 10_000_000_000}, rollback: {}}}]);
	});

	it('names a flag it does not edit, and sends nothing', async () => {
		const {client, ui} = await start();
		await typeInPalette(ui, 'docker service update --dns-add 1.1.1.1 vote');
		await waitForFrame(ui, text => words(text).includes('--dns-add is a docker service update flag swarmdeck does not edit yet'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('refuses a bad value in words, and sends nothing', async () => {
		const {client, ui} = await start();
		await typeInPalette(ui, 'update --limit-memory 12Q --env-add A=2 vote');
		await waitForFrame(ui, text => words(text).includes('"12Q" is not a size'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('is refused in --read-only, as every editor is', async () => {
		const {client, ui} = await start(true);
		await typeInPalette(ui, 'docker service update --env-add A=2 vote');
		await waitForFrame(ui, text => words(text).includes('Read-only mode: update is disabled'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});
});
