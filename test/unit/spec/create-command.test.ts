import {describe, expect, it} from 'vitest';
import {createWords, decideCreate} from '../../../source/actions/service/create.js';
import {resolvePalette} from '../../../source/palette/resolve.js';
import {checkServiceName, creationSpec, parseCreateCommand} from '../../../source/spec/create-command.js';
import {emptyReferenceLists} from '../../../source/spec/families.js';

const second = 1_000_000_000;
const parse = (words: string[]) => parseCreateCommand(words, emptyReferenceLists);
const refusal = (words: string[]) => {
	try {
		parse(words);
	} catch (error) {
		return (error as Error).message;
	}

	return 'accepted';
};

describe('docker service create as typed', () => {
	it('reads the seed whoami into the spec docker service create sends', () => {
		const spec = creationSpec(parse(['--name', 'whoami', '--update-failure-action', 'rollback', '--update-delay', '10s', '--update-monitor', '10s', '--publish', '8000:8000', 'swarmdeck/whoami:1.0']));
		expect(spec.Name).toBe('whoami');
		expect(spec.TaskTemplate?.ContainerSpec?.Image).toBe('swarmdeck/whoami:1.0');
		expect(spec.Mode).toEqual({Replicated: {Replicas: 1}});
		expect(spec.UpdateConfig).toEqual({Parallelism: 1, Delay: 10 * second, FailureAction: 'rollback', Monitor: 10 * second, MaxFailureRatio: 0, Order: 'stop-first'});
		expect(spec.RollbackConfig).toEqual({Parallelism: 1, FailureAction: 'pause', Monitor: 5 * second, MaxFailureRatio: 0, Order: 'stop-first'});
		expect(spec.EndpointSpec).toEqual({Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 8000, PublishedPort: 8000, PublishMode: 'ingress'}]});
	});

	it('takes the short flags, env and constraints, global mode, and args after the image', () => {
		const creation = parse(['--name', 'vote2', '-e', 'A=1', '--env=B=2', '-p', '5000:80', '--constraint', 'node.role==manager', '--mode', 'global', 'swarmdeck/vote:latest', 'serve', '--port', '80']);
		const spec = creationSpec(creation);
		expect(creation.mode).toBe('global');
		expect(spec.Mode).toEqual({Global: {}});
		const template = spec.TaskTemplate as {ContainerSpec: {Env: string[]; Args: string[]}; Placement: {Constraints: string[]}};
		expect(template.ContainerSpec.Env).toEqual(['A=1', 'B=2']);
		expect(template.ContainerSpec.Args).toEqual(['serve', '--port', '80']);
		expect(template.Placement.Constraints).toEqual(['node.role==manager']);
	});

	it('refuses in a sentence what the CLI refuses, and names a flag it does not set', () => {
		expect(refusal(['swarmdeck/vote:latest'])).toMatch(/name: must not be empty/);
		expect(refusal(['--name', '-bad', 'swarmdeck/vote:latest'])).toMatch(/starts with a dash|not a valid service name/);
		expect(refusal(['--name', 'web_1!', 'swarmdeck/vote:latest'])).toMatch(/"web_1!" is not a valid service name/);
		expect(refusal(['--name', 'web', 'Swarmdeck/Vote'])).toMatch(/repository name must be lowercase/);
		expect(refusal(['--name', 'web'])).toMatch(/name the image after the flags/);
		expect(refusal(['--name', 'web', '--publish', '70000:80', 'nginx'])).toMatch(/70000/);
		expect(refusal(['--name', 'web', '--env', '=x', 'nginx'])).toMatch(/env/);
		expect(refusal(['--name', 'web', '--constraint', 'node.role=manager', 'nginx'])).toMatch(/constraint/);
		expect(refusal(['--name', 'web', '--mode', 'global', '--replicas', '2', 'nginx'])).toMatch(/replicated mode/);
		expect(refusal(['--name', 'web', '--workdir', '/srv', 'nginx'])).toMatch(/--workdir is a docker service create flag swarmdeck does not set yet/);
		expect(refusal(['--name', 'web', '--env-add', 'A=1', 'nginx'])).toMatch(/no flag --env-add \(that is an update flag\)/);
		expect(refusal(['--name', 'web', '--bogus', 'nginx'])).toMatch(/docker service create has no flag --bogus/);
	});

	it('checks a service name as the daemon does', () => {
		expect(checkServiceName('dockercoins_rng')).toBe('dockercoins_rng');
		expect(() => checkServiceName('a'.repeat(64))).toThrow(/at most 63/);
		expect(() => checkServiceName('web-')).toThrow(/not a valid service name/);
	});

	it('the form makes the words a person would type: defaults add no flag', () => {
		expect(createWords({name: 'vote2', image: 'swarmdeck/vote:latest', mode: 'replicated', replicas: '4', publish: '5000:80', env: '', constraint: '', 'update.parallelism': '1', 'update.delay': '0s', 'update.failureAction': 'pause'}))
			.toEqual(['--name', 'vote2', '--replicas', '4', '--publish', '5000:80', 'swarmdeck/vote:latest']);
	});
});

describe('the create round trip', () => {
	it('the command the form shows, typed into the palette, creates the same spec', () => {
		const values = {name: 'web', image: 'swarmdeck/vote:latest', mode: 'replicated', replicas: '3', publish: '5000:80 53:53/udp', env: 'A=1 "B=two words"', constraint: 'node.role==worker', 'update.delay': '10s', 'update.failureAction': 'rollback', 'rollback.parallelism': '2'};
		const fromForm = decideCreate(values, []);
		const resolved = resolvePalette(fromForm.command, {services: [], stacks: []});
		if ('error' in resolved) {
			throw new Error(resolved.error);
		}

		expect(resolved.intent.command.id).toBe('create');
		const typed = decideCreate(resolved.intent.values!, []);
		expect(typed.write.spec).toEqual(fromForm.write.spec);
		expect(typed.command).toBe(fromForm.command);
		expect((fromForm.write.spec.TaskTemplate?.ContainerSpec as {Env: string[]}).Env).toEqual(['A=1', 'B=two words']);
	});
});
