// Errors that swarmdeck shows to a person. Each carries a sentence meant to be read on
// screen as it is; none of them is a stack trace.
import {inert} from '../text/inert.js';

/** Input that breaks a rule: names the field and the rule, and nothing was sent. */
export class ValidationError extends Error {
	override name = 'ValidationError';
	constructor(
		readonly field: string,
		readonly rule: string,
	) {
		super(`${field}: ${rule}`);
	}

	/** The rule alone as a sentence, where the field is plain from where it is shown (its own form). */
	get sentence(): string {
		return `${this.rule.charAt(0).toUpperCase()}${this.rule.slice(1)}${/[.!?]$/.test(this.rule) ? '' : '.'}`;
	}
}

/** A write attempted while swarmdeck runs with --read-only. */
export class ReadOnlyError extends Error {
	override name = 'ReadOnlyError';
	constructor(action: string) {
		super(`Read-only mode: ${action} is disabled (swarmdeck was started with --read-only). Nothing was sent.`);
	}
}

/** The daemon or the connection failed: `message` is already in words. */
export class DockerError extends Error {
	override name = 'DockerError';
	constructor(
		message: string,
		readonly statusCode?: number,
		readonly unreachable = false,
	) {
		super(message);
	}
}

type ModemError = Error & {
	statusCode?: number;
	json?: unknown;
	code?: string;
	address?: string;
	reason?: string;
};

/** DOCKER_HOST, --host or DOCKER_CERT_PATH cannot work as given: nothing was sent. */
export class ConnectionSettingsError extends Error {
	override name = 'ConnectionSettingsError';
}

export type SshFailure = 'no-ssh' | 'host-key' | 'login' | 'unreachable' | 'no-docker' | 'lost';

/** ssh could not carry a request: what stood in the way, and ssh's own last words. */
export class SshConnectionError extends Error {
	override name = 'SshConnectionError';
	constructor(
		readonly failure: SshFailure,
		readonly detail: string,
		readonly command: string,
	) {
		super(detail);
	}
}

/** The sentence for an ssh failure, naming the target as the rest of swarmdeck names it. */
function sshFailureMessage(error: SshConnectionError, target: string): string {
	// ssh passes on what the remote shell wrote: the host's words, so made inert.
	const detail = inert(oneLine(error.detail));
	switch (error.failure) {
		case 'no-ssh': {
			return `${target} is reached with the system's ssh, and there is no \`ssh\` on PATH: install the OpenSSH client.`;
		}

		case 'host-key': {
			return `ssh does not know the host key of ${target}, or it has changed (${detail}): run \`${error.command}\` once to check and accept it, then start swarmdeck again.`;
		}

		case 'login': {
			return `ssh could not log in to ${target} (${detail}): run \`${error.command}\` to check that it accepts your key (ssh-add, ~/.ssh/config), then start swarmdeck again.`;
		}

		case 'no-docker': {
			return `${target} answered over ssh, but \`docker system dial-stdio\` failed there (${detail}): the docker CLI must be installed on that host for the ssh user.`;
		}

		case 'unreachable': {
			return `Cannot reach ${target} over ssh (${detail}): check that \`${error.command}\` works.`;
		}

		case 'lost': {
			return `The ssh connection to ${target} failed (${detail}): check that \`${error.command}\` works.`;
		}
	}
}

const connectionErrorCodes = new Set([
	'ECONNREFUSED',
	'ENOENT',
	'ECONNRESET',
	'ECONNABORTED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EHOSTDOWN',
	'ETIMEDOUT',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EACCES',
	'EPERM',
]);

const permissionCodes = new Set(['EACCES', 'EPERM']);

/** True when the error means the daemon could not be reached at all. */
export function isConnectionError(error: unknown): boolean {
	const {code} = (error ?? {}) as ModemError;
	return (typeof code === 'string' && connectionErrorCodes.has(code))
		|| error instanceof SshConnectionError
		|| isTlsError(error);
}

/** OpenSSL and Node's TLS layer: a certificate that is refused, or a peer that does not speak TLS. */
function isTlsError(error: unknown): boolean {
	const code = (error as ModemError | undefined)?.code ?? '';
	return /^(ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)|^EPROTO$/.test(code);
}

/** The sentence for a daemon that could not be reached, by what stood in the way. */
function unreachableMessage(error: ModemError | SshConnectionError, target: string): string {
	if (error instanceof SshConnectionError) {
		return sshFailureMessage(error, target);
	}

	const {code} = error;
	const detail = oneLine(error.message);
	if (code !== undefined && permissionCodes.has(code)) {
		return target.startsWith('unix://')
			? `Permission denied on ${target.slice('unix://'.length)}: this user may not use the Docker daemon. Add the user to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run swarmdeck with sudo.`
			: `This system does not allow a connection to ${target} (${code}): a firewall or security policy stands in the way.`;
	}

	if (isTlsError(error)) {
		return `The TLS connection to ${target} failed (${detail}). Check that it speaks TLS and that ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH belong to it.`;
	}

	return `Cannot reach the Docker daemon at ${target} (${code}). Is dockerd running there? Set DOCKER_HOST or --host to a swarm manager.`;
}

/** An error's text on one line, for a sentence that names the cause. */
function oneLine(text: string): string {
	return text.replaceAll(/\s+/g, ' ').trim().replace(/\.$/, '');
}

/**
 * The daemon's own words for a failed request, made inert: they often quote a name, label or
 * path that anyone with API access chose. docker-modem labels any status it does not know
 * (400, 409, 503) as "unexpected", which tells a person nothing; the JSON body has the real
 * message.
 */
export function daemonMessage(error: unknown): string {
	return inert(rawDaemonMessage(error));
}

function rawDaemonMessage(error: unknown): string {
	const modemError = error as ModemError;
	const json = modemError?.json;
	if (json && typeof json === 'object' && 'message' in json && typeof json.message === 'string') {
		return json.message;
	}

	if (typeof json === 'string' && json.trim() !== '') {
		return json.trim();
	}

	if (Buffer.isBuffer(json) && json.length > 0) {
		return json.toString('utf8').trim();
	}

	return modemError?.message ?? String(error);
}

/** Turns whatever dockerode threw into a DockerError with a readable message. */
export function toDockerError(error: unknown, target: string): DockerError {
	if (error instanceof DockerError) {
		return error;
	}

	if (isConnectionError(error)) {
		return new DockerError(unreachableMessage(error as ModemError, target), undefined, true);
	}

	const statusCode = (error as ModemError)?.statusCode;
	return new DockerError(daemonMessage(error), statusCode);
}

/** The error says the spec version we sent is stale: inspect again and retry. */
export function isOutOfSequence(error: unknown): boolean {
	return /update out of sequence/i.test(daemonMessage(error));
}
