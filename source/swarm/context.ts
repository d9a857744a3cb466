// Which daemon to talk to, decided as the docker CLI decides it: --host, then DOCKER_HOST,
// then --context or DOCKER_CONTEXT, then the current context in the CLI's config file, then
// the default socket. A context is read from the CLI's own store, so `docker context use
// prod` means the same to swarmdeck as to docker.
import {createHash} from 'node:crypto';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {ConnectionSettingsError} from './errors.js';

export type Endpoint = {
	/** The daemon's address, as DOCKER_HOST would give it; undefined for the default socket. */
	host?: string;
	/** The context it came from, when it came from one. */
	context?: string;
	/** The environment docker-modem is built from: a context's TLS material is set here. */
	env: NodeJS.ProcessEnv;
};

/** The docker CLI's config folder: DOCKER_CONFIG, or ~/.docker. */
export function dockerConfigDirectory(env: NodeJS.ProcessEnv): string {
	return env['DOCKER_CONFIG'] || join(env['HOME'] || homedir(), '.docker');
}

/** The store names a context's folder by the SHA-256 of its name, which may hold any character. */
export function contextDirectoryName(name: string): string {
	return createHash('sha256').update(name).digest('hex');
}

function readJson(path: string, what: string): unknown {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		throw new ConnectionSettingsError(`Cannot read ${path}, ${what} (${(error as {code?: string}).code ?? 'error'}).`);
	}

	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ConnectionSettingsError(`${path}, ${what}, is not valid JSON. Fix it, or pick another context with \`docker context use\`.`);
	}
}

/** The context named by --context, DOCKER_CONTEXT or the config file; undefined means the default. */
function contextName(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
	const named = flag ?? env['DOCKER_CONTEXT'];
	if (named !== undefined && named !== '') {
		return named;
	}

	const configFile = join(dockerConfigDirectory(env), 'config.json');
	if (!existsSync(configFile)) {
		return undefined;
	}

	const config = readJson(configFile, 'the docker CLI\'s config') as {currentContext?: unknown} | null;
	return typeof config?.currentContext === 'string' && config.currentContext !== '' ? config.currentContext : undefined;
}

type ContextMeta = {Name?: string; Endpoints?: {docker?: {Host?: string; SkipTLSVerify?: boolean}}};

/** Resolves the endpoint as the docker CLI does, or throws a ConnectionSettingsError that says what to fix. */
export function resolveEndpoint({host, context, env = process.env}: {host?: string; context?: string; env?: NodeJS.ProcessEnv}): Endpoint {
	// The docker CLI's order, checked against it: --host and --context together are refused;
	// --context wins over DOCKER_HOST, which wins over DOCKER_CONTEXT and `docker context use`.
	if (host !== undefined && context !== undefined) {
		throw new ConnectionSettingsError('--host and --context both name a daemon: give one of them, as docker asks.');
	}

	if (host !== undefined) {
		return {host, env};
	}

	if (context === undefined && env['DOCKER_HOST']) {
		return {host: env['DOCKER_HOST'], env};
	}

	const name = contextName(context, env);
	// "default" is the CLI's name for DOCKER_HOST or the default socket, never in the store.
	if (name === undefined || name === 'default') {
		return env['DOCKER_HOST'] ? {host: env['DOCKER_HOST'], env} : {env};
	}

	const store = join(dockerConfigDirectory(env), 'contexts');
	const directory = contextDirectoryName(name);
	const metaFile = join(store, 'meta', directory, 'meta.json');
	if (!existsSync(metaFile)) {
		throw new ConnectionSettingsError(`There is no docker context named "${name}" (looked for ${metaFile}). \`docker context ls\` lists them.`);
	}

	const meta = readJson(metaFile, `context ${name}`) as ContextMeta | null;
	const endpoint = meta?.Endpoints?.docker;
	if (!endpoint?.Host) {
		throw new ConnectionSettingsError(`Context ${name} has no docker endpoint in ${metaFile}. Set one with \`docker context update ${name} --docker host=…\`.`);
	}

	const contextEnv: NodeJS.ProcessEnv = {...env};
	delete contextEnv['DOCKER_TLS_VERIFY'];
	delete contextEnv['DOCKER_CERT_PATH'];
	// TLS material, when the context has any, is where `docker context create --docker ca=…` put it.
	const tls = join(store, 'tls', directory, 'docker');
	if (existsSync(tls) && !endpoint.SkipTLSVerify) {
		contextEnv['DOCKER_TLS_VERIFY'] = '1';
		contextEnv['DOCKER_CERT_PATH'] = tls;
	}

	return {host: endpoint.Host, context: name, env: contextEnv};
}

export type ContextEntry = {name: string; host: string};

/**
 * The contexts `docker context ls` lists: "default" (DOCKER_HOST or the default socket), then
 * those of the store by name. A context whose meta.json cannot be read is left out; using
 * it by name says why.
 */
export function listContexts(env: NodeJS.ProcessEnv = process.env): ContextEntry[] {
	const meta = join(dockerConfigDirectory(env), 'contexts', 'meta');
	const stored: ContextEntry[] = [];
	let directories: string[] = [];
	try {
		directories = readdirSync(meta);
	} catch {
		// No store: only the default context.
	}

	for (const directory of directories) {
		try {
			const parsed = JSON.parse(readFileSync(join(meta, directory, 'meta.json'), 'utf8')) as ContextMeta | null;
			if (typeof parsed?.Name === 'string' && parsed.Name !== 'default') {
				stored.push({name: parsed.Name, host: parsed.Endpoints?.docker?.Host ?? ''});
			}
		} catch {
			// Unreadable: see above.
		}
	}

	stored.sort((a, b) => a.name.localeCompare(b.name));
	return [{name: 'default', host: env['DOCKER_HOST'] || 'unix:///var/run/docker.sock'}, ...stored];
}

/**
 * The endpoint of a context chosen inside swarmdeck: the name decides, as `docker --context`
 * does; DOCKER_HOST is what "default" means.
 */
export function contextEndpoint(name: string, env: NodeJS.ProcessEnv = process.env): Endpoint {
	if (name === 'default') {
		return resolveEndpoint({context: name, env});
	}

	const withoutHost: NodeJS.ProcessEnv = {...env};
	delete withoutHost['DOCKER_HOST'];
	return resolveEndpoint({context: name, env: withoutHost});
}
