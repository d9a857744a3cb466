// What the component tests share: the app on a fake swarm, and ways to read what a person
// sees (which service the cursor is on, the status line) without reaching into React.
import {expect, vi, type MockInstance} from 'vitest';
import {App} from '../../source/app.js';
import type {SwarmEvent, SwarmNode, SwarmService, SwarmTask} from '../../source/swarm/types.js';
import {createFakeClient, makeService, type FakeClient} from '../support/fake-client.js';
import {keys, renderInk, waitForFrame, type Rendered, type TerminalSize} from '../support/ink.js';

export type Started = {client: FakeClient; ui: Rendered};

type StartOptions = Parameters<typeof createFakeClient>[0] & {
	/** Text that shows the first data arrived; the first service's name by default. */
	waitFor?: string;
	size?: TerminalSize;
	/** Fails every call from the start, as a daemon that is gone already. */
	failWith?: Error;
	/** Props of the App besides the client, as the command line sets them. */
	app?: Pick<Parameters<typeof App>[0], 'exercise' | 'present'>;
};

const running = new Set<Rendered>();
// React reports mistakes (two rows with one key, an update after unmount) on the console.
let consoleError: MockInstance<typeof console.error> | undefined;

/** Unmounts every app a test started, and fails the test if React complained: call from afterEach. */
export function stopAll(): void {
	for (const ui of running) {
		ui.unmount();
	}

	running.clear();
	const complaints = consoleError?.mock.calls ?? [];
	consoleError?.mockRestore();
	consoleError = undefined;
	expect(complaints, 'console.error while the app ran').toEqual([]);
}

/** Renders the app on a fake swarm and waits for the first list of services. */
export async function startApp(options: StartOptions = {}): Promise<Started> {
	const {waitFor, size, failWith, app, ...clientOptions} = options;
	const client = createFakeClient(clientOptions);
	client.failWith = failWith;
	consoleError ??= vi.spyOn(console, 'error');
	const ui = await renderInk(<App client={client} nodeName="node1" {...app}/>, size);
	running.add(ui);
	const expected = waitFor ?? client.services[0]?.name ?? 'services';
	await waitForFrame(ui, frame => frame.includes(expected));
	return {client, ui};
}

/** A service of the `dockercoins` stack, as `docker stack deploy` labels it. */
export function stackService(stack: string, name: string, overrides: Partial<SwarmService> = {}): SwarmService {
	return makeService({name: `${stack}_${name}`, image: `${stack}/${name}:v0.1`, stack, ...overrides});
}

/** A swarm event about a service: the model refreshes the services soon after it. */
export function serviceEvent(name: string, action = 'update'): SwarmEvent {
	return {type: 'service', action, id: `id-${name}`, name, time: new Date(), attributes: {name}};
}

/** The title line of the open dialog, e.g. `Scale vote`. */
export function dialogTitle(frame: string): string | undefined {
	return /^│ (\S.*?)\s*│$/m.exec(frame)?.[1];
}

/**
 * The service the cursor is on, read the way a person would check it: `d` opens the
 * inspect view, whose Name line names the service; Esc goes back and changes nothing.
 */
export async function selectedService(ui: Rendered): Promise<string> {
	await ui.press('d');
	const frame = await waitForFrame(ui, text => /^Name:\s+\S/m.test(text));
	await ui.press(keys.escape);
	await waitForFrame(ui, text => !/^Name:\s/m.test(text));
	const name = /^Name:\s+(\S+)/m.exec(frame)?.[1];
	expect(name).toBeDefined();
	return name!;
}

/** The line of the frame that contains `text` (the first one). */
export function lineWith(frame: string, text: string): string | undefined {
	return frame.split('\n').find(line => line.includes(text));
}

/** The table row whose first cell is `name`, if it is on screen. */
export function rowOf(frame: string, name: string): string | undefined {
	return frame.split('\n').find(line => squeeze(line).split(' ')[0] === name);
}

/** The index in the frame of the row whose first cell is `name`, or -1. */
export function rowIndex(frame: string, name: string): number {
	return frame.split('\n').findIndex(line => squeeze(line).split(' ')[0] === name);
}

/** Collapses runs of spaces, to compare rows whatever the column widths. */
export function squeeze(line: string): string {
	return line.trim().replaceAll(/\s+/g, ' ');
}

/** The words of a frame, without borders or line breaks: for text that a dialog wraps. */
export function words(frame: string): string {
	return squeeze(frame.replaceAll(/[│╭╮╰╯─]/g, ' '));
}

export async function pause(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

export const node1: SwarmNode = {id: 'n1aaaaaaaaaaaaaaaaaaaaaaa', hostname: 'node1', role: 'manager', availability: 'active', state: 'ready', address: '10.0.0.11', isLeader: true, version: 20, reachability: 'reachable', engineVersion: '20.10.24', labels: {}, specDigest: ''};
export const node2: SwarmNode = {id: 'n2bbbbbbbbbbbbbbbbbbbbbbb', hostname: 'node2', role: 'worker', availability: 'active', state: 'ready', address: '10.0.0.12', isLeader: false, version: 21, engineVersion: '20.10.24', labels: {}, specDigest: ''};

let taskSequence = 0;

/** A task of `serviceId`, running on node1 for 10 minutes unless told otherwise. */
export function makeTask(serviceId: string, overrides: Partial<SwarmTask> & {secondsAgo?: number; createdSecondsAgo?: number} = {}): SwarmTask {
	taskSequence++;
	const {secondsAgo = 600, createdSecondsAgo = secondsAgo + 5, ...rest} = overrides;
	const now = Date.now();
	return {
		id: `t${String(taskSequence).padStart(11, '0')}xxxxxxxxxxxxx`,
		serviceId,
		slot: 1,
		nodeId: node1.id,
		desiredState: 'running',
		state: 'running',
		stateSince: new Date(now - (secondsAgo * 1000)),
		message: 'started',
		image: 'swarmdeck/vote:v2',
		createdAt: new Date(now - (createdSecondsAgo * 1000)),
		ports: [],
		...rest,
	};
}
