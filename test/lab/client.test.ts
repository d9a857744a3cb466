// The client layer against the real lab swarm: each write, then the swarm read back with
// the docker CLI, which knows nothing of swarmdeck.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ReadOnlyError, ValidationError} from '../../source/swarm/errors.js';
import type {SwarmEvent} from '../../source/swarm/types.js';
import {createService, docker, inspectJson, labClient, removeService, runningTaskIds, waitConverged, waitFor} from '../support/lab.js';

const client = labClient();
const hasher = 'it-hasher';
const web = 'it-web';
const whoami = 'it-whoami';
const global = 'it-agent';

beforeAll(async () => {
	await Promise.all([
		createService(hasher, ['--replicas', '1'], 'dockercoins/hasher:v0.1'),
		createService(web, ['--replicas', '2'], 'swarmdeck/vote:latest'),
		createService(global, ['--mode', 'global'], 'swarmdeck/agent:1.0'),
	]);
});

afterAll(async () => {
	await Promise.all([hasher, web, whoami, global].map(async name => removeService(name)));
});

describe('reads', () => {
	it('lists services with running/desired counts, mode and image', async () => {
		const services = await client.listServices();
		const found = services.find(service => service.name === web);
		expect(found).toMatchObject({mode: 'replicated', replicas: 2, runningTasks: 2, desiredTasks: 2, image: 'swarmdeck/vote:latest'});
		expect(services.find(service => service.name === global)).toMatchObject({mode: 'global', replicas: undefined, desiredTasks: 3});
	});

	it('lists tasks and nodes with hostnames', async () => {
		const service = await client.inspectService(web);
		const tasks = await client.listTasks(service.id);
		expect(tasks.filter(task => task.desiredState === 'running')).toHaveLength(2);
		expect(tasks.every(task => task.serviceId === service.id)).toBe(true);
		const nodes = await client.listNodes();
		expect(nodes.map(node => node.hostname).sort()).toEqual(['node1', 'node2', 'node3']);
		expect(nodes.find(node => node.hostname === 'node1')).toMatchObject({role: 'manager', isLeader: true, state: 'ready'});
	});
});

