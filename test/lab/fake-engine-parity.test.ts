// One small scenario (create, scale, update the image, roll back, list tasks, read events)
// run against the lab's dockerd and against the fake engine, over the same raw HTTP: the
// JSON each answers must have the same shape, keys and types, whatever the IDs and times.
// When the daemon and the fake disagree, the daemon is right: fix test/support/fake-engine.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Engine} from '../support/fake-engine/engine.js';
import {serveEngine, type EngineServer} from '../support/fake-engine/server.js';
import {labSockets, removeService, waitFor} from '../support/lab.js';
import {call, callJson, filtersQuery} from '../support/unix-http.js';

const name = 'parity-web';
const second = 1e9;

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
type Json = any;

/**
 * The shape of a JSON value: its type, an object's keys (each with its shape), an array's
 * distinct element shapes. IDs, times and counts vanish; which keys exist and what they hold stays.
 */
export function shapeOf(value: Json): Json {
	if (Array.isArray(value)) {
		const shapes = [...new Set(value.map(item => JSON.stringify(shapeOf(item))))].sort();
		return shapes.map(shape => JSON.parse(shape) as Json);
	}

	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.keys(value).sort().map(key => [key, shapeOf(value[key])]));
	}

	return value === null ? 'null' : typeof value;
}

/** Runs the scenario against one daemon and returns what it answered at each step. */
async function scenario(socketPath: string): Promise<Record<string, Json>> {
	const api = async (method: string, url: string, body?: unknown) => callJson(socketPath, method, `/v1.41${url}`, body);
	const inspect = async () => (await api('GET', `/services/${name}`)).json;
	const until = async (description: string, test: (service: Json) => boolean) => waitFor(description, async () => {
		const service = await inspect();
		return test(service) ? service : undefined;
	}, 120_000, 200);
	const converged = async (replicas: number) => waitFor(`${name} to run ${replicas} tasks`, async () => {
		const [listed] = (await api('GET', `/services?status=true&${filtersQuery({name: [name]})}`)).json;
		return listed?.ServiceStatus?.RunningTasks === replicas ? listed : undefined;
	}, 120_000, 200);
	const update = async (service: Json, spec: Json, query = '') => api('POST', `/services/${service.ID as string}/update?version=${service.Version.Index as number}${query}`, spec);

	const answers: Record<string, Json> = {};
	const since = Date.now() / 1000;
	answers['create'] = await api('POST', '/services/create', {
		Name: name,
		Labels: {'com.docker.stack.namespace': 'parity'},
		TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}},
		Mode: {Replicated: {Replicas: 2}},
		UpdateConfig: {Parallelism: 1, Monitor: second, FailureAction: 'pause'},
		RollbackConfig: {Parallelism: 2, Monitor: second},
	});
	answers['createAgain'] = await api('POST', '/services/create', {Name: name, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}});
	await converged(2);
	let service = await inspect();
	answers['created'] = service;
	answers['rollbackWithoutPrevious'] = await update(service, service.Spec, '&rollback=previous');
	answers['stale'] = await api('POST', `/services/${service.ID as string}/update?version=${service.Version.Index - 1}`, service.Spec);

	answers['scale'] = await update(service, {...service.Spec, Mode: {Replicated: {Replicas: 3}}});
	answers['listed'] = await converged(3);
	service = await inspect();
	answers['scaled'] = service;

	const spec = structuredClone(service.Spec);
	spec.TaskTemplate.ContainerSpec.Image = 'swarmdeck/vote:indent';
	answers['setImage'] = await update(service, spec);
	answers['updated'] = await until('the update to complete', current => current.UpdateStatus?.State === 'completed');
	answers['upToDate'] = (await api('GET', `/tasks?${filtersQuery({service: [name], '_up-to-date': ['true']})}`)).json;

	service = await inspect();
	answers['rollback'] = await update(service, service.Spec, '&rollback=previous');
	answers['rolledBack'] = await until('the rollback to complete', current => current.UpdateStatus?.State === 'rollback_completed');
	const tasks = (await api('GET', `/tasks?${filtersQuery({service: [name]})}`)).json;
	answers['tasks'] = tasks;
	answers['task'] = (await api('GET', `/tasks/${tasks[0].ID as string}`)).json;
	answers['nodes'] = (await api('GET', '/nodes')).json;
	answers['infoSwarm'] = (await api('GET', '/info')).json.Swarm;

	const events = await call(socketPath, 'GET', `/v1.41/events?since=${since}&until=${Date.now() / 1000}&${filtersQuery({type: ['service'], service: [name]})}`);
	answers['events'] = events.body.toString('utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Json);
	answers['remove'] = await api('DELETE', `/services/${name}`);
	answers['removed'] = await api('GET', `/services/${name}`);
	return answers;
}

/** The events as a sequence of actions and attribute names: the order matters, values do not. */
function eventSequence(events: Json[]): string[] {
	return events.map(event => `${event.Action as string} ${Object.keys(event.Actor.Attributes).sort().join(',')}`);
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const labSocket = labSockets.node1.replace('unix://', '');
let directory: string;
let engine: Engine;
let server: EngineServer;
let lab: Record<string, Json>;
let fake: Record<string, Json>;

beforeAll(async () => {
	await removeService(name);
	directory = mkdtempSync(path.join(tmpdir(), 'parity-'));
	engine = new Engine({timings: {stepMs: 20, stopMs: 100, healthFailMs: 500}});
	engine.realTime(10);
	server = await serveEngine(engine, {socketPath: path.join(directory, 'docker.sock')});
	lab = await scenario(labSocket);
	fake = await scenario(server.socketPath);
});

afterAll(async () => {
	await removeService(name);
	engine?.stop();
	await server?.close();
	rmSync(directory, {recursive: true, force: true});
});

describe('the fake engine answers as the lab\'s dockerd does', () => {
	it('ran the whole scenario on both (what the shapes below are taken from)', () => {
		for (const answers of [lab, fake]) {
			expect(answers['created'].Spec.Name).toBe(name);
			expect(answers['rolledBack'].Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
			// Three slots, each with its first task, the updated one and the rolled-back one.
			expect(answers['tasks']).toHaveLength(9);
			expect(answers['upToDate']).toHaveLength(3);
		}
	});

	const steps = ['create', 'createAgain', 'created', 'rollbackWithoutPrevious', 'stale', 'scale', 'listed', 'scaled', 'setImage', 'updated', 'upToDate', 'rollback', 'rolledBack', 'tasks', 'task', 'nodes', 'infoSwarm', 'remove', 'removed'];
	it.each(steps)('%s: same JSON shape', step => {
		expect(shapeOf(fake[step])).toEqual(shapeOf(lab[step]));
	});

	it('the same error texts, IDs aside', () => {
		const words = (answer: Json) => ({status: answer.status, message: String(answer.json?.message ?? '').replaceAll(/[0-9a-z]{25}/g, '<id>')});
		for (const step of ['createAgain', 'rollbackWithoutPrevious', 'stale', 'removed']) {
			expect(words(fake[step]), step).toEqual(words(lab[step]));
		}
	});

	it('the same events, in the same order, with the same attributes', () => {
		expect(eventSequence(lab['events'])).toContain('create name');
		expect(eventSequence(fake['events'])).toEqual(eventSequence(lab['events']));
		expect(shapeOf(fake['events'])).toEqual(shapeOf(lab['events']));
	});
});
