// JSON captured from the lab's dockerd 20.10.24 (test/fixtures/engine/lab-*.json): the engine
// copies its objects' fixed parts (a node's Description, /info, /version) from these, so what
// it serves has the real daemon's keys without restating them here.
import {readFileSync} from 'node:fs';
import type {Network, Node} from './api-types.js';

export function readLabCapture<T>(name: string): T {
	return JSON.parse(readFileSync(new URL(`../../fixtures/engine/${name}`, import.meta.url), 'utf8')) as T;
}

type Info = Record<string, unknown> & {Name: string; Swarm: Record<string, unknown>};

export const labShapes = {
	infoManager: () => readLabCapture<Info>('lab-info-manager.json'),
	infoWorker: () => readLabCapture<Info>('lab-info-worker.json'),
	infoInactive: () => readLabCapture<Info>('lab-info-inactive.json'),
	version: () => readLabCapture<Record<string, unknown>>('lab-version.json'),
	/** node1 of the lab: a leader manager, with its engine's plugin list. */
	node: () => readLabCapture<Node[]>('lab-nodes.json').find(node => node.Description.Hostname === 'node1')!,
	/** The networks a fresh swarm manager has: ingress, plus the local bridge, host and none. */
	networks: () => readLabCapture<Network[]>('lab-networks.json').filter(network => network.Labels === null || !network.Labels['com.docker.stack.namespace']),
};
