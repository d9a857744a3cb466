// How fast swarmdeck starts, measured side by side with `docker service ls` in the same run:
//
//  - first frame: from Enter in a tmux pane to the first frame that shows the services
//    (the header counts them; Ink writes a frame in one piece), against `docker service ls`
//    in the same kind of pane, from Enter to its last line;
//  - --once: from spawn to exit, against `docker service ls` likewise.
//
// Each pair runs back to back, in alternating order, so both sides meet the same machine
// load; the result is the median of each side and their ratio. Runs against the lab manager
// and against a synthetic swarm of 500 services (scripts/synthetic-swarm).
//
// NODE_EXTRA_CA_CERTS is removed from the environment of everything measured: some machines
// set it, a user's usually does not, and it costs every Node start tens of milliseconds.
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, rmSync, watch} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {labSockets} from '../test/support/lab.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
// BENCH_CLI: another build to measure the same way, such as an older one to compare with.
const cli = process.env['BENCH_CLI'] ?? path.join(root, 'dist', 'cli.js');
const runs = Number(process.env['BENCH_STARTUP_RUNS'] ?? 15);
const columns = 120;
const rows = 40;

const environment: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'};
delete environment['NODE_EXTRA_CA_CERTS'];
delete environment['DOCKER_HOST'];
delete environment['CI'];

// eslint-disable-next-line no-control-regex -- stripping terminal escapes is the point
const escapes = /\u001B(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[()][0-9A-Za-z]|[=>78])/g;

type Side = {name: string; command: string[]; done: (output: string) => boolean};

// A tmux server of the benchmark's own, started without NODE_EXTRA_CA_CERTS: its panes get
// the server's environment.
const server = ['-L', `swarmdeck-bench-${process.pid}`];
const tmux = async (...args: string[]) => run('tmux', [...server, ...args], {env: environment});

