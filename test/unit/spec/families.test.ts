import {readFileSync} from 'node:fs';
import {parse} from 'shell-quote';
import {describe, expect, it} from 'vitest';
import {editedSpec, editFlags, type SpecEdit} from '../../../source/spec/edits.js';
import {families, familyKinds, type ReferenceLists} from '../../../source/spec/families.js';
import {replacesTasks} from '../../../source/spec/diff.js';
import {editedFlags, notEditedFlags, parseServiceCommand} from '../../../source/spec/update-command.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';

type Step = {step: string; flags: string | null; spec: RawServiceSpec};
// `docker service update` run on the lab, one step after another, each spec read back with
// `docker service inspect`: what the same flags must make here.
const capture = JSON.parse(readFileSync(new URL('../../fixtures/service-update/probe.json', import.meta.url), 'utf8')) as ReferenceLists & {steps: Step[]};
// The lab's ingress network is not in the capture's list: it is added as the daemon lists it.
const lists: ReferenceLists = {secrets: capture.secrets, configs: capture.configs, networks: [...capture.networks, {name: 'ingress', id: 'x4nd1ngr3ss', scope: 'swarm', ingress: true}]};

function editsOf(flags: string, service = 'probe'): SpecEdit[] {
	const command = parseServiceCommand(['update', ...(parse(flags) as string[]), service], lists);
	if (command.kind !== 'update') {
		throw new Error('not an update');
	}

	return command.edits;
}

/** The CLI builds Env from a Go map, in no fixed order: compared as a set. */
function comparable(spec: RawServiceSpec): unknown {
	const copy = structuredClone(spec) as RawServiceSpec & {TaskTemplate: {ContainerSpec: {Env?: string[]}}};
	copy.TaskTemplate.ContainerSpec.Env?.sort();
	return copy;
}

describe('the rest of the spec, as docker service update changes it', () => {
	for (const [index, step] of capture.steps.entries()) {
		if (index === 0) {
			continue;
		}

		it(`${step.flags} makes the spec docker made`, () => {
			const before = capture.steps[index - 1]!.spec;
			expect(comparable(editedSpec(before, editsOf(step.flags!)))).toEqual(comparable(step.spec));
		});
	}

	it('says the flags that make each edit again, which read back into the same edits', () => {
		for (const step of capture.steps.slice(1)) {
			const edits = editsOf(step.flags!);
			const again = editsOf(edits.flatMap(edit => editFlags(edit)).map(word => `'${word.replaceAll("'", String.raw`'\''`)}'`).join(' '));
			expect(again).toEqual(edits);
		}
	});

	it('replaces tasks for every family but service labels', () => {
		const base = capture.steps.at(-1)!.spec;
		const samples: Record<string, string> = {
			env: '--env-add Z=1', labels: '--label-add z=1', containerLabels: '--container-label-add z=1', constraints: '--constraint-add node.role==manager',
			placementPrefs: '--placement-pref-add spread=node.labels.rack', ports: '--publish-add 7000:70', secrets: '--secret-add probe_secret',
			configs: '--config-add source=probe_config,target=/etc/other', networks: '--network-add dockercoins_default', mounts: '--mount-add type=tmpfs,target=/tmp',
			resources: '--reserve-cpu 0.25', restart: '--restart-condition on-failure', health: '--health-cmd "curl -f localhost"', args: '--args "x y"', entrypoint: '--entrypoint /bin/sh',
		};
		for (const kind of familyKinds) {
			const edits = editsOf(samples[kind]!);
			expect(edits.map(edit => edit.kind)).toEqual([kind]);
			expect(replacesTasks(base, editedSpec(base, edits)), kind).toBe(families[kind].replacesTasks);
		}
	});
});

