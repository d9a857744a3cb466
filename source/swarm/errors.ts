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

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EACCES']);

/** True when the error means the daemon could not be reached at all. */
export function isConnectionError(error: unknown): boolean {
	const code = (error as ModemError | undefined)?.code;
	return typeof code === 'string' && connectionErrorCodes.has(code);
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
		const code = (error as ModemError).code;
		return new DockerError(
			`Cannot reach the Docker daemon at ${target} (${code}). Is dockerd running there? Set DOCKER_HOST or --host to a swarm manager.`,
			undefined,
			true,
		);
	}

	const statusCode = (error as ModemError)?.statusCode;
	return new DockerError(daemonMessage(error), statusCode);
}

/** The error says the spec version we sent is stale: inspect again and retry. */
export function isOutOfSequence(error: unknown): boolean {
	return /update out of sequence/i.test(daemonMessage(error));
}
