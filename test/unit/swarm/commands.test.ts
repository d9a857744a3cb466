import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
	forceCommand,
	imageCommand,
	policyCommand,
	policyFlagValue,
	rollbackCommand,
	scaleCommand,
	shellWord,
} from '../../../source/swarm/commands.js';
import {unsafeCharactersIn} from '../../support/hostile-text.js';

const second = 1_000_000_000;

describe('scaleCommand', () => {
	it('writes docker service scale name=N', () => {
		expect(scaleCommand('dockercoins_hasher', 7)).toBe('docker service scale dockercoins_hasher=7');
	});

	it('scales to zero', () => {
		expect(scaleCommand('web', 0)).toBe('docker service scale web=0');
	});
});

describe('policyCommand', () => {
	it('writes only the changed update flags, in the CLI\'s order, then the service', () => {
		expect(policyCommand('dockercoins_hasher', {update: {parallelism: 2, maxFailureRatio: 0.25}}))
			.toBe('docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 dockercoins_hasher');
	});

	it('formats durations the way Go prints them', () => {
		expect(policyCommand('dockercoins_hasher', {update: {delay: 90 * second}}))
			.toBe('docker service update --update-delay 1m30s dockercoins_hasher');
		expect(policyCommand('web', {update: {monitor: 500_000_000}}))
			.toBe('docker service update --update-monitor 500ms web');
		expect(policyCommand('web', {update: {delay: 0}}))
			.toBe('docker service update --update-delay 0s web');
		expect(policyCommand('web', {update: {monitor: 3600 * second}}))
			.toBe('docker service update --update-monitor 1h0m0s web');
	});

	it('writes rollback-policy flags with the --rollback- prefix', () => {
		expect(policyCommand('web', {rollback: {failureAction: 'continue', order: 'start-first', monitor: 10 * second}}))
			.toBe('docker service update --rollback-failure-action continue --rollback-monitor 10s --rollback-order start-first web');
	});

	it('puts update flags before rollback flags when both change', () => {
		expect(policyCommand('web', {rollback: {parallelism: 0}, update: {failureAction: 'rollback'}}))
			.toBe('docker service update --update-failure-action rollback --rollback-parallelism 0 web');
	});

	it('writes every field of a full policy', () => {
		expect(policyCommand('web', {
			update: {parallelism: 1, delay: 10 * second, failureAction: 'pause', monitor: 5 * second, maxFailureRatio: 0, order: 'stop-first'},
		})).toBe('docker service update --update-parallelism 1 --update-delay 10s --update-failure-action pause --update-monitor 5s --update-max-failure-ratio 0 --update-order stop-first web');
	});

	it('policyFlagValue turns nanoseconds into Go durations and leaves other values as typed', () => {
		expect(policyFlagValue('delay', 1_500_000_000)).toBe('1.5s');
		expect(policyFlagValue('monitor', 2 * 60 * second)).toBe('2m0s');
		expect(policyFlagValue('parallelism', 3)).toBe('3');
		expect(policyFlagValue('maxFailureRatio', 0.5)).toBe('0.5');
		expect(policyFlagValue('order', 'start-first')).toBe('start-first');
	});
});

describe('imageCommand, forceCommand, rollbackCommand', () => {
	it('changes the image without asking a registry to pin it', () => {
		expect(imageCommand('dockercoins_hasher', 'dockercoins/hasher:v0.2'))
			.toBe('docker service update --no-resolve-image --image dockercoins/hasher:v0.2 dockercoins_hasher');
	});

	it('keeps a digest-pinned image as one word', () => {
		const image = `localhost:5000/x/y:1@sha256:${'0f'.repeat(32)}`;
		expect(imageCommand('web', image)).toBe(`docker service update --no-resolve-image --image ${image} web`);
	});

	it('forces a redeploy', () => {
		expect(forceCommand('dockercoins_hasher')).toBe('docker service update --force dockercoins_hasher');
	});

	it('rolls back', () => {
		expect(rollbackCommand('dockercoins_hasher')).toBe('docker service rollback dockercoins_hasher');
	});
});

describe('shellWord', () => {
	it.each([
		'dockercoins_hasher',
		'web=3',
		'--update-delay',
		'1m30s',
		'localhost:5000/x/y:1',
		'a@sha256:abc',
		'0.25',
	])('leaves the plain word %s alone', word => {
		expect(shellWord(word)).toBe(word);
	});

	it.each([
		['two words', '\'two words\''],
		['$HOME', '\'$HOME\''],
		['a;rm -rf /', '\'a;rm -rf /\''],
		['it\'s', String.raw`'it'\''s'`],
		['', '\'\''],
		['*', '\'*\''],
		['`id`', '\'`id`\''],
		['x$(reboot)', '\'x$(reboot)\''],
		['say "hi"', '\'say "hi"\''],
		['日本語', '\'日本語\''],
	])('quotes %j for a POSIX shell', (word, quoted) => {
		expect(shellWord(word)).toBe(quoted);
	});

	it.each([
		['an OSC 0 title', 'web\u001B]0;pwned\u0007', String.raw`$'web\x1b]0;pwned\x07'`],
		['an OSC 52 clipboard write', '\u001B]52;c;eA==\u001B\\', String.raw`$'\x1b]52;c;eA==\x1b\\'`],
		['a CSI erase', 'a\u001B[2Jb', String.raw`$'a\x1b[2Jb'`],
		['a bare CR', 'PORT=80\rPORT=1', String.raw`$'PORT=80\x0dPORT=1'`],
		['a newline', 'one\ntwo', String.raw`$'one\x0atwo'`],
		['a tab', 'tab\there', String.raw`$'tab\x09here'`],
		['DEL', 'a\u007F', String.raw`$'a\x7f'`],
		['a C1 CSI', 'x\u009B2J', String.raw`$'x\u009b2J'`],
		['a bidi override', 'abc\u202Efed', String.raw`$'abc\u202efed'`],
		['a quote and a backslash beside a control', 'it\'s\\\r', String.raw`$'it\'s\\\x0d'`],
		['$ and backticks beside a control', '$(id)`id`\r', '$\'$(id)`id`\\x0d\''],
	])('spells %s with $\'…\' escapes, so the command shows no control character', (_kind, word, quoted) => {
		expect(shellWord(word)).toBe(quoted);
		expect(unsafeCharactersIn(shellWord(word))).toEqual([]);
	});

	it.each([
		'two words',
		'it\'s',
		'x$(reboot) `id` "q" \\ *',
		'日本語 e\u0301',
		'\u001B]0;pwned\u0007',
		'\u001B]52;c;eA==\u001B\\',
		'PORT=80\rPORT=1\nnext\tcol',
		'it\'s\\ $(id) \u001B[2J',
		'x\u009B2J \u0080\u009F',
		'abc\u202Efed\u2066\u2069',
		'\u0001\u007F',
	])('bash reads the quoted %j back as the same word', word => {
		const echoed = execFileSync('bash', ['-c', `printf %s ${shellWord(word)}`], {env: {...process.env, LC_ALL: 'C.UTF-8'}});
		expect(echoed.equals(Buffer.from(word))).toBe(true);
	});

	it('quotes odd service names inside whole commands', () => {
		expect(scaleCommand('my service', 2)).toBe('docker service scale \'my service=2\'');
		expect(rollbackCommand('x$(reboot)')).toBe('docker service rollback \'x$(reboot)\'');
	});
});
