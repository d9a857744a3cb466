import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {crashReportDirectories, crashSentence, signalExitCode, writeCrashReport} from '../../source/exit.js';

const scratch = mkdtempSync(join(tmpdir(), 'swarmdeck-exit-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

describe('signalExitCode', () => {
	it('is 128 plus the signal number, as a shell reports a killed program', () => {
		expect(signalExitCode('SIGTERM')).toBe(143);
		expect(signalExitCode('SIGHUP')).toBe(129);
		expect(signalExitCode('SIGINT')).toBe(130);
	});
});

describe('writeCrashReport', () => {
	it('writes the stack, its cause and the versions under $XDG_STATE_HOME/swarmdeck', () => {
		const error = new TypeError('cannot read properties of undefined', {cause: new Error('the daemon sent no Spec')});
		const path = writeCrashReport(error, {version: '0.1.0', now: new Date('2026-11-21T10:00:00Z'), env: {XDG_STATE_HOME: scratch}});
		expect(path).toBe(join(scratch, 'swarmdeck', `crash-2026-11-21T10-00-00.000Z-${process.pid}.log`));
		const report = readFileSync(path!, 'utf8');
		expect(report).toContain('swarmdeck 0.1.0 crashed at 2026-11-21T10:00:00.000Z');
		expect(report).toContain(`node ${process.version}`);
		expect(report).toContain('TypeError: cannot read properties of undefined');
		expect(report).toMatch(/\n\s+at /);
		expect(report).toContain('Caused by: Error: the daemon sent no Spec');
	});

	it('falls back to the temp dir when the state folder cannot be made', () => {
		const blocker = join(scratch, 'a-file');
		writeFileSync(blocker, '');
		expect(crashReportDirectories({XDG_STATE_HOME: blocker})).toEqual([join(blocker, 'swarmdeck'), tmpdir()]);
		const path = writeCrashReport('a thrown string', {version: '0.1.0', env: {XDG_STATE_HOME: blocker}});
		expect(path?.startsWith(tmpdir())).toBe(true);
		expect(readFileSync(path!, 'utf8')).toContain('Thrown value (not an Error): a thrown string');
		rmSync(path!);
	});

	it('uses ~/.local/state without XDG_STATE_HOME, as the XDG spec says', () => {
		expect(crashReportDirectories({})[0]).toMatch(/\.local\/state\/swarmdeck$/);
	});
});

describe('crashSentence', () => {
	it('is one line: what happened and where the details are', () => {
		expect(crashSentence(new RangeError('Invalid time value'), '/tmp/crash.log')).toBe('swarmdeck stopped because of an internal error (RangeError: Invalid time value); the details are in /tmp/crash.log.');
	});

	it('keeps only the first line, shows control characters instead of obeying them, and stays short', () => {
		const sentence = crashSentence(new Error(`bad \u001B]0;title\u0007 thing\nsecond line${'x'.repeat(300)}`), undefined);
		expect(sentence).not.toContain('\n');
		expect(sentence).not.toMatch(/\p{Cc}/u);
		expect(sentence).toContain('bad \\x1b]0;title\\x07 thing');
		expect(sentence).toContain('no crash report could be written');
		expect(sentence.length).toBeLessThan(260);
	});
});
