// The rows of the secrets, configs and networks screens: each object as `docker secret ls`,
// `docker config ls` and `docker network ls` list it, with the services whose spec uses it.
// A service names a secret or config by ID and name, and a network by ID (or by name, as
// a spec sent by hand may); a port published in ingress mode uses the ingress network.
import type {ResourceKind, SwarmResource, SwarmService} from '../swarm/types.js';
import type {Column} from './columns.js';
import {humanDuration} from './human-duration.js';

export type ResourceRow = {
	resource: SwarmResource;
	/** The services that use it, by name, sorted. */
	services: ReadonlyArray<{id: string; name: string}>;
};

export const resourceWords: Record<ResourceKind, {one: string; many: string; command: string}> = {
	secret: {one: 'secret', many: 'secrets', command: 'docker secret ls'},
	config: {one: 'config', many: 'configs', command: 'docker config ls'},
	network: {one: 'network', many: 'networks', command: 'docker network ls'},
};

type Reference = {id?: string; name?: string};

/* eslint-disable @typescript-eslint/no-explicit-any -- the spec's fields swarmdeck does not type */
function references(service: SwarmService, kind: ResourceKind): Reference[] {
	const template = (service.spec.TaskTemplate ?? {}) as Record<string, any>;
	const container = (template['ContainerSpec'] ?? {}) as Record<string, any>;
	const list = (value: unknown): any[] => Array.isArray(value) ? value : [];
	switch (kind) {
		case 'secret': {
			return list(container['Secrets']).map(secret => ({id: secret?.SecretID, name: secret?.SecretName}));
		}

		case 'config': {
			return list(container['Configs']).map(config => ({id: config?.ConfigID, name: config?.ConfigName}));
		}

		case 'network': {
			// Spec.Networks is the older place; daemons still accept it.
			return [...list(template['Networks']), ...list(service.spec['Networks'])].map(network => ({id: network?.Target, name: network?.Target}));
		}
	}
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function uses(service: SwarmService, resource: SwarmResource): boolean {
	if (resource.ingress && service.ports.some(port => port.publishMode === 'ingress')) {
		return true;
	}

	return references(service, resource.kind).some(reference => reference.id === resource.id || reference.name === resource.name);
}

export function resourceRows(resources: readonly SwarmResource[], services: readonly SwarmService[]): ResourceRow[] {
	return [...resources]
		.sort((a, b) => a.name.localeCompare(b.name))
		.map(resource => ({
			resource,
			services: services.filter(service => uses(service, resource)).map(service => ({id: service.id, name: service.name})).sort((a, b) => a.name.localeCompare(b.name)),
		}));
}

export function resourceColumns(kind: ResourceKind): Column[] {
	return [
		{header: 'NAME', minWidth: 8, shrink: 1},
		{header: 'ID', minWidth: 12, dropOrder: 2},
		...(kind === 'network'
			? [{header: 'DRIVER', minWidth: 6}, {header: 'SCOPE', minWidth: 5}]
			: [{header: 'CREATED', minWidth: 7, dropOrder: 1}, {header: 'UPDATED', minWidth: 7, dropOrder: 0}]),
		{header: 'SERVICES', minWidth: 8, shrink: 2},
	];
}

const ago = (date: Date | undefined, now: number) => date ? `${humanDuration(now - date.getTime())} ago` : '';

export function resourceCells(row: ResourceRow, now: number): string[] {
	const {resource} = row;
	const services = row.services.length === 0 ? '-' : `${row.services.length}: ${row.services.map(service => service.name).join(', ')}`;
	return [
		resource.name,
		resource.id.slice(0, 12),
		...(resource.kind === 'network' ? [resource.driver ?? '', resource.scope ?? ''] : [ago(resource.createdAt, now), ago(resource.updatedAt, now)]),
		services,
	];
}
