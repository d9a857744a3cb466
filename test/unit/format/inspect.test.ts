import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {expandTabs, inspectLines} from '../../../source/format/inspect.js';
import {serviceFromApi} from '../../../source/swarm/normalize.js';
import type {RawServiceSpec, SwarmService} from '../../../source/swarm/types.js';

const now = new Date('2026-11-21T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - (seconds * 1000)).toISOString();

const previousSpec: RawServiceSpec = {
	Name: 'vote',
	TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest', Env: ['OPTION_A=Cats', 'OPTION_B=Dogs']}, ForceUpdate: 0},
	Mode: {Replicated: {Replicas: 4}},
	EndpointSpec: {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress'}]},
};

/** `vote` half-way through `docker service update --image swarmdeck/vote:indent vote`, as the API returns it. */
function voteFromApi(overrides: Record<string, unknown> = {}): SwarmService {
	return serviceFromApi({
		ID: 'lxna82v5mjysrx74il22amst9',
		Version: {Index: 208},
		CreatedAt: ago(3600),
		UpdatedAt: ago(300),
		Spec: {
			Name: 'vote',
			Labels: {},
			TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:indent', Env: ['OPTION_A=Cats', 'OPTION_B=Dogs']}, ForceUpdate: 0},
			Mode: {Replicated: {Replicas: 4}},
			EndpointSpec: {Mode: 'vip', Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8000, PublishMode: 'ingress'}]},
		},
		PreviousSpec: previousSpec,
		ServiceStatus: {RunningTasks: 2, DesiredTasks: 4},
		UpdateStatus: {State: 'updating', StartedAt: ago(300), Message: 'update in progress'},
		...overrides,
	});
}

const texts = (service: SwarmService) => inspectLines(service, now).map(line => line.text);
/** The lines before the stack file section, which always ends the view. */
const beforeStackLines = (lines: string[]) => lines.slice(0, lines.indexOf('In a stack file (docker stack deploy):'));

