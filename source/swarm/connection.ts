import Docker from 'dockerode';

export type ConnectionOptions = {
	/** Like `docker -H`: overrides DOCKER_HOST. */
	host?: string;
	env?: NodeJS.ProcessEnv;
};

const defaultSocket = 'unix:///var/run/docker.sock';

/** The address we talk to, as a person would write it in DOCKER_HOST. */
export function describeTarget({host, env = process.env}: ConnectionOptions = {}): string {
	return host ?? (env['DOCKER_HOST'] || defaultSocket);
}

/**
 * A dockerode client for --host or the environment. docker-modem already parses DOCKER_HOST
 * (unix, tcp, ssh), DOCKER_TLS_VERIFY and DOCKER_CERT_PATH exactly as the CLI documents them,
 * but only from process.env; so a --host is handed to it through DOCKER_HOST for the length
 * of the constructor call rather than parsed a second time here.
 */
export function createDocker({host, env = process.env}: ConnectionOptions = {}): Docker {
	const saved = process.env;
	process.env = host === undefined ? env : {...env, DOCKER_HOST: host};
	try {
		return new Docker();
	} finally {
		process.env = saved;
	}
}
