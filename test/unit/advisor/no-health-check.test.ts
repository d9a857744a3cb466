import {describe, expect, it} from 'vitest';
import {noHealthCheck} from '../../../source/advisor/rules/no-health-check.js';
import {labInput} from '../../fixtures/advisor/load.js';

describe('no-health-check', () => {
	it('is silent for whoami: no health check in its spec, but one in the image on the manager', () => {
		const input = labInput('whoami');
		expect(input.health.from).toBe('image');
		expect(noHealthCheck.check(input)).toEqual([]);
	});

	it('warns when the failure action is rollback and neither spec nor image has one', () => {
		const [finding, ...rest] = noHealthCheck.check(labInput('vote', {spec(spec) {
			spec.UpdateConfig!.FailureAction = 'rollback';
		}}));
		expect(rest).toEqual([]);
		expect(finding?.severity).toBe('warning');
		expect(finding?.message).toBe('Failure action rollback with no health check in the spec or in the image: only tasks that exit are caught, so an automatic rollback never fires for a task that runs but does not work.');
		expect(finding?.fix).toBe('docker service update --health-cmd \'<a command that fails when the service is broken>\' vote');
	});

	it('notes the default pause as info, and says so when only the spec could be read', () => {
		const [finding] = noHealthCheck.check(labInput('dockercoins_rng'));
		expect(finding?.severity).toBe('info');
		expect(finding?.message).toContain('the image is not on this manager to tell whether it has one');
		expect(finding?.fix).toBeUndefined();
	});

	it('counts a health check disabled in the spec as none, whatever the image has', () => {
		const [finding] = noHealthCheck.check(labInput('whoami', {spec(spec) {
			spec.TaskTemplate!.ContainerSpec!['Healthcheck'] = {Test: ['NONE']};
		}}));
		expect(finding?.message).toContain('its health check disabled in the spec');
	});

	it('is silent with failure action continue (another rule covers it)', () => {
		expect(noHealthCheck.check(labInput('vote', {spec(spec) {
			spec.UpdateConfig!.FailureAction = 'continue';
		}}))).toEqual([]);
	});
});
