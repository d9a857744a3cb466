import {accessSync, constants, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import Docker from 'dockerode';
import {ConnectionSettingsError} from './errors.js';
import {parseSshHost, sshAgent} from './ssh.js';

export type ConnectionOptions = {
	/** Like `docker -H`: overrides DOCKER_HOST. */
	host?: string;
	env?: NodeJS.ProcessEnv;
	/** The docker context the host came from (see context.ts), named wherever the address is. */
	context?: string;
};

const defaultSocket = 'unix:///var/run/docker.sock';

/** The address we talk to, as a person would write it in DOCKER_HOST. */
export function describeTarget({host, env = process.env, context}: ConnectionOptions = {}): string {
	const address = host ?? (env['DOCKER_HOST'] || defaultSocket);
	return context === undefined ? address : `context ${context} (${address})`;
}

/** The files the docker CLI and docker-modem read from DOCKER_CERT_PATH. */
const certificateFiles = ['ca.pem', 'cert.pem', 'key.pem'] as const;

/**
 * The environment docker-modem is built from. With DOCKER_TLS_VERIFY and no DOCKER_CERT_PATH
 * the docker CLI reads the certificates from its config folder (DOCKER_CONFIG, or ~/.docker);
 * docker-modem would go without any and fail later in the TLS handshake, so the CLI's
 * default is filled in.
 */
function modemEnvironment({host, env = process.env}: ConnectionOptions): NodeJS.ProcessEnv {
	const dockerEnv: NodeJS.ProcessEnv = host === undefined ? {...env} : {...env, DOCKER_HOST: host};
	if (dockerEnv['DOCKER_TLS_VERIFY'] === '1' && !dockerEnv['DOCKER_CERT_PATH'] && usesNetwork(dockerEnv['DOCKER_HOST'])) {
		dockerEnv['DOCKER_CERT_PATH'] = dockerEnv['DOCKER_CONFIG'] || join(dockerEnv['HOME'] || homedir(), '.docker');
	}

	return dockerEnv;
}

/** docker-modem reads DOCKER_CERT_PATH for every host that is not a local socket. */
function usesNetwork(dockerHost: string | undefined): boolean {
	return Boolean(dockerHost) && !dockerHost!.startsWith('unix://') && !dockerHost!.startsWith('npipe://');
}

function listInWords(items: readonly string[]): string {
	return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/**
 * What stops docker-modem from loading the TLS files, in words. It reads them with
 * readFileSync while it is being built, so a missing file would otherwise end swarmdeck
 * with a node:fs stack trace.
 */
export function certificateProblem(options: ConnectionOptions = {}): string | undefined {
	const dockerEnv = modemEnvironment(options);
	const directory = dockerEnv['DOCKER_CERT_PATH'];
	if (!directory || !usesNetwork(dockerEnv['DOCKER_HOST'])) {
		return undefined;
	}

	const whence = (options.env ?? process.env)['DOCKER_CERT_PATH']
		? `DOCKER_CERT_PATH is ${directory}`
		: `DOCKER_TLS_VERIFY is set without DOCKER_CERT_PATH, so the certificates are looked for in ${directory}`;
	const fix = 'Set DOCKER_CERT_PATH to the folder that holds ca.pem, cert.pem and key.pem (as for `docker --tlsverify`).';
	let isDirectory = false;
	try {
		isDirectory = statSync(directory).isDirectory();
	} catch {
		// Missing or out of reach: said below.
	}

	if (!isDirectory) {
		return `${whence}, which is not a folder that exists. ${fix}`;
	}

	const missing = certificateFiles.filter(file => !isReadable(join(directory, file)));
	if (missing.length > 0) {
		return `${whence}, and ${listInWords(missing)} ${missing.length === 1 ? 'is' : 'are'} missing or unreadable there. ${fix}`;
	}

	return undefined;
}

function isReadable(path: string): boolean {
	try {
		accessSync(path, constants.R_OK);
		return statSync(path).isFile();
	} catch {
		return false;
	}
}

/**
 * A dockerode client for --host or the environment. docker-modem already parses DOCKER_HOST
 * (unix, tcp), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH exactly as the CLI documents them,
 * but only from process.env; so a --host is handed to it through DOCKER_HOST for the length
 * of the constructor call rather than parsed a second time here. Settings that cannot work
 * throw a ConnectionSettingsError that says which one to fix.
 */
export function createDocker(options: ConnectionOptions = {}): Docker {
	const problem = certificateProblem(options);
	if (problem) {
		throw new ConnectionSettingsError(problem);
	}

	const dockerEnv = modemEnvironment(options);
	const address = dockerEnv['DOCKER_HOST'];
	if (address?.startsWith('ssh://')) {
		// The system's ssh carries every request (see ssh.ts); to dockerode it is plain HTTP.
		// dockerode hands `agent` to http.request; its types leave it out.
		return new Docker({host: 'docker', protocol: 'http', agent: sshAgent(parseSshHost(address))} as Docker.DockerOptions);
	}

	const saved = process.env;
	process.env = dockerEnv;
	try {
		return new Docker();
	} catch (error) {
		throw settingsError(error, options);
	} finally {
		process.env = saved;
	}
}

function settingsError(error: unknown, options: ConnectionOptions): Error {
	const {path, code} = (error ?? {}) as {path?: string; code?: string};
	if (typeof path === 'string') {
		return new ConnectionSettingsError(`Cannot read ${path} (${code ?? 'error'}), which DOCKER_CERT_PATH points to. Set DOCKER_CERT_PATH to the folder that holds ca.pem, cert.pem and key.pem.`);
	}

	// split-ca, which docker-modem reads ca.pem with, says so for a file of another kind.
	if (error instanceof Error && /BEGIN CERTIFICATE/.test(error.message)) {
		const caFile = join(modemEnvironment(options)['DOCKER_CERT_PATH'] ?? '', 'ca.pem');
		return new ConnectionSettingsError(`${caFile} is not a PEM certificate (it has no BEGIN CERTIFICATE line). Put the CA certificate of the daemon there, as for \`docker --tlsverify\`.`);
	}

	if (error instanceof Error && /DOCKER_HOST/.test(error.message)) {
		const source = options.context === undefined ? (options.host === undefined ? 'DOCKER_HOST' : '--host') : `The docker endpoint of context ${options.context}`;
		return new ConnectionSettingsError(`${source} is ${describeTarget({...options, context: undefined})}, which is not an address swarmdeck understands: write it as unix:///var/run/docker.sock, tcp://host:2376 or ssh://user@host.`);
	}

	return error instanceof Error ? error : new Error(String(error));
}
