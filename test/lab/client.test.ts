// The client layer against the real lab swarm: each write, then the swarm read back with
// the docker CLI, which knows nothing of swarmdeck.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ReadOnlyError, ValidationError} from '../../source/swarm/errors.js';
import type {SwarmEvent} from '../../source/swarm/types.js';
import {serviceActionById} from '../../source/actions/index.js';
import {StaleWriteError} from '../../source/swarm/write.js';
import {perform} from '../support/actions.js';
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

describe('node reads and writes', () => {
	it('lists a node\'s tasks as docker node ps does, and every task meant to run', async () => {
		const nodes = await client.listNodes();
		const node2 = nodes.find(node => node.hostname === 'node2')!;
		expect(node2).toMatchObject({role: 'worker', availability: 'active', labels: {}});
		expect(node2.engineVersion).toMatch(/^20\.10/);
		const listed = (await docker(['node', 'ps', 'node2', '--format', '{{.ID}}', '--no-trunc'])).split('\n').filter(Boolean).sort();
		expect((await client.listTasksWhere({nodeId: node2.id})).map(task => task.id).sort()).toEqual(listed);
		const running = await client.listTasksWhere({desiredState: 'running'});
		expect(running.every(task => task.desiredState === 'running')).toBe(true);
		expect(running.some(task => task.nodeId === node2.id)).toBe(true);
	});

	it('labels node2 as decided, and refuses a decision made on the spec before that without sending', async () => {
		const node2 = (await client.listNodes()).find(node => node.hostname === 'node2')!;
		try {
			await client.writeNode({id: node2.id, hostname: 'node2'}, {kind: 'node', edit: {kind: 'labelAdd', key: 'it-client', value: 'yes'}, basis: {specDigest: node2.specDigest}});
			expect(JSON.parse(await docker(['node', 'inspect', 'node2', '--format', '{{json .Spec.Labels}}']))).toEqual({'it-client': 'yes'});
			// The spec read before the label is another one now.
			await expect(client.writeNode({id: node2.id, hostname: 'node2'}, {kind: 'node', edit: {kind: 'availability', availability: 'drain'}, basis: {specDigest: node2.specDigest}}, node2)).rejects.toThrow('node2 changed since you looked (its labels changed)');
			expect(await docker(['node', 'inspect', 'node2', '--format', '{{.Spec.Availability}}'])).toBe('active');
		} finally {
			await docker(['node', 'update', '--label-rm', 'it-client', 'node2']).catch(() => undefined);
		}
	});
});

