import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {contextDirectoryName, contextEndpoint, listContexts, resolveEndpoint} from '../../../source/swarm/context.js';

/** A docker config folder with these contexts, `current` in config.json. */
function dockerConfig(contexts: Record<string, string | object>, current?: string, {tls = [] as string[]} = {}): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'docker-config-'));
	for (const [name, meta] of Object.entries(contexts)) {
		const folder = path.join(directory, 'contexts', 'meta', contextDirectoryName(name));
		mkdirSync(folder, {recursive: true});
		writeFileSync(path.join(folder, 'meta.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
	}

	for (const name of tls) {
		const folder = path.join(directory, 'contexts', 'tls', contextDirectoryName(name), 'docker');
		mkdirSync(folder, {recursive: true});
		for (const file of ['ca.pem', 'cert.pem', 'key.pem']) {
			writeFileSync(path.join(folder, file), '');
		}
	}

	if (current !== undefined) {
		writeFileSync(path.join(directory, 'config.json'), JSON.stringify({currentContext: current}));
	}

	return directory;
}

const context = (name: string, host: string, extra: object = {}) => ({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: false, ...extra}}});

describe('resolveEndpoint', () => {
	it('follows the CLI\'s order: --host or --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the default', () => {
		const config = dockerConfig({prod: context('prod', 'ssh://admin@10.0.0.5'), staging: context('staging', 'tcp://10.0.0.6:2375'), lab: context('lab', 'unix:///run/lab.sock')}, 'lab');
		const env = {DOCKER_CONFIG: config};
		expect(() => resolveEndpoint({host: 'unix:///a.sock', context: 'prod', env})).toThrow('--host and --context both name a daemon: give one of them, as docker asks.');
		expect(resolveEndpoint({host: 'unix:///a.sock', env: {...env, DOCKER_HOST: 'unix:///b.sock', DOCKER_CONTEXT: 'prod'}}).host).toBe('unix:///a.sock');
		expect(resolveEndpoint({context: 'prod', env: {...env, DOCKER_HOST: 'unix:///b.sock'}})).toMatchObject({host: 'ssh://admin@10.0.0.5', context: 'prod'});
		expect(resolveEndpoint({env: {...env, DOCKER_HOST: 'unix:///b.sock', DOCKER_CONTEXT: 'staging'}}).host).toBe('unix:///b.sock');
		expect(resolveEndpoint({context: 'prod', env: {...env, DOCKER_CONTEXT: 'staging'}})).toMatchObject({host: 'ssh://admin@10.0.0.5', context: 'prod'});
		expect(resolveEndpoint({env: {...env, DOCKER_CONTEXT: 'staging'}})).toMatchObject({host: 'tcp://10.0.0.6:2375', context: 'staging'});
		expect(resolveEndpoint({env})).toMatchObject({host: 'unix:///run/lab.sock', context: 'lab'});
		expect(resolveEndpoint({env: {DOCKER_CONFIG: dockerConfig({})}})).toEqual({env: {DOCKER_CONFIG: expect.any(String)}});
		expect(resolveEndpoint({env: {...env, DOCKER_CONTEXT: 'default'}}).host).toBeUndefined();
	});

	it('finds a context whose name needs hashing, and uses its TLS material', () => {
		const name = 'prod/eu west ☁';
		const config = dockerConfig({[name]: context(name, 'tcp://10.0.0.7:2376')}, name, {tls: [name]});
		const endpoint = resolveEndpoint({env: {DOCKER_CONFIG: config, DOCKER_TLS_VERIFY: '', DOCKER_CERT_PATH: '/elsewhere'}});
		expect(endpoint.host).toBe('tcp://10.0.0.7:2376');
		expect(endpoint.env['DOCKER_TLS_VERIFY']).toBe('1');
		expect(endpoint.env['DOCKER_CERT_PATH']).toBe(path.join(config, 'contexts', 'tls', contextDirectoryName(name), 'docker'));
	});

	it('says which context is missing, and which file is not JSON', () => {
		const config = dockerConfig({broken: '{"Name": "broken",'}, 'gone');
		expect(() => resolveEndpoint({env: {DOCKER_CONFIG: config}})).toThrow(/^There is no docker context named "gone" \(looked for .*meta\.json\)\. `docker context ls` lists them\.$/);
		expect(() => resolveEndpoint({context: 'broken', env: {DOCKER_CONFIG: config}})).toThrow(/meta\.json, context broken, is not valid JSON/);
		const badConfig = mkdtempSync(path.join(tmpdir(), 'docker-config-'));
		writeFileSync(path.join(badConfig, 'config.json'), 'not json');
		expect(() => resolveEndpoint({env: {DOCKER_CONFIG: badConfig}})).toThrow(/config\.json, the docker CLI's config, is not valid JSON/);
	});

	it('wants a docker endpoint in the context', () => {
		const config = dockerConfig({empty: {Name: 'empty', Endpoints: {}}});
		expect(() => resolveEndpoint({context: 'empty', env: {DOCKER_CONFIG: config}})).toThrow(/^Context empty has no docker endpoint/);
	});
});

describe('the contexts :context lists and switches to', () => {
	it('lists default first, then the store by name, leaving out a meta.json that is not JSON', () => {
		const config = dockerConfig({'prod eu/1': context('prod eu/1', 'ssh://admin@10.0.0.5'), lab: context('lab', 'unix:///run/lab.sock'), broken: '{'});
		expect(listContexts({DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://10.0.0.9:2375'})).toEqual([
			{name: 'default', host: 'tcp://10.0.0.9:2375'},
			{name: 'lab', host: 'unix:///run/lab.sock'},
			{name: 'prod eu/1', host: 'ssh://admin@10.0.0.5'},
		]);
		expect(listContexts({DOCKER_CONFIG: path.join(config, 'none')})).toEqual([{name: 'default', host: 'unix:///var/run/docker.sock'}]);
	});

	it('takes the context named over DOCKER_HOST, which is what "default" means', () => {
		const config = dockerConfig({lab: context('lab', 'unix:///run/lab.sock')}, 'lab');
		const env = {DOCKER_CONFIG: config, DOCKER_HOST: 'tcp://10.0.0.9:2375'};
		expect(contextEndpoint('lab', env)).toMatchObject({host: 'unix:///run/lab.sock', context: 'lab'});
		expect(contextEndpoint('default', env)).toMatchObject({host: 'tcp://10.0.0.9:2375'});
		expect(contextEndpoint('default', {DOCKER_CONFIG: config})).toEqual({env: {DOCKER_CONFIG: config}});
	});
});
