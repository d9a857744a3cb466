// The task reads against a daemon that answers with bytes this test chooses: the client
// reuses a task whose version did not move, without parsing it, and reads the others.
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {createSwarmClient} from '../../../source/swarm/client.js';
import {DockerError} from '../../../source/swarm/errors.js';

let server: Server | undefined;
let directory: string | undefined;

afterEach(async () => {
	await new Promise(resolve => {
		server?.close(resolve);
	});
	server = undefined;
	if (directory) {
		rmSync(directory, {recursive: true, force: true});
	}
});

type Answer = {status: number; body: string};

/** A daemon whose every answer to GET /tasks is `answer()`; returns its address and the filters it was sent. */
async function daemon(answer: () => Answer): Promise<{host: string; filters: string[]}> {
	directory = mkdtempSync(join(tmpdir(), 'swarmdeck-client-tasks-'));
	const socket = join(directory, 'docker.sock');
	const filters: string[] = [];
	server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://daemon');
		filters.push(url.searchParams.get('filters') ?? '');
		const {status, body} = url.pathname.endsWith('/tasks') ? answer() : {status: 404, body: '{"message":"page not found"}'};
		response.writeHead(status, {'Content-Type': 'application/json'});
		response.end(body);
	});
	await new Promise<void>(resolve => {
		server!.listen(socket, resolve);
	});
	return {host: `unix://${socket}`, filters};
}

const rawTask = (id: string, version: number, state: string, extra: object = {}) => ({
	ID: id,
	Version: {Index: version},
	CreatedAt: '2026-12-01T10:00:00Z',
	UpdatedAt: '2026-12-01T10:00:01Z',
	Spec: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}},
	ServiceID: 'svc1',
	Slot: 1,
	NodeID: 'node1',
	Status: {Timestamp: '2026-12-01T10:00:01Z', State: state, Message: state},
	DesiredState: 'running',
	...extra,
});

describe('reading tasks', () => {
	it('reuses an unchanged task as the same object, reads a changed one anew, and sends the filters', async () => {
		let tasks = [rawTask('t1', 10, 'running'), rawTask('t2', 11, 'preparing')];
		const {host, filters} = await daemon(() => ({status: 200, body: JSON.stringify(tasks)}));
		const client = createSwarmClient({host});
		const first = await client.listTasks('svc1');
		expect(first.map(task => [task.id, task.state])).toEqual([['t1', 'running'], ['t2', 'preparing']]);
		expect(JSON.parse(filters[0]!)).toEqual({service: ['svc1']});

		tasks = [rawTask('t1', 10, 'running'), rawTask('t2', 12, 'running'), rawTask('t3', 13, 'new')];
		const second = await client.listTasks('svc1');
		expect(second[0]).toBe(first[0]);
		expect(second.map(task => [task.id, task.state])).toEqual([['t1', 'running'], ['t2', 'running'], ['t3', 'new']]);
		expect(second[1]).not.toBe(first[1]);
	});

	it('reads a task anew when its bytes changed, even if its version did not', async () => {
		// A daemon changes a task with its version; this one does not, and is read right all the same.
		let error = '';
		const {host} = await daemon(() => ({status: 200, body: JSON.stringify([rawTask('t1', 10, 'failed', {Status: {Timestamp: '2026-12-01T10:00:01Z', State: 'failed', Err: error}})])}));
		const client = createSwarmClient({host});
		error = 'first';
		expect((await client.listTasks('svc1'))[0]!.error).toBe('first');
		error = 'second';
		expect((await client.listTasks('svc1'))[0]!.error).toBe('second');
	});

	it('reads text with escapes and any script, and makes it inert', async () => {
		const {host} = await daemon(() => ({status: 200, body: JSON.stringify([rawTask('t1', 1, 'failed', {Status: {Timestamp: '2026-12-01T10:00:01Z', State: 'failed', Err: 'nö "space" } left \u001B[31m 🐳'}})])}));
		const [task] = await createSwarmClient({host}).listTasks('svc1');
		expect(task!.error).toContain('nö "space" } left');
		expect(task!.error).toContain('🐳');
		expect(task!.error).not.toContain('\u001B');
	});

	it('tells the daemon\'s own words when it refuses, and a sentence for an answer that is not a list', async () => {
		let answer: Answer = {status: 500, body: '{"message":"rpc error: code = Unavailable desc = the swarm has no leader"}'};
		const {host} = await daemon(() => answer);
		const client = createSwarmClient({host});
		const refused = await client.listTasksWhere({desiredState: 'running'}).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(DockerError);
		expect((refused as DockerError).message).toBe('rpc error: code = Unavailable desc = the swarm has no leader');
		expect((refused as DockerError).statusCode).toBe(500);

		answer = {status: 200, body: '[{"ID":"t1","Version":{"Index":1}'};
		const malformed = await client.listTasks('svc1').catch((error: unknown) => error);
		expect(malformed).toBeInstanceOf(DockerError);
		expect((malformed as DockerError).message).toMatch(/^The Docker daemon's answer is not a JSON list/);
	});
});
