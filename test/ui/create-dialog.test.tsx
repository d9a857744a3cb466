// Creating a service from the form (empty or copied) and from a pasted docker service
// create: the command shown, the question, and the spec that reaches the daemon.
import {afterEach, describe, expect, it} from 'vitest';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {bracketedPaste, keys, waitForFrame} from '../support/ink.js';
import {dialogTitle, pause, rowOf, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const second = 1_000_000_000;

function swarm() {
	const vote = makeService({name: 'vote', id: 'id-vote', replicas: 4, image: 'swarmdeck/vote:latest', ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 5000, publishMode: 'ingress'}]});
	vote.spec = {...vote.spec, EndpointSpec: {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 5000, PublishMode: 'ingress'}]}};
	return {services: [vote]};
}

describe('creating a service', () => {
	it('from the empty form: the seed whoami with its update flags, the command shown, sent after y', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote', size: {columns: 110, rows: 50}});
		await ui.press('c');
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Create a service');
		// Nothing is marked before anything is typed; Enter says what is missing, and sends nothing.
		expect(ui.frame()).not.toContain('✘');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => words(frame).includes('✘ name: must not be empty'));
		expect(words(ui.frame())).toContain('Fix the fields marked ✘ first: nothing was sent.');
		expect(client.sent).toEqual([]);
		await ui.type('whoami');
		await ui.press(keys.tab);
		await ui.type('swarmdeck/whoami:1.0');
		// Mode, replicas, then ports.
		await ui.press(keys.tab, keys.tab, keys.tab);
		await ui.type('8000:8000');
		// Env, constraints, then the update policy: parallelism, delay, failure action, monitor.
		await ui.press(keys.tab, keys.tab, keys.tab, keys.tab);
		await ui.press(keys.ctrlU);
		await ui.type('10s');
		await ui.press(keys.tab);
		await ui.press(keys.right);
		await waitForFrame(ui, frame => frame.includes('‹ rollback ›'));
		await ui.press(keys.tab);
		await ui.press(keys.ctrlU);
		await ui.type('10s');
		const command = 'docker service create --detach --no-resolve-image --name whoami --publish 8000:8000 --update-delay 10s --update-failure-action rollback --update-monitor 10s swarmdeck/whoami:1.0';
		await waitForFrame(ui, frame => words(frame).includes(`$ ${command}`));
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Create whoami?');
		expect(words(ui.frame())).toContain('Publishes 8000:8000.');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		const done = await waitForFrame(ui, frame => frame.includes('✔') && rowOf(frame, 'whoami') !== undefined);
		// The status line cuts a long command to its width.
		expect(words(done)).toContain('$ docker service create --detach --no-resolve-image --name whoami --publish 8000:8000 --update-delay 10s');
		const sent = client.sent[0]!;
		expect(sent.action).toBe('create');
		const spec = sent.payload as RawServiceSpec;
		expect(spec.UpdateConfig).toEqual({Parallelism: 1, Delay: 10 * second, FailureAction: 'rollback', Monitor: 10 * second, MaxFailureRatio: 0, Order: 'stop-first'});
		expect(spec.EndpointSpec?.Ports).toEqual([{Protocol: 'tcp', TargetPort: 8000, PublishedPort: 8000, PublishMode: 'ingress'}]);
	}, 15_000);

	it('as a copy of the selected service, refusing its name and warning of its port', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote', size: {columns: 110, rows: 50}});
		await ui.press('C');
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Create a service like vote');
		const text = words(ui.frame());
		expect(text).toContain('$ docker service create --detach --no-resolve-image --name vote-copy --replicas 4 --publish 5000:80 swarmdeck/vote:latest');
		await ui.press(keys.ctrlU);
		await ui.type('vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => words(frame).includes('A service named vote exists already: pick another name.'));
		expect(client.sent).toEqual([]);
		await ui.type('2');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Create vote2?');
		expect(words(ui.frame())).toContain('Port 5000/tcp is already published by vote: the daemon will refuse it.');
		await ui.press('n');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('from a pasted docker service create: asked about, then sent', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote', size: {columns: 110, rows: 50}});
		await ui.press(':');
		await ui.press(bracketedPaste('docker service create --name vote2 --replicas 4 --publish 5001:80 swarmdeck/vote:latest'));
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Create vote2?');
		expect(words(ui.frame())).toContain('$ docker service create --detach --no-resolve-image --name vote2 --replicas 4 --publish 5001:80 swarmdeck/vote:latest');
		await ui.press('y');
		await waitForFrame(ui, frame => frame.includes('✔') && rowOf(frame, 'vote2') !== undefined);
		expect((client.sent[0]!.payload as RawServiceSpec).Mode).toEqual({Replicated: {Replicas: 4}});
	});

	it('from a pasted create, Enter and y in one burst: the y waits for the question while the lists are read', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote', size: {columns: 110, rows: 50}});
		client.answerDelayMs = 40;
		await ui.press(':');
		await ui.burst(bracketedPaste('docker service create --name vote3 --replicas 2 swarmdeck/vote:latest'), keys.enter, 'y');
		await waitForFrame(ui, frame => frame.includes('✔') && rowOf(frame, 'vote3') !== undefined, 5000);
		expect(client.sent).toHaveLength(1);
	});

	it('refuses a bad typed create in a sentence, and read-only refuses every create', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote', size: {columns: 110, rows: 50}});
		await ui.press(':');
		await ui.type('create --name web --workdir /srv nginx');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => words(frame).includes('--workdir is a docker service create flag swarmdeck does not set yet'));
		expect(dialogTitle(ui.frame())).toBeUndefined();
		expect(client.sent).toEqual([]);

		const readOnly = await startApp({...swarm(), readOnly: true, waitFor: 'vote'});
		await readOnly.ui.press(':');
		await readOnly.ui.type('create --name web nginx');
		await readOnly.ui.press(keys.enter);
		await pause(50);
		expect(dialogTitle(readOnly.ui.frame())).toBeUndefined();
		expect(readOnly.client.sent).toEqual([]);
	});
});
