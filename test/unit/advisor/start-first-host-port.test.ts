import {describe, expect, it} from 'vitest';
import {startFirstHostPort} from '../../../source/advisor/rules/start-first-host-port.js';
import type {PublishedPort} from '../../../source/swarm/types.js';
import {labInput} from '../../fixtures/advisor/load.js';

const hostPort: PublishedPort = {protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host'};

describe('start-first-host-port', () => {
	it('warns when a start-first update meets a port published in host mode', () => {
		expect(startFirstHostPort.check(labInput('vote', {
			spec(spec) {
				spec.UpdateConfig!.Order = 'start-first';
			},
			service: {ports: [hostPort]},
		}))).toEqual([{
			message: 'update order start-first with port 8080/tcp published in host mode: the new task cannot bind the port the old one holds on its node, so it stays pending and the update stalls.',
			fix: 'docker service update --update-order stop-first vote',
		}]);
	});

	it('is silent for ingress ports, host ports without a fixed number, and stop-first', () => {
		const startFirst = {spec(spec: {UpdateConfig?: {Order?: string}}) {
			spec.UpdateConfig!.Order = 'start-first';
		}};
		expect(startFirstHostPort.check(labInput('vote', {...startFirst, service: {ports: [{...hostPort, publishMode: 'ingress'}]}}))).toEqual([]);
		expect(startFirstHostPort.check(labInput('vote', {...startFirst, service: {ports: [{...hostPort, publishedPort: undefined}]}}))).toEqual([]);
		expect(startFirstHostPort.check(labInput('vote', {service: {ports: [hostPort]}}))).toEqual([]);
	});
});
