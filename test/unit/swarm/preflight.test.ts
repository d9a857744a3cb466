import {describe, expect, it} from 'vitest';
import {DockerError} from '../../../source/swarm/errors.js';
import {explainInfo, explainPreflightError, explainSwarmInfo, unreachableResult, type PreflightResult} from '../../../source/swarm/preflight.js';
import {allRaw, allShown, unsafeCharactersIn} from '../../support/hostile-text.js';

const target = 'unix:///var/run/docker.sock';

function failure(result: PreflightResult): {problem: string; message: string} {
	if (result.ok) {
		throw new Error('expected a preflight failure');
	}

	return result;
}

/** One sentence or a few short ones, no stack trace, no raw JSON. */
function expectReadable(message: string): void {
	expect(message).not.toMatch(/\n|\bat .*\(|[{}]|undefined/);
	expect(message.trim()).toMatch(/[.!]$/);
}

describe('explainSwarmInfo', () => {
	it('lets a manager of an active swarm through, with its name and version', () => {
		expect(explainSwarmInfo({
			Name: 'node1',
			ServerVersion: '20.10.24',
			Swarm: {LocalNodeState: 'active', ControlAvailable: true, NodeID: 'mr53421epn5vqv8b8fzmy0wzf'},
		}, target)).toEqual({ok: true, nodeName: 'node1', serverVersion: '20.10.24'});
	});

	it('says a node outside any swarm must init one or point at a manager', () => {
		const result = failure(explainSwarmInfo({Name: 'laptop', Swarm: {LocalNodeState: 'inactive', ControlAvailable: false}}, target));
		expect(result.problem).toBe('inactive');
		expect(result.message).toContain('laptop');
		expect(result.message).toContain(target);
		expect(result.message).toContain('not part of a swarm');
		expect(result.message).toContain('docker swarm init');
		expect(result.message).toContain('DOCKER_HOST');
		expectReadable(result.message);
	});

	it('treats /info without any Swarm section as not in a swarm', () => {
		expect(failure(explainSwarmInfo({}, target)).problem).toBe('inactive');
	});

	it('says a worker cannot manage services, naming it, and to use a manager or promote it', () => {
		const result = failure(explainSwarmInfo({
			Name: 'node2',
			Swarm: {
				LocalNodeState: 'active',
				ControlAvailable: false,
				RemoteManagers: [{NodeID: 'mr53421epn5vqv8b8fzmy0wzf', Addr: '172.29.77.11:2377'}],
			},
		}, 'tcp://172.29.77.12:2375'));
		expect(result.problem).toBe('worker');
		expect(result.message).toContain('node2');
		expect(result.message).toContain('tcp://172.29.77.12:2375');
		expect(result.message).toContain('worker');
		expect(result.message).toContain('manager');
		expect(result.message).toContain('docker node promote node2');
		expect(result.message).toContain('172.29.77.11:2377');
		expectReadable(result.message);
	});

	it('does not list managers for a worker that knows none', () => {
		const result = failure(explainSwarmInfo({Name: 'node3', Swarm: {LocalNodeState: 'active', ControlAvailable: false, RemoteManagers: null}}, target));
		expect(result.problem).toBe('worker');
		expect(result.message).not.toContain('Managers of this swarm');
	});

	it('says a pending node should be waited for', () => {
		const result = failure(explainSwarmInfo({Name: 'node3', Swarm: {LocalNodeState: 'pending'}}, target));
		expect(result.problem).toBe('pending');
		expect(result.message).toContain('node3');
		expect(result.message).toMatch(/[Ww]ait/);
		expectReadable(result.message);
	});

	it('says a locked swarm must be unlocked', () => {
		const result = failure(explainSwarmInfo({Name: 'node1', Swarm: {LocalNodeState: 'locked'}}, target));
		expect(result.problem).toBe('locked');
		expect(result.message).toContain('locked');
		expect(result.message).toContain('docker swarm unlock');
		expectReadable(result.message);
	});

	it('passes on the swarm\'s own error and says where to look', () => {
		const result = failure(explainSwarmInfo({Name: 'node1', Swarm: {LocalNodeState: 'error', Error: 'raft: no leader'}}, target));
		expect(result.problem).toBe('error');
		expect(result.message).toContain('raft: no leader');
		expect(result.message).toContain('docker info');
		expectReadable(result.message);
	});

	it('calls a nameless engine "this node"', () => {
		expect(failure(explainSwarmInfo({Swarm: {LocalNodeState: 'pending'}}, target)).message).toContain('this node');
	});

	it('unreachableResult carries the message as given', () => {
		expect(unreachableResult('Cannot reach the Docker daemon.')).toEqual({ok: false, problem: 'unreachable', message: 'Cannot reach the Docker daemon.'});
	});
});

describe('the daemon\'s words in the preflight', () => {
	it('shows the node name inert in the header', () => {
		expect(explainSwarmInfo({Name: `node1${allRaw}`, ServerVersion: `20.10${allRaw}`, Swarm: {LocalNodeState: 'active', ControlAvailable: true}}, target))
			.toEqual({ok: true, nodeName: `node1${allShown}`, serverVersion: `20.10${allShown}`});
	});

	it.each(['inactive', 'pending', 'locked', 'error'])('shows the node name and the swarm error inert when %s', state => {
		const {message} = failure(explainSwarmInfo({Name: `node1${allRaw}`, Swarm: {LocalNodeState: state, Error: `broken${allRaw}`}}, target));
		expect(unsafeCharactersIn(message)).toEqual([]);
		expect(message).toContain(`node1${allShown}`);
	});

	it('shows a worker\'s name and its managers\' addresses inert, and spells the promote command so it still names the node', () => {
		const {message} = failure(explainSwarmInfo({
			Name: 'node2\u001B]0;x\u0007',
			Swarm: {LocalNodeState: 'active', ControlAvailable: false, RemoteManagers: [{Addr: `10.0.0.1:2377${allRaw}`}]},
		}, target));
		expect(unsafeCharactersIn(message)).toEqual([]);
		expect(message).toContain('node2␛]0;x␇ (unix:///var/run/docker.sock) is a swarm worker');
		expect(message).toContain(`Managers of this swarm: 10.0.0.1:2377${allShown}.`);
		expect(message).toContain('`docker node promote $\'node2\\x1b]0;x\\x07\'`');
	});
});

/** An error shaped like docker-modem's for an HTTP status it did not expect. */
function httpError(statusCode: number, json: unknown): Error {
	return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - `), {statusCode, json});
}

describe('explainInfo', () => {
	it('reads a Docker daemon\'s /info as explainSwarmInfo does', () => {
		const info = {Name: 'node1', ServerVersion: '20.10.24', Swarm: {LocalNodeState: 'active', ControlAvailable: true}};
		expect(explainInfo(info, target)).toEqual(explainSwarmInfo(info, target));
	});

	it.each([
		['an HTML page', Buffer.from('<html><body>It works!</body></html>')],
		['a JSON list', []],
		['a JSON object of something else', {status: 'ok'}],
		['nothing', null],
	])('says an answer that is %s did not come from a Docker daemon', (_what, body) => {
		const result = failure(explainInfo(body, 'tcp://10.0.0.1:8080'));
		expect(result.problem).toBe('not-docker');
		expect(result.message).toContain('tcp://10.0.0.1:8080 answers HTTP but is not a Docker daemon');
		expectReadable(result.message);
	});
});

describe('explainPreflightError', () => {
	it('says a server that answers /info with 404 and a page is not a Docker daemon', () => {
		const result = failure(explainPreflightError(httpError(404, Buffer.from('<!DOCTYPE HTML>\n<title>Error response</title>\n')), 'tcp://127.0.0.1:8000'));
		expect(result).toEqual({
			ok: false,
			problem: 'not-docker',
			message: 'tcp://127.0.0.1:8000 answers HTTP but is not a Docker daemon (it answered GET /info with HTTP 404). Check the address and port in DOCKER_HOST or --host.',
		});
	});

	it('keeps the daemon\'s own words when the error came as Docker\'s JSON', () => {
		const result = failure(explainPreflightError(httpError(500, {message: 'layer store unavailable'}), target));
		expect(result).toEqual({ok: false, problem: 'error', message: 'layer store unavailable'});
	});

	it('tells a plain HTTP request sent to a TLS port to turn TLS on', () => {
		const result = failure(explainPreflightError(httpError(400, Buffer.from('Client sent an HTTP request to an HTTPS server.\n')), 'tcp://10.0.0.1:2376'));
		expect(result.problem).toBe('unreachable');
		expect(result.message).toContain('tcp://10.0.0.1:2376 expects TLS');
		expect(result.message).toContain('DOCKER_TLS_VERIFY=1');
		expectReadable(result.message);
	});

	it('says a socket it may not open is a permission problem, and what to do', () => {
		const error = Object.assign(new Error('connect EACCES /var/run/docker.sock'), {code: 'EACCES', syscall: 'connect'});
		const result = failure(explainPreflightError(error, target));
		expect(result.problem).toBe('unreachable');
		expect(result.message).toContain('Permission denied on /var/run/docker.sock');
		expect(result.message).toContain('docker group');
		expect(result.message).toContain('sudo');
		expect(result.message).not.toContain('Is dockerd running');
		expectReadable(result.message);
	});

	it('passes the timeout sentence through', () => {
		const error = new DockerError('No answer from the Docker daemon at tcp://10.0.0.1:2375 after 15 s. Is the address right, and is dockerd running there?', undefined, true);
		expect(explainPreflightError(error, 'tcp://10.0.0.1:2375')).toEqual(unreachableResult(error.message));
	});
});
