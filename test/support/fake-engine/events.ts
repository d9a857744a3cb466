// Swarm events as moby's daemon/events.go derives them: every write of a service or node in
// the store becomes one event, whose attributes name what changed between the old and the
// new object (image, replicas, update state; availability, role, state, leader, reachability).
import type {EventMessage, EventType, Node, Service} from './api-types.js';
import {imageOf} from './spec.js';

/** moby keeps the last 256 events for `since` replays. */
export const eventHistoryLimit = 256;

export function serviceEventAttributes(service: Service, old: Service | undefined): Record<string, string> {
	const attributes: Record<string, string> = {name: service.Spec.Name};
	if (!old) {
		return attributes;
	}

	if (imageOf(service.Spec) !== imageOf(old.Spec)) {
		attributes['image.old'] = imageOf(old.Spec);
		attributes['image.new'] = imageOf(service.Spec);
	}

	const replicas = service.Spec.Mode.Replicated?.Replicas;
	const oldReplicas = old.Spec.Mode.Replicated?.Replicas;
	if (replicas !== undefined && oldReplicas !== undefined && replicas !== oldReplicas) {
		attributes['replicas.old'] = String(oldReplicas);
		attributes['replicas.new'] = String(replicas);
	}

	if (service.UpdateStatus) {
		if (!old.UpdateStatus) {
			attributes['updatestate.new'] = service.UpdateStatus.State;
		} else if (old.UpdateStatus.State !== service.UpdateStatus.State) {
			attributes['updatestate.old'] = old.UpdateStatus.State;
			attributes['updatestate.new'] = service.UpdateStatus.State;
		}
	}

	return attributes;
}

export function nodeEventAttributes(node: Node, old: Node | undefined): Record<string, string> {
	const attributes: Record<string, string> = {name: node.Description.Hostname};
	if (!old) {
		return attributes;
	}

	const changed = (key: string, before: string, after: string) => {
		if (before !== after) {
			attributes[`${key}.old`] = before;
			attributes[`${key}.new`] = after;
		}
	};

	changed('availability', old.Spec.Availability, node.Spec.Availability);
	changed('role', old.Spec.Role, node.Spec.Role);
	changed('state', old.Status.State, node.Status.State);
	if (node.ManagerStatus && old.ManagerStatus) {
		changed('leader', String(Boolean(old.ManagerStatus.Leader)), String(Boolean(node.ManagerStatus.Leader)));
		changed('reachability', old.ManagerStatus.Reachability, node.ManagerStatus.Reachability);
	}

	return attributes;
}

export type EventFilters = Map<string, string[]>;

const eventFilterNames = new Set(['type', 'event', 'scope', 'service', 'node', 'network', 'secret', 'config', 'container', 'image', 'label', 'volume', 'daemon', 'plugin']);

export function isEventFilter(name: string): boolean {
	return eventFilterNames.has(name);
}

/** The daemon's event filters: each given filter must match (values within one are alternatives). */
export function eventMatches(event: EventMessage, filters: EventFilters): boolean {
	for (const [name, values] of filters) {
		if (values.length === 0) {
			continue;
		}

		const matches = (() => {
			switch (name) {
				case 'type': {
					return values.includes(event.Type);
				}

				case 'event': {
					return values.includes(event.Action);
				}

				case 'scope': {
					return values.includes(event.scope);
				}

				case 'service':
				case 'node':
				case 'network':
				case 'secret':
				case 'config': {
					return event.Type === name && values.some(value => value === event.Actor.ID || value === event.Actor.Attributes['name']);
				}

				default: {
					// Container, image, volume, plugin, daemon and label filters select no swarm event.
					return false;
				}
			}
		})();
		if (!matches) {
			return false;
		}
	}

	return true;
}

export function makeEvent(type: EventType, action: string, id: string, attributes: Record<string, string>, nowMs: number, nanos: number): EventMessage {
	const timeNano = (BigInt(Math.floor(nowMs)) * 1_000_000n) + BigInt(nanos % 1_000_000);
	return {
		Type: type,
		Action: action,
		Actor: {ID: id, Attributes: attributes},
		scope: 'swarm',
		time: Math.floor(nowMs / 1000),
		// Exact enough as a double for ordering; the daemon sends an int64.
		timeNano: Number(timeNano),
	};
}
