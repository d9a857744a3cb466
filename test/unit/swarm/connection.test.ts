import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {certificateProblem, createDocker, describeTarget} from '../../../source/swarm/connection.js';
import {ConnectionSettingsError} from '../../../source/swarm/errors.js';

type Modem = {
	socketPath?: unknown;
	host?: string;
	port?: string;
	protocol?: string;
	username?: string;
	ca?: unknown;
	cert?: Buffer;
	key?: Buffer;
	agent?: {session: {controlPath: string; close: () => void}};
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

	it('talks HTTP over the system ssh to an ssh:// host, and starts no ssh before the first request', () => {
		const modem = modemOf(createDocker({host: 'ssh://user@host', env: {}}));
		expect(modem.protocol).toBe('http');
		expect(modem.agent?.session.controlPath).toMatch(/swarmdeck-ssh-.*\/control$/);
		modem.agent?.session.close();
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
		})).toThrow(ConnectionSettingsError);
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

describe('certificateProblem', () => {
	const tls = (directory: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({DOCKER_TLS_VERIFY: '1', ...(directory === undefined ? {} : {DOCKER_CERT_PATH: directory}), ...extra});

	it('has nothing to say when the three files are there', () => {
		expect(certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(certDir)})).toBeUndefined();
	});

	it('names a DOCKER_CERT_PATH that does not exist, and what to set', () => {
		const missing = join(certDir, 'nowhere');
		expect(certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(missing)})).toBe(`DOCKER_CERT_PATH is ${missing}, which is not a folder that exists. Set DOCKER_CERT_PATH to the folder that holds ca.pem, cert.pem and key.pem (as for \`docker --tlsverify\`).`);
	});

	it('names each missing file', () => {
		const partial = join(certDir, 'partial');
		mkdirSync(partial, {recursive: true});
		writeFileSync(join(partial, 'cert.pem'), 'dummy cert\n');
		expect(certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(partial)})).toContain(`DOCKER_CERT_PATH is ${partial}, and ca.pem and key.pem are missing or unreadable there.`);
		writeFileSync(join(partial, 'ca.pem'), 'dummy ca\n');
		expect(certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(partial)})).toContain('and key.pem is missing or unreadable there.');
	});

	it('looks in ~/.docker, as docker does, when DOCKER_TLS_VERIFY comes without DOCKER_CERT_PATH', () => {
		const home = join(certDir, 'home');
		const problem = certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(undefined, {HOME: home})});
		expect(problem).toContain(`DOCKER_TLS_VERIFY is set without DOCKER_CERT_PATH, so the certificates are looked for in ${join(home, '.docker')}, which is not a folder that exists.`);
		mkdirSync(join(home, '.docker'), {recursive: true});
		writeFileSync(join(home, '.docker', 'ca.pem'), '-----BEGIN CERTIFICATE-----\nY2E=\n-----END CERTIFICATE-----\n');
		writeFileSync(join(home, '.docker', 'cert.pem'), 'dummy\n');
		writeFileSync(join(home, '.docker', 'key.pem'), 'dummy\n');

		expect(certificateProblem({host: 'tcp://1.2.3.4:2376', env: tls(undefined, {HOME: home})})).toBeUndefined();
		expect(modemOf(createDocker({host: 'tcp://1.2.3.4:2376', env: tls(undefined, {HOME: home})})).key?.toString()).toBe('dummy\n');
	});

	it('ignores the certificates for a local socket, as docker-modem does', () => {
		expect(certificateProblem({host: 'unix:///var/run/docker.sock', env: tls(join(certDir, 'nowhere'))})).toBeUndefined();
		expect(certificateProblem({env: tls(join(certDir, 'nowhere'))})).toBeUndefined();
	});

	it('is what createDocker throws, instead of a node:fs error', () => {
		expect(() => createDocker({host: 'tcp://1.2.3.4:2376', env: tls(join(certDir, 'nowhere'))})).toThrow(/^DOCKER_CERT_PATH is .*nowhere, which is not a folder that exists/);
	});
});

describe('createDocker with settings that cannot work', () => {
	it('says a ca.pem that is no certificate is not one', () => {
		const wrong = join(certDir, 'wrong');
		mkdirSync(wrong, {recursive: true});
		for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
			writeFileSync(join(wrong, file), 'not a certificate\n');
		}

		expect(() => createDocker({host: 'tcp://1.2.3.4:2376', env: {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: wrong}})).toThrow(`${join(wrong, 'ca.pem')} is not a PEM certificate`);
	});

	it('says which setting holds an address it cannot parse', () => {
		expect(() => createDocker({host: 'tcp://exa mple', env: {}})).toThrow('--host is tcp://exa mple, which is not an address swarmdeck understands');
		expect(() => createDocker({env: {DOCKER_HOST: 'tcp://exa mple'}})).toThrow('DOCKER_HOST is tcp://exa mple, which is not');
	});
});
