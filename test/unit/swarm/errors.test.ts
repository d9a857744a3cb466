import {describe, expect, it} from 'vitest';
import {
	daemonMessage,
	DockerError,
	isConnectionError,
	isOutOfSequence,
	ReadOnlyError,
	SshConnectionError,
	toDockerError,
	ValidationError,
} from '../../../source/swarm/errors.js';
import {allRaw, allShown, unsafeCharactersIn} from '../../support/hostile-text.js';

/** An error shaped like the ones docker-modem rejects with. */
function modemError(statusCode: number, json: unknown): Error {
	const reason = statusCode === 500 ? 'server error' : 'unexpected';
	const cause = json && typeof json === 'object' && 'message' in json ? String(json.message) : String(json);
	return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${cause} `), {statusCode, reason, json});
}

function connectionError(code: string, address = '/var/run/docker.sock'): Error {
	return Object.assign(new Error(`connect ${code} ${address}`), {code, errno: -111, syscall: 'connect', address});
}

const target = 'unix:///var/run/docker.sock';

describe('daemonMessage', () => {
	it('prefers the daemon\'s own message over docker-modem\'s "unexpected" label', () => {
		const error = modemError(400, {message: 'service dockercoins_hasher does not have a previous spec'});
		expect(error.message).toContain('unexpected');
		expect(daemonMessage(error)).toBe('service dockercoins_hasher does not have a previous spec');
	});

	it('reads a body that arrived as a Buffer', () => {
		expect(daemonMessage(modemError(503, Buffer.from('This node is not a swarm manager.\n')))).toBe('This node is not a swarm manager.');
	});

	it('reads a body that arrived as a string', () => {
		expect(daemonMessage(modemError(409, '  conflict: name in use  '))).toBe('conflict: name in use');
	});

	it('falls back to the error\'s message when there is no body', () => {
		expect(daemonMessage(new Error('socket hang up'))).toBe('socket hang up');
		expect(daemonMessage(modemError(500, Buffer.alloc(0)))).toMatch(/^\(HTTP code 500\)/);
	});

	it('copes with things that are not errors', () => {
		expect(daemonMessage('plain text')).toBe('plain text');
		expect(daemonMessage(undefined)).toBe('undefined');
	});

	it.each([
		['a JSON message', modemError(400, {message: `invalid mount config for type "bind": bind source path does not exist: /x${allRaw}`})],
		['a string body', modemError(409, `conflict ${allRaw}`)],
		['a Buffer body', modemError(503, Buffer.from(`not a manager ${allRaw}`))],
		['the error\'s own message', new Error(`socket said ${allRaw}`)],
		['a thing that is not an error', `plain ${allRaw}`],
	])('shows every control character of %s visibly', (_kind, error) => {
		const message = daemonMessage(error);
		expect(unsafeCharactersIn(message)).toEqual([]);
		expect(message).toContain(allShown);
	});

	it('carries the inert message into the DockerError the screens show', () => {
		const error = toDockerError(modemError(400, {message: `rpc error: ${allRaw}`}), target);
		expect(error.message).toBe(`rpc error: ${allShown}`);
	});
});

describe('toDockerError', () => {
	it.each(['ECONNREFUSED', 'ENOENT'])('turns %s into an unreachable error naming the target', code => {
		const error = toDockerError(connectionError(code), target);
		expect(error).toBeInstanceOf(DockerError);
		expect(error.unreachable).toBe(true);
		expect(error.statusCode).toBeUndefined();
		expect(error.message).toContain(target);
		expect(error.message).toContain(code);
		expect(error.message).toContain('Cannot reach the Docker daemon');
		expect(error.message).toContain('DOCKER_HOST');
	});

	it('keeps the daemon\'s message and status for an HTTP error', () => {
		const error = toDockerError(modemError(503, {message: 'This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state.'}), target);
		expect(error.unreachable).toBe(false);
		expect(error.statusCode).toBe(503);
		expect(error.message).toBe('This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state.');
	});

	it('passes a DockerError through as it is', () => {
		const original = new DockerError('already in words', 400);
		expect(toDockerError(original, target)).toBe(original);
	});

	it('isConnectionError knows the socket errors and nothing else', () => {
		expect(isConnectionError(connectionError('ECONNREFUSED'))).toBe(true);
		expect(isConnectionError(connectionError('EACCES'))).toBe(true);
		expect(isConnectionError(modemError(500, {message: 'boom'}))).toBe(false);
		expect(isConnectionError(undefined)).toBe(false);
	});
});

describe('toDockerError for each way a connection fails', () => {
	/** One sentence or a few short ones: no line breaks, no stack trace. */
	const expectOneLine = (message: string) => {
		expect(message).not.toMatch(/\n|\bat .*\(/);
		expect(message).toMatch(/\.$/);
	};

	it('says a socket the user may not open is a permission problem, with the fix', () => {
		const error = toDockerError(connectionError('EACCES'), target);
		expect(error.unreachable).toBe(true);
		expect(error.message).toBe('Permission denied on /var/run/docker.sock: this user may not use the Docker daemon. Add the user to the docker group (`sudo usermod -aG docker $USER`, then log in again) or run swarmdeck with sudo.');
	});

	it('does not send a tcp:// user to the docker group for a refused connection', () => {
		const error = toDockerError(connectionError('EPERM', '10.0.0.1:2375'), 'tcp://10.0.0.1:2375');
		expect(error.message).toContain('tcp://10.0.0.1:2375');
		expect(error.message).toContain('firewall');
		expect(error.message).not.toContain('docker group');
		expectOneLine(error.message);
	});

	it('says an ssh host that cannot be reached is out of reach, and what to try', () => {
		const lost = new SshConnectionError('unreachable', 'ssh: connect to host manager1 port 22: Connection refused', 'ssh admin@manager1');
		const error = toDockerError(lost, 'ssh://admin@manager1');
		expect(error.unreachable).toBe(true);
		expect(error.message).toBe('Cannot reach ssh://admin@manager1 over ssh (ssh: connect to host manager1 port 22: Connection refused): check that `ssh admin@manager1` works.');
	});

	it('makes what the far side wrote inert', () => {
		const error = toDockerError(new SshConnectionError('no-docker', 'sh: docker: not found\u001B[2J', 'ssh admin@manager1'), 'ssh://admin@manager1');
		expect(error.message).not.toContain('\u001B');
		expectOneLine(error.message);
	});

	it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_OSSL_PEM_NO_START_LINE'])('says %s is a TLS problem and where the certificates are set', code => {
		const error = toDockerError(Object.assign(new Error(`${code.toLowerCase()} happened\nsecond line`), {code}), 'tcp://10.0.0.1:2376');
		expect(error.unreachable).toBe(true);
		expect(error.message).toContain('The TLS connection to tcp://10.0.0.1:2376 failed');
		expect(error.message).toContain('DOCKER_CERT_PATH');
		expectOneLine(error.message);
	});

	it.each(['ENETUNREACH', 'EHOSTUNREACH', 'EAI_AGAIN'])('counts %s as unreachable', code => {
		expect(toDockerError(connectionError(code, '10.0.0.1:2375'), 'tcp://10.0.0.1:2375')).toMatchObject({unreachable: true, message: expect.stringContaining(`Cannot reach the Docker daemon at tcp://10.0.0.1:2375 (${code})`) as string});
	});
});

describe('isOutOfSequence', () => {
	it('recognises the daemon\'s stale-version error', () => {
		expect(isOutOfSequence(modemError(500, {message: 'rpc error: code = Unknown desc = update out of sequence'}))).toBe(true);
	});

	it('is false for other errors', () => {
		expect(isOutOfSequence(modemError(500, {message: 'rpc error: code = Unknown desc = name conflicts with an existing object'}))).toBe(false);
		expect(isOutOfSequence(connectionError('ECONNREFUSED'))).toBe(false);
	});
});

describe('messages meant for the screen', () => {
	it('ValidationError names the field and the rule', () => {
		const error = new ValidationError('replicas', 'must be a whole number from 0 up, got "abc"');
		expect(error.message).toBe('replicas: must be a whole number from 0 up, got "abc"');
		expect(error.name).toBe('ValidationError');
	});

	it('ReadOnlyError says what was refused and that nothing was sent', () => {
		const error = new ReadOnlyError('scale');
		expect(error.message).toContain('scale');
		expect(error.message).toContain('--read-only');
		expect(error.message).toContain('Nothing was sent');
	});
});
