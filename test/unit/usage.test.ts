import {describe, expect, it} from 'vitest';
import {usageProblem} from '../../source/usage.js';

describe('usageProblem', () => {
	it('accepts the flags swarmdeck has, in either spelling meow reports', () => {
		expect(usageProblem([], {readOnly: true, once: false})).toBeUndefined();
		expect(usageProblem([], {host: 'tcp://10.0.0.1:2375', H: 'tcp://10.0.0.1:2375', readOnly: false, once: true})).toBeUndefined();
	});

	it('names an unknown flag as it was typed, and points to --help', () => {
		expect(usageProblem([], {bogus: true, readOnly: false, once: false})).toBe('unknown argument \'--bogus\': swarmdeck takes one command, `check`, and the options that `swarmdeck --help` lists.');
		expect(usageProblem([], {readonly: true})).toContain('\'--readonly\'');
		expect(usageProblem([], {bogusThing: '3'})).toContain('\'--bogus-thing\'');
		expect(usageProblem([], {x: true})).toContain('\'-x\'');
	});

	it('names a subcommand, since swarmdeck has none, together with unknown flags', () => {
		expect(usageProblem(['foo'], {bogus: true})).toBe('unknown arguments \'foo\' and \'--bogus\': swarmdeck takes one command, `check`, and the options that `swarmdeck --help` lists.');
		expect(usageProblem(['ls', 'services'], {x: true})).toMatch(/^unknown arguments 'ls', 'services' and '-x': /);
	});

	it('takes check with service names and --json, and --json only with check', () => {
		expect(usageProblem(['check'], {json: true})).toBeUndefined();
		expect(usageProblem(['check', 'vote', 'whoami'], {host: 'unix:///x.sock', H: 'unix:///x.sock'})).toBeUndefined();
		expect(usageProblem(['check'], {jsn: true})).toBe('unknown argument \'--jsn\': swarmdeck takes one command, `check`, and the options that `swarmdeck --help` lists.');
		expect(usageProblem([], {json: false, once: true})).toBeUndefined();
		expect(usageProblem([], {json: true})).toBe('--json goes with `swarmdeck check`: `swarmdeck check --json` prints the findings as JSON.');
		expect(usageProblem(['checks'], {})).toMatch(/^unknown argument 'checks': /);
	});

	it('wants an address after --host', () => {
		expect(usageProblem([], {host: '', H: ''})).toMatch(/^--host needs an address/);
	});
});
