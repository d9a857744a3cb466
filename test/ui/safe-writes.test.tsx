// A write does what the confirmation showed, once: one write at a time per service, never
// one the service outran, jobs and big jumps asked about, the whole rollback shown.
import {afterEach, describe, expect, it} from 'vitest';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {dialogTitle, pause, serviceEvent, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

async function confirmImage(image = 'swarmdeck/vote:movies') {
	const started = await startApp({services: [makeService({name: 'vote', replicas: 4})]});
	const {ui} = started;
	await ui.press('i', keys.ctrlU);
	await ui.type(image);
	await ui.press(keys.enter);
	await waitForFrame(ui, frame => dialogTitle(frame) === 'Change the image of vote?');
	return started;
}

describe('a confirmation bound to the spec it showed', () => {
	it('is not sent when the screen already knows the service changed: it shows the new state and asks again', async () => {
		const {client, ui} = await confirmImage();
		client.changeBehindTheScenes('vote', spec => {
			spec.Labels = {changed: 'meanwhile'};
		});
		client.emit(serviceEvent('vote'));
		await waitForFrame(ui, text => words(text).includes('vote changed since this question was shown: y shows what it is now and asks again.'));
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('changed while this was open'));
		expect(words(frame)).toContain('vote changed while this was open. Nothing was sent: check the new state and decide again.');
		expect(dialogTitle(frame)).toBe('Change the image of vote?');
		expect(client.sent).toEqual([]);
		// Asked again about what it is now, a y sends it.
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'image', service: 'vote', payload: 'swarmdeck/vote:movies'}]);
	});

	it('is not sent when only the write finds the service changed: it says what changed and asks again', async () => {
		const {client, ui} = await confirmImage();
		// No event: the screen does not know yet; the inspect before the write does.
		client.changeBehindTheScenes('vote', spec => {
			spec.TaskTemplate!.ContainerSpec!.Image = 'swarmdeck/vote:indent';
		});
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('changed since you looked') && text.includes('╭'));
		expect(words(frame)).toContain('vote changed since you looked (image swarmdeck/vote:latest → swarmdeck/vote:indent). Nothing was sent: check the new state and decide again.');
		expect(words(frame)).toContain('swarmdeck/vote:indent → swarmdeck/vote:movies');
		expect(client.sent).toEqual([]);
		await ui.press('n');
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('closes with the reason when the service changed so that the action no longer applies', async () => {
		const previous: RawServiceSpec = {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1'}}, Mode: {Replicated: {Replicas: 4}}};
		const service = makeService({name: 'vote', replicas: 4, image: 'swarmdeck/vote:v2', previousSpec: previous});
		const {client, ui} = await startApp({services: [service]});
		await ui.press('r');
		await waitForFrame(ui, text => dialogTitle(text) === 'Roll back vote to its previous spec?');
		// An automatic rollback used the previous spec meanwhile.
		const stored = client.services[0]!;
		Object.assign(stored, {spec: previous, previousSpec: undefined, hasPreviousSpec: false, version: stored.version + 1});
		await ui.press('y');
		const frame = await waitForFrame(ui, text => text.includes('nothing to roll back to'));
		expect(frame).not.toContain('╭');
		expect(words(frame)).toContain('vote changed since you looked');
		expect(client.sent).toEqual([]);
	});
});

describe('one write at a time per service', () => {
	it('refuses a second y that comes while the first write is on its way, and sends once', async () => {
		const service = makeService({name: 'api', replicas: 1});
		const {client, ui} = await startApp({services: [service]});
		const release = client.holdWrites();
		await ui.press('-');
		await waitForFrame(ui, text => dialogTitle(text) === 'Scale api to 0?');
		await ui.press('y');
		// The same question opened again at once, while the first write is still out.
		await ui.press('-');
		await waitForFrame(ui, text => dialogTitle(text) === 'Scale api to 0?');
		await ui.press('y');
		expect(words(ui.frame())).toContain('A change to api is still on its way: this one was not sent.');
		release();
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'scale', service: 'api', payload: 0}]);
	});
});

