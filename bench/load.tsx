// Load and soak on the synthetic swarm (test/support/fake-engine, served by
// scripts/synthetic-swarm in a process of its own, which counts the requests it gets):
//
//  1. The real CLI in tmux on 500 services and 10,000 tasks: requests per second, CPU and
//     resident size idle on the services screen; the same while 100 services update; then
//     a soak that samples resident size and CPU every minute.
//  2. The App in this process (ink-testing-library) on a service of 10,000 tasks: time from
//     a keypress to the frame that shows it, on the services screen (moving, typing a
//     filter) and on that task table (moving, paging); and the time of each task poll's
//     read (the daemon's JSON parsed and normalized).
//
// BENCH_SHORT=1 is the variant CI runs: windows of 10 s and a soak of 1 minute.
// BENCH_SOAK_MINUTES overrides the soak (60 by default).
import {spawn, execFile, type ChildProcess} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {render} from 'ink-testing-library';
import {App} from '../source/app.js';
import {createSwarmClient} from '../source/swarm/client.js';
import {ansi, percentile, sleep} from './measure.js';

const run = promisify(execFile);
const short = process.env['BENCH_SHORT'] === '1';
const windowSeconds = short ? 10 : 60;
const soakMinutes = Number(process.env['BENCH_SOAK_MINUTES'] ?? (short ? 1 : 60));
const tmuxServer = ['-L', `swarmdeck-bench-${process.pid}`];
const clockTicks = 100;



const ms = (value: number) => `${value.toFixed(1)} ms`;

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

async function tmux(...args: string[]): Promise<string> {
	return (await run('tmux', [...tmuxServer, ...args])).stdout;
}

/** CPU seconds used so far and resident size in MiB, from /proc. */
function usage(pid: number): {cpuSeconds: number; rssMiB: number} {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicks;
	const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return {cpuSeconds, rssMiB: rssKiB / 1024};
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
		await tmux('new-session', '-d', '-s', 'bench', '-x', '160', '-y', '50', `DOCKER_HOST='${swarm.host}' node dist/cli.js; sleep 600`);
		for (let tries = 0; !(await tmux('capture-pane', '-p', '-t', 'bench')).includes('500 services'); tries++) {
			if (tries > 300) {
				throw new Error('swarmdeck did not show the 500 services');
			}

			await sleep(100);
		}

		const panePid = (await tmux('list-panes', '-t', 'bench', '-F', '#{pane_pid}')).trim();
		const pid = Number((await run('pgrep', ['-P', panePid])).stdout.trim().split('\n')[0]);
		await sleep(10_000); // Warm-up: the first polls and renders.
		console.log(`services screen, 500 services, idle:         ${describeWindow(await measureWindow(pid, swarm.requests))}`);
		swarm.process.kill('SIGUSR2');
		console.log(`services screen, while 100 services update: ${describeWindow(await measureWindow(pid, swarm.requests))}`);

		const samples: Array<{minute: number; rssMiB: number; cpuPercent: number}> = [];
		let previous = usage(pid);
		for (let minute = 1; minute <= soakMinutes; minute++) {
			await sleep(60_000);
			const now = usage(pid);
			samples.push({minute, rssMiB: now.rssMiB, cpuPercent: 100 * (now.cpuSeconds - previous.cpuSeconds) / 60});
			previous = now;
			console.log(`  soak minute ${String(minute).padStart(2)}: RSS ${now.rssMiB.toFixed(1)} MiB, CPU ${samples.at(-1)!.cpuPercent.toFixed(1)} %`);
		}

		// The first minute is warm-up (the updates settle, V8 sizes its heap).
		const settled = samples.slice(1);
		if (settled.length > 0) {
			const rss = settled.map(sample => sample.rssMiB);
			console.log(`soak, ${soakMinutes} min: RSS ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MiB after warm-up, growth ${(rss.at(-1)! - rss[0]!).toFixed(1)} MiB; CPU median ${percentile(settled.map(sample => sample.cpuPercent), 0.5).toFixed(1)} %`);
		}
	} finally {
		await tmux('kill-server').catch(() => undefined);
		swarm.process.kill('SIGTERM');
	}
}


/** Part 2: keypress → frame, in this process, where every frame can be timed. */
async function keysOnTenThousandTasks(directory: string): Promise<void> {
	const swarm = await startSynthetic(directory, 'tasks', ['--services', '50', '--tasks', '500', '--big', '3334']);
	const client = createSwarmClient({host: swarm.host});
	const pollTimes: number[] = [];
	const listTasks = client.listTasks.bind(client);
	client.listTasks = async (...args) => {
		const startedAt = performance.now();
		const tasks = await listTasks(...args);
		if (tasks.length > 1000) {
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
		const down: number[] = [];
		for (let index = 0; index < 40; index++) {
			down.push(await press('\u001B[B'));
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
		const taskDown: number[] = [];
		for (let index = 0; index < 40; index++) {
			taskDown.push(await press('\u001B[B'));
		}

		report('task screen (10,002 tasks with history), ↓', taskDown);
		const paging: number[] = [];
		for (let index = 0; index < 20; index++) {
			paging.push(await press('\u001B[6~'));
		}

		report('task screen, Page Down', paging);
		await sleep(short ? 5000 : 20_000);
		console.log(`${'task poll of 10,002 tasks: read + normalize'.padEnd(44)} p50 ${ms(percentile(pollTimes, 0.5))}, p95 ${ms(percentile(pollTimes, 0.95))} (${pollTimes.length} polls)`);
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
