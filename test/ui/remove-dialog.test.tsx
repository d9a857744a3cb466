// Removing a service: never one key away. The form says what goes with it and sends
// nothing until the service's name is typed in full; then the service is gone from the
// swarm and the screen, with `docker service rm` in the status line and the timeline.
import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {dialogTitle, makeTask, pause, rowOf, selectedService, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

function swarm() {
	const webui = makeService({name: 'webui', id: 'id-webui', replicas: 2, stack: 'dockercoins', ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8000, publishMode: 'ingress'}]});
	const vote = makeService({name: 'vote', id: 'id-vote', replicas: 4});
	return {services: [webui, vote], tasks: {'id-webui': [makeTask('id-webui', {slot: 1}), makeTask('id-webui', {slot: 2})]}};
}

async function openRemove(options: Parameters<typeof startApp>[0] = swarm()) {
	const started = await startApp({...options, waitFor: 'webui'});
	expect(await selectedService(started.ui)).toBe('webui');
	await started.ui.press('D');
	await waitForFrame(started.ui, frame => dialogTitle(frame) === 'Remove webui');
	return started;
}

describe('removing a service', () => {
	it('says what goes with it: its tasks, the ports it frees, its stack', async () => {
		const {ui} = await openRemove();
		const text = words(ui.frame());
		expect(text).toContain('Its 2 tasks (2 running) stop and are removed with it.');
		expect(text).toContain('Ports freed: *:8000->80/tcp: nothing answers on them any more.');
		expect(text).toContain('It belongs to stack dockercoins');
		expect(text).toContain('The swarm keeps no copy of its spec: there is no rollback from this.');
		expect(text).toContain('Type webui in full to remove it.');
	});

	it('sends nothing until the name is typed in full, then removes it, with docker service rm', async () => {
		const {client, ui} = await openRemove();
		await ui.press(keys.enter);
		await ui.type('webu');
		await ui.press(keys.enter);
		await pause(50);
		expect(dialogTitle(ui.frame())).toBe('Remove webui');
		expect(words(ui.frame())).not.toContain('$ docker service rm');
		expect(client.sent).toEqual([]);

		await ui.type('i');
		await waitForFrame(ui, frame => words(frame).includes('$ docker service rm webui'));
		await ui.press(keys.enter);
		const done = await waitForFrame(ui, frame => frame.includes('✔') && rowOf(frame, 'webui') === undefined);
		expect(client.sent).toEqual([{action: 'remove', service: 'webui'}]);
		expect(client.services.map(service => service.name)).toEqual(['vote']);
		expect(done).toContain('webui removed: 2 tasks stopping, port 8000 freed');
		expect(done).toContain('$ docker service rm webui');

		await ui.press('H');
		const timeline = await waitForFrame(ui, frame => frame.includes('$ docker service rm webui'));
		const lines = timeline.split('\n');
		const at = lines.findIndex(line => line.includes('$ docker service rm webui'));
		expect(lines[at + 1]).toMatch(/✔ webui removed/);
	});

	it('opens the same form from the palette, :rm NAME', async () => {
		const {client, ui} = await startApp({...swarm(), waitFor: 'vote'});
		await ui.press(':');
		await ui.type('rm vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => dialogTitle(frame) === 'Remove vote');
		await ui.type('vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('✔') && rowOf(frame, 'vote') === undefined);
		expect(client.sent).toEqual([{action: 'remove', service: 'vote'}]);
	});

	it('is refused in read-only mode, by key and by palette', async () => {
		const {client, ui} = await startApp({...swarm(), readOnly: true, waitFor: 'webui'});
		await ui.press('D');
		await waitForFrame(ui, frame => frame.includes('Read-only mode: remove is disabled'));
		await ui.press(':');
		await ui.type('rm vote');
		await ui.press(keys.enter);
		await pause(50);
		expect(dialogTitle(ui.frame())).toBeUndefined();
		expect(client.sent).toEqual([]);
		expect(client.services).toHaveLength(2);
	});
});
