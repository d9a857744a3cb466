// The real App on the fake engine, through swarmdeck's real client and dockerode: nothing
// between the screen and the socket is a stand-in.
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {createSwarmClient} from '../../source/swarm/client.js';
import type {Node, Service, Task} from '../support/fake-engine/api-types.js';
import {startEngine, type StartedEngine} from '../support/fake-engine/harness.js';
import {readFixture} from '../fixtures/load.js';
import {keys, renderInk, waitForFrame, type Rendered} from '../support/ink.js';
import {rowOf, squeeze} from './harness.js';

let started: StartedEngine | undefined;
let ui: Rendered | undefined;

afterEach(async () => {
	ui?.unmount();
	ui = undefined;
	await started?.close();
	started = undefined;
});

describe('the App on the fake engine', () => {
	it('lists the services grouped by stack, with replicas counted by the daemon', async () => {
		started = await startEngine({
			services: [
				{Name: 'dockercoins_hasher', Labels: {'com.docker.stack.namespace': 'dockercoins'}, TaskTemplate: {ContainerSpec: {Image: 'dockercoins/hasher:v0.1'}}},
				{Name: 'dockercoins_worker', Labels: {'com.docker.stack.namespace': 'dockercoins'}, TaskTemplate: {ContainerSpec: {Image: 'dockercoins/worker:v0.1'}}, Mode: {Replicated: {Replicas: 3}}},
				{Name: 'agent', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/agent:1.0'}}, Mode: {Global: {}}},
			],
		});
		const client = createSwarmClient({host: started.host});
		ui = await renderInk(<App client={client} nodeName="node1"/>, {columns: 100, rows: 30});
		const frame = await waitForFrame(ui, text => text.includes('dockercoins_worker') && text.includes('agent'), 5000);
		expect(frame.split('\n')[0]).toBe(`swarmdeck · node1 · ${started.host} · 3 services`);
		expect(frame).toContain('dockercoins (stack)');
		expect(squeeze(rowOf(frame, 'dockercoins_worker')!)).toBe('dockercoins_worker replicated 3/3 dockercoins/worker:v0.1');
		expect(squeeze(rowOf(frame, 'agent')!)).toBe('agent global 3/3 swarmdeck/agent:1.0');
	});

	it('shows the task table of a service captured from the lab', async () => {
		started = await startEngine({
			captured: {
				nodes: readFixture<Node[]>('lab-nodes.json'),
				services: readFixture<Service[]>('fixture-web-service.json'),
				tasks: readFixture<Task[]>('fixture-web-tasks.json'),
			},
		});
		const client = createSwarmClient({host: started.host});
		ui = await renderInk(<App client={client} nodeName="node1"/>, {columns: 140, rows: 40});
		await waitForFrame(ui, text => text.includes('fixture-web'), 5000);
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('fixture-web.1 '), 5000);
		expect(frame).toMatch(/fixture-web\.1\s+swarmdeck\/vote:movies\s+node\d\s+Running\s+Running/);
	});
});
