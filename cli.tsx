#!/usr/bin/env node
import process from 'node:process';
import meow from 'meow';
import {printServices} from './source/print.js';
import {createSwarmClient} from './source/swarm/client.js';

const cli = meow(`
	Usage
	  $ swarmdeck [options]

	Options
	  --host, -H     Docker daemon to connect to (overrides DOCKER_HOST),
	                 e.g. unix:///var/run/docker.sock, tcp://10.0.0.1:2376, ssh://user@manager
	  --read-only    Watch only: every action that changes the swarm is refused
	  --once         Print the services like \`docker service ls\` and exit (also without a terminal)
	  --help         Show this help
	  --version      Show the version

	Environment
	  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH  where and how to connect, as for docker
	  NO_COLOR                                          no colours

	Keys
	  Enter tasks · s scale · +/- scale by one · u update policy · r rollback · i image
	  f force redeploy · a task history · / filter · ? all keys · q quit

	Examples
	  $ swarmdeck
	  $ DOCKER_HOST=ssh://admin@manager1 swarmdeck --read-only
`, {
	importMeta: import.meta,
	flags: {
		host: {type: 'string', shortFlag: 'H'},
		readOnly: {type: 'boolean', default: false},
		once: {type: 'boolean', default: false},
	},
});

const client = createSwarmClient({host: cli.flags.host, readOnly: cli.flags.readOnly});
const preflight = await client.preflight();
if (!preflight.ok) {
	process.stderr.write(`swarmdeck: ${preflight.message}\n`);
	process.exit(1);
}

if (cli.flags.once || !process.stdout.isTTY || !process.stdin.isTTY) {
	process.exitCode = await printServices(client);
} else {
	// Ink draws nothing but the last frame when CI or CONTINUOUS_INTEGRATION is set, and reads
	// them as it loads. A terminal on both ends means a person is watching, so the live screen
	// wins: clear them first, then load Ink.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	const [{render}, {App}] = await Promise.all([import('ink'), import('./source/app.js')]);
	// The alternate screen keeps the user's scrollback intact and is restored on exit.
	process.stdout.write('\u001B[?1049h');
	// Ctrl+C is a key like any other, bound to quit in the key registry: Ink would only see
	// it alone in a read, not amid other keys.
	const instance = render(<App client={client} nodeName={preflight.nodeName}/>, {incrementalRendering: true, exitOnCtrlC: false});
	try {
		await instance.waitUntilExit();
	} finally {
		process.stdout.write('\u001B[?1049l');
	}

	process.exit(0);
}
