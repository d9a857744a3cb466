import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createDocker, describeTarget} from '../../../source/swarm/connection.js';

type Modem = {
	socketPath?: unknown;
	host?: string;
	port?: string;
	protocol?: string;
	username?: string;
	ca?: unknown;
	cert?: Buffer;
	key?: Buffer;
};

const modemOf = (docker: ReturnType<typeof createDocker>): Modem => docker.modem as Modem;

let certDir: string;
beforeAll(() => {
	certDir = mkdtempSync(join(tmpdir(), 'swarmdeck-certs-'));
	writeFileSync(join(certDir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n');
	writeFileSync(join(certDir, 'cert.pem'), 'dummy cert\n');
	writeFileSync(join(certDir, 'key.pem'), 'dummy key\n');
});

afterAll(() => {
	rmSync(certDir, {recursive: true, force: true});
});

describe('createDocker', () => {
	it('talks to a unix socket given with --host', () => {
		const modem = modemOf(createDocker({host: 'unix:///x.sock', env: {}}));
		expect(modem.socketPath).toBe('/x.sock');
		expect(modem.host).toBeUndefined();
	});

	it('talks plain HTTP to a tcp:// host', () => {
		const modem = modemOf(createDocker({host: 'tcp://1.2.3.4:2375', env: {}}));
		expect(modem.host).toBe('1.2.3.4');
		expect(modem.port).toBe('2375');
		expect(modem.protocol).toBe('http');
	});

	it('reads DOCKER_HOST from the given environment when there is no --host', () => {
		const modem = modemOf(createDocker({env: {DOCKER_HOST: 'tcp://10.0.0.5:2375'}}));
		expect(modem.host).toBe('10.0.0.5');
		expect(modem.protocol).toBe('http');
	});

	it('lets --host win over DOCKER_HOST', () => {
		const modem = modemOf(createDocker({host: 'unix:///run/other.sock', env: {DOCKER_HOST: 'tcp://10.0.0.5:2375'}}));
		expect(modem.socketPath).toBe('/run/other.sock');
		expect(modem.host).toBeUndefined();
	});

	it('switches to HTTPS with DOCKER_TLS_VERIFY=1 and loads the certificates from DOCKER_CERT_PATH', () => {
		const modem = modemOf(createDocker({
			host: 'tcp://1.2.3.4:2375',
			env: {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir},
		}));
		expect(modem.protocol).toBe('https');
		expect(modem.host).toBe('1.2.3.4');
		expect(modem.cert?.toString()).toBe('dummy cert\n');
		expect(modem.key?.toString()).toBe('dummy key\n');
		expect(modem.ca).toBeTruthy();
	});

	it('talks ssh to an ssh:// host with its user', () => {
		const modem = modemOf(createDocker({host: 'ssh://user@host', env: {}}));
		expect(modem.protocol).toBe('ssh');
		expect(modem.username).toBe('user');
		expect(modem.host).toBe('host');
	});

	it('restores process.env after the call', () => {
		const before = process.env;
		const dockerHost = process.env['DOCKER_HOST'];
		createDocker({host: 'tcp://1.2.3.4:2375', env: {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir}});
		expect(process.env).toBe(before);
		expect(process.env['DOCKER_HOST']).toBe(dockerHost);
		expect(process.env['DOCKER_CERT_PATH']).not.toBe(certDir);
	});

	it('restores process.env even when the client cannot be built', () => {
		const before = process.env;
		expect(() => createDocker({
			host: 'tcp://1.2.3.4:2376',
			env: {DOCKER_CERT_PATH: join(certDir, 'missing')},
		})).toThrow(/ENOENT/);
		expect(process.env).toBe(before);
		expect(process.env['DOCKER_CERT_PATH']).not.toBe(join(certDir, 'missing'));
	});

	it('does not leave --host in the caller\'s environment object', () => {
		const env: NodeJS.ProcessEnv = {DOCKER_HOST: 'tcp://10.0.0.5:2375'};
		createDocker({host: 'unix:///x.sock', env});
		expect(env).toEqual({DOCKER_HOST: 'tcp://10.0.0.5:2375'});
	});
});

describe('describeTarget', () => {
	it('names --host first', () => {
		expect(describeTarget({host: 'ssh://user@host', env: {DOCKER_HOST: 'tcp://10.0.0.5:2375'}})).toBe('ssh://user@host');
	});

	it('names DOCKER_HOST next', () => {
		expect(describeTarget({env: {DOCKER_HOST: 'tcp://10.0.0.5:2375'}})).toBe('tcp://10.0.0.5:2375');
	});

	it('names the default socket otherwise, also for an empty DOCKER_HOST', () => {
		expect(describeTarget({env: {}})).toBe('unix:///var/run/docker.sock');
		expect(describeTarget({env: {DOCKER_HOST: ''}})).toBe('unix:///var/run/docker.sock');
	});
});
