// A soak on the lab swarm: the built CLI in tmux on the task screen of a 100-replica
// service, its resident size and CPU sampled each minute for an hour (BENCH_SOAK_MINUTES).
// The service is a throwaway one this benchmark creates and removes, so the lab is left as
// it was found. The task screen polls the service's tasks every second, so this is where
// memory that grows with each poll would show.
//
// BENCH_SHORT=1 is the variant CI runs: 30 s sampled every 10 s, after 5 s of warm-up.
import {createService, labSockets, removeService} from '../test/support/lab.js';
import {describeSoak, sampleSoak, sleep, startCliInTmux, tmuxServer, waitForScreen} from './measure.js';

const short = process.env['BENCH_SHORT'] === '1';
const service = 'bench-soak';
const replicas = Number(process.env['BENCH_SOAK_REPLICAS'] ?? 100);
const minutes = Number(process.env['BENCH_SOAK_MINUTES'] ?? 60);
const [count, intervalSeconds, warmUpSamples] = short ? [3, 10, 0] : [minutes, 60, 2];
const tmux = tmuxServer('soak');

const cleanUp = async () => {
	await tmux('kill-server').catch(() => undefined);
	await removeService(service);
};

// An hour is long enough to be stopped by hand: Ctrl-C removes the service too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void cleanUp().finally(() => process.exit(130));
	});
}

await createService(service, ['--replicas', String(replicas)], 'swarmdeck/vote:latest');
try {
	const pid = await startCliInTmux(tmux, 'soak', labSockets.node1, `${service} `);
	// Its task screen, as a person opens it: filter to it, select it, Enter.
	await tmux('send-keys', '-t', 'soak', '/', ...service, 'Enter');
	await waitForScreen(tmux, 'soak', `/${service}`);
	await tmux('send-keys', '-t', 'soak', 'Enter');
	await waitForScreen(tmux, 'soak', new RegExp(`^${service}\\s+replicated\\s+${replicas}/${replicas}`, 'm'));
	await sleep(short ? 5000 : 0);
	const samples = await sampleSoak(pid, count, intervalSeconds);
	console.log(`soak on the lab, task screen of ${replicas} replicas, ${count} samples every ${intervalSeconds} s, ${describeSoak(samples, warmUpSamples)}`);
} finally {
	await cleanUp();
}

process.exit(0);
