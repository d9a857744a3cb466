import {describe, expect, it} from 'vitest';
import {diffSpecs, replacesTasks} from '../../../source/spec/diff.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';
import {readFixture} from '../../fixtures/load.js';

const second = 1_000_000_000;

function spec(overrides: Partial<RawServiceSpec> = {}): RawServiceSpec {
	return {
		Name: 'dockercoins_hasher',
		Labels: {'com.docker.stack.namespace': 'dockercoins'},
		TaskTemplate: {
			ContainerSpec: {Image: 'dockercoins/hasher:v0.1', Env: ['A=1']},
			ForceUpdate: 0,
		},
		Mode: {Replicated: {Replicas: 3}},
		EndpointSpec: {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8002, PublishMode: 'ingress'}]},
		...overrides,
	};
}

const fields = (from: RawServiceSpec, to: RawServiceSpec) => diffSpecs(from, to).map(change => change.field);
/** The changes as a person reads them, without the replaces-tasks flag. */
const changes = (from: RawServiceSpec, to: RawServiceSpec) => diffSpecs(from, to).map(({field, from: before, to: after}) => ({field, from: before, to: after}));

describe('diffSpecs', () => {
	it('finds nothing between equal specs', () => {
		expect(changes(spec(), spec())).toEqual([]);
	});

	it('reports an image change with both images', () => {
		const to = spec();
		to.TaskTemplate!.ContainerSpec!.Image = 'dockercoins/hasher:v0.2';
		expect(changes(spec(), to)).toEqual([{field: 'image', from: 'dockercoins/hasher:v0.1', to: 'dockercoins/hasher:v0.2'}]);
	});

	it('reports a replica change', () => {
		expect(changes(spec(), spec({Mode: {Replicated: {Replicas: 7}}}))).toEqual([{field: 'replicas', from: '3', to: '7'}]);
	});

	it('reads an absent replica count as the daemon\'s default of 1', () => {
		expect(changes(spec({Mode: {Replicated: {}}}), spec({Mode: {Replicated: {Replicas: 1}}}))).toEqual([]);
	});

	it('reports a mode change with the replica count becoming "-"', () => {
		expect(changes(spec(), spec({Mode: {Global: {}}}))).toEqual([
			{field: 'mode', from: 'replicated', to: 'global'},
			{field: 'replicas', from: '3', to: '-'},
		]);
	});

	it('reports policy fields with the CLI\'s flag names and Go durations', () => {
		const from = spec({UpdateConfig: {Parallelism: 1, Delay: 10 * second}});
		const to = spec({UpdateConfig: {Parallelism: 2, Delay: 90 * second}, RollbackConfig: {FailureAction: 'continue'}});
		expect(changes(from, to)).toEqual([
			{field: 'update-parallelism', from: '1', to: '2'},
			{field: 'update-delay', from: '10s', to: '1m30s'},
			{field: 'rollback-failure-action', from: 'pause', to: 'continue'},
		]);
	});

	it('fills in defaults: an absent policy equals one that spells out every default', () => {
		const explicit = {Parallelism: 1, Delay: 0, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'};
		expect(changes(spec(), spec({UpdateConfig: explicit, RollbackConfig: explicit}))).toEqual([]);
		expect(changes(spec({UpdateConfig: explicit}), spec({UpdateConfig: {}}))).toEqual([]);
	});

	it('treats Monitor 0 as the 5s default', () => {
		expect(changes(spec({UpdateConfig: {Monitor: 0}}), spec({UpdateConfig: {Monitor: 5 * second}}))).toEqual([]);
	});

	it('reports a policy field that moves away from its default', () => {
		expect(changes(spec(), spec({UpdateConfig: {Order: 'start-first'}}))).toEqual([
			{field: 'update-order', from: 'stop-first', to: 'start-first'},
		]);
	});

	it('reports a ForceUpdate increment, counting an absent counter as 0', () => {
		const from = spec();
		delete from.TaskTemplate!.ForceUpdate;
		const to = spec();
		to.TaskTemplate!.ForceUpdate = 1;
		expect(changes(from, to)).toEqual([{field: 'force-update counter', from: '0', to: '1'}]);
	});

	it('reports environment changes', () => {
		const to = spec();
		to.TaskTemplate!.ContainerSpec!['Env'] = ['A=1', 'B=2'];
		expect(changes(spec(), to)).toEqual([{field: 'env', from: 'A=1', to: 'A=1 B=2'}]);
		const none = spec();
		delete none.TaskTemplate!.ContainerSpec!['Env'];
		expect(changes(spec(), none)).toEqual([{field: 'env', from: 'A=1', to: '(none)'}]);
	});

	it('reports published port changes', () => {
		expect(changes(spec(), spec({EndpointSpec: {Mode: 'vip'}}))).toEqual([{field: 'ports', from: '8002:80/tcp', to: '(none)'}]);
	});

	it('shows what a rollback of the captured web service would undo', () => {
		const [raw] = readFixture<Array<{Spec: RawServiceSpec; PreviousSpec: RawServiceSpec}>>('fixture-web-service.json');
		expect(changes(raw!.Spec, raw!.PreviousSpec)).toEqual([
			{field: 'image', from: 'swarmdeck/vote:movies', to: 'swarmdeck/vote:indent'},
		]);
	});

	it('lists several changes in a stable order', () => {
		const to = spec({Mode: {Replicated: {Replicas: 5}}, UpdateConfig: {Parallelism: 0}});
		to.TaskTemplate!.ContainerSpec!.Image = 'dockercoins/hasher:v0.2';
		to.TaskTemplate!.ForceUpdate = 3;
		expect(fields(spec(), to)).toEqual(['image', 'replicas', 'update-parallelism', 'force-update counter']);
	});
});

describe('diffSpecs over the whole spec', () => {
	it('names the fields people change with the flag that changes them', () => {
		const to = spec({Labels: {'com.docker.stack.namespace': 'dockercoins', team: 'blue'}});
		const container = to.TaskTemplate!.ContainerSpec!;
		container['Args'] = ['--verbose'];
		container['Command'] = ['/bin/app'];
		container['Secrets'] = [{SecretName: 'db_password', File: {Name: 'db_password'}}];
		container['Mounts'] = [{Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true}];
		container['Healthcheck'] = {Test: ['CMD', 'true']};
		container['Labels'] = {tier: 'web'};
		to.TaskTemplate!['Placement'] = {Constraints: ['node.role==manager']};
		to.TaskTemplate!['Resources'] = {Limits: {MemoryBytes: 536_870_912}};
		to.TaskTemplate!['Networks'] = [{Target: 'net1'}];
		expect(fields(spec(), to)).toEqual(['entrypoint', 'args', 'secrets', 'mounts', 'networks', 'constraints', 'resources', 'health check', 'container labels', 'labels']);
		expect(changes(spec(), to)).toContainEqual({field: 'secrets', from: '(none)', to: 'db_password→db_password'});
		expect(changes(spec(), to)).toContainEqual({field: 'mounts', from: '(none)', to: 'volume:data→/data:ro'});
	});

	it('lists a field without a name of its own by its path, so a change is never missed', () => {
		const to = spec();
		to.TaskTemplate!.ContainerSpec!['User'] = 'nobody';
		to.TaskTemplate!.ContainerSpec!['StopGracePeriod'] = 20 * second;
		expect(diffSpecs(spec(), to)).toEqual([
			{field: 'TaskTemplate.ContainerSpec.StopGracePeriod', from: '(none)', to: '20000000000', replacesTasks: true},
			{field: 'TaskTemplate.ContainerSpec.User', from: '(none)', to: '"nobody"', replacesTasks: true},
		]);
	});

	it('says which changes replace tasks: the task template and the endpoint, not replicas, policies or service labels', () => {
		const to = spec({Mode: {Replicated: {Replicas: 9}}, UpdateConfig: {Parallelism: 3}, Labels: {a: 'b'}});
		expect(diffSpecs(spec(), to).every(change => !change.replacesTasks)).toBe(true);
		to.TaskTemplate!.ContainerSpec!.Image = 'x:2';
		expect(diffSpecs(spec(), to).find(change => change.field === 'image')?.replacesTasks).toBe(true);
	});
});

describe('replacesTasks', () => {
	it('is false for a replica change alone', () => {
		expect(replacesTasks(spec(), spec({Mode: {Replicated: {Replicas: 9}}}))).toBe(false);
	});

	it('is false for policy and label changes alone', () => {
		const to = spec({
			UpdateConfig: {Parallelism: 2, Delay: 10 * second},
			RollbackConfig: {FailureAction: 'continue'},
			Labels: {'com.docker.stack.namespace': 'dockercoins', team: 'blue'},
		});
		expect(replacesTasks(spec(), to)).toBe(false);
	});

	it('is true for an image change', () => {
		const to = spec();
		to.TaskTemplate!.ContainerSpec!.Image = 'dockercoins/hasher:v0.2';
		expect(replacesTasks(spec(), to)).toBe(true);
	});

	it('is true for a forced redeploy', () => {
		const to = spec();
		to.TaskTemplate!.ForceUpdate = 1;
		expect(replacesTasks(spec(), to)).toBe(true);
	});

	it('is true for an environment change', () => {
		const to = spec();
		to.TaskTemplate!.ContainerSpec!['Env'] = ['A=2'];
		expect(replacesTasks(spec(), to)).toBe(true);
	});

	it('is true for an endpoint change', () => {
		expect(replacesTasks(spec(), spec({EndpointSpec: {Mode: 'dnsrr'}}))).toBe(true);
	});
});