describe('writes', () => {
	it('scales to 7 and returns the docker command', async () => {
		const result = await client.scale(hasher, '7');
		expect(result.command).toBe(`docker service scale ${hasher}=7`);
		expect((await inspectJson(hasher)).Spec.Mode.Replicated.Replicas).toBe(7);
		await waitConverged(hasher);
		expect(await runningTaskIds(hasher)).toHaveLength(7);
	});

	it('sets parallelism 2 and max failure ratio 0.25 without replacing any task', async () => {
		const before = await runningTaskIds(web);
		const result = await client.setPolicies(web, {update: {parallelism: '2', maxFailureRatio: '0.25'}});
		expect(result.command).toBe(`docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 ${web}`);
		expect(result.replacesNoTask).toBe(true);
		const config = (await inspectJson(web)).Spec.UpdateConfig;
		expect(config).toMatchObject({Parallelism: 2, MaxFailureRatio: 0.25, FailureAction: 'pause', Order: 'stop-first'});
		// Give the orchestrator time to replace tasks if it were going to.
		await new Promise(resolve => {
			setTimeout(resolve, 3000);
		});
		expect(await runningTaskIds(web)).toEqual(before);
	});

	it('sets rollback policy fields with their own flags', async () => {
		// On the global service: a 90 s rollback delay would slow the rollback test on web.
		const result = await client.setPolicies(global, {rollback: {delay: '1m30s', failureAction: 'continue'}});
		expect(result.command).toBe(`docker service update --rollback-delay 1m30s --rollback-failure-action continue ${global}`);
		expect((await inspectJson(global)).Spec.RollbackConfig).toMatchObject({Delay: 90_000_000_000, FailureAction: 'continue'});
	});

	it('changes the image, then rolls back: image restored and PreviousSpec swapped', async () => {
		const result = await client.setImage(web, 'swarmdeck/vote:indent');
		expect(result.command).toBe(`docker service update --no-resolve-image --image swarmdeck/vote:indent ${web}`);
		let inspected = await inspectJson(web);
		expect(inspected.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:indent');
		expect(inspected.PreviousSpec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
		await waitFor('the image update to complete', async () => (await inspectJson(web)).UpdateStatus?.State === 'completed');

		const rollback = await client.rollback(web);
		expect(rollback.command).toBe(`docker service rollback ${web}`);
		expect(rollback.summary).toContain('swarmdeck/vote:indent → swarmdeck/vote:latest');
		inspected = await inspectJson(web);
		expect(inspected.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
		expect(inspected.PreviousSpec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:indent');
		await waitFor('the rollback to complete', async () => (await inspectJson(web)).UpdateStatus?.State === 'rollback_completed');
		await waitConverged(web);
		const images = await docker(['service', 'ps', web, '--filter', 'desired-state=running', '--format', '{{.Image}}']);
		expect(images.split('\n').every(image => image === 'swarmdeck/vote:latest')).toBe(true);
	});

	it('forces a redeploy that replaces every task', async () => {
		await waitConverged(hasher);
		const before = await runningTaskIds(hasher);
		const result = await client.forceRedeploy(hasher);
		expect(result.command).toBe(`docker service update --force ${hasher}`);
		expect((await inspectJson(hasher)).Spec.TaskTemplate.ForceUpdate).toBe(1);
		const after = await waitFor('every task to be replaced', async () => {
			const ids = await runningTaskIds(hasher);
			return ids.length === before.length && ids.every(id => !before.includes(id)) ? ids : undefined;
		}, 150_000, 1000);
		expect(after).toHaveLength(7);
	});

	it('whoami-style service: updating to the broken 2.0 rolls back by itself', async () => {
		await createService(whoami, ['--replicas', '2', '--update-failure-action', 'rollback', '--update-delay', '1s', '--update-monitor', '5s'], 'swarmdeck/whoami:1.0');
		await client.setImage(whoami, 'swarmdeck/whoami:2.0');
		const status = await waitFor('rollback_completed', async () => {
			const updateStatus = (await inspectJson(whoami)).UpdateStatus;
			return updateStatus?.State === 'rollback_completed' ? updateStatus : undefined;
		}, 150_000, 1000);
		expect(status.Message).toMatch(/rollback completed/);
		const service = await client.inspectService(whoami);
		expect(service.image).toBe('swarmdeck/whoami:1.0');
		expect(service.updateStatus?.state).toBe('rollback_completed');
		// An automatic rollback leaves nothing to roll back to.
		expect(service.hasPreviousSpec).toBe(false);
	});
});

describe('refusals send nothing', () => {
	it('rejects bad input before any request, leaving the spec version untouched', async () => {
		const version = (await inspectJson(hasher)).Version.Index;
		await expect(client.scale(hasher, 'abc')).rejects.toThrow(ValidationError);
		await expect(client.setPolicies(hasher, {update: {delay: '10x'}})).rejects.toThrow(/update-delay/);
		await expect(client.setPolicies(hasher, {update: {maxFailureRatio: '1.5'}})).rejects.toThrow(/0 to 1/);
		await expect(client.setImage(hasher, 'Not A Valid:Image')).rejects.toThrow(ValidationError);
		expect((await inspectJson(hasher)).Version.Index).toBe(version);
	});

	it('refuses to scale a global service with the CLI reason', async () => {
		const version = (await inspectJson(global)).Version.Index;
		await expect(client.scale(global, '3')).rejects.toThrow(/scale can only be used with replicated or replicated-job mode/);
		expect((await inspectJson(global)).Version.Index).toBe(version);
	});

	it('refuses a rollback when there is no previous spec', async () => {
		await createService('it-fresh', ['--replicas', '1'], 'swarmdeck/agent:1.0');
		try {
			const version = (await inspectJson('it-fresh')).Version.Index;
			await expect(client.rollback('it-fresh')).rejects.toThrow(/it-fresh has no previous spec: there is nothing to roll back to/);
			expect((await inspectJson('it-fresh')).Version.Index).toBe(version);
		} finally {
			await removeService('it-fresh');
		}
	});

	it('refuses every write in read-only mode', async () => {
		const readOnly = labClient({readOnly: true});
		const version = (await inspectJson(hasher)).Version.Index;
		await expect(readOnly.scale(hasher, '2')).rejects.toThrow(ReadOnlyError);
		await expect(readOnly.setImage(hasher, 'dockercoins/hasher:v0.2')).rejects.toThrow(ReadOnlyError);
		await expect(readOnly.forceRedeploy(hasher)).rejects.toThrow(ReadOnlyError);
		await expect(readOnly.rollback(hasher)).rejects.toThrow(ReadOnlyError);
		await expect(readOnly.setPolicies(hasher, {update: {parallelism: '3'}})).rejects.toThrow(ReadOnlyError);
		expect((await inspectJson(hasher)).Version.Index).toBe(version);
		// Reads still work.
		expect((await readOnly.listServices()).length).toBeGreaterThan(0);
	});
});

describe('events', () => {
	it('streams a service update event with its replicas change', async () => {
		const controller = new AbortController();
		const seen: SwarmEvent[] = [];
		const reading = (async () => {
			for await (const event of client.events(controller.signal)) {
				seen.push(event);
				if (event.name === hasher && event.attributes['replicas.new'] === '2') {
					break;
				}
			}
		})();
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		await client.scale(hasher, '2');
		await waitFor('the event', async () => seen.some(event => event.name === hasher && event.attributes['replicas.new'] === '2'), 15_000, 100);
		controller.abort();
		await reading;
		const event = seen.find(candidate => candidate.name === hasher && candidate.attributes['replicas.new'] === '2')!;
		expect(event).toMatchObject({type: 'service', action: 'update'});
		expect(event.attributes['replicas.old']).toBe('7');
	});
});

describe('events since', () => {
	it('replays an event that happened before the stream opened', async () => {
		const before = new Date(Date.now() - 1000);
		await client.scale(hasher, '3');
		const controller = new AbortController();
		const seen: SwarmEvent[] = [];
		for await (const event of client.events(controller.signal, {since: before})) {
			seen.push(event);
			if (event.name === hasher && event.attributes['replicas.new'] === '3') {
				break;
			}
		}

		controller.abort();
		expect(seen.some(event => event.name === hasher && event.attributes['replicas.new'] === '3')).toBe(true);
	});
});

describe('preflight', () => {
	it('accepts the manager', async () => {
		expect(await client.preflight()).toMatchObject({ok: true, nodeName: 'node1'});
	});

	it('explains a worker node', async () => {
		const result = await labClient({node: 'node2'}).preflight();
		expect(result).toMatchObject({ok: false, problem: 'worker'});
		expect(!result.ok && result.message).toMatch(/node2 .* is a swarm worker.*manager/);
	});

	it('explains a daemon that is not in a swarm', async () => {
		const result = await labClient({node: 'solo'}).preflight();
		expect(result).toMatchObject({ok: false, problem: 'inactive'});
		expect(!result.ok && result.message).toMatch(/not part of a swarm.*docker swarm init/);
	});

	it('explains a daemon that cannot be reached', async () => {
		const {createSwarmClient} = await import('../../source/swarm/client.js');
		const result = await createSwarmClient({host: 'unix:///run/swarmdeck-lab/nothing-here.sock'}).preflight();
		expect(result).toMatchObject({ok: false, problem: 'unreachable'});
		expect(!result.ok && result.message).toMatch(/Cannot reach the Docker daemon at unix:\/\/\/run\/swarmdeck-lab\/nothing-here.sock/);
	});

	it('the worker itself answers /services with 503: the client turns it into words', async () => {
		await expect(labClient({node: 'node2'}).listServices()).rejects.toThrow(/not a swarm manager/);
	});
});
