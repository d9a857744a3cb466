// The policy form says what the values typed risk, as they are typed, and what they look
// like in a stack file; inspect lists the service's findings.
import {afterEach, describe, expect, it} from 'vitest';
import {defaultUpdatePolicy} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const healthy = {Test: ['CMD', '/bin/true'], Interval: 2_000_000_000, Retries: 1};
const tall = {columns: 120, rows: 50};

/** The text inside the dialog's border, its wrapped lines joined. */
const dialogText = (frame: string) => words(frame.split('\n').map(row => row.replace(/^│ ?|│$/g, '')).join(' '));

/** api, 2 replicas, automatic rollback; its image's health check as given. */
async function startWithApi(imageHealth: typeof healthy | null) {
	return startApp({
		services: [makeService({name: 'api', replicas: 2, image: 'example/api:2', updatePolicy: {...defaultUpdatePolicy, failureAction: 'rollback'}})],
		images: {'example/api:2': imageHealth},
		size: tall,
	});
}

describe('the policy form\'s advice', () => {
	it('warns as a value is typed, and stops when it is put back', async () => {
		const {ui} = await startWithApi(healthy);
		await ui.press('u');
		let frame = await waitForFrame(ui, text => text.includes('Update and rollback policy of api'));
		expect(frame).not.toContain('⚠');
		// Parallelism 0 with stop-first: both tasks stop at once. Keys sent in one burst.
		await ui.press(keys.ctrlU, '0');
		frame = await waitForFrame(ui, text => text.includes('⚠'));
		expect(dialogText(frame)).toContain('⚠ stop-first with parallelism 0 and 2 tasks: every update stops all of them before their replacements start, an outage until the new tasks run.');
		// And what it is in a stack file.
		expect(frame).toContain('In a stack file (docker stack deploy):');
		expect(frame.split('\n').map(row => row.replace(/^│\s*|\s*│$/g, '')).filter(row => /^(deploy|update_config|parallelism|failure_action):/.test(row))).toEqual([
			'deploy:', 'update_config:', 'parallelism: 0', 'failure_action: rollback',
		]);
		await ui.press(keys.backspace, '1');
		frame = await waitForFrame(ui, text => !text.includes('⚠') && text.includes('│ › parallelism       1'));
		expect(frame).not.toContain('In a stack file');
	});

	it('says an automatic rollback has no health check to act on, when neither spec nor image has one', async () => {
		const {ui} = await startWithApi(null);
		await ui.press('u');
		const frame = await waitForFrame(ui, text => text.includes('⚠'));
		expect(dialogText(frame)).toContain('⚠ Failure action rollback with no health check in the spec or in the image: only tasks that exit are caught');
	});
});

describe('the inspect screen\'s findings', () => {
	it('lists each finding with its fix, and none for a service with nothing to say', async () => {
		const {ui} = await startApp({
			services: [
				makeService({name: 'api', replicas: 1, image: 'example/api:2'}),
				makeService({name: 'whoami', replicas: 3, image: 'swarmdeck/whoami:1.0', updatePolicy: {...defaultUpdatePolicy, failureAction: 'rollback'}}),
			],
			images: {'example/api:2': healthy, 'swarmdeck/whoami:1.0': healthy},
			size: tall,
		});
		await ui.press('d');
		let frame = await waitForFrame(ui, text => text.includes('Name:           api') && !text.includes('reading the image'));
		let lines = frame.split('\n');
		let start = lines.indexOf('Findings (as `swarmdeck check` reports them):');
		expect(lines.slice(start + 1, start + 4)).toEqual([
			' warning  stop-first-outage',
			'   stop-first with 1 replica: every update stops all of them before their replacements start, an outage until the new',
			'   task runs.',
		]);
		expect(lines[start + 4]).toBe('   fix: docker service update --update-order start-first api');
		await ui.press(keys.escape, 'j', 'd');
		frame = await waitForFrame(ui, text => text.includes('Name:           whoami') && !text.includes('reading the image'));
		lines = frame.split('\n');
		start = lines.indexOf('Findings (as `swarmdeck check` reports them):');
		expect(lines[start + 1]).toBe(' none: nothing in the policy or the tasks calls for a change');
	});
});
