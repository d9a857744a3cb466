// The `filters` query parameter of the list endpoints, parsed and applied as the daemon does:
// JSON of name → values (or the old name → {value: true} form); an unknown name is a 400,
// JSON that does not parse a 500, as the lab answers.
import type {Node, Service, Task} from './api-types.js';
import {daemonErrors, EngineError} from './errors.js';
import {modeOf} from './spec.js';

export type Filters = Map<string, string[]>;

export function parseFilters(text: string | undefined | null, allowed: ReadonlySet<string>): Filters {
	const filters: Filters = new Map();
	if (!text) {
		return filters;
	}

	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new EngineError(500, (error as Error).message);
	}

	if (typeof raw !== 'object' || raw === null) {
		return filters;
	}

	for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
		const values = Array.isArray(value)
			? value.map(String)
			: (typeof value === 'object' && value !== null ? Object.keys(value).filter(key => (value as Record<string, unknown>)[key]) : []);
		filters.set(name, values);
	}

	for (const name of filters.keys()) {
		if (!allowed.has(name)) {
			throw daemonErrors.invalidFilter(name);
		}
	}

	return filters;
}

export const serviceFilterNames = new Set(['id', 'label', 'mode', 'name']);
export const taskFilterNames = new Set(['desired-state', 'id', 'label', 'name', 'node', 'service', '_up-to-date']);
export const nodeFilterNames = new Set(['id', 'label', 'membership', 'name', 'node.label', 'role']);
export const secretFilterNames = new Set(['id', 'label', 'name', 'names']);

/** A filter with no values, or absent, lets everything through. */
function any(filters: Filters, name: string, test: (value: string) => boolean): boolean {
	const values = filters.get(name);
	return !values || values.length === 0 || values.some(value => test(value));
}

/** `label=key` or `label=key=value`, against a label map. */
export function labelMatches(labels: Record<string, string> | null | undefined, filter: string): boolean {
	const [key, ...rest] = filter.split('=');
	const value = rest.join('=');
	const actual = labels?.[key!];
	return actual !== undefined && (rest.length === 0 || actual === value);
}

function allLabels(filters: Filters, name: string, labels: Record<string, string> | null | undefined): boolean {
	return (filters.get(name) ?? []).every(filter => labelMatches(labels, filter));
}

export function serviceMatches(service: Service, filters: Filters): boolean {
	return any(filters, 'id', value => service.ID.startsWith(value))
		&& any(filters, 'name', value => service.Spec.Name.startsWith(value))
		&& any(filters, 'mode', value => value === modeOf(service.Spec))
		&& allLabels(filters, 'label', service.Spec.Labels);
}

export function checkDesiredStates(filters: Filters): void {
	for (const value of filters.get('desired-state') ?? []) {
		if (!['running', 'shutdown', 'accepted'].includes(value)) {
			throw daemonErrors.invalidDesiredState(value);
		}
	}
}

export type TaskContext = {
	service: Service | undefined;
	node: Node | undefined;
	upToDate: boolean;
};

export function taskMatches(task: Task, filters: Filters, context: TaskContext): boolean {
	const name = context.service ? `${context.service.Spec.Name}.${task.Slot ?? task.NodeID}` : '';
	return any(filters, 'id', value => task.ID.startsWith(value))
		&& any(filters, 'name', value => name.startsWith(value))
		&& any(filters, 'service', value => value === task.ServiceID || value === context.service?.Spec.Name || (value.length > 0 && task.ServiceID.startsWith(value)))
		&& any(filters, 'node', value => value === task.NodeID || value === context.node?.Description.Hostname)
		// accepted is kept for old clients: it selects the tasks desired running, as in swarmkit.
		&& any(filters, 'desired-state', value => (value === 'accepted' ? 'running' : value) === task.DesiredState)
		&& allLabels(filters, 'label', task.Labels)
		&& any(filters, '_up-to-date', value => (value === 'true' || value === '1') === context.upToDate);
}

export function nodeMatches(node: Node, filters: Filters): boolean {
	return any(filters, 'id', value => node.ID.startsWith(value))
		&& any(filters, 'name', value => node.Description.Hostname.startsWith(value) || node.Spec.Name === value)
		&& any(filters, 'role', value => value === node.Spec.Role)
		&& any(filters, 'membership', value => value === 'accepted')
		&& allLabels(filters, 'label', node.Description.Engine.Labels)
		&& allLabels(filters, 'node.label', node.Spec.Labels);
}
