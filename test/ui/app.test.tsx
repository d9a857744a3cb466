import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {createFakeClient, makeService} from '../support/fake-client.js';
import {keys, renderInk, waitForFrame, type Rendered} from '../support/ink.js';

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

describe('App', () => {
	it('scales the selected service with s and shows the docker command', async () => {
		const client = createFakeClient({services: [
			makeService({name: 'dockercoins_hasher', replicas: 1, spec: {Name: 'dockercoins_hasher', Labels: {'com.docker.stack.namespace': 'dockercoins'}, TaskTemplate: {ContainerSpec: {Image: 'dockercoins/hasher:v0.1'}}, Mode: {Replicated: {Replicas: 1}}}, stack: 'dockercoins'}),
			makeService({name: 'vote', replicas: 4}),
		]});
		rendered = await renderInk(<App client={client} nodeName="node1"/>);
		await waitForFrame(rendered, frame => frame.includes('dockercoins_hasher'));
		await rendered.press('s');
		await waitForFrame(rendered, frame => frame.includes('Replicas:'));
		await rendered.press(keys.backspace);
		await rendered.type('7');
		await rendered.press(keys.enter);
		const frame = await waitForFrame(rendered, frame => frame.includes('docker service scale dockercoins_hasher=7'));
		expect(frame).toContain('✔');
		expect(client.sent).toEqual([{action: 'scale', service: 'dockercoins_hasher', payload: 7}]);
	});
});
