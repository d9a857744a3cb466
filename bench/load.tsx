// Load and soak on the synthetic swarm (test/support/fake-engine, served by
// scripts/synthetic-swarm in a process of its own, which counts the requests it gets):
//
//  1. The real CLI in tmux on 500 services and 10,000 tasks: requests per second, CPU and
//     resident size idle on the services screen; the same while 100 services update; then
//     a soak that samples resident size and CPU every minute.
//  2. The App in this process (ink-testing-library) on a service of 10,000 tasks: time from
//     a keypress to the frame that shows it, on the services screen (moving, typing a
//     filter) and on that task table (moving, paging); and the time of each task poll, and
//     how much of it the process was busy (the daemon's JSON read and normalized).
//
// BENCH_SHORT=1 is the variant CI runs: windows of 10 s and a soak of 1 minute, sampled every 10 s.
// BENCH_SOAK_MINUTES overrides the soak (60 by default).
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {App} from '../source/app.js';
import {createSwarmClient} from '../source/swarm/client.js';
import {ansi, describeSoak, percentile, sampleSoak, sleep, startCliInTmux, tmuxServer, usage} from './measure.js';

const short = process.env['BENCH_SHORT'] === '1';
const windowSeconds = short ? 10 : 60;
const soakMinutes = Number(process.env['BENCH_SOAK_MINUTES'] ?? (short ? 1 : 60));
// A sample a minute over the hour; the short minute is sampled every 10 s, so that it has
// samples left after its warm-up sample.
const soakIntervalSeconds = short ? 10 : 60;
const tmux = tmuxServer('load');

const ms = (value: number) => `${value.toFixed(1)} ms`;
/** Keys pressed before a measured run, not counted. */
const warmUpKeys = 10;

