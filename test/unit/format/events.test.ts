import {describe, expect, it} from 'vitest';
import {describeEvent, eventChanges, formatClock} from '../../../source/format/events.js';
import type {SwarmEvent} from '../../../source/swarm/types.js';

const digest = (fill: string) => `sha256:${fill.repeat(64)}`;

function serviceUpdate(attributes: Record<string, string>, name = 'dockercoins_hasher'): SwarmEvent {
	return {type: 'service', action: 'update', id: 'lxna82v5mjysrx74il22amst9', name, time: new Date(), attributes: {name, ...attributes}};
}

function nodeEvent(action: string, attributes: Record<string, string> = {}): SwarmEvent {
	return {type: 'node', action, id: 'punrzhal2jron9wcrrwlejfnj', name: 'node2', time: new Date(), attributes: {name: 'node2', ...attributes}};
}

describe('describeEvent', () => {
	it('words an image change, without the digests the daemon pins', () => {
		const event = serviceUpdate({
			'image.old': `dockercoins/hasher:v0.1@${digest('a')}`,
			'image.new': `dockercoins/hasher:v0.2@${digest('b')}`,
		});
		expect(describeEvent(event)).toBe('dockercoins_hasher image dockercoins/hasher:v0.1 → dockercoins/hasher:v0.2');
	});

	it('keeps an image without a digest as it is', () => {
		expect(describeEvent(serviceUpdate({'image.old': 'redis:7', 'image.new': 'redis:7.2'}, 'redis'))).toBe('redis image redis:7 → redis:7.2');
	});

	it('words a scale', () => {
		expect(describeEvent(serviceUpdate({'replicas.old': '4', 'replicas.new': '7'}))).toBe('dockercoins_hasher replicas 4 → 7');
	});

	it('words a change of update state', () => {
		expect(describeEvent(serviceUpdate({'updatestate.old': 'updating', 'updatestate.new': 'completed'}))).toBe('dockercoins_hasher updatestate updating → completed');
		expect(describeEvent(serviceUpdate({'updatestate.old': 'rollback_started', 'updatestate.new': 'rollback_completed'}))).toBe('dockercoins_hasher updatestate rollback_started → rollback_completed');
	});

	it('shows an empty old value as (none)', () => {
		expect(describeEvent(serviceUpdate({'updatestate.old': '', 'updatestate.new': 'updating'}))).toBe('dockercoins_hasher updatestate (none) → updating');
		expect(describeEvent(serviceUpdate({'updatestate.new': 'updating'}))).toBe('dockercoins_hasher updatestate (none) → updating');
	});

	it('lists several changes of one event in reading order: image, replicas, update state', () => {
		// As a 20.10 manager sends them during `docker service update --image … --replicas 7`.
		const event = serviceUpdate({
			'updatestate.new': 'updating',
			'updatestate.old': '',
			'replicas.new': '7',
			'replicas.old': '3',
			'image.new': 'dockercoins/hasher:v0.2',
			'image.old': 'dockercoins/hasher:v0.1',
		});
		expect(describeEvent(event)).toBe('dockercoins_hasher image dockercoins/hasher:v0.1 → dockercoins/hasher:v0.2, replicas 3 → 7, updatestate (none) → updating');
	});

	it('puts changes it does not know after the ones it does, alphabetically', () => {
		const event = serviceUpdate({'zeta.old': '1', 'zeta.new': '2', 'alpha.old': 'x', 'alpha.new': 'y', 'replicas.old': '1', 'replicas.new': '2'});
		expect(describeEvent(event)).toBe('dockercoins_hasher replicas 1 → 2, alpha x → y, zeta 1 → 2');
	});

	it('words a node update with the node in front', () => {
		expect(describeEvent(nodeEvent('update', {'availability.old': 'active', 'availability.new': 'drain'}))).toBe('node node2 availability active → drain');
		expect(describeEvent(nodeEvent('update', {'state.old': 'ready', 'state.new': 'down'}))).toBe('node node2 state ready → down');
	});

	it('says "updated" for an update that carries no change', () => {
		expect(describeEvent(serviceUpdate({}, 'vote'))).toBe('vote updated');
		expect(describeEvent(nodeEvent('update'))).toBe('node node2 updated');
	});

	it('words creation and removal', () => {
		expect(describeEvent({...serviceUpdate({}, 'vote'), action: 'create'})).toBe('vote created');
		expect(describeEvent({...serviceUpdate({}, 'vote'), action: 'remove'})).toBe('vote removed');
		expect(describeEvent(nodeEvent('create'))).toBe('node node2 created');
		expect(describeEvent(nodeEvent('remove'))).toBe('node node2 removed');
	});

	it('lists no changes for a removal even if it carries old/new pairs', () => {
		expect(describeEvent({...serviceUpdate({'replicas.old': '3', 'replicas.new': '0'}, 'vote'), action: 'remove'})).toBe('vote removed');
	});

	it('keeps an action it does not know as the daemon sent it', () => {
		expect(describeEvent({...serviceUpdate({}, 'vote'), action: 'restart'})).toBe('vote restart');
	});
});

describe('eventChanges', () => {
	it('pairs every .old with its .new', () => {
		expect(eventChanges(serviceUpdate({'replicas.old': '4', 'replicas.new': '7', 'updatestate.old': 'updating', 'updatestate.new': 'completed'}))).toEqual([
			'replicas 4 → 7',
			'updatestate updating → completed',
		]);
	});

	it('is empty for an event without pairs', () => {
		expect(eventChanges(serviceUpdate({}))).toEqual([]);
	});
});

describe('formatClock', () => {
	it('writes the local time as HH:MM:SS with leading zeros', () => {
		expect(formatClock(new Date(2026, 10, 21, 9, 5, 3))).toBe('09:05:03');
		expect(formatClock(new Date(2026, 10, 21, 0, 0, 0))).toBe('00:00:00');
		expect(formatClock(new Date(2026, 10, 21, 23, 59, 59, 999))).toBe('23:59:59');
		expect(formatClock(new Date(2026, 10, 21, 14, 30, 7))).toBe('14:30:07');
	});
});
