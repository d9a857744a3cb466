#!/usr/bin/env node
// First: it chooses React's build, which the imports after it load.
import './source/production.js';
import meow from 'meow';
import {run} from './source/run.js';

const help = `
	Usage
	  $ swarmdeck [options]
	  $ swarmdeck check [SERVICE...] [--json] [--host ADDRESS]

	Options
	  --host, -H     Docker daemon to connect to (overrides DOCKER_HOST),
	                 e.g. unix:///var/run/docker.sock, tcp://10.0.0.1:2376, ssh://user@manager
	  --read-only    Watch only: every action that changes the swarm is refused
	  --once         Print the services like \`docker service ls\` and exit (also without a terminal)
	  --json         With check: print the findings as JSON
	  --help         Show this help
	  --version      Show the version

	Environment
	  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH  where and how to connect, as for docker
	  NO_COLOR                                          no colours

	Check
	  Reads every service (or the ones named) and prints what its update policy and
	  tasks risk, with the \`docker service update\` command that fixes it.
	  Exit code 0: no warning; 1: warnings; 2: the swarm or a named service cannot be read.

	Keys
	  Enter tasks · s scale · +/- scale by one · u update policy · r rollback · i image
	  f force redeploy · a task history · / filter · ? all keys · q quit

	Examples
	  $ swarmdeck
	  $ DOCKER_HOST=ssh://admin@manager1 swarmdeck --read-only
	  $ swarmdeck check --json vote whoami
`;

// run() reads the command line itself (through this function), so that a line meow refuses
// is said in one sentence like every other failure.
await run(() => meow(help, {
	importMeta: import.meta,
	flags: {
		host: {type: 'string', shortFlag: 'H'},
		readOnly: {type: 'boolean', default: false},
		once: {type: 'boolean', default: false},
		json: {type: 'boolean', default: false},
	},
}));