describe('writes', () => {
	it('scales to 7 and returns the docker command', async () => {
		const {decision} = await perform(client, 'scale', hasher, {replicas: '7'});
		expect(decision.command).toBe(`docker service scale ${hasher}=7`);
		expect((await inspectJson(hasher)).Spec.Mode.Replicated.Replicas).toBe(7);
		await waitConverged(hasher);
		expect(await runningTaskIds(hasher)).toHaveLength(7);
	});

	it('sets parallelism 2 and max failure ratio 0.25 without replacing any task', async () => {
		const before = await runningTaskIds(web);
		const {decision} = await perform(client, 'policy', web, {'update.parallelism': '2', 'update.maxFailureRatio': '0.25'});
		expect(decision.command).toBe(`docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 ${web}`);
		expect(decision.summary).toContain('no task is replaced');
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
		const {decision} = await perform(client, 'policy', global, {'rollback.delay': '1m30s', 'rollback.failureAction': 'continue'});
		expect(decision.command).toBe(`docker service update --rollback-delay 1m30s --rollback-failure-action continue ${global}`);
		expect((await inspectJson(global)).Spec.RollbackConfig).toMatchObject({Delay: 90_000_000_000, FailureAction: 'continue'});
	});

	it('changes the image, then rolls back: image restored and PreviousSpec swapped', async () => {
		const {decision} = await perform(client, 'image', web, {image: 'swarmdeck/vote:indent'});
		expect(decision.command).toBe(`docker service update --no-resolve-image --image swarmdeck/vote:indent ${web}`);
		let inspected = await inspectJson(web);
		expect(inspected.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:indent');
		expect(inspected.PreviousSpec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
		await waitFor('the image update to complete', async () => (await inspectJson(web)).UpdateStatus?.State === 'completed');

		const rollback = (await perform(client, 'rollback', web)).decision;
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
		const {decision} = await perform(client, 'force', hasher);
		expect(decision.command).toBe(`docker service update --force ${hasher}`);
		expect((await inspectJson(hasher)).Spec.TaskTemplate.ForceUpdate).toBe(1);
		const after = await waitFor('every task to be replaced', async () => {
			const ids = await runningTaskIds(hasher);
			return ids.length === before.length && ids.every(id => !before.includes(id)) ? ids : undefined;
		}, 150_000, 1000);
		expect(after).toHaveLength(7);
	});

	it('whoami-style service: updating to the broken 2.0 rolls back by itself', async () => {
		await createService(whoami, ['--replicas', '2', '--update-failure-action', 'rollback', '--update-delay', '1s', '--update-monitor', '5s'], 'swarmdeck/whoami:1.0');
		await perform(client, 'image', whoami, {image: 'swarmdeck/whoami:2.0'});
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

describe('a write is bound to what the person saw', () => {
	const stale = 'it-stale';

	beforeAll(async () => {
		await createService(stale, ['--replicas', '2'], 'swarmdeck/vote:latest');
	});

	afterAll(async () => {
		await removeService(stale);
	});

	it('does not send a confirmed image change when someone changed the service after the question was shown', async () => {
		const shown = await client.inspectService(stale);
		const decision = serviceActionById('image')!.decide(shown, {image: 'swarmdeck/vote:indent'});
		expect(decision.confirm).toBe(true);
		// Another operator, meanwhile.
		await docker(['service', 'update', '--detach', '--label-add', 'changed=meanwhile', stale]);
		const version = (await inspectJson(stale)).Version.Index;
		const sending = client.writeService({id: shown.id, name: shown.name}, decision.write, shown.spec);
		await expect(sending).rejects.toThrow(StaleWriteError);
		await expect(sending).rejects.toThrow(/labels \(none\) → changed=meanwhile/);
		const after = await inspectJson(stale);
		expect(after.Version.Index).toBe(version);
		expect(after.Spec.TaskTemplate.ContainerSpec.Image).toBe('swarmdeck/vote:latest');
	});

	it('does not send a + whose count moved on since it was pressed', async () => {
		const shown = await client.inspectService(stale);
		const decision = serviceActionById('scaleUp')!.decide(shown, {});
		await docker(['service', 'scale', '--detach', `${stale}=5`]);
		await expect(client.writeService({id: shown.id, name: shown.name}, decision.write, shown.spec)).rejects.toThrow(/replicas is 5 now/);
		expect((await inspectJson(stale)).Spec.Mode.Replicated.Replicas).toBe(5);
	});

	it('does not roll back to a previous spec other than the one shown', async () => {
		const shown = await client.inspectService(stale);
		const decision = serviceActionById('rollback')!.decide(shown, {});
		await docker(['service', 'update', '--detach', '--update-delay', '3s', stale]);
		await expect(client.writeService({id: shown.id, name: shown.name}, decision.write, shown.spec)).rejects.toThrow(StaleWriteError);
		expect((await inspectJson(stale)).Spec.UpdateConfig.Delay).toBe(3_000_000_000);
	});

	it('sends a decision whose service changed only in ways it does not depend on', async () => {
		// A policy field remembers its own value only: a label added meanwhile is kept, not reverted.
		const shown = await client.inspectService(stale);
		const decision = serviceActionById('policy')!.decide(shown, {'update.parallelism': '2'});
		await docker(['service', 'update', '--detach', '--label-add', 'also=kept', stale]);
		await client.writeService({id: shown.id, name: shown.name}, decision.write, shown.spec);
		const after = await inspectJson(stale);
		expect(after.Spec.UpdateConfig.Parallelism).toBe(2);
		expect(after.Spec.Labels).toMatchObject({also: 'kept'});
	});
});

describe('refusals send nothing', () => {
	it('rejects bad input before any request, leaving the spec version untouched', async () => {
		const version = (await inspectJson(hasher)).Version.Index;
		await expect(perform(client, 'scale', hasher, {replicas: 'abc'})).rejects.toThrow(ValidationError);
		await expect(perform(client, 'policy', hasher, {'update.delay': '10x'})).rejects.toThrow(/update-delay/);
		await expect(perform(client, 'policy', hasher, {'update.maxFailureRatio': '1.5'})).rejects.toThrow(/0 to 1/);
		await expect(perform(client, 'image', hasher, {image: 'Not A Valid:Image'})).rejects.toThrow(ValidationError);
		expect((await inspectJson(hasher)).Version.Index).toBe(version);
	});

	it('refuses to scale a global service with the CLI reason', async () => {
		const version = (await inspectJson(global)).Version.Index;
		await expect(perform(client, 'scale', global, {replicas: '3'})).rejects.toThrow(/scale can only be used with replicated or replicated-job mode/);
		expect((await inspectJson(global)).Version.Index).toBe(version);
	});

	it('refuses a rollback when there is no previous spec', async () => {
		await createService('it-fresh', ['--replicas', '1'], 'swarmdeck/agent:1.0');
		try {
			const version = (await inspectJson('it-fresh')).Version.Index;
			await expect(perform(client, 'rollback', 'it-fresh')).rejects.toThrow(/it-fresh has no previous spec: there is nothing to roll back to/);
			expect((await inspectJson('it-fresh')).Version.Index).toBe(version);
		} finally {
			await removeService('it-fresh');
		}
	});

	it('refuses every write in read-only mode', async () => {
		const readOnly = labClient({readOnly: true});
		const version = (await inspectJson(hasher)).Version.Index;
		await expect(perform(readOnly, 'scale', hasher, {replicas: '2'})).rejects.toThrow(ReadOnlyError);
		await expect(perform(readOnly, 'image', hasher, {image: 'dockercoins/hasher:v0.2'})).rejects.toThrow(ReadOnlyError);
		await expect(perform(readOnly, 'force', hasher)).rejects.toThrow(ReadOnlyError);
		await expect(perform(readOnly, 'policy', hasher, {'update.parallelism': '3'})).rejects.toThrow(ReadOnlyError);
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
		await perform(client, 'scale', hasher, {replicas: '2'});
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
		await perform(client, 'scale', hasher, {replicas: '3'});
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
