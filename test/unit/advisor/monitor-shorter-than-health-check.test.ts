import {describe, expect, it} from 'vitest';
import {monitorShorterThanHealthCheck} from '../../../source/advisor/rules/monitor-shorter-than-health-check.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('monitor-shorter-than-health-check', () => {
	it('is silent for whoami: monitor 10s, its image checks every 2s with 1 retry', () => {
		expect(monitorShorterThanHealthCheck.check(labInput('whoami'))).toEqual([]);
	});

	it('warns when the monitor closes before interval × retries', () => {
		expect(monitorShorterThanHealthCheck.check(labInput('whoami', {spec(spec) {
			spec.UpdateConfig!.Monitor = 1_000_000_000;
		}}))).toEqual([{
			message: 'Monitor 1s is shorter than the 2s the health check (from the image) needs to declare a task unhealthy (interval 2s × 1 retries): a task that breaks after starting slips through.',
			fix: 'docker service update --update-monitor 4s whoami',
		}]);
	});

	it('reads a health check in the spec before the image\'s, with Docker\'s defaults', () => {
		const [finding] = monitorShorterThanHealthCheck.check(labInput('whoami', {spec(spec) {
			spec.TaskTemplate!.ContainerSpec!['Healthcheck'] = {Test: ['CMD', 'true'], Interval: 0, Retries: 0};
		}}));
		expect(finding?.message).toContain('the 1m30s the health check (from the spec) needs');
	});

	it('cannot judge without a health check', () => {
		expect(monitorShorterThanHealthCheck.check(labInput('vote'))).toEqual([]);
	});
});
