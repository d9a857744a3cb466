// How fast a task's state change reaches the screen, and how gently swarmdeck treats an
// idle manager. Runs the real App on the lab swarm (scripts/bench starts it):
//
//  1. Opens the task table of a throwaway service, scales it up and down several times
//     through the client, and for every task that starts, measures from the daemon's own
//     status timestamp (the moment the task became running) to the first frame that shows
//     its row as Running.
//  2. Sits on the services screen for a while and counts the requests it sends.
import {perform} from '../test/support/actions.js';
import {render} from 'ink-testing-library';
import {App} from '../source/app.js';
import {createSwarmClient} from '../source/swarm/client.js';
import {docker, labSockets, waitConverged, createService, removeService} from '../test/support/lab.js';
import {ansi, percentile, sleep} from './measure.js';

const service = 'bench-web';
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 4);
const scaleTo = Number(process.env['BENCH_REPLICAS'] ?? 8);
const idleSeconds = Number(process.env['BENCH_IDLE_SECONDS'] ?? 30);



async function main() {
	await createService(service, ['--replicas', '1'], 'swarmdeck/vote:latest');
	const client = createSwarmClient({host: labSockets.node1});
	const instance = render(<App client={client} nodeName="node1"/>);

	// Time-stamp every frame as Ink writes it.
	const firstSeenRunning = new Map<string, number>();
	const stdout = instance.stdout as unknown as {write: (frame: string) => void};
	const write = stdout.write.bind(stdout);
	stdout.write = (frame: string) => {
		const now = Date.now();
		for (const line of frame.replace(ansi, '').split('\n')) {
			const match = /^([a-z0-9]{12})\s+\S+\s+.*\sRunning\s+Running /.exec(line);
			if (match && !firstSeenRunning.has(match[1]!)) {
				firstSeenRunning.set(match[1]!, now);
			}
		}

		write(frame);
	};

	const press = async (key: string) => {
		instance.stdin.write(key);
		await sleep(100);
	};

	// Open the tasks screen of the bench service: filter to it, then Enter.
	await sleep(1500);
	await press('/');
	for (const character of service) {
		await press(character);
	}

	await press('\r');
	await press('\r');
	await sleep(1500);

	const samples: number[] = [];
	for (let round = 1; round <= rounds; round++) {
		const roundStart = Date.now();
		await perform(client, 'scale', service, {replicas: String(scaleTo)});
		await waitConverged(service);
		await sleep(1500);
		const tasks = await client.listTasks((await client.inspectService(service)).id);
		// Only tasks this round started: the one left running from before was shown long ago.
		const started = tasks.filter(task => task.state === 'running' && task.desiredState === 'running' && task.stateSince.getTime() >= roundStart);
		for (const task of started) {
			const seen = firstSeenRunning.get(task.id.slice(0, 12));
			if (seen === undefined) {
				process.stderr.write(`  ${task.id.slice(0, 12)} (slot ${task.slot}) was never shown as Running\n`);
				continue;
			}

			samples.push(seen - task.stateSince.getTime());
			if (process.env['BENCH_DEBUG']) {
				process.stderr.write(`  ${task.id.slice(0, 12)} slot ${task.slot} running at ${task.stateSince.toISOString()} shown after ${seen - task.stateSince.getTime()} ms\n`);
			}
		}

		firstSeenRunning.clear();
		await perform(client, 'scale', service, {replicas: '1'});
		await waitConverged(service);
		await sleep(1000);
		process.stderr.write(`round ${round}/${rounds}: ${samples.length} samples so far\n`);
	}

	// Back to the services screen, then count requests while nothing happens.
	await press('\u001B');
	await sleep(2000);
	const before = client.requestCount;
	await sleep(idleSeconds * 1000);
	const idleRequests = client.requestCount - before;
	instance.unmount();
	await removeService(service);

	const sorted = [...samples].sort((a, b) => a - b);
	const version = await docker(['version', '--format', '{{.Server.Version}}']);
	console.log(`task state → screen latency (tasks screen open, ${samples.length} tasks, docker ${version}):`);
	console.log(`  median ${percentile(sorted, 0.5)} ms, p95 ${percentile(sorted, 0.95)} ms, max ${sorted.at(-1)} ms`);
	console.log(`idle on the services screen: ${idleRequests} requests in ${idleSeconds} s = ${(idleRequests / idleSeconds).toFixed(2)} requests/s`);
	process.exit(0);
}

await main();
