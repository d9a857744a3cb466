#!/usr/bin/env node
// First: it chooses React's build, which the imports after it load.
import './source/production.js';
import meow from 'meow';
import {run} from './source/run.js';

const help = `
	Usage
	  $ swarmdeck [options]            the live screen
	  $ swarmdeck history [options]    what earlier sessions did, and what the swarm did in answer
	  $ swarmdeck check [SERVICE...]   the swarm's pulse, then what each service's update policy and tasks risk

	Options
	  --host, -H     Docker daemon to connect to (overrides DOCKER_HOST),
	                 e.g. unix:///var/run/docker.sock, tcp://10.0.0.1:2376, ssh://user@manager
	  --context, -c  Docker context to use (overrides DOCKER_CONTEXT and \`docker context use\`)
	  --read-only    Watch only: every action that changes the swarm is refused
	  --once         Print the services like \`docker service ls\` and exit (also without a terminal)
	  --no-history   Record nothing: no timeline file for \`swarmdeck history\`
	  --help         Show this help
	  --version      Show the version

	History options
	  --all          Every session kept, not only the last
	  --since 2h     Entries of the last 2 hours (or 30m, 1h30m), from every session
	  --markdown     As a Markdown table, for a handout or a postmortem
	  --json         As JSON

	Check options (and --host, --context)
	  --json         The findings as JSON: service, id, severity, message, fix

	Environment
	  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH  where and how to connect, as for docker
	  DOCKER_CONTEXT, DOCKER_CONFIG                     the context, and the docker CLI's config folder
	                                                    (default ~/.docker: config.json, contexts/)
	  NO_COLOR                                          no colours
	  XDG_STATE_HOME                                    where history is kept (default ~/.local/state)

	Check
	  Reads every service (or the ones named) and prints what its update policy and
	  tasks risk, with the \`docker service update\` command that fixes it.
	  Exit code 0: no warning; 1: warnings; 2: the swarm or a named service cannot be read.

	Keys
	  Enter tasks · s scale · +/- scale by one · u update policy · r rollback · i image
	  f force redeploy · a task history · / filter · ! next that needs a look · ? all keys · q quit

	Examples
	  $ swarmdeck
	  $ DOCKER_HOST=ssh://admin@manager1 swarmdeck --read-only
	  $ swarmdeck history --since 2h --markdown
	  $ swarmdeck check --json vote whoami
`;

// run() reads the command line itself (through this function), so that a line meow refuses
// is said in one sentence like every other failure.
await run(() => meow(help, {
	importMeta: import.meta,
	flags: {
		host: {type: 'string', shortFlag: 'H'},
		context: {type: 'string', shortFlag: 'c'},
		readOnly: {type: 'boolean', default: false},
		once: {type: 'boolean', default: false},
		history: {type: 'boolean', default: true},
		all: {type: 'boolean', default: false},
		since: {type: 'string'},
		markdown: {type: 'boolean', default: false},
		json: {type: 'boolean', default: false},
	},
}));
