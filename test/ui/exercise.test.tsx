// A guided exercise in the app, on a fake swarm: the panel shows one step at a time, and a
// step ticks itself when the swarm's state gets there, by swarmdeck's keys or from outside.
import {writeFileSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {loadExerciseFile} from '../../source/exercise/load.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {lineWith, serviceEvent, startApp, stopAll} from './harness.js';

afterEach(stopAll);

const exercises = fileURLToPath(new URL('../../lab/exercises/', import.meta.url));
const loaded = (file: string) => ({exercise: loadExerciseFile(exercises + file), file, loadedAt: new Date()});
const swarm = () => [
	makeService({name: 'dockercoins_hasher', replicas: 1, image: 'dockercoins/hasher:v0.1'}),
	makeService({name: 'vote', replicas: 4}),
];

describe('a guided exercise', () => {
	it('shows the step and its command, and ticks the step when the scale done by keys reaches the swarm', async () => {
		const {ui, client} = await startApp({services: swarm(), app: {exercise: loaded('1-scale.json')}, waitFor: 'Exercise:'});
		let frame = await waitForFrame(ui, text => text.includes('○ dockercoins_hasher has 7 replicas (now 1)'));
		expect(lineWith(frame, 'Exercise:')).toBe('Exercise: Scale the hasher to 7 · step 1 of 2');
		expect(frame).toContain('$ docker service scale dockercoins_hasher=7');
		await ui.burst('s', keys.backspace, '7', keys.enter);
		frame = await waitForFrame(ui, text => text.includes('○ dockercoins_hasher runs 7 tasks (now 1)'), 5000);
		expect(lineWith(frame, 'Exercise:')).toBe('Exercise: Scale the hasher to 7 · step 2 of 2');
		expect(client.sent).toEqual([{action: 'scale', service: 'dockercoins_hasher', payload: 7}]);
		// The fake swarm starts no task: here the six new ones come up.
		client.services[0] = {...client.services[0]!, runningTasks: 7};
		client.emit(serviceEvent('dockercoins_hasher'));
		await waitForFrame(ui, text => text.includes('✓ Exercise done: Scale the hasher to 7, all 2 steps'), 5000);
	});

	it('ticks when the swarm changes from outside, as `docker` typed in another terminal does', async () => {
		const {ui, client} = await startApp({services: swarm(), app: {exercise: loaded('2-policy-no-op.json')}, waitFor: 'Exercise:'});
		await waitForFrame(ui, text => text.includes('(now parallelism 1,'));
		const hasher = client.services[0]!;
		// What `docker service update --update-parallelism 2 --update-max-failure-ratio 0.25` leaves.
		client.services[0] = {...hasher, version: hasher.version + 1, spec: {...hasher.spec, UpdateConfig: {Parallelism: 2, MaxFailureRatio: 0.25}}};
		client.emit(serviceEvent('dockercoins_hasher'));
		await waitForFrame(ui, text => text.includes('✓ Exercise done: Change the update policy: no task is replaced'), 5000);
		expect(client.sent).toEqual([]);
	});

	it('loads another with :exercise FILE, and refuses a bad file with its line, keeping the one under way', async () => {
		const {ui} = await startApp({services: swarm(), app: {exercise: loaded('1-scale.json')}, waitFor: 'Exercise:'});
		const folder = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-exercise-'));
		const bad = path.join(folder, 'bad.json');
		writeFileSync(bad, '{\n  "title": "Bad",\n  "steps": [\n    {"instruction": "x", "checks": [{"service": "vote", "replicas": "seven"}]}\n  ]\n}\n');
		await ui.press(':');
		await ui.type(`exercise ${bad}`);
		await ui.press(keys.enter);
		let frame = await waitForFrame(ui, text => text.includes('line 4'));
		expect(frame.replaceAll('\n', ' ')).toContain(`${bad} line 4: replicas must be a whole number, 0 or more.`);
		expect(frame).toContain('Exercise: Scale the hasher to 7 · step 1 of 2');
		await ui.press(':');
		await ui.type(`exercise ${exercises}3-update-delay.json`);
		await ui.press(keys.enter);
		frame = await waitForFrame(ui, text => text.includes('Exercise: An update delay'));
		expect(frame).toContain('○ vote\'s update policy: delay 3s, parallelism 1 (now delay 0s)');
		await ui.press('X');
		await waitForFrame(ui, text => !text.includes('Exercise:'));
		await ui.press('X');
		await waitForFrame(ui, text => text.includes('Exercise: An update delay'));
	}, 15_000);
});