function quote(word: string): string {
	return `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

/** Milliseconds from Enter in a fresh pane to the moment the output says the side is done. */
async function timeInPane(side: Side, index: number): Promise<number> {
	const session = `bench${index}`;
	const outputFile = path.join(os.tmpdir(), `swarmdeck-bench-${process.pid}-${index}.out`);
	rmSync(outputFile, {force: true});
	// The pane waits for Enter, so that loading the shell and tmux is not counted.
	await tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), `read go; ${side.command.map(word => quote(word)).join(' ')}; sleep 600`);
	await tmux('pipe-pane', '-O', '-t', session, `cat > ${quote(outputFile)}`);
	while (!existsSync(outputFile)) {
		await sleep(5);
	}

	try {
		return await new Promise<number>((resolve, reject) => {
			let start = 0;
			const check = () => {
				if (start && side.done(readFileSync(outputFile, 'utf8').replace(escapes, ''))) {
					const elapsed = performance.now() - start;
					watcher.close();
					clearInterval(poll);
					clearTimeout(timeout);
					resolve(elapsed);
				}
			};

			const watcher = watch(outputFile, check);
			// A safety net should a change notification be missed.
			const poll = setInterval(check, 25);
			const timeout = setTimeout(() => {
				watcher.close();
				clearInterval(poll);
				reject(new Error(`${side.name}: nothing complete on screen after 30 s:\n${readFileSync(outputFile, 'utf8').replace(escapes, '')}`));
			}, 30_000);
			start = performance.now();
			tmux('send-keys', '-t', session, 'Enter').catch(reject);
		});
	} finally {
		await tmux('kill-session', '-t', session).catch(() => undefined);
		rmSync(outputFile, {force: true});
	}
}

/** Milliseconds from spawn to exit, its output read through a pipe. */
async function timeToExit(command: string[]): Promise<number> {
	const start = performance.now();
	const child = spawn(command[0]!, command.slice(1), {env: environment, stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('close', resolve);
	});
	const elapsed = performance.now() - start;
	if (code !== 0 || !output.trim()) {
		throw new Error(`${command.join(' ')} failed (exit ${code})`);
	}

	return elapsed;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Paired = {ours: number[]; docker: number[]};

/** Runs both sides `runs` times each, in pairs, alternating which goes first; one warm-up pair. */
async function paired(measure: (which: 'ours' | 'docker', index: number) => Promise<number>): Promise<Paired> {
	const result: Paired = {ours: [], docker: []};
	let index = 0;
	for (let round = 0; round <= runs; round++) {
		const order: Array<'ours' | 'docker'> = round % 2 ? ['docker', 'ours'] : ['ours', 'docker'];
		for (const which of order) {
			const elapsed = await measure(which, index++);
			if (round > 0) {
				result[which].push(elapsed);
			}
		}
	}

	return result;
}

type Line = {target: string; what: string; ours: number; docker: number; goal?: number};
const lines: Line[] = [];

async function benchTarget(target: string, host: string): Promise<void> {
	const docker = ['docker', '-H', host, 'service', 'ls'];
	// What `docker service ls` prints last tells when its pane is complete.
	const listing = (await run(docker[0]!, docker.slice(1), {env: environment})).stdout.trimEnd().split('\n');
	const lastLine = listing.at(-1)!.replaceAll(/\s+/g, ' ');
	const count = listing.length - 1;
	const header = `· ${count} services`;
	const sides: Record<'ours' | 'docker', Side> = {
		ours: {name: 'swarmdeck', command: ['node', cli, '--host', host], done: output => output.includes(header)},
		docker: {name: 'docker service ls', command: docker, done: output => output.replaceAll(/\s+/g, ' ').includes(lastLine)},
	};
	process.stderr.write(`${target}: ${count} services, ${runs} pairs each\n`);

	const frame = await paired(async (which, index) => timeInPane(sides[which], index));
	lines.push({target, what: 'first full services frame, in tmux', ours: median(frame.ours), docker: median(frame.docker), goal: 4});
	const once = await paired(async which => timeToExit(which === 'ours' ? ['node', cli, '--host', host, '--once'] : docker));
	lines.push({target, what: '`--once`', ours: median(once.ours), docker: median(once.docker), goal: 3});
	const floor = await paired(async which => timeToExit(which === 'ours' ? ['node', path.join(root, 'bench', 'floor.mjs'), host] : docker));
	lines.push({target, what: 'the floor: a Node script of a dozen lines that only asks for the services and prints their names (`bench/floor.mjs`), in the swarmdeck column', ours: median(floor.ours), docker: median(floor.docker)});
}

async function startSyntheticSwarm(): Promise<{host: string; child: ChildProcess}> {
	const socket = path.join(os.tmpdir(), `swarmdeck-bench-${process.pid}.sock`);
	const child = spawn(path.join(root, 'scripts', 'synthetic-swarm'), ['--socket', socket, '--services', '500', '--tasks', '10000'], {stdio: ['ignore', 'pipe', 'pipe']});
	// Its request counts at exit are not this benchmark's business; its errors are.
	let errors = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		errors += chunk.toString();
	});
	await new Promise<void>((resolve, reject) => {
		let text = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			if (text.includes('DOCKER_HOST=')) {
				resolve();
			}
		});
		child.on('exit', code => {
			reject(new Error(`scripts/synthetic-swarm exited (${code}): ${errors}`));
		});
	});
	return {host: `unix://${socket}`, child};
}

async function sleep(ms: number) {
	return new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

async function main() {
	await tmux('new-session', '-d', '-s', 'keeper', 'sleep 86400');
	try {
		await benchTarget('lab', labSockets.node1);
		const synthetic = await startSyntheticSwarm();
		try {
			await benchTarget('synthetic swarm', synthetic.host);
		} finally {
			synthetic.child.kill();
		}
	} finally {
		await tmux('kill-server').catch(() => undefined);
	}

	const {stdout: dockerVersion} = await run('docker', ['--version']);
	const load = os.loadavg().map(average => average.toFixed(1)).join(', ');
	console.log(`start-up, median of ${runs} paired runs, Node ${process.version}, ${dockerVersion.trim()}, ${os.cpus().length} cores, load average ${load} at the end, NODE_EXTRA_CA_CERTS unset:`);
	console.log('| Swarm | What | swarmdeck | `docker service ls` | Ratio | Goal |');
	console.log('| --- | --- | --- | --- | --- | --- |');
	for (const line of lines) {
		const ratio = line.ours / line.docker;
		const goal = line.goal === undefined ? '' : `≤ ${line.goal}× ${ratio <= line.goal ? 'met' : 'not met'}`;
		console.log(`| ${line.target} | ${line.what} | ${Math.round(line.ours)} ms | ${Math.round(line.docker)} ms | ${ratio.toFixed(1)}× | ${goal} |`);
	}
}

await main();