describe('changes that ask first', () => {
	it('a job: the scale form says it runs again, and a y is needed', async () => {
		const job = makeService({name: 'migrate', mode: 'replicated-job', replicas: 2});
		const {client, ui} = await startApp({services: [job]});
		await ui.press('s');
		let frame = await waitForFrame(ui, text => text.includes('Replicas:'));
		expect(words(frame)).toContain('A new count of completions runs the job again.');
		expect(words(frame)).not.toContain('no running task is replaced');
		await ui.press(keys.ctrlU, '3', keys.enter);
		frame = await waitForFrame(ui, text => dialogTitle(text) === 'Scale migrate to 3?');
		expect(words(frame)).toContain('migrate is a replicated-job service: every update runs the job again, 2 new tasks.');
		expect(client.sent).toEqual([]);
		await ui.press('y');
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'scale', service: 'migrate', payload: 3}]);
	});

	it('a count far above the one now (a typo like 50000)', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote', replicas: 4})]});
		await ui.press('s', keys.ctrlU);
		await ui.type('50000');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => dialogTitle(text) === 'Scale vote to 50000?');
		expect(words(frame)).toContain('That is 49996 tasks more than now (4 → 50000): check the number.');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('any change during an update, saying it replaces the spec a rollback returns to', async () => {
		const updating = makeService({name: 'vote', replicas: 4, updateStatus: {state: 'paused', message: 'update paused due to failure or early termination of task x'}});
		const {client, ui} = await startApp({services: [updating]});
		await ui.press('+');
		const frame = await waitForFrame(ui, text => dialogTitle(text) === 'Scale vote to 5?');
		expect(words(frame)).toContain('vote is in a paused update: this change starts a new update, and the spec a rollback returns to becomes the one in force now, half-way.');
		expect(client.sent).toEqual([]);
	});
});

describe('the rollback preview', () => {
	it('covers the whole spec, scrolls when it does not fit, and says how many lines are below', async () => {
		const previous: RawServiceSpec = {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1'}}, Mode: {Replicated: {Replicas: 4}}};
		const current: RawServiceSpec = {
			Name: 'vote',
			Labels: {team: 'blue'},
			TaskTemplate: {
				ContainerSpec: {Image: 'swarmdeck/vote:v2', Env: ['A=1'], Args: ['-v'], Command: ['/app'], Secrets: [{SecretName: 'db', File: {Name: 'db'}}], Mounts: [{Type: 'volume', Source: 'data', Target: '/data'}], Healthcheck: {Test: ['CMD', 'true']}, Labels: {tier: 'web'}, User: 'nobody'},
				Placement: {Constraints: ['node.role==worker']},
				Resources: {Limits: {MemoryBytes: 1024}},
				RestartPolicy: {Condition: 'on-failure'},
				Networks: [{Target: 'net1'}],
			},
			Mode: {Replicated: {Replicas: 6}},
			EndpointSpec: {Ports: [{TargetPort: 80, PublishedPort: 8080, Protocol: 'tcp'}]},
		};
		const service = makeService({name: 'vote', replicas: 6, image: 'swarmdeck/vote:v2', spec: current, previousSpec: previous});
		const {ui} = await startApp({services: [service], size: {columns: 100, rows: 20}});
		await ui.press('r');
		let frame = await waitForFrame(ui, text => dialogTitle(text) === 'Roll back vote to its previous spec?');
		const text = words(frame);
		expect(text).toContain('image: swarmdeck/vote:v2 → swarmdeck/vote:v1');
		expect(text).toMatch(/… and \d+ more lines \(↓ to see them\)/);
		expect(text).not.toContain('TaskTemplate.ContainerSpec.User');
		for (let step = 0; step < 20; step++) {
			await ui.press(keys.down);
		}

		frame = ui.frame();
		expect(words(frame)).toContain('TaskTemplate.ContainerSpec.User: "nobody" → (none)');
		expect(words(frame)).toContain('The swarm keeps one previous spec');
		expect(words(frame)).toContain('$ docker service rollback vote');
	});
});
