// The projector's screen (--present) at 80×24: the exercise step on top, no IDs or ports in
// the tables, and the last commands in a box the class can copy from.
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {loadExerciseFile} from '../../source/exercise/load.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {makeTask, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const exercise = {exercise: loadExerciseFile(fileURLToPath(new URL('../../lab/exercises/1-scale.json', import.meta.url))), file: '1-scale.json', loadedAt: new Date()};
const hasher = makeService({name: 'dockercoins_hasher', replicas: 1, image: 'dockercoins/hasher:v0.1', ports: [{protocol: 'tcp', targetPort: 80, publishedPort: 8000, publishMode: 'ingress'}]});

describe('--present', () => {
	it('puts the step first, hides ports and task IDs, and keeps the commands run in a box', async () => {
		const {ui} = await startApp({
			services: [hasher, makeService({name: 'vote', replicas: 4})],
			tasks: {[hasher.id]: [makeTask(hasher.id, {slot: 1, nodeId: 'node-1', image: 'dockercoins/hasher:v0.1', state: 'running'})]},
			size: {columns: 80, rows: 24},
			app: {exercise, present: true},
			waitFor: 'Exercise:',
		});
		let frame = await waitForFrame(ui, text => text.includes('None yet'));
		let lines = frame.split('\n');
		expect(lines[1]).toBe('Exercise: Scale the hasher to 7 · step 1 of 2');
		// At 80 columns the empty ROLLOUT column gives way to the advisor's marker (!), which stays.
		expect(lines.find(line => line.startsWith('NAME '))).toMatch(/^NAME +MODE +REPLICAS +IMAGE +!$/);
		expect(frame).not.toContain('8000');
		expect(lines.length).toBeLessThanOrEqual(24);

		await ui.burst('s', keys.backspace, '7', keys.enter);
		frame = await waitForFrame(ui, text => text.includes('── Last command, to copy'));
		lines = frame.split('\n');
		const box = lines.findIndex(line => line.startsWith('── Last command, to copy'));
		expect(lines[box + 1]).toBe('docker service scale dockercoins_hasher=7');
		expect(lines[1]).toBe('Exercise: Scale the hasher to 7 · step 2 of 2');

		await ui.press(keys.enter);
		frame = await waitForFrame(ui, text => /^NAME +IMAGE +NODE/m.test(text));
		expect(frame).not.toMatch(/^ID /m);
		expect(frame.split('\n').length).toBeLessThanOrEqual(24);
	});
});
