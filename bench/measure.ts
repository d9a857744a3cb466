// What the benchmarks share: waiting, reading frames without their colours, percentiles,
// a process's CPU and memory, and tmux.
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {promisify} from 'node:util';

const run = promisify(execFile);

export const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

// eslint-disable-next-line no-control-regex -- stripping terminal escapes is the point
export const ansi = /\u001B\[[0-9;?]*[A-Za-z]/g;

/** The value below which `fraction` of the values lie (nearest rank), NaN for none. */
export function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

const clockTicks = 100;

/** CPU seconds a process has used so far and its resident size in MiB, from /proc. */
export function usage(pid: number): {cpuSeconds: number; rssMiB: number} {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicks;
	const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return {cpuSeconds, rssMiB: rssKiB / 1024};
}

/** tmux on a server of the benchmark's own, apart from a person's sessions. */
export function tmuxServer(name: string): (...args: string[]) => Promise<string> {
	const server = ['-L', `swarmdeck-bench-${name}-${process.pid}`];
	return async (...args: string[]) => (await run('tmux', [...server, ...args])).stdout;
}

export type SoakSample = {seconds: number; rssMiB: number; cpuPercent: number};

/**
 * Samples a process's resident size and CPU every `intervalSeconds`, `count` times, printing
 * each sample, and returns them.
 */
export async function sampleSoak(pid: number, count: number, intervalSeconds: number): Promise<SoakSample[]> {
	const samples: SoakSample[] = [];
	const startedAt = performance.now();
	let previous = usage(pid);
	let previousAt = startedAt;
	for (let index = 1; index <= count; index++) {
		await sleep(startedAt + (index * intervalSeconds * 1000) - performance.now());
		const now = usage(pid);
		const at = performance.now();
		const sample = {seconds: (at - startedAt) / 1000, rssMiB: now.rssMiB, cpuPercent: 100 * (now.cpuSeconds - previous.cpuSeconds) / ((at - previousAt) / 1000)};
		samples.push(sample);
		previous = now;
		previousAt = at;
		console.log(`  soak at ${formatSeconds(sample.seconds).padStart(6)}: RSS ${sample.rssMiB.toFixed(1)} MiB, CPU ${sample.cpuPercent.toFixed(1)} %`);
	}

	return samples;
}

const formatSeconds = (seconds: number) => seconds >= 60 ? `${(seconds / 60).toFixed(0)} min` : `${seconds.toFixed(0)} s`;

/**
 * What a soak shows, leaving out the samples of the warm-up: the range of resident size, its
 * growth as the slope of a least-squares line through the samples (one noisy sample on a
 * shared machine moves it far less than it moves last minus first) in MiB an hour, last minus
 * first, and the CPU.
 */
export function describeSoak(samples: readonly SoakSample[], warmUpSamples: number): string {
	const settled = samples.slice(warmUpSamples);
	if (settled.length < 2) {
		return 'too few samples after warm-up';
	}

	const rss = settled.map(sample => sample.rssMiB);
	const meanSeconds = settled.reduce((sum, sample) => sum + sample.seconds, 0) / settled.length;
	const meanRss = rss.reduce((sum, value) => sum + value, 0) / rss.length;
	let covariance = 0;
	let variance = 0;
	for (const sample of settled) {
		covariance += (sample.seconds - meanSeconds) * (sample.rssMiB - meanRss);
		variance += (sample.seconds - meanSeconds) ** 2;
	}

	const slopePerHour = covariance / variance * 3600;
	const cpu = settled.map(sample => sample.cpuPercent);
	const seconds = settled.at(-1)!.seconds - settled[0]!.seconds;
	// Over a few seconds a trend an hour says nothing: a single collection moves it by hundreds.
	const trend = seconds >= 600 ? `, trend ${slopePerHour >= 0 ? '+' : ''}${slopePerHour.toFixed(1)} MiB/hour` : '';
	return `over ${formatSeconds(seconds)} after warm-up: RSS ${Math.min(...rss).toFixed(0)}–${Math.max(...rss).toFixed(0)} MiB, ${rss[0]!.toFixed(1)} → ${rss.at(-1)!.toFixed(1)} MiB${trend}; CPU median ${percentile(cpu, 0.5).toFixed(1)} %, mean ${(cpu.reduce((sum, value) => sum + value, 0) / cpu.length).toFixed(1)} %`;
}

/**
 * Runs the built CLI against `host` in a new 160×50 session named `session`, waits until
 * the screen shows `shown`, and returns the CLI's process id.
 */
export async function startCliInTmux(tmux: (...args: string[]) => Promise<string>, session: string, host: string, shown: string): Promise<number> {
	await tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', `DOCKER_HOST='${host}' node dist/cli.js; sleep 86400`);
	await waitForScreen(tmux, session, shown);
	const panePid = (await tmux('list-panes', '-t', session, '-F', '#{pane_pid}')).trim();
	return Number((await run('pgrep', ['-P', panePid])).stdout.trim().split('\n')[0]);
}

/** Waits until the session's screen includes `shown` (30 s at most); returns the screen. */
export async function waitForScreen(tmux: (...args: string[]) => Promise<string>, session: string, shown: string | RegExp): Promise<string> {
	for (let tries = 0; ; tries++) {
		const screen = await tmux('capture-pane', '-p', '-t', session);
		if (typeof shown === 'string' ? screen.includes(shown) : shown.test(screen)) {
			return screen;
		}

		if (tries > 300) {
			throw new Error(`swarmdeck did not show ${String(shown)}:\n${screen}`);
		}

		await sleep(100);
	}
}
