// The command swarmdeck shows for an action, typed back into the palette, makes the same
// change: for every service action, its command is read by the palette's parser and must
// give the edits the action itself sends.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {serviceActions} from '../../../source/actions/index.js';
import type {FormValues} from '../../../source/actions/action.js';
import {typedWordsField} from '../../../source/actions/service/typed-update.js';
import {paletteWords} from '../../../source/palette/resolve.js';
import type {ReferenceLists} from '../../../source/spec/families.js';
import {parseServiceCommand} from '../../../source/spec/update-command.js';
import type {RawServiceSpec} from '../../../source/swarm/types.js';
import {makeService} from '../../support/fake-client.js';

const capture = JSON.parse(readFileSync(new URL('../../fixtures/service-update/probe.json', import.meta.url), 'utf8')) as ReferenceLists & {steps: Array<{spec: RawServiceSpec}>};
const references: ReferenceLists = {
	secrets: [...capture.secrets, {id: 'sec2', name: 'db password'}],
	configs: capture.configs,
	networks: [...capture.networks, {id: 'net2', name: 'backend', scope: 'swarm'}],
};
// A service with something in every field an editor edits, as docker made it on the lab.
const spec = {...capture.steps[12]!.spec, Name: 'vote'};
const service = makeService({name: 'vote', replicas: 1, spec, previousSpec: capture.steps[11]!.spec});

/** What each action is given, as a person would fill its form in. */
const samples: Record<string, FormValues> = {
	scale: {replicas: '7'},
	scaleUp: {},
	scaleDown: {},
	policy: {'update.parallelism': '2', 'update.delay': '10s', 'rollback.failureAction': 'continue'},
	rollback: {},
	image: {image: 'swarmdeck/vote:v2'},
	force: {},
	editEnv: {'env.0': 'A=10', 'env.1': '', 'env.2': 'GREETING=hello world'},
	editLabels: {'labels.0': 'x=2', 'labels.1': 'team=blue', 'containerLabels.0': ''},
	editPlacement: {'constraints.0': 'node.hostname!=node3', 'constraints.2': 'node.role==worker', 'placementPrefs.0': '', 'placementPrefs.1': 'spread=node.labels.rack'},
	editPorts: {'ports.0': '', 'ports.2': '5000:80', 'ports.3': 'published=5353,target=53,protocol=udp,mode=host'},
	editSecrets: {'secrets.0': '', 'secrets.1': 'source=db password,target=/run/db,mode=0400'},
	editConfigs: {'configs.0': 'source=probe_config,target=/etc/app.conf'},
	editNetworks: {'networks.0': '', 'networks.1': 'backend'},
	editMounts: {'mounts.0': 'type=tmpfs,target=/cache,readonly', 'mounts.2': 'type=bind,source=/srv/data,target=/srv'},
	editResources: {'limit-cpu': '1.5', 'reserve-memory': '256M'},
	editRestart: {'restart-condition': 'on-failure', 'restart-window': '2m'},
	editHealth: {'health-cmd': 'curl -f http://localhost/ || exit 1', 'health-retries': '5'},
	editCommand: {entrypoint: '/bin/sh -c', args: 'echo "hello world"'},
	remove: {name: 'vote'},
	typedUpdate: {[typedWordsField]: JSON.stringify(['--env-add', 'B=2', '--update-order', 'start-first', '--limit-memory', '1G', '--secret-add', 'db password', 'vote'])},
};

describe('the round trip: the command shown, typed into the palette, makes the same change', () => {
	for (const action of serviceActions) {
		it(action.id, () => {
			const values = samples[action.id];
			expect(values, `a sample for ${action.id}`).toBeDefined();
			const decision = action.decide(service, values!, {references});
			const split = paletteWords(decision.command);
			if ('error' in split) {
				throw new Error(split.error);
			}

			const typed = parseServiceCommand(split.words, references);
			if (decision.write.kind === 'rollback' || decision.write.kind === 'remove') {
				expect(typed).toEqual({kind: decision.write.kind, service: 'vote'});
				return;
			}

			const sent = decision.write.edits.map(guarded => guarded.edit);
			expect(sent.length).toBeGreaterThan(0);
			expect(typed.kind === 'update' && typed.service).toBe('vote');
			const sorted = (edits: readonly unknown[]) => edits.map(edit => JSON.stringify(edit)).sort();
			expect(sorted(typed.kind === 'update' ? typed.edits : [])).toEqual(sorted(sent));
		});
	}
});
