import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {rollbackCommand, shellWord, updateCommand} from '../../../source/swarm/commands.js';
import {unsafeCharactersIn} from '../../support/hostile-text.js';

const second = 1_000_000_000;

describe('updateCommand', () => {
	it('writes a change of replicas alone as docker service scale name=N', () => {
		expect(updateCommand('dockercoins_hasher', [{kind: 'replicas', replicas: 7}])).toBe('docker service scale dockercoins_hasher=7');
		expect(updateCommand('web', [{kind: 'replicas', replicas: 0}])).toBe('docker service scale web=0');
	});

	it('writes policy fields as their --update-* and --rollback-* flags, in the order given, then the service', () => {
		expect(updateCommand('dockercoins_hasher', [
			{kind: 'policy', policy: 'update', field: 'parallelism', value: 2},
			{kind: 'policy', policy: 'update', field: 'maxFailureRatio', value: 0.25},
			{kind: 'policy', policy: 'rollback', field: 'failureAction', value: 'continue'},
		])).toBe('docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 --rollback-failure-action continue dockercoins_hasher');
	});

	it('formats durations the way Go prints them', () => {
		const delay = (value: number) => updateCommand('web', [{kind: 'policy', policy: 'update', field: 'delay', value}]);
		expect(delay(90 * second)).toBe('docker service update --update-delay 1m30s web');
		expect(delay(0)).toBe('docker service update --update-delay 0s web');
		expect(updateCommand('web', [{kind: 'policy', policy: 'rollback', field: 'monitor', value: 500_000_000}])).toBe('docker service update --rollback-monitor 500ms web');
		expect(updateCommand('web', [{kind: 'policy', policy: 'update', field: 'monitor', value: 3600 * second}])).toBe('docker service update --update-monitor 1h0m0s web');
	});

	it('changes the image without asking a registry to pin it, and keeps a pinned image as one word', () => {
		expect(updateCommand('dockercoins_hasher', [{kind: 'image', image: 'dockercoins/hasher:v0.2'}]))
			.toBe('docker service update --no-resolve-image --image dockercoins/hasher:v0.2 dockercoins_hasher');
		const image = `localhost:5000/x/y:1@sha256:${'0f'.repeat(32)}`;
		expect(updateCommand('web', [{kind: 'image', image}])).toBe(`docker service update --no-resolve-image --image ${image} web`);
	});

	it('forces a redeploy, and writes replicas as --replicas beside other flags', () => {
		expect(updateCommand('dockercoins_hasher', [{kind: 'force'}])).toBe('docker service update --force dockercoins_hasher');
		expect(updateCommand('web', [{kind: 'replicas', replicas: 3}, {kind: 'force'}])).toBe('docker service update --replicas 3 --force web');
	});
});

describe('rollbackCommand', () => {
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
		expect(updateCommand('my service', [{kind: 'replicas', replicas: 2}])).toBe('docker service scale \'my service=2\'');
		expect(rollbackCommand('x$(reboot)')).toBe('docker service rollback \'x$(reboot)\'');
	});
});
