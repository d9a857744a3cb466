import {describe, expect, it} from 'vitest';
import {
	convergeGraceMs,
	formatPorts,
	formatReplicas,
	groupServices,
	matchesFilter,
	orderedServices,
	replicaHealth,
	rolloutText,
	serviceCells,
	serviceColumns,
} from '../../../source/format/service-table.js';
import {serviceFromApi} from '../../../source/swarm/normalize.js';
import {defaultUpdatePolicy, type SwarmService, type UpdateState} from '../../../source/swarm/types.js';
import {readFixture} from '../../fixtures/load.js';

const now = new Date('2026-11-21T12:00:00.000Z');
const secondsAgo = (seconds: number): Date => new Date(now.getTime() - (seconds * 1000));

function service(overrides: Partial<SwarmService> & {name: string}): SwarmService {
	return {
		id: `id-${overrides.name}`,
		version: 1,
		mode: 'replicated',
		replicas: 3,
		runningTasks: 3,
		desiredTasks: 3,
		image: 'swarmdeck/vote:latest',
		ports: [],
		updatePolicy: defaultUpdatePolicy,
		rollbackPolicy: defaultUpdatePolicy,
		hasPreviousSpec: false,
		specDigest: '',
		previousSpecDigest: '',
		createdAt: secondsAgo(3600),
		updatedAt: secondsAgo(3600),
		spec: {Name: overrides.name},
		...overrides,
	};
}

const names = (services: SwarmService[]) => services.map(item => item.name);

