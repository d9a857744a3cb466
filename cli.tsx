#!/usr/bin/env node
// First: it chooses React's build, which the imports after it load.
import './source/production.js';
import meow from 'meow';
import {run} from './source/run.js';
import {helpText} from './source/usage.js';

// run() reads the command line itself (through this function), so that a line meow refuses
// is said in one sentence like every other failure.
await run(() => meow(helpText, {
	importMeta: import.meta,
	flags: {
		host: {type: 'string', shortFlag: 'H'},
		context: {type: 'string', shortFlag: 'c'},
		readOnly: {type: 'boolean', default: false},
		once: {type: 'boolean', default: false},
		history: {type: 'boolean', default: true},
		exercise: {type: 'string'},
		present: {type: 'boolean', default: false},
		all: {type: 'boolean', default: false},
		since: {type: 'string'},
		markdown: {type: 'boolean', default: false},
		json: {type: 'boolean', default: false},
	},
}));
