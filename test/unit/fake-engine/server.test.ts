// The fake engine over HTTP, spoken to as any client would: paths with and without a
// version, the daemon's status codes and {"message"} bodies, logs in multiplexed frames,
// the event stream with since/until/filters, request counts and injected faults.
import {request} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {startEngine, type StartedEngine} from '../../support/fake-engine/harness.js';
import {call as callRaw, callJson} from '../../support/unix-http.js';

let started: StartedEngine | undefined;

afterEach(async () => {
	await started?.close();
	started = undefined;
});

async function begin(options: Parameters<typeof startEngine>[0] = {}): Promise<StartedEngine> {
	started = await startEngine({start: Date.parse('2026-11-29T18:00:00Z'), ...options});
	return started;
}

async function call(method: string, path: string, body?: unknown) {
	return callRaw(started!.server.socketPath, method, path, body);
}

async function json(method: string, path: string, body?: unknown) {
	return callJson(started!.server.socketPath, method, path, body);
}

const web = {Name: 'web', Mode: {Replicated: {Replicas: 2}}};

/** Splits a multiplexed log body into [stream, text] frames, as docker-modem's demuxStream does. */
function frames(body: Buffer): Array<[number, string]> {
	const result: Array<[number, string]> = [];
	let offset = 0;
	while (offset < body.length) {
		const size = body.readUInt32BE(offset + 4);
		result.push([body[offset]!, body.subarray(offset + 8, offset + 8 + size).toString('utf8')]);
		offset += 8 + size;
	}

	return result;
}