describe('groupServices', () => {
	const services = [
		service({name: 'registry'}),
		service({name: 'dockercoins_worker', stack: 'dockercoins'}),
		service({name: 'visualizer'}),
		service({name: 'voting_vote', stack: 'voting'}),
		service({name: 'dockercoins_hasher', stack: 'dockercoins'}),
		service({name: 'voting_db', stack: 'voting'}),
		service({name: 'dockercoins_rng', stack: 'dockercoins'}),
	];

	it('groups by stack in name order, with stand-alone services last', () => {
		const groups = groupServices(services, {now});
		expect(groups.map(group => group.stack)).toEqual(['dockercoins', 'voting', undefined]);
		expect(groups.map(group => group.rows.map(row => row.service.name))).toEqual([
			['dockercoins_hasher', 'dockercoins_rng', 'dockercoins_worker'],
			['voting_db', 'voting_vote'],
			['registry', 'visualizer'],
		]);
	});

	it('lists services in screen order for the cursor', () => {
		expect(names(orderedServices(groupServices(services, {now})))).toEqual([
			'dockercoins_hasher',
			'dockercoins_rng',
			'dockercoins_worker',
			'voting_db',
			'voting_vote',
			'registry',
			'visualizer',
		]);
	});

	it('has no stand-alone group when every service is in a stack', () => {
		const groups = groupServices(services.filter(item => item.stack), {now});
		expect(groups.map(group => group.stack)).toEqual(['dockercoins', 'voting']);
	});

	it('filters by name, ignoring case, and drops groups left empty', () => {
		const groups = groupServices(services, {filter: 'HASH', now});
		expect(groups).toHaveLength(1);
		expect(groups[0]?.stack).toBe('dockercoins');
		expect(names(orderedServices(groups))).toEqual(['dockercoins_hasher']);
	});

	it('matches a filter anywhere in the name', () => {
		expect(names(orderedServices(groupServices(services, {filter: 'ting_', now})))).toEqual(['voting_db', 'voting_vote']);
		expect(names(orderedServices(groupServices(services, {filter: 'Izer', now})))).toEqual(['visualizer']);
		expect(groupServices(services, {filter: 'nothing-like-this', now})).toEqual([]);
	});

	it('does not reorder the list it was given', () => {
		const before = names(services);
		groupServices(services, {now});
		expect(names(services)).toEqual(before);
	});

	it('fills each row with the cells of `docker service ls` and its health', () => {
		const [group] = groupServices([service({name: 'web', runningTasks: 1, desiredTasks: 3, ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress'}]})], {now});
		expect(group?.rows[0]?.cells).toEqual(['web', 'replicated', '1/3', 'swarmdeck/vote:latest', '*:8080->80/tcp', '']);
		expect(group?.rows[0]?.health).toBe('short');
	});

	it('matchesFilter accepts everything for an empty filter', () => {
		expect(matchesFilter(service({name: 'web'}), '')).toBe(true);
		expect(matchesFilter(service({name: 'Web'}), 'wE')).toBe(true);
		expect(matchesFilter(service({name: 'web'}), 'api')).toBe(false);
	});
});

describe('replicaHealth', () => {
	it('is healthy when running equals desired', () => {
		expect(replicaHealth(service({name: 'web'}), now)).toBe('healthy');
	});

	it('is short when tasks are missing long after the last change', () => {
		expect(replicaHealth(service({name: 'web', runningTasks: 2, desiredTasks: 3}), now)).toBe('short');
	});

	it('is converging while missing tasks are within 60s of the last change', () => {
		expect(convergeGraceMs).toBe(60_000);
		expect(replicaHealth(service({name: 'web', runningTasks: 0, desiredTasks: 7, updatedAt: secondsAgo(5)}), now)).toBe('converging');
		expect(replicaHealth(service({name: 'web', runningTasks: 0, desiredTasks: 7, updatedAt: secondsAgo(59)}), now)).toBe('converging');
	});

	it('turns short once the 60s grace has passed', () => {
		expect(replicaHealth(service({name: 'web', runningTasks: 0, desiredTasks: 7, updatedAt: secondsAgo(60)}), now)).toBe('short');
		expect(replicaHealth(service({name: 'web', runningTasks: 0, desiredTasks: 7, updatedAt: secondsAgo(61)}), now)).toBe('short');
	});

	it('is converging while more tasks run than desired (scaling down)', () => {
		expect(replicaHealth(service({name: 'web', runningTasks: 5, desiredTasks: 3}), now)).toBe('converging');
	});

	it.each(['updating', 'rollback_started'] as const)('is converging during an active rollout (%s), even long after the update began', state => {
		const rolling = service({name: 'web', runningTasks: 1, desiredTasks: 3, updatedAt: secondsAgo(600), updateStatus: {state, message: 'update in progress'}});
		expect(replicaHealth(rolling, now)).toBe('converging');
	});

	it.each(['paused', 'rollback_paused', 'completed', 'rollback_completed'] as const)('is short after a %s rollout that left tasks missing', state => {
		const stuck = service({name: 'web', runningTasks: 1, desiredTasks: 3, updatedAt: secondsAgo(600), updateStatus: {state, message: ''}});
		expect(replicaHealth(stuck, now)).toBe('short');
	});
});

describe('rolloutText', () => {
	it.each([
		['updating', 'updating'],
		['paused', 'paused'],
		['completed', 'completed'],
		['rollback_started', 'rolling back'],
		['rollback_paused', 'rollback paused'],
		['rollback_completed', 'rolled back'],
	] as const)('reads %s as "%s"', (state: UpdateState, words) => {
		expect(rolloutText(service({name: 'web', updateStatus: {state, message: ''}}))).toBe(words);
	});

	it('is empty for a service that never rolled out', () => {
		expect(rolloutText(service({name: 'web'}))).toBe('');
	});
});

describe('formatPorts', () => {
	it('writes published ports as `docker service ls` does', () => {
		expect(formatPorts(service({name: 'web', ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress'}]}))).toBe('*:8080->80/tcp');
	});

	it('joins several ports and shows an unpublished target alone', () => {
		expect(formatPorts(service({
			name: 'dns',
			ports: [
				{protocol: 'udp', targetPort: 53, publishedPort: 5353, publishMode: 'ingress'},
				{protocol: 'tcp', targetPort: 9000, publishMode: 'ingress'},
			],
		}))).toBe('*:5353->53/udp, 9000/tcp');
	});

	it('is empty without ports', () => {
		expect(formatPorts(service({name: 'web'}))).toBe('');
	});

	it('reads the captured host-mode port of the edge service', () => {
		const [raw] = readFixture<unknown[]>('fixture-edge-service.json');
		expect(formatPorts(serviceFromApi(raw))).toBe('*:18080->80/tcp');
	});
});

describe('serviceCells and formatReplicas', () => {
	it('marks job services and drops an image digest', () => {
		const job = service({
			name: 'migrate',
			mode: 'replicated-job',
			runningTasks: 1,
			desiredTasks: 4,
			image: `swarmdeck/vote:latest@sha256:${'ab'.repeat(32)}`,
			updateStatus: {state: 'rollback_completed', message: 'rollback completed'},
		});
		expect(formatReplicas(job)).toBe('1/4 (job)');
		expect(serviceCells(job)).toEqual(['migrate', 'replicated-job', '1/4 (job)', 'swarmdeck/vote:latest', '', 'rolled back']);
	});

	it('gives one cell per column', () => {
		expect(serviceCells(service({name: 'web'}))).toHaveLength(serviceColumns.length);
		expect(serviceColumns.map(column => column.header)).toEqual(['NAME', 'MODE', 'REPLICAS', 'IMAGE', 'PORTS', 'ROLLOUT']);
	});
});
