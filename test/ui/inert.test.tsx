// Every screen and dialog that shows daemon text, fed each kind of payload that could drive
// a terminal. The fixtures are raw Engine API JSON and go through serviceFromApi, taskFromApi,
// nodeFromApi, eventFromApi, daemonMessage and explainSwarmInfo as the real client's data does.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {App} from '../../source/app.js';
import {printServices} from '../../source/print.js';
import {toDockerError} from '../../source/swarm/errors.js';
import {eventFromApi} from '../../source/swarm/events.js';
import {nodeFromApi, serviceFromApi, taskFromApi} from '../../source/swarm/normalize.js';
import {explainSwarmInfo} from '../../source/swarm/preflight.js';
import type {SwarmEvent} from '../../source/swarm/types.js';
import {createFakeClient} from '../support/fake-client.js';
import {allRaw, allShown, payloads, terminalControlsIn, type Payload} from '../support/hostile-text.js';
import {renderInk, waitForFrame, type Rendered} from '../support/ink.js';
import {startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON, as the daemon sends it */
type Raw = Record<string, any>;

const wide = {columns: 260, rows: 60};
const target = 'unix:///fake.sock';

/** A replicated service as GET /services returns it; `spec` adds to or replaces Spec fields. */
function rawService(name: string, spec: Raw = {}, extra: Raw = {}): Raw {
	return {
		ID: `id-${name}`,
		Version: {Index: 10},
		CreatedAt: '2026-11-21T10:00:00Z',
		UpdatedAt: '2026-11-21T10:00:00Z',
		Spec: {Name: name, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1'}}, Mode: {Replicated: {Replicas: 1}}, ...spec},
		ServiceStatus: {RunningTasks: 1, DesiredTasks: 1},
		...extra,
	};
}

/** A docker-modem error carrying the daemon's JSON body, as dockerode throws it. */
function modemError(message: string, statusCode = 400): Error {
	return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {statusCode, json: {message}});
}

/** Fails the test with the offending characters listed, and checks each payload's visible form is on screen. */
function expectInert(frame: string, shown: string[]): void {
	expect(terminalControlsIn(frame), frame).toEqual([]);
	for (const text of shown) {
		expect(frame, `"${text}" on screen`).toContain(text);
	}
}

/** One value per payload, in order. */
function all<T>(make: (payload: Payload, index: number) => T): T[] {
	return payloads.map((payload, index) => make(payload, index));
}

describe('daemon text on every screen is inert', () => {
	it('services screen: images and stack labels', async () => {
		const services = payloads.map((payload, index) => serviceFromApi(rawService(`svc${index}`, {
			Labels: {'com.docker.stack.namespace': `stack${index}${payload.raw}`},
			TaskTemplate: {ContainerSpec: {Image: `x/image${index}${payload.raw}`}},
		})));
		const {ui} = await startApp({services, size: wide});
		const frame = await waitForFrame(ui, text => text.includes('svc8'));
		expectInert(frame, [
			...all((payload, index) => `stack${index}${payload.shown} (stack)`),
			...all((payload, index) => `x/image${index}${payload.shown}`),
		]);
	});

	it('task screen: task errors, node hostnames, task images, the image and the last rollout message', async () => {
		const message = all(payload => payload.raw).join(' ');
		const service = serviceFromApi(rawService('svc', {TaskTemplate: {ContainerSpec: {Image: `x/svc${payloads[0]!.raw}`}}}, {
			UpdateStatus: {State: 'completed', Message: message, StartedAt: '2026-11-21T10:00:00Z', CompletedAt: '2026-11-21T10:01:00Z'},
		}));
		const nodes = payloads.map((payload, index) => nodeFromApi({
			ID: `node${index}id`,
			Description: {Hostname: `host${index}${payload.raw}`},
			Spec: {Role: 'worker', Availability: 'active'},
			Status: {State: 'ready', Addr: `10.0.0.${index}`},
		}));
		const tasks = payloads.map((payload, index) => taskFromApi({
			ID: `task${index}xxxxxxxxxxxxxxxxxxxx`,
			ServiceID: service.id,
			Slot: index + 1,
			NodeID: `node${index}id`,
			DesiredState: 'shutdown',
			CreatedAt: '2026-11-21T10:00:00Z',
			Spec: {ContainerSpec: {Image: `x/t${index}${payload.raw}`}},
			Status: {State: 'rejected', Timestamp: '2026-11-21T10:00:01Z', Err: `err${index}${payload.raw}`, Message: payload.raw},
		}));
		const {ui} = await startApp({services: [service], nodes, tasks: {[service.id]: tasks}, size: wide});
		await ui.press('\r');
		const frame = await waitForFrame(ui, text => text.includes('err8'));
		expectInert(frame, [
			`x/svc${payloads[0]!.shown}`,
			`last rollout: ${all(payload => payload.shown).join(' ')}`,
			...all((payload, index) => `"err${index}${payload.shown}"`),
			...all((payload, index) => `host${index}${payload.shown}`),
			...all((payload, index) => `x/t${index}${payload.shown}`),
		]);
	});

	it('inspect: labels, env, args, mounts, constraints and the changes from the previous spec', async () => {
		const containerSpec = {
			Image: 'swarmdeck/vote:v1',
			Args: all((payload, index) => `a${index}${payload.raw}`),
			Env: all((payload, index) => `E${index}=${payload.raw}`),
			Mounts: all((payload, index) => ({Type: 'bind', Source: `/src${index}${payload.raw}`, Target: `/t${index}`})),
		};
		const service = serviceFromApi(rawService('svc', {
			Labels: Object.fromEntries(all((payload, index) => [`k${index}${payload.raw}`, `v${index}${payload.raw}`])),
			TaskTemplate: {ContainerSpec: containerSpec, Placement: {Constraints: all((payload, index) => `node.labels.c${index}==${payload.raw}`)}},
		}, {
			PreviousSpec: {Name: 'svc', TaskTemplate: {ContainerSpec: {...containerSpec, Env: [`OLD=${payloads[0]!.raw}`]}}, Mode: {Replicated: {Replicas: 1}}},
		}));
		const {ui} = await startApp({services: [service], size: {columns: 260, rows: 120}});
		await ui.press('d');
		const frame = await waitForFrame(ui, text => text.includes('Changes from the previous spec'));
		expectInert(frame, [
			...all((payload, index) => ` k${index}${payload.shown}=v${index}${payload.shown}`),
			` Env:           ${all((payload, index) => `E${index}=${payload.shown}`).join(' ')}`,
			` Args:          ${all((payload, index) => `a${index}${payload.shown}`).join(' ')}`,
			...all((payload, index) => `Source:       /src${index}${payload.shown}`),
			...all((payload, index) => `node.labels.c${index}==${payload.shown}`),
			` env: OLD=${payloads[0]!.shown} → E0=${payloads[0]!.shown}`,
		]);
	});

	it('events screen: names and changed attributes, keys included', async () => {
		const {client, ui} = await startApp({services: [serviceFromApi(rawService('svc'))], size: wide});
		await ui.press('e');
		await waitForFrame(ui, text => text.includes('Swarm events, newest first'));
		const events = payloads.map((payload, index) => eventFromApi({
			Type: index % 2 === 0 ? 'service' : 'node',
			Action: 'update',
			Actor: {
				ID: `id${index}`,
				Attributes: {
					name: `name${index}${payload.raw}`,
					'image.old': `x/old${index}${payload.raw}`,
					'image.new': `x/new${index}${payload.raw}`,
					[`key${index}${payload.raw}.new`]: `value${index}${payload.raw}`,
				},
			},
			timeNano: 1_795_297_480_000_000_000 + index,
		}));
		for (const event of events) {
			client.emit(event!);
		}

		const frame = await waitForFrame(ui, text => text.includes('name8'));
		expectInert(frame, [
			...all((payload, index) => `name${index}${payload.shown} image x/old${index}${payload.shown} → x/new${index}${payload.shown}`),
			...all((payload, index) => `key${index}${payload.shown} (none) → value${index}${payload.shown}`),
		]);
	});

	it.each(payloads)('rollback confirmation: an env diff with a $kind', async payload => {
		const service = serviceFromApi(rawService('svc', {TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v2', Env: [`A=${payload.raw}`]}}}, {
			PreviousSpec: {Name: 'svc', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v2', Env: ['A=ok']}}, Mode: {Replicated: {Replicas: 1}}},
		}));
		const {ui} = await startApp({services: [service]});
		await ui.press('r');
		const frame = await waitForFrame(ui, text => text.includes('Roll back svc'));
		expectInert(frame, [`env: A=${payload.shown} → A=ok`]);
	});

	it.each(payloads)('status line and banner: a daemon error message with a $kind', async payload => {
		const {client, ui} = await startApp({services: [serviceFromApi(rawService('svc'))], size: wide});
		client.rejectWrites = toDockerError(modemError(`refused ${payload.raw} here`), target);
		await ui.press('+');
		let frame = await waitForFrame(ui, text => text.includes('✘'));
		expectInert(frame, [`failed: refused ${payload.shown} here`]);
		client.failWith = toDockerError(modemError(`cannot list ${payload.raw} now`, 500), target);
		client.emit({type: 'service', action: 'update', id: 'id-svc', name: 'svc', time: new Date(), attributes: {}} satisfies SwarmEvent);
		frame = await waitForFrame(ui, text => text.includes('⚠'));
		expectInert(frame, [`Cannot read the services: cannot list ${payload.shown} now`]);
	});

	it.each(payloads)('header: the manager\'s node name with a $kind', async payload => {
		const preflight = explainSwarmInfo({Name: `mgr${payload.raw}`, Swarm: {LocalNodeState: 'active', ControlAvailable: true}}, target);
		expect(preflight.ok).toBe(true);
		const nodeName = preflight.ok ? preflight.nodeName : '';
		let ui: Rendered | undefined;
		try {
			ui = await renderInk(<App client={createFakeClient({services: [serviceFromApi(rawService('svc'))]})} nodeName={nodeName}/>);
			const frame = await waitForFrame(ui, text => text.includes('svc'));
			expectInert(frame, [`swarmdeck · mgr${payload.shown} · ${target}`]);
		} finally {
			ui?.unmount();
		}
	});

	it.each(payloads)('preflight refusal: a worker\'s name with a $kind, and a command that still names it', payload => {
		const preflight = explainSwarmInfo({Name: `w${payload.raw}`, Swarm: {LocalNodeState: 'active', ControlAvailable: false, Error: payload.raw}}, target);
		const message = preflight.ok ? '' : preflight.message;
		expect(terminalControlsIn(message)).toEqual([]);
		expect(message).toContain(`w${payload.shown} (${target}) is a swarm worker`);
		expect(message).toMatch(/`docker node promote \$'w[^']+'`/);
	});
});

describe('--once output is inert', () => {
	it('prints every service field as its visible form', async () => {
		const raws = payloads.map((payload, index) => rawService(`svc${index}`, {
			Labels: {'com.docker.stack.namespace': `stack${index}${payload.raw}`},
			TaskTemplate: {ContainerSpec: {Image: `x/image${index}${payload.raw}`}},
		}));
		let printed = '';
		expect(await printServices(Promise.resolve(raws.map(raw => serviceFromApi(raw))), text => {
			printed += text;
			return true;
		})).toBe(0);
		expectInert(printed, all((payload, index) => `x/image${index}${payload.shown}`));
		expect(printed.split('\n').filter(Boolean)).toHaveLength(payloads.length + 1);
	});

	it.each([
		['the daemon\'s error message', toDockerError(modemError(`refused ${allRaw}`), target)],
		['any other error', new Error(`broken ${allRaw}`)],
	])('prints %s inert', async (_what, error) => {
		const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		try {
			expect(await printServices(Promise.reject(error), () => true)).toBe(1);
			const printed = stderr.mock.calls.map(([text]) => String(text)).join('');
			expect(printed.endsWith('\n')).toBe(true);
			expectInert(printed, [allShown]);
			expect(words(printed)).toMatch(/^swarmdeck: (refused|broken) /);
		} finally {
			stderr.mockRestore();
		}
	});
});
