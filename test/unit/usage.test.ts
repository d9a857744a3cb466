import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {commandFlags, helpText, usageProblem} from '../../source/usage.js';

describe('usageProblem', () => {
	it('accepts the flags swarmdeck has, in either spelling meow reports', () => {
		expect(usageProblem([], {readOnly: true, once: false})).toBeUndefined();
		expect(usageProblem([], {host: 'tcp://10.0.0.1:2375', H: 'tcp://10.0.0.1:2375', readOnly: false, once: true})).toBeUndefined();
	});

	it('names an unknown flag as it was typed, and points to --help', () => {
		expect(usageProblem([], {bogus: true, readOnly: false, once: false})).toBe('unknown argument \'--bogus\': swarmdeck takes the commands `swarmdeck history`, `swarmdeck check` and the options that `swarmdeck --help` lists.');
		expect(usageProblem([], {readonly: true})).toContain('\'--readonly\'');
		expect(usageProblem([], {bogusThing: '3'})).toContain('\'--bogus-thing\'');
		expect(usageProblem([], {x: true})).toContain('\'-x\'');
	});

	it('names an unknown subcommand together with unknown flags', () => {
		expect(usageProblem(['foo'], {bogus: true})).toBe('unknown arguments \'foo\' and \'--bogus\': swarmdeck takes the commands `swarmdeck history`, `swarmdeck check` and the options that `swarmdeck --help` lists.');
		expect(usageProblem(['ls', 'services'], {x: true})).toMatch(/^unknown arguments 'ls', 'services' and '-x': /);
	});

	it('takes history with its own flags, and says whose a misplaced flag is', () => {
		expect(usageProblem(['history'], {since: '2h', markdown: true, readOnly: false, once: false, history: true})).toBeUndefined();
		expect(usageProblem(['history', 'extra'], {})).toMatch(/^unknown argument 'extra': /);
		expect(usageProblem(['history'], {readOnly: true})).toBe('--read-only is an option of the live screen (`swarmdeck`), not of `swarmdeck history`; see `swarmdeck --help`.');
		expect(usageProblem([], {since: '2h'})).toBe('--since is an option of `swarmdeck history`, not of the live screen; see `swarmdeck --help`.');
		// --no-history is the only way history is false; true is its default, not a flag given.
		expect(usageProblem([], {history: false})).toBeUndefined();
		expect(usageProblem(['history'], {history: true})).toBeUndefined();
	});

	it('takes check with service names, --json and the connection flags, and says whose a misplaced flag is', () => {
		expect(usageProblem(['check'], {json: true})).toBeUndefined();
		expect(usageProblem(['check', 'vote', 'whoami'], {host: 'unix:///x.sock', H: 'unix:///x.sock', readOnly: false, once: false, history: true})).toBeUndefined();
		expect(usageProblem(['check'], {jsn: true})).toMatch(/^unknown argument '--jsn': /);
		expect(usageProblem(['check'], {once: true})).toBe('--once is an option of the live screen (`swarmdeck`), not of `swarmdeck check`; see `swarmdeck --help`.');
		expect(usageProblem(['checks'], {})).toMatch(/^unknown argument 'checks': /);
	});

	it('takes --exercise FILE and --present on the live screen only, and wants a file after --exercise', () => {
		expect(usageProblem([], {exercise: 'lab/exercises/1-scale.json', present: true, readOnly: false, once: false, history: true})).toBeUndefined();
		expect(usageProblem([], {exercise: ''})).toBe('--exercise needs an exercise file, for example --exercise lab/exercises/1-scale.json; see `swarmdeck --help`.');
		expect(usageProblem(['history'], {present: true})).toBe('--present is an option of the live screen (`swarmdeck`), not of `swarmdeck history`; see `swarmdeck --help`.');
		expect(usageProblem(['check'], {exercise: 'x.json'})).toMatch(/^--exercise is an option of the live screen/);
		// present false is its default, not a flag given.
		expect(usageProblem(['history'], {present: false})).toBeUndefined();
	});

	it('wants an address after --host', () => {
		expect(usageProblem([], {host: '', H: ''})).toMatch(/^--host needs an address/);
	});
});

describe('swarmdeck --help', () => {
	const spelled = (flag: string) => (flag.length === 1 ? `-${flag}` : `--${flag === 'history' ? 'no-history' : flag.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`);

	it('lists every flag of every command', () => {
		for (const flag of new Set(Object.values(commandFlags).flatMap(flags => [...flags]))) {
			expect(helpText, flag).toMatch(new RegExp(`${spelled(flag)}\\b`));
		}
	});

	it('lists every environment variable swarmdeck or docker-modem reads', () => {
		const root = fileURLToPath(new URL('../..', import.meta.url));
		const files = [join(root, 'cli.tsx'), join(root, 'node_modules/docker-modem/lib/modem.js'), ...readdirSync(join(root, 'source'), {recursive: true, encoding: 'utf8'}).filter(file => /\.tsx?$/.test(file)).map(file => join(root, 'source', file))];
		// Reads, not writes: `env['X'] = …` sets a variable for what runs next.
		const read = /env\[['"]([A-Z_]+)['"]\](?!\s*=[^=])|process\.env\.([A-Z_]+)\b(?!\s*=[^=])/g;
		const names = new Set(files.flatMap(file => [...readFileSync(file, 'utf8').matchAll(read)].map(match => match[1] ?? match[2]!)));
		expect(names.size).toBeGreaterThan(8);
		for (const name of names) {
			expect(helpText, name).toMatch(new RegExp(`\\b${name}\\b`));
		}
	});
});