describe('bad values are refused with a sentence', () => {
	const refusals: Array<[string, RegExp]> = [
		['--env-add =bar', /has no variable name/],
		['--env-add FOO', /FOO has no value/],
		['--constraint-add node.role=manager', /uses =: a constraint compares with == or != only/],
		['--constraint-add "node.labels.zone<=b"', /uses <=/],
		['--constraint-add node.colour==red', /not a field a constraint can test/],
		['--constraint-add node.role==boss', /manager or worker/],
		['--publish-add 70000:80', /published port 70000 is out of range: ports are 1 to 65535/],
		['--publish-add 8080:0', /target port 0 is out of range/],
		['--publish-add published=80,target=80,mode=bridge', /not a publish mode/],
		['--limit-memory 12Q', /"12Q" is not a size/],
		['--limit-cpu 0.0000000001', /too precise/],
		['--reserve-cpu lots', /not a number of CPUs/],
		['--secret-add nosuch', /no secret named "nosuch"/],
		['--config-add source=nosuch,target=/x', /no config named "nosuch"/],
		['--secret-add source=probe_secret,mode=rw', /not a file mode/],
		['--network-add nosuch', /no network named "nosuch"/],
		['--network-add ingress', /ingress network: a service joins it by publishing a port/],
		['--mount-add type=bind,target=/x', /bind mount needs source/],
		['--mount-add type=nfs,target=/x', /not a mount type/],
		['--mount-add source=v', /has no target/],
		['--restart-condition sometimes', /not a restart condition: use none or on-failure or any/],
		['--restart-delay soon', /not a duration/],
		['--health-retries=-1', /not a whole number/],
		['--health-retries -1', /starts with a dash: write it --health-retries=VALUE/],
		['--no-healthcheck --health-cmd true', /cannot go with --health-\* flags/],
		['--placement-pref-add pack=node.labels.zone', /swarm has only spread/],
		['--dns-add 1.1.1.1', /--dns-add is a docker service update flag swarmdeck does not edit yet/],
		['--frobnicate', /There is no flag --frobnicate in docker service update/],
		['--env-add', /name the service last/],
	];
	for (const [flags, sentence] of refusals) {
		it(flags, () => {
			expect(() => editsOf(flags)).toThrow(sentence);
		});
	}
});

describe('docker service scale and rollback', () => {
	it('reads scale vote=7 and rollback vote, with or without docker service', () => {
		expect(parseServiceCommand(['docker', 'service', 'scale', 'vote=7'], lists)).toEqual({kind: 'update', service: 'vote', edits: [{kind: 'replicas', replicas: 7}]});
		expect(parseServiceCommand(['scale', 'vote=7'], lists)).toEqual({kind: 'update', service: 'vote', edits: [{kind: 'replicas', replicas: 7}]});
		expect(parseServiceCommand(['rollback', 'vote'], lists)).toEqual({kind: 'rollback', service: 'vote'});
		expect(parseServiceCommand(['update', '--rollback', 'vote'], lists)).toEqual({kind: 'rollback', service: 'vote'});
	});

	it('reads the update policy, --flag=value included', () => {
		const command = parseServiceCommand(['service', 'update', '--update-parallelism=2', '--update-delay', '10s', 'vote'], lists);
		expect(command).toEqual({kind: 'update', service: 'vote', edits: [
			{kind: 'policy', policy: 'update', field: 'parallelism', value: 2},
			{kind: 'policy', policy: 'update', field: 'delay', value: 10_000_000_000},
		]});
	});
});

describe('the README', () => {
	it('lists exactly the docker service update flags swarmdeck does not edit', () => {
		const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
		const listed = /<!-- not-edited:start -->\n([^]*?)\n<!-- not-edited:end -->/.exec(readme)?.[1] ?? '';
		expect([...listed.matchAll(/`--([a-z-]+)`/g)].map(match => match[1])).toEqual([...notEditedFlags]);
	});
});

describe('every flag of docker service update', () => {
	// `docker service update --help` of the lab's CLI (28.2), flag names only.
	const help = `args cap-add cap-drop config-add config-rm constraint-add constraint-rm container-label-add container-label-rm credential-spec detach dns-add
		dns-option-add dns-option-rm dns-rm dns-search-add dns-search-rm endpoint-mode entrypoint env-add env-rm force generic-resource-add generic-resource-rm
		group-add group-rm health-cmd health-interval health-retries health-start-interval health-start-period health-timeout host-add host-rm hostname image init
		isolation label-add label-rm limit-cpu limit-memory limit-pids log-driver log-opt max-concurrent mount-add mount-rm network-add network-rm no-healthcheck
		no-resolve-image oom-score-adj placement-pref-add placement-pref-rm publish-add publish-rm quiet read-only replicas replicas-max-per-node reserve-cpu
		reserve-memory restart-condition restart-delay restart-max-attempts restart-window rollback rollback-delay rollback-failure-action
		rollback-max-failure-ratio rollback-monitor rollback-order rollback-parallelism secret-add secret-rm stop-grace-period stop-signal sysctl-add sysctl-rm
		tty ulimit-add ulimit-rm update-delay update-failure-action update-max-failure-ratio update-monitor update-order update-parallelism user
		with-registry-auth workdir`.split(/\s+/);

	it('is either read or refused by name: none is ignored', () => {
		const notEdited = new Set<string>(notEditedFlags);
		expect(help.filter(flag => Object.hasOwn(editedFlags, flag) === notEdited.has(flag))).toEqual([]);
		expect(Object.keys(editedFlags).filter(flag => !help.includes(flag))).toEqual([]);
	});
});
