// A fake engine on a temporary unix socket, for tests that want swarmdeck's real client and
// dockerode on the other end: `host` goes where DOCKER_HOST would.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Engine, type EngineOptions} from './engine.js';
import {serveEngine, type EngineServer} from './server.js';
import type {Node, Service, ServiceSpec, Task} from './api-types.js';

export type StartedEngine = {
	engine: Engine;
	server: EngineServer;
	host: string;
	close: () => Promise<void>;
};

export type StartEngineOptions = EngineOptions & {
	/** Services to create before the server answers (the image defaults to swarmdeck/vote:latest); their tasks are settled to running. */
	services?: Array<Partial<ServiceSpec> & {Name: string}>;
	/** Objects captured from a daemon, loaded as they are (Engine.load), e.g. test/fixtures/fixture-web-*.json. */
	captured?: {nodes?: Node[]; services?: Service[]; tasks?: Task[]};
	/** Follow the wall clock (for a UI that polls), instead of moving only when told. */
	realTime?: boolean;
};

export async function startEngine(options: StartEngineOptions = {}): Promise<StartedEngine> {
	const {services = [], captured, realTime = false, ...engineOptions} = options;
	const engine = new Engine(captured?.nodes ? {nodes: [], ...engineOptions} : engineOptions);
	if (captured) {
		engine.load(captured);
	}

	for (const spec of services) {
		engine.createService({TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}, ...spec});
	}

	engine.settle();
	if (realTime) {
		engine.realTime();
	}

	const directory = mkdtempSync(path.join(tmpdir(), 'fake-engine-'));
	const server = await serveEngine(engine, {socketPath: path.join(directory, 'docker.sock')});
	return {
		engine,
		server,
		host: server.host,
		async close() {
			engine.stop();
			await server.close();
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