describe('inspectLines', () => {
	it('reads like docker service inspect --pretty, then lists what a rollback would undo', () => {
		expect(texts(voteFromApi())).toEqual([
			'ID:             lxna82v5mjysrx74il22amst9',
			'Name:           vote',
			'Service Mode:   Replicated',
			' Replicas:      4',
			' Running:       2/4',
			'UpdateStatus:',
			' State:         updating',
			' Started:       5 minutes ago',
			' Message:       update in progress',
			'Placement:',
			'UpdateConfig:',
			' Parallelism:   1',
			' On failure:    pause',
			' Monitoring Period: 5s',
			' Max failure ratio: 0',
			' Update order:      stop-first',
			'RollbackConfig:',
			' Parallelism:   1',
			' On failure:    pause',
			' Monitoring Period: 5s',
			' Max failure ratio: 0',
			' Rollback order:    stop-first',
			'ContainerSpec:',
			' Image:         swarmdeck/vote:indent',
			' Env:           OPTION_A=Cats OPTION_B=Dogs',
			'Endpoint Mode:  vip',
			'Ports:',
			' PublishedPort = 8000',
			'  Protocol = tcp',
			'  TargetPort = 80',
			'  PublishMode = ingress',
			'Changes from the previous spec (what a rollback would undo):',
			' image: swarmdeck/vote:latest → swarmdeck/vote:indent',
			'In a stack file (docker stack deploy):',
			' both policies are the defaults: no update_config or rollback_config needed',
		]);
	});

	it('expands every tab, so lines measure true on screen', () => {
		const lines = texts(voteFromApi({Spec: {...voteFromApi().spec, Labels: {tier: 'front'}, TaskTemplate: {ContainerSpec: {Image: 'a:b', Args: ['-p', '80']}, Placement: {Constraints: ['node.role==worker'], MaxReplicas: 2}}}}));
		expect(lines.filter(line => line.includes('\t'))).toEqual([]);
	});

	it('marks the section titles as headings, and only those', () => {
		const headings = inspectLines(voteFromApi(), now).filter(line => line.heading).map(line => line.text);
		expect(headings).toEqual(['UpdateStatus:', 'Placement:', 'UpdateConfig:', 'RollbackConfig:', 'ContainerSpec:', 'Ports:', 'Changes from the previous spec (what a rollback would undo):', 'In a stack file (docker stack deploy):']);
	});

	it('lines the values of the policies up in one column, as the CLI does', () => {
		const lines = texts(voteFromApi());
		const valueColumn = (prefix: string) => {
			const line = lines.find(text => text.startsWith(prefix))!;
			return line.length - line.slice(prefix.length).trimStart().length;
		};

		expect(valueColumn(' Update order:')).toBe(valueColumn(' Monitoring Period:'));
		expect(valueColumn(' Rollback order:')).toBe(valueColumn(' Monitoring Period:'));
		expect(valueColumn(' Max failure ratio:')).toBe(valueColumn(' Monitoring Period:'));
	});

	it('shows the policies as set, with a delay only when there is one', () => {
		const service = voteFromApi({
			Spec: {
				...voteFromApi().spec,
				UpdateConfig: {Parallelism: 2, Delay: 10_000_000_000, FailureAction: 'rollback', Monitor: 3_000_000_000, MaxFailureRatio: 0.25, Order: 'start-first'},
				RollbackConfig: {Parallelism: 0, FailureAction: 'continue', Monitor: 500_000_000},
			},
		});
		const lines = texts(service);
		const update = lines.indexOf('UpdateConfig:');
		expect(lines.slice(update, update + 14)).toEqual([
			'UpdateConfig:',
			' Parallelism:   2',
			' Delay:         10s',
			' On failure:    rollback',
			' Monitoring Period: 3s',
			' Max failure ratio: 0.25',
			' Update order:      start-first',
			'RollbackConfig:',
			' Parallelism:   0',
			' On failure:    continue',
			' Monitoring Period: 500ms',
			' Max failure ratio: 0',
			' Rollback order:    stop-first',
			'ContainerSpec:',
		]);
		// Last, the same policy as the lines of a stack file.
		expect(lines.slice(lines.indexOf('In a stack file (docker stack deploy):'))).toEqual([
			'In a stack file (docker stack deploy):',
			' deploy:',
			'   update_config:',
			'     parallelism: 2',
			'     delay: 10s',
			'     failure_action: rollback',
			'     monitor: 3s',
			'     max_failure_ratio: 0.25',
			'     order: start-first',
			'   rollback_config:',
			'     parallelism: 0',
			'     failure_action: continue',
			'     monitor: 500ms',
		]);
	});

	it('lists each change since the previous spec, policies and replicas included', () => {
		const current = voteFromApi().spec;
		const service = voteFromApi({
			Spec: {...current, Mode: {Replicated: {Replicas: 7}}, UpdateConfig: {Parallelism: 2}},
		});
		const lines = texts(service);
		expect(beforeStackLines(lines).slice(lines.indexOf('Changes from the previous spec (what a rollback would undo):') + 1)).toEqual([
			' image: swarmdeck/vote:latest → swarmdeck/vote:indent',
			' replicas: 4 → 7',
			' update-parallelism: 1 → 2',
		]);
	});

	it('says so when the previous spec differs in no field shown', () => {
		const lines = texts(voteFromApi({PreviousSpec: voteFromApi().spec}));
		expect(beforeStackLines(lines).at(-1)).toBe(' none in the fields shown here');
	});

	it('says there is no previous spec when the daemon keeps none', () => {
		const lines = texts(voteFromApi({PreviousSpec: undefined}));
		expect(beforeStackLines(lines).slice(-2)).toEqual([
			'Changes from the previous spec (what a rollback would undo):',
			' no previous spec: never updated, or an automatic rollback used it',
		]);
	});

	it('leaves the update status out when the daemon sends none', () => {
		const lines = texts(voteFromApi({UpdateStatus: undefined}));
		expect(lines).not.toContain('UpdateStatus:');
		expect(lines.some(line => line.startsWith(' State:'))).toBe(false);
	});

	it('tells when a finished rollout completed', () => {
		const lines = texts(voteFromApi({UpdateStatus: {State: 'rollback_completed', StartedAt: ago(120), CompletedAt: ago(90), Message: 'rollback completed'}}));
		const status = lines.indexOf('UpdateStatus:');
		expect(lines.slice(status, status + 5)).toEqual([
			'UpdateStatus:',
			' State:         rollback_completed',
			' Started:       2 minutes ago',
			' Completed:     about a minute ago',
			' Message:       rollback completed',
		]);
	});

	it('shows a global service without a replica count', () => {
		const lines = texts(voteFromApi({Spec: {...voteFromApi().spec, Mode: {Global: {}}}, ServiceStatus: {RunningTasks: 3, DesiredTasks: 3}}));
		expect(lines).toContain('Service Mode:   Global');
		expect(lines.some(line => line.startsWith(' Replicas:'))).toBe(false);
	});

	it('shows labels, placement, arguments and mounts when the spec has them', () => {
		const service = voteFromApi({
			Spec: {
				...voteFromApi().spec,
				Labels: {'com.docker.stack.namespace': 'dockercoins'},
				TaskTemplate: {
					ContainerSpec: {Image: 'swarmdeck/vote:indent', Args: ['--port', '80'], Mounts: [{Type: 'bind', Source: '/srv/data', Target: '/data', ReadOnly: true}]},
					Placement: {Constraints: ['node.role==worker'], MaxReplicas: 2},
				},
			},
		});
		const lines = texts(service);
		expect(lines.slice(2, 4)).toEqual(['Labels:', ' com.docker.stack.namespace=dockercoins']);
		const placement = lines.indexOf('Placement:');
		expect(lines.slice(placement, placement + 3)).toEqual(['Placement:', ' Constraints:   node.role==worker', ' Max Replicas Per Node:   2']);
		const container = lines.indexOf('ContainerSpec:');
		expect(lines.slice(container, container + 8)).toEqual([
			'ContainerSpec:',
			' Image:         swarmdeck/vote:indent',
			' Args:          --port 80',
			'Mounts:',
			' Target:        /data',
			'  Source:       /srv/data',
			'  ReadOnly:     true',
			'  Type:         bind',
		]);
	});

	it('reads a service captured from the lab', () => {
		const [raw] = JSON.parse(readFileSync(new URL('../../fixtures/fixture-web-service.json', import.meta.url), 'utf8')) as unknown[];
		const service = serviceFromApi(raw);
		const lines = texts(service);
		expect(lines.slice(0, 4)).toEqual(['ID:             lxna82v5mjysrx74il22amst9', 'Name:           fixture-web', 'Service Mode:   Replicated', ' Replicas:      11']);
		expect(lines).toContain(' State:         completed');
		expect(lines).toContain(' Message:       update completed');
		expect(lines).toContain(' Parallelism:   0');
		expect(lines).toContain(' Image:         swarmdeck/vote:movies');
		expect(beforeStackLines(lines).at(-1)).toBe(' image: swarmdeck/vote:indent → swarmdeck/vote:movies');
	});
});

describe('expandTabs', () => {
	it('moves to the next column of eight, as a terminal does', () => {
		expect(expandTabs('ID:\t\tx')).toBe(`ID:${' '.repeat(13)}x`);
		expect(expandTabs('\tx')).toBe(`${' '.repeat(8)}x`);
		expect(expandTabs('12345678\tx')).toBe(`12345678${' '.repeat(8)}x`);
		expect(expandTabs(' Constraints:\tnode.role==worker')).toBe(' Constraints:   node.role==worker');
		expect(expandTabs('no tabs')).toBe('no tabs');
	});
});
