// Swarm events in words a person reads: `dockercoins_hasher image v0.1 → v0.2`.
import type {SwarmEvent} from '../swarm/types.js';
import {displayImage} from '../spec/image-reference.js';

/** Attributes that come in `.old` / `.new` pairs on update events, in reading order. */
const changeOrder = ['image', 'replicas', 'updatestate', 'availability', 'state', 'role', 'leader', 'name'];

function shownValue(attribute: string, value: string): string {
	return attribute === 'image' ? displayImage(value) : value;
}

/** The `x.old → x.new` changes an update event carries. */
export function eventChanges(event: SwarmEvent): string[] {
	const attributes = Object.keys(event.attributes)
		.filter(key => key.endsWith('.new'))
		.map(key => key.slice(0, -'.new'.length))
		.sort((a, b) => {
			const rank = (name: string) => {
				const index = changeOrder.indexOf(name);
				return index === -1 ? changeOrder.length : index;
			};

			return rank(a) - rank(b) || a.localeCompare(b);
		});
	return attributes.map(attribute => {
		const before = event.attributes[`${attribute}.old`] ?? '';
		const after = event.attributes[`${attribute}.new`] ?? '';
		return `${attribute} ${before === '' ? '(none)' : shownValue(attribute, before)} → ${shownValue(attribute, after)}`;
	});
}

const actionWords: Record<string, string> = {
	create: 'created',
	remove: 'removed',
	update: 'updated',
};

/** One line of the events screen, without the time: `service vote image … → …`. */
export function describeEvent(event: SwarmEvent): string {
	const subject = event.type === 'node' ? `node ${event.name}` : event.name;
	const changes = event.action === 'update' ? eventChanges(event) : [];
	if (changes.length > 0) {
		return `${subject} ${changes.join(', ')}`;
	}

	return `${subject} ${actionWords[event.action] ?? event.action}`;
}

export function formatClock(date: Date): string {
	return [date.getHours(), date.getMinutes(), date.getSeconds()].map(part => String(part).padStart(2, '0')).join(':');
}