/** A synthetic swarm in its own process; resolves once it serves. */
async function startSynthetic(directory: string, name: string, args: string[]): Promise<{host: string; process: ChildProcess; requests: () => Promise<number>}> {
	const socket = path.join(directory, `${name}.sock`);
	const child = spawn('scripts/synthetic-swarm', ['--socket', socket, ...args], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const host = await new Promise<string>((resolve, reject) => {
		child.stdout.on('data', (chunk: Buffer) => {
			const match = /DOCKER_HOST=(\S+)/.exec(chunk.toString());
			if (match) {
				resolve(match[1]!);
			}
		});
		child.on('exit', code => {
			reject(new Error(`synthetic swarm exited (${code}): ${stderr}`));
		});
	});
	return {
		host,
		process: child,
		// SIGUSR1 makes it print `requests: N` on stderr.
		async requests() {
			const before = stderr.length;
			child.kill('SIGUSR1');
			for (let tries = 0; tries < 100; tries++) {
				const match = /requests: (\d+)/.exec(stderr.slice(before));
				if (match) {
					return Number(match[1]);
				}

				await sleep(50);
			}

			throw new Error('the synthetic swarm did not report its requests');
		},
	};
}

type Window = {requestsPerSecond: number; cpuPercent: number; rssMiB: number};

async function measureWindow(pid: number, requests: () => Promise<number>): Promise<Window> {
	const startRequests = await requests();
	const start = usage(pid);
	const startedAt = performance.now();
	await sleep(windowSeconds * 1000);
	const seconds = (performance.now() - startedAt) / 1000;
	const end = usage(pid);
	return {
		requestsPerSecond: (await requests() - startRequests) / seconds,
		cpuPercent: 100 * (end.cpuSeconds - start.cpuSeconds) / seconds,
		rssMiB: end.rssMiB,
	};
}

const describeWindow = (window: Window) => `${window.requestsPerSecond.toFixed(2)} req/s, CPU ${window.cpuPercent.toFixed(1)} %, RSS ${window.rssMiB.toFixed(0)} MiB`;

/** Part 1: the real CLI, as a person runs it. */
async function cliUnderLoad(directory: string): Promise<void> {
	const swarm = await startSynthetic(directory, 'services', ['--services', '500', '--tasks', '10000']);
	try {
		const pid = await startCliInTmux(tmux, 'bench', swarm.host, '500 services');
		await sleep(10_000); // Warm-up: the first polls and renders.
		console.log(`services screen, 500 services, idle:         ${describeWindow(await measureWindow(pid, swarm.requests))}`);
		swarm.process.kill('SIGUSR2');
		console.log(`services screen, while 100 services update: ${describeWindow(await measureWindow(pid, swarm.requests))}`);

		// The first sample is warm-up (the updates settle, V8 sizes its heap).
		const samples = await sampleSoak(pid, soakMinutes * 60 / soakIntervalSeconds, soakIntervalSeconds);
		console.log(`soak, ${soakMinutes} min, services screen of 500: ${describeSoak(samples, 1)}`);
	} finally {
		await tmux('kill-server').catch(() => undefined);
		swarm.process.kill('SIGTERM');
	}
}

/** Part 2: keypress → frame, in this process, where every frame can be timed. */
async function keysOnTenThousandTasks(directory: string): Promise<void> {
	const swarm = await startSynthetic(directory, 'tasks', ['--services', '50', '--tasks', '500', '--big', '3334']);
	const client = createSwarmClient({host: swarm.host});
	// A poll's time from asking to the tasks in hand (the synthetic daemon's own work in its
	// process included), and the part of it this process's thread was busy: receiving,
	// reading and normalizing, the time keys wait for. Timed once the keys are done, so that
	// no key's frame counts as the poll's work.
	let timingPolls = false;
	const pollTimes: number[] = [];
	const pollWork: number[] = [];
	const listTasks = client.listTasks.bind(client);
	client.listTasks = async (...args) => {
		const startedAt = performance.now();
		const busy = performance.eventLoopUtilization();
		const tasks = await listTasks(...args);
		if (timingPolls && tasks.length > 1000) {
			pollWork.push(performance.eventLoopUtilization(busy).active);
			pollTimes.push(performance.now() - startedAt);
		}

		return tasks;
	};

	let frames = 0;
	let lastFrame = '';
	const instance = render(<App client={client} nodeName="node1"/>);
	const stdout = instance.stdout as unknown as {write: (frame: string) => void};
	const write = stdout.write.bind(stdout);
	stdout.write = (frame: string) => {
		frames++;
		lastFrame = frame.replace(ansi, '');
		write(frame);
	};

	const waitFor = async (what: string, test: (frame: string) => boolean) => {
		for (let tries = 0; !test(lastFrame); tries++) {
			if (tries > 6000) {
				throw new Error(`timed out waiting for ${what}`);
			}

			await sleep(5);
		}
	};

	/** Presses `key` and waits for the next frame: milliseconds between them. */
	const press = async (key: string): Promise<number> => {
		const before = frames;
		const startedAt = performance.now();
		instance.stdin.write(key);
		while (frames === before) {
			if (performance.now() - startedAt > 5000) {
				throw new Error(`no frame after ${JSON.stringify(key)}`);
			}

			await new Promise(resolve => setImmediate(resolve));
		}

		return performance.now() - startedAt;
	};

	const report = (what: string, latencies: readonly number[]) => {
		console.log(`${what.padEnd(44)} p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(percentile(latencies, 0.95))} (${latencies.length} keys)`);
	};

	try {
		await waitFor('the services', frame => frame.includes('51 services'));
		// The first presses run code V8 has not compiled yet: a person's first key pays that
		// once, and 40 keys' p95 measured from the first was mostly it.
		for (let index = 0; index < warmUpKeys; index++) {
			await press(index % 2 ? '\u001B[A' : '\u001B[B');
		}

		const down: number[] = [];
		for (let index = 0; index < 100; index++) {
			// Down the 51 rows and back up, so that the cursor moves on every key.
			down.push(await press(index % 100 < 50 ? '\u001B[B' : '\u001B[A'));
		}

		report('services screen (51 services), ↓', down);
		await press('/');
		const typing: number[] = [];
		for (const character of 'big') {
			typing.push(await press(character));
		}

		report('services screen, typing a filter', typing);
		await press('\r');
		await press('\r');
		await waitFor('the task table of big', frame => /big\.\d+/.test(frame));
		await press('a');
		await waitFor('the history', frame => frame.includes('\\_ big.'));
		for (let index = 0; index < warmUpKeys; index++) {
			await press(index % 2 ? '\u001B[A' : '\u001B[B');
		}

		const taskDown: number[] = [];
		for (let index = 0; index < 100; index++) {
			taskDown.push(await press('\u001B[B'));
		}

		report('task screen (10,002 tasks with history), ↓', taskDown);
		const paging: number[] = [];
		for (let index = 0; index < 20; index++) {
			paging.push(await press('\u001B[6~'));
		}

		report('task screen, Page Down', paging);
		timingPolls = true;
		await sleep(short ? 5000 : 20_000);
		console.log(`${'task poll of 10,002 tasks: asked → in hand'.padEnd(44)} p50 ${ms(percentile(pollTimes, 0.5))}, p95 ${ms(percentile(pollTimes, 0.95))} (${pollTimes.length} polls)`);
		console.log(`${'  of which this process was busy'.padEnd(44)} p50 ${ms(percentile(pollWork, 0.5))}, p95 ${ms(percentile(pollWork, 0.95))}`);
	} finally {
		instance.unmount();
		swarm.process.kill('SIGTERM');
	}
}

const directory = await mkdtemp(path.join(tmpdir(), 'swarmdeck-bench-'));
try {
	await keysOnTenThousandTasks(directory);
	await cliUnderLoad(directory);
} finally {
	await rm(directory, {recursive: true, force: true});
}

process.exit(0);
