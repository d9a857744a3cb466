// The synthetic swarm as a process, for benchmarks and for trying swarmdeck by hand:
// serves a generated swarm on a unix socket on real timers until killed. Prints the
// DOCKER_HOST line first; request counts on SIGUSR1 and at exit (stderr).
import process from 'node:process';
import {parseArgs} from 'node:util';
import type {SwarmRole} from './errors.js';
import {createSyntheticSwarm, startRollingUpdates, syntheticDefaults} from './generator.js';
import {serveEngine} from './server.js';

const usage = `Usage: scripts/synthetic-swarm --socket PATH [options]

  --socket PATH     unix socket to serve the Engine API on (required)
  --services N      services (default ${syntheticDefaults.services})
  --stacks N        stacks they are grouped in (default ${syntheticDefaults.stacks})
  --tasks N         tasks in all, running and history (default ${syntheticDefaults.tasks})
  --nodes N         nodes (default ${syntheticDefaults.nodes})
  --seed N          seed of the generator (default ${syntheticDefaults.seed})
  --updates N       start N rolling updates once serving (default 0)
  --burst N         rolling updates that each SIGUSR2 starts (default 100)
  --role ROLE       what /info says: manager, worker or inactive (default manager)
  --broken IMAGE    tasks of IMAGE fail their health check (repeatable)
  --big N           one more service, \`big\`, of N replicas with two slots' worth of
                    history each (3N tasks): a task table of 10,000 rows is --big 3334
`;

function fail(message: string): never {
	process.stderr.write(`synthetic-swarm: ${message}\n\n${usage}`);
	process.exit(2);
}

function count(text: string | undefined, name: string, fallback: number): number {
	if (text === undefined) {
		return fallback;
	}

	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) {
		fail(`--${name} takes a whole number, not "${text}"`);
	}

	return value;
}

const {values} = (() => {
	try {
		return parseArgs({
			options: {
				socket: {type: 'string'},
				services: {type: 'string'},
				stacks: {type: 'string'},
				tasks: {type: 'string'},
				nodes: {type: 'string'},
				seed: {type: 'string'},
				updates: {type: 'string'},
				burst: {type: 'string'},
				role: {type: 'string'},
				broken: {type: 'string', multiple: true},
				big: {type: 'string'},
				help: {type: 'boolean'},
			},
		});
	} catch (error) {
		return fail((error as Error).message);
	}
})();

if (values.help) {
	process.stdout.write(usage);
	process.exit(0);
}

if (!values.socket) {
	fail('--socket is required');
}

const role = (values.role ?? 'manager') as SwarmRole;
if (!['manager', 'worker', 'inactive'].includes(role)) {
	fail(`--role is manager, worker or inactive, not "${values.role ?? ''}"`);
}

const services = count(values.services, 'services', syntheticDefaults.services);
const stacks = count(values.stacks, 'stacks', syntheticDefaults.stacks);
if (services < 1 || stacks < 1) {
	fail('--services and --stacks must be at least 1');
}

const updates = count(values.updates, 'updates', 0);
const burst = count(values.burst, 'burst', 100);
const started = performance.now();
const engine = createSyntheticSwarm({
	services,
	stacks,
	tasks: count(values.tasks, 'tasks', syntheticDefaults.tasks),
	nodes: Math.max(1, count(values.nodes, 'nodes', syntheticDefaults.nodes)),
	seed: count(values.seed, 'seed', syntheticDefaults.seed),
});
engine.role = role;
for (const image of values.broken ?? []) {
	engine.markImageBroken(image);
}

const big = count(values.big, 'big', 0);
if (big > 0) {
	engine.createService({Name: 'big', Mode: {Replicated: {Replicas: big}}, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}}, UpdateConfig: {Parallelism: 0}});
	engine.settle();
	// Two forced redeploys leave every slot one running task and two shut down.
	for (let round = 1; round <= 2; round++) {
		const service = engine.service('big');
		engine.updateService('big', String(service.Version.Index), {...service.Spec, TaskTemplate: {...service.Spec.TaskTemplate, ForceUpdate: round}});
		engine.settle();
	}
}

const server = await serveEngine(engine, {socketPath: values.socket});
engine.realTime();
process.stdout.write(`export DOCKER_HOST=${server.host}\n`);
process.stderr.write(`synthetic-swarm: ${engine.store.services.size} services, ${engine.store.tasks.size} tasks, ${engine.store.nodes.size} nodes, ready in ${Math.round(performance.now() - started)} ms\n`);

if (updates > 0) {
	const names = startRollingUpdates(engine, updates);
	process.stderr.write(`synthetic-swarm: started ${names.length} rolling updates\n`);
}

// One service per stack writes a log line every second, so `docker service logs -f` has something to show.
const chatty = [...engine.store.services.values()].filter((service, index) => index < stacks).map(service => service.Spec.Name);
let line = 0;
const chatter = setInterval(() => {
	line++;
	for (const name of chatty) {
		try {
			engine.writeLog(name, `${name}: request ${line} handled`);
		} catch {
			// Removed meanwhile: nothing to log for.
		}
	}
}, 1000);

process.on('SIGUSR1', () => {
	process.stderr.write(`${server.report()}\n`);
});

process.on('SIGUSR2', () => {
	const names = startRollingUpdates(engine, burst);
	process.stderr.write(`synthetic-swarm: started ${names.length} rolling updates\n`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		clearInterval(chatter);
		process.stderr.write(`${server.report()}\n`);
		engine.stop();
		void server.close().then(() => process.exit(0));
	});
}
