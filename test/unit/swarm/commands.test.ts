import {describe, expect, it} from 'vitest';
import {rollbackCommand, shellWord, updateCommand} from '../../../source/swarm/commands.js';

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
		['tab\there', '\'tab\there\''],
	])('quotes %j for a POSIX shell', (word, quoted) => {
		expect(shellWord(word)).toBe(quoted);
	});

	it('quotes odd service names inside whole commands', () => {
		expect(updateCommand('my service', [{kind: 'replicas', replicas: 2}])).toBe('docker service scale \'my service=2\'');
		expect(rollbackCommand('x$(reboot)')).toBe('docker service rollback \'x$(reboot)\'');
	});
});
