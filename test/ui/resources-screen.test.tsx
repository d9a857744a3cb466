// The secrets, configs and networks screens over the real client, with an in-memory daemon:
// each object with the services that use it, Enter lists those services, and nothing but
// the lists is asked for (a secret's data never is).
import {afterEach, describe, expect, it} from 'vitest';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {rowOf, squeeze, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const created = '2026-11-21T10:00:00Z';

function spec(name: string, template: Record<string, unknown>, extra: Partial<RawServiceSpec> = {}): RawServiceSpec {
	return {Name: name, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:1.0', ...template['ContainerSpec'] as object}, ...template}, Mode: {Replicated: {Replicas: 1}}, ...extra};
}

function swarm() {
	const vote = makeService({name: 'vote', id: 'id-vote', spec: spec('vote', {ContainerSpec: {Secrets: [{SecretID: 'sec-db', SecretName: 'db_password', File: {Name: 'db_password'}}]}, Networks: [{Target: 'net-front'}]}), ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 5000, publishMode: 'ingress'}]});
	const worker = makeService({name: 'worker', id: 'id-worker', spec: spec('worker', {ContainerSpec: {Secrets: [{SecretID: 'sec-db', SecretName: 'db_password'}], Configs: [{ConfigID: 'cfg-app', ConfigName: 'app.conf'}]}, Networks: [{Target: 'net-front'}]})});
	const redis = makeService({name: 'redis', id: 'id-redis'});
	return {
		services: [vote, worker, redis],
		secrets: [
			{ID: 'sec-db', CreatedAt: created, UpdatedAt: created, Spec: {Name: 'db_password', Labels: {}}},
			// A name with an escape sequence in it: shown inert.
			{ID: 'sec-unused', CreatedAt: created, UpdatedAt: created, Spec: {Name: 'api\u001B[2Jkey', Labels: {}}},
		],
		configs: [{ID: 'cfg-app', CreatedAt: created, UpdatedAt: created, Spec: {Name: 'app.conf', Labels: {}, Data: 'c2VjcmV0LWxvb2tpbmc='}}],
		networks: [
			{Id: 'net-front', Name: 'front', Driver: 'overlay', Scope: 'swarm', Created: created},
			{Id: 'net-ingress', Name: 'ingress', Driver: 'overlay', Scope: 'swarm', Ingress: true, Created: created},
			{Id: 'net-bridge', Name: 'bridge', Driver: 'bridge', Scope: 'local', Created: created},
		],
	};
}

describe('the secrets, configs and networks screens', () => {
	it('lists each secret with the services that use it, and Enter lists only those services', async () => {
		const {ui} = await startApp({...swarm(), waitFor: 'vote'});
		await ui.press(':');
		await ui.type('secrets');
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('db_password'));
		expect(squeeze(frame.split('\n').find(line => line.startsWith('NAME'))!)).toBe('NAME ID CREATED UPDATED SERVICES');
		expect(squeeze(rowOf(frame, 'db_password')!)).toMatch(/^db_password sec-db \d+ \w+ ago \d+ \w+ ago 2: vote, worker$/);
		expect(squeeze(rowOf(frame, 'api␛[2Jkey')!)).toMatch(/ sec-unused .* -$/);
		expect(frame).not.toContain('\u001B[2J');
		// By name: the cursor starts on api…key, db_password is next.
		await ui.press('j');
		await ui.press(keys.enter);
		const listed = await waitForFrame(ui, text => text.includes('using secret db_password'));
		expect(rowOf(listed, 'vote')).toBeDefined();
		expect(rowOf(listed, 'worker')).toBeDefined();
		expect(rowOf(listed, 'redis')).toBeUndefined();
		await ui.press(keys.escape);
		await waitForFrame(ui, text => rowOf(text, 'redis') !== undefined && !text.includes('using secret'));
	});

	it('lists configs and networks from the palette, the ingress network with the services that publish through it', async () => {
		const {ui} = await startApp({...swarm(), waitFor: 'vote'});
		await ui.press(':');
		await ui.type('configs');
		await ui.press(keys.enter);
		const configs = await waitForFrame(ui, text => text.includes('app.conf'));
		expect(squeeze(rowOf(configs, 'app.conf')!)).toMatch(/1: worker$/);
		expect(configs).not.toContain('c2VjcmV0');
		await ui.press(':');
		await ui.type('networks');
		await ui.press(keys.enter);
		const networks = await waitForFrame(ui, text => text.includes('ingress'));
		expect(squeeze(networks.split('\n').find(line => line.startsWith('NAME'))!)).toBe('NAME ID DRIVER SCOPE SERVICES');
		expect(squeeze(rowOf(networks, 'front')!)).toBe('front net-front overlay swarm 2: vote, worker');
		expect(squeeze(rowOf(networks, 'ingress')!)).toBe('ingress net-ingress overlay swarm 1: vote');
		expect(squeeze(rowOf(networks, 'bridge')!)).toBe('bridge net-bridge bridge local -');
		// j twice: to ingress (bridge, front, ingress by name), in one burst.
		await ui.burst('j', 'j');
		await waitForFrame(ui, () => true);
		await ui.press(keys.enter);
		const listed = await waitForFrame(ui, text => text.includes('using network ingress'));
		expect(rowOf(listed, 'vote')).toBeDefined();
		expect(rowOf(listed, 'worker')).toBeUndefined();
	});

	it('says so when there is none', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote'})], waitFor: 'vote'});
		await ui.press(':');
		await ui.type('secrets');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('This swarm has no secrets (docker secret ls lists none).'));
	});
});