describe('routes and errors', () => {
	it('answers /_ping, /version and /info with and without a version prefix', async () => {
		await begin();
		const ping = await call('GET', '/_ping');
		expect([ping.status, ping.body.toString(), ping.headers['api-version']]).toEqual([200, 'OK', '1.41']);
		expect((await json('GET', '/v1.41/version')).json).toMatchObject({ApiVersion: '1.41', Version: '20.10.24+dfsg1'});
		const info = (await json('GET', '/info')).json;
		expect(info.Swarm).toMatchObject({LocalNodeState: 'active', ControlAvailable: true, Nodes: 3, Managers: 1});
		expect(info.Name).toBe('node1');
	});

	it('plays a worker or an engine outside a swarm: /info says so and swarm endpoints answer 503', async () => {
		const {engine} = await begin();
		engine.role = 'worker';
		expect((await json('GET', '/info')).json.Swarm).toMatchObject({LocalNodeState: 'active', ControlAvailable: false});
		expect(await json('GET', '/v1.41/services')).toEqual({status: 503, json: {message: expect.stringContaining('Worker nodes can\'t be used to view or modify cluster state') as string}});
		engine.role = 'inactive';
		expect((await json('GET', '/info')).json.Swarm).toMatchObject({LocalNodeState: 'inactive', ControlAvailable: false});
		expect(await json('GET', '/tasks')).toEqual({status: 503, json: {message: 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'}});
	});

	it('answers unknown objects and paths with 404 and the daemon words', async () => {
		await begin();
		expect(await json('GET', '/services/nope')).toEqual({status: 404, json: {message: 'service nope not found'}});
		expect(await json('GET', '/tasks/nope')).toEqual({status: 404, json: {message: 'task nope not found'}});
		expect(await json('GET', '/nodes/nope')).toEqual({status: 404, json: {message: 'node nope not found'}});
		expect(await json('GET', '/nonsense')).toEqual({status: 404, json: {message: 'page not found'}});
		expect(await json('GET', '/services?filters={"bogus":["x"]}')).toEqual({status: 400, json: {message: 'Invalid filter \'bogus\''}});
	});

	it('creates, updates with the version in the query, and deletes a service', async () => {
		const {engine} = await begin();
		const created = await json('POST', '/v1.41/services/create', {...web, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}});
		expect(created.status).toBe(201);
		expect(created.json).toEqual({ID: expect.stringMatching(/^[0-9a-z]{25}$/) as string});
		engine.settle();
		const {json: service} = await json('GET', '/services/web');
		const stale = await json('POST', `/services/${service.ID as string}/update?version=${service.Version.Index - 1}`, service.Spec);
		expect(stale).toEqual({status: 500, json: {message: 'rpc error: code = Unknown desc = update out of sequence'}});
		const updated = await json('POST', `/services/${service.ID as string}/update?version=${service.Version.Index as number}`, {...service.Spec, Mode: {Replicated: {Replicas: 3}}});
		expect(updated).toEqual({status: 200, json: {Warnings: null}});
		expect((await json('DELETE', '/services/web')).status).toBe(200);
		expect((await json('DELETE', '/services/web')).status).toBe(404);
	});

	it('lists services with ServiceStatus only when asked, and tasks by filters', async () => {
		const {engine} = await begin({services: [web, {Name: 'agent', Mode: {Global: {}}}]});
		const plain = (await json('GET', '/services')).json;
		expect(plain.map((service: {ServiceStatus?: unknown}) => service.ServiceStatus)).toEqual([undefined, undefined]);
		const withStatus = (await json('GET', '/services?status=true')).json;
		expect(withStatus.map((service: {Spec: {Name: string}; ServiceStatus: unknown}) => [service.Spec.Name, service.ServiceStatus]).sort()).toEqual([
			['agent', {RunningTasks: 3, DesiredTasks: 3, CompletedTasks: 0}],
			['web', {RunningTasks: 2, DesiredTasks: 2, CompletedTasks: 0}],
		]);
		const onNode1 = (await json('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({service: ['agent'], node: ['node1']}))}`)).json;
		expect(onNode1).toHaveLength(1);
		expect(onNode1[0].NodeID).toBe(engine.node('node1').ID);
		expect(await json('GET', `/tasks?filters=${encodeURIComponent(JSON.stringify({'desired-state': ['bogus']}))}`))
			.toEqual({status: 500, json: {message: 'Invalid desired-state filter: \'bogus\''}});
	});

	it('answers the registry look-up as the lab does (no registry), or with a digest a test gave', async () => {
		const {engine} = await begin();
		expect((await json('GET', '/v1.41/distribution/swarmdeck/vote:latest/json')).status).toBe(500);
		engine.registryDigests.set('swarmdeck/vote:latest', `sha256:${'ab'.repeat(32)}`);
		expect((await json('GET', '/distribution/swarmdeck/vote:latest/json')).json.Descriptor.digest).toBe(`sha256:${'ab'.repeat(32)}`);
	});

	it('creates secrets, refusing a duplicate and empty data', async () => {
		await begin();
		expect((await json('POST', '/secrets/create', {Name: 'token', Data: 'aGVsbG8='})).status).toBe(201);
		expect(await json('POST', '/secrets/create', {Name: 'token', Data: 'aGVsbG8='})).toEqual({status: 409, json: {message: 'rpc error: code = AlreadyExists desc = secret token already exists'}});
		expect((await json('POST', '/secrets/create', {Name: 'empty'})).status).toBe(400);
		const [secret] = (await json('GET', '/secrets')).json;
		expect(secret.Spec).toEqual({Name: 'token', Labels: {}});
		expect((await json('GET', '/networks')).json.map((network: {Name: string}) => network.Name).sort()).toEqual(['docker_gwbridge', 'host', 'ingress', 'none']);
		expect((await json('GET', '/configs')).json).toEqual([]);
	});
});

describe('service logs', () => {
	it('sends stdout and stderr in multiplexed frames, with tail, timestamps and since', async () => {
		const {engine} = await begin({services: [web]});
		engine.writeLog('web', 'first line');
		engine.advance(1000);
		const oopsAt = engine.clock.now();
		engine.writeLog('web', 'oops', {stream: 'stderr'});
		engine.advance(1000);
		engine.writeLog('web', 'third line');
		const all = await call('GET', '/services/web/logs?stdout=1&stderr=1');
		expect(frames(all.body)).toEqual([[1, 'first line\n'], [2, 'oops\n'], [1, 'third line\n']]);
		expect(frames((await call('GET', '/services/web/logs?stdout=1&tail=1')).body)).toEqual([[1, 'third line\n']]);
		expect(frames((await call('GET', '/services/web/logs?stderr=1&timestamps=1')).body)).toEqual([[2, `${new Date(oopsAt).toISOString().slice(0, 23)}000000Z oops\n`]]);
		const since = oopsAt / 1000;
		expect(frames((await call('GET', `/services/web/logs?stdout=1&stderr=1&since=${since}`)).body).map(([, text]) => text)).toEqual(['oops\n', 'third line\n']);
		expect(await json('GET', '/services/web/logs')).toEqual({status: 500, json: {message: 'Bad parameters: you must choose at least one stream'}});
	});

	it('follows: lines written later arrive on the open stream, with details when asked', async () => {
		const {engine, server} = await begin({services: [web]});
		engine.writeLog('web', 'before');
		const received: Buffer[] = [];
		let opened: () => void = () => undefined;
		const open = new Promise<void>(resolve => {
			opened = resolve;
		});
		const outgoing = request({socketPath: server.socketPath, path: '/services/web/logs?stdout=1&follow=1&tail=0&details=1'}, response => {
			opened();
			response.on('data', (chunk: Buffer) => received.push(chunk));
			response.on('error', () => undefined);
		});
		outgoing.on('error', () => undefined);
		outgoing.end();
		await open;
		engine.writeLog('web', 'after');
		const deadline = performance.now() + 2000;
		while (received.length === 0 && performance.now() < deadline) {
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}

		const task = engine.listTasks(JSON.stringify({service: ['web']})).find(candidate => candidate.Slot === 1)!;
		expect(frames(Buffer.concat(received))).toEqual([[1, `com.docker.swarm.node.id=${task.NodeID!},com.docker.swarm.service.id=${task.ServiceID},com.docker.swarm.task.id=${task.ID} after\n`]]);
		outgoing.destroy();
	});
});

describe('request counts and faults', () => {
	it('counts requests in total and per route', async () => {
		const {server} = await begin({services: [web]});
		await call('GET', '/services');
		await call('GET', '/v1.41/services');
		await call('GET', '/services/web');
		await call('GET', '/whatever');
		expect(server.requests.total).toBe(4);
		expect(Object.fromEntries(server.requests.byRoute)).toEqual({'GET /services': 2, 'GET /services/{id}': 1, 'GET /whatever (no such route)': 1});
		expect(server.report()).toContain('2  GET /services');
	});

	it('fails, delays or never answers a route on request', async () => {
		const {server} = await begin({services: [web]});
		server.faults.set('GET /services', {kind: 'fail', status: 500, message: 'boom'});
		expect(await json('GET', '/services')).toEqual({status: 500, json: {message: 'boom'}});
		server.faults.set('GET /services', {kind: 'delay', ms: 200});
		const before = performance.now();
		expect((await json('GET', '/services')).status).toBe(200);
		expect(performance.now() - before).toBeGreaterThanOrEqual(150);
		server.faults.set('GET /tasks', {kind: 'hang'});
		const hanging = call('GET', '/tasks');
		hanging.catch(() => undefined);
		const winner = await Promise.race([hanging.then(() => 'answered'), new Promise(resolve => {
			setTimeout(resolve, 300, 'still waiting');
		})]);
		expect(winner).toBe('still waiting');
		server.faults.clear();
	});
});

describe('the event stream', () => {
	it('replays since, ends at until, and keeps only what the filters ask for', async () => {
		const {engine} = await begin({services: [web]});
		const t0 = engine.clock.now() / 1000;
		const service = engine.service('web');
		engine.updateService('web', String(service.Version.Index), {...service.Spec, Mode: {Replicated: {Replicas: 3}}});
		const node = engine.node('node2');
		engine.updateNode('node2', String(node.Version.Index), {...node.Spec, Availability: 'drain'});
		engine.advance(1000);
		const until = engine.clock.now() / 1000;
		const reply = await call('GET', `/events?since=${t0}&until=${until}&filters=${encodeURIComponent(JSON.stringify({type: ['service', 'node']}))}`);
		const events = reply.body.toString('utf8').trim().split('\n').map(line => JSON.parse(line) as {Type: string; Action: string; Actor: {Attributes: Record<string, string>}; scope: string});
		expect(events.map(event => [event.Type, event.Action, event.Actor.Attributes, event.scope])).toEqual([
			['service', 'update', {name: 'web', 'replicas.old': '2', 'replicas.new': '3'}, 'swarm'],
			['node', 'update', {name: 'node2', 'availability.old': 'active', 'availability.new': 'drain'}, 'swarm'],
		]);
		const nodesOnly = await call('GET', `/events?since=${t0}&until=${until}&filters=${encodeURIComponent(JSON.stringify({type: ['node']}))}`);
		expect(nodesOnly.body.toString('utf8').trim().split('\n')).toHaveLength(1);
		expect(await json('GET', '/events?since=100&until=50')).toEqual({status: 400, json: {message: '`since` time (100) cannot be after `until` time (50)'}});
	});

	it('streams events as they happen, until the stream is dropped', async () => {
		const {engine, server} = await begin({services: [web]});
		const lines: string[] = [];
		let opened: () => void = () => undefined;
		const open = new Promise<void>(resolve => {
			opened = resolve;
		});
		const ended = new Promise<void>(resolve => {
			const outgoing = request({socketPath: server.socketPath, path: '/v1.41/events?filters=%7B%22type%22%3A%5B%22service%22%5D%7D'}, response => {
				// Headers arrive once the engine has subscribed the stream.
				opened();
				response.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
				response.on('close', resolve);
				response.on('error', () => undefined);
			});
			outgoing.on('error', () => undefined);
			outgoing.end();
		});
		await open;
		engine.removeService('web');
		const deadline = performance.now() + 2000;
		while (lines.length === 0 && performance.now() < deadline) {
			await new Promise(resolve => {
				setTimeout(resolve, 10);
			});
		}

		expect(lines.map(line => JSON.parse(line) as {Action: string; Actor: {Attributes: unknown}}).map(event => [event.Action, event.Actor.Attributes])).toEqual([['remove', {name: 'web'}]]);
		server.dropEventStreams();
		await ended;
	});
});
