// Every frame fits: whatever the terminal size and the data, every screen, dialog and
// overlay draws no more lines than the terminal has rows, no line wider than its columns
// (measured with string-width, as Ink measures), and keeps in view what a person finds
// their way by: the title line, the table's column header, the selected row and the hints.
// Sizes and swarms are generated; a failure shrinks to the smallest size and data that
// break. The seed is printed: `LAYOUT_SEED=<seed> npx vitest run test/ui/layout.property.test.tsx`
// replays a run, LAYOUT_RUNS sets how many.
import fc from 'fast-check';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {groupServices, orderedServices} from '../../source/format/service-table.js';
import {hintsFor, type Scope} from '../../source/keys/registry.js';
import type {RawServiceSpec, SwarmNode, SwarmService, SwarmTask} from '../../source/swarm/types.js';
import {makeService, type FakeClient} from '../support/fake-client.js';
import {DockerError} from '../../source/swarm/errors.js';
import {keys, settle, waitForFrame, type Rendered} from '../support/ink.js';
import {makeTask, serviceEvent, startApp, stopAll} from './harness.js';
import type {Exercise} from '../../source/exercise/exercise.js';
import type {LoadedExercise} from '../../source/exercise/exercise.js';

afterEach(stopAll);

const seed = Number(process.env['LAYOUT_SEED'] ?? 20_261_207);
const numRuns = Number(process.env['LAYOUT_RUNS'] ?? 200);

// ---------------------------------------------------------------- generated data

// What daemon text can hold besides ASCII: CJK and Hangul (two cells each), emoji (two),
// a combining accent (none), a fullwidth letter.
const oddText = ['漢', '字', '한', '🐳', '🚀', 'e\u0301', 'Ａ', 'ß', 'é'];
const textCharacter = fc.oneof(
	{weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_. ')},
	{weight: 2, arbitrary: fc.constantFrom(...oddText)},
);
const freeText = (maxLength: number) => fc.array(textCharacter, {minLength: 1, maxLength}).map(parts => parts.join('').trim() || 'x');
// Service and stack names follow the daemon's rule ([a-zA-Z0-9][a-zA-Z0-9_.-]*, 63 at most).
const serviceName = fc.tuple(
	fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
	fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_-'), {maxLength: 62}),
).map(([first, rest]) => first + rest.join(''));

const screens = ['services', 'servicesEnd', 'filter', 'tasks', 'tasksEnd', 'history', 'inspect', 'events', 'stacks', 'help', 'scale', 'policy', 'image', 'rollback', 'force', 'palette', 'nodes', 'nodeTasks', 'timeline', 'logs', 'exercise', 'present', 'presentTasks'] as const;
type ScreenName = (typeof screens)[number];

const terminalSize = fc.record({columns: fc.integer({min: 60, max: 250}), rows: fc.integer({min: 15, max: 70})});

const swarmShape = fc.record({
	// Mostly a handful, sometimes hundreds: the services screen of a busy swarm.
	otherServices: fc.oneof({weight: 5, arbitrary: fc.integer({min: 0, max: 12})}, {weight: 1, arbitrary: fc.integer({min: 0, max: 500})}),
	name: serviceName,
	stack: fc.option(serviceName.map(name => name.slice(0, 20)), {nil: undefined}),
	image: fc.tuple(freeText(40), freeText(12)).map(([path, tag]) => `${path}:${tag}`),
	// Tasks of the service on screen: none, a screenful or more, or ten thousand.
	tasks: fc.oneof({weight: 5, arbitrary: fc.integer({min: 0, max: 80})}, {weight: 1, arbitrary: fc.integer({min: 0, max: 10_000})}),
	historyShare: fc.integer({min: 0, max: 3}),
	hostname: freeText(40),
	error: fc.option(freeText(80), {nil: undefined}),
	updating: fc.boolean(),
	// Now and then the daemon goes away once the screen is open: a banner takes two lines.
	daemonLost: fc.oneof({weight: 4, arbitrary: fc.constant(false)}, {weight: 1, arbitrary: fc.constant(true)}),
});

type SwarmShape = typeof swarmShape extends fc.Arbitrary<infer T> ? T : never;

const plainSwarm: SwarmShape = {otherServices: 0, name: 'dockercoins_hasher', stack: undefined, image: 'dockercoins/hasher:v0.1', tasks: 3, historyShare: 0, hostname: 'node1', error: undefined, updating: false, daemonLost: false};

function buildSwarm(shape: SwarmShape): {services: SwarmService[]; tasks: Record<string, SwarmTask[]>; nodes: SwarmNode[]; target: SwarmService} {
	const nodes: SwarmNode[] = [
		{id: 'nodeaaaaaaaaaaaaaaaaaaaaa', hostname: shape.hostname, role: 'manager', availability: 'active', state: 'ready', address: '10.0.0.11', isLeader: true, version: 20, specDigest: 'a', reachability: 'reachable', engineVersion: '20.10.24', labels: {zone: shape.hostname}},
		{id: 'nodebbbbbbbbbbbbbbbbbbbbb', hostname: `${shape.hostname}-2`, role: 'worker', availability: 'active', state: 'ready', address: '10.0.0.12', isLeader: false, version: 21, specDigest: 'b', engineVersion: '20.10.24', labels: {}},
	];
	const previousSpec: RawServiceSpec = {Name: shape.name, TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1'}}, Mode: {Replicated: {Replicas: 3}}};
	const now = Date.now();
	const target = makeService({
		name: shape.name,
		stack: shape.stack,
		image: shape.image,
		replicas: shape.tasks,
		previousSpec,
		...(shape.updating ? {updateStatus: {state: 'updating' as const, message: `update in progress ${shape.error ?? ''}`, startedAt: new Date(now - 5000)}} : {}),
	});
	// The others sort after it, so that the cursor starts on the service under test.
	const others = Array.from({length: shape.otherServices}, (_, index) => makeService({
		name: `zzzzzzzz-${String(index).padStart(3, '0')}`,
		stack: shape.stack === undefined ? undefined : 'zzzzzzzzzzzzzzzzzzzzzzzz',
	}));
	const services = [target, ...others];
	const tasks: SwarmTask[] = [];
	for (let index = 0; index < shape.tasks; index++) {
		// Every few slots hold an older, finished task too: the history the `a` key shows.
		const slot = index + 1;
		const node = nodes[index % 2]!;
		tasks.push(makeTask(target.id, {slot, nodeId: node.id, image: shape.image, error: index % 7 === 3 ? shape.error : undefined, state: index % 7 === 3 && shape.error ? 'failed' : 'running'}));
		if (shape.historyShare > 0 && index % (4 - shape.historyShare) === 0) {
			tasks.push(makeTask(target.id, {slot, nodeId: node.id, image: 'swarmdeck/vote:v1', desiredState: 'shutdown', state: 'shutdown', secondsAgo: 3600}));
		}
	}

	return {services, tasks: {[target.id]: tasks}, nodes, target};
}

/** An exercise on the service under test, with text as long and odd as its names. */
function exerciseOn(target: SwarmService, shape: SwarmShape): LoadedExercise {
	const exercise: Exercise = {
		title: `Scale ${target.name}`,
		steps: [{
			instruction: `Scale ${target.name} to 7 replicas, then watch ${shape.hostname} take its share. ${shape.error ?? ''}`,
			command: `docker service scale ${target.name}=7`,
			checks: [
				{kind: 'replicas', service: target.name, value: 7},
				{kind: 'image', service: target.name, value: shape.image},
				{kind: 'noTaskReplaced', service: target.name},
				{kind: 'availability', node: shape.hostname, value: 'active'},
			],
		}],
	};
	return {exercise, file: 'exercise.json', loadedAt: new Date()};
}

/** The command line's part: an exercise, and the projector's screen. */
function appFor(screen: ScreenName, target: SwarmService, shape: SwarmShape): {app?: {exercise?: LoadedExercise; present?: boolean}} {
	if (screen === 'exercise') {
		return {app: {exercise: exerciseOn(target, shape)}};
	}

	return screen === 'present' || screen === 'presentTasks' ? {app: {exercise: exerciseOn(target, shape), present: true}} : {};
}

// ---------------------------------------------------------------- reaching each screen

/**
 * Waits until the frame has settled: nothing asked of the daemon and the frame unchanged,
 * or, with thousands of tasks polled every second, the frame unchanged three times running.
 * A frame that never settles fails here, by name: checked half-drawn, it would fail a layout
 * rule it keeps. The time allowed is long: a loaded machine is slow, not wrong.
 */
async function quiet(ui: Rendered, client: FakeClient): Promise<void> {
	const deadline = performance.now() + 30_000;
	let last = '';
	let unchanged = 0;
	for (;;) {
		await settle(ui.stdin);
		const frame = ui.frame();
		unchanged = frame === last && !frame.includes('Loading') ? unchanged + 1 : 0;
		if ((client.pendingRequests === 0 && unchanged > 0) || unchanged >= 3) {
			return;
		}

		if (performance.now() > deadline) {
			throw new Error(`the frame did not settle in 30 s (${client.pendingRequests} requests pending); last frame:\n${frame}`);
		}

		last = frame;
	}
}

/** The keys that lead from the services screen (cursor on the target service) to a screen. */
const routes: Record<ScreenName, string[]> = {
	services: [],
	servicesEnd: ['G'],
	filter: ['/', 's'],
	tasks: [keys.enter],
	tasksEnd: [keys.enter, 'G'],
	history: [keys.enter, 'a'],
	inspect: ['d'],
	events: ['e'],
	stacks: ['t'],
	help: ['?'],
	scale: ['s'],
	policy: ['u'],
	image: ['i'],
	rollback: ['r'],
	force: ['f'],
	palette: [':', 's', 'c'],
	nodes: ['n'],
	nodeTasks: ['n', keys.enter],
	timeline: ['H'],
	logs: [keys.enter, 'l'],
	// Started with --exercise: the panel under the services.
	exercise: [],
	// --present with an exercise, and the tasks on it.
	present: [],
	presentTasks: [keys.enter],
};

const scopesOf: Partial<Record<ScreenName, Scope[]>> = {
	services: ['services', 'service', 'global'],
	servicesEnd: ['services', 'service', 'global'],
	tasks: ['detail', 'tasks', 'service', 'global'],
	tasksEnd: ['detail', 'tasks', 'service', 'global'],
	history: ['detail', 'tasks', 'service', 'global'],
	inspect: ['detail', 'service', 'global'],
	events: ['detail', 'global'],
	stacks: ['stacks', 'detail', 'global'],
	nodes: ['nodes', 'node', 'detail', 'global'],
	nodeTasks: ['nodeTasks', 'tasks', 'node', 'global'],
	timeline: ['detail', 'global'],
	exercise: ['services', 'service', 'global'],
	present: ['services', 'service', 'global'],
	presentTasks: ['detail', 'tasks', 'service', 'global'],
};

// ---------------------------------------------------------------- the rules

/** A violation of the rules, in words, or undefined when the frame keeps them all. */
function brokenRule(frame: string, size: {columns: number; rows: number}, screen: ScreenName, target: SwarmService, services: readonly SwarmService[]): string | undefined {
	const lines = frame.split('\n');
	if (lines.length > size.rows) {
		return `${lines.length} lines in a terminal of ${size.rows} rows`;
	}

	const wide = lines.find(line => stringWidth(line) > size.columns);
	if (wide !== undefined) {
		return `a line of ${stringWidth(wide)} cells in ${size.columns} columns: ${JSON.stringify(wide)}`;
	}

	if (!lines[0]?.startsWith('swarmdeck')) {
		return 'the title line is gone';
	}

	const scopes = scopesOf[screen];
	if (scopes) {
		const first = hintsFor(scopes, {readOnly: false})[0]!;
		if (!lines.at(-1)?.startsWith(`${first.keys} ${first.hint}`)) {
			return 'the hint bar is gone';
		}
	}

	const startsWithName = (line: string, name: string) => {
		const cell = line.split(/\s{2,}/)[0] ?? '';
		return cell.length > 0 && (cell === name || (cell.endsWith('…') && cell.length > 1 && name.includes(cell.slice(0, -1).replace(/^…/, ''))));
	};

	switch (screen) {
		case 'services':
		case 'servicesEnd':
		case 'filter': {
			const shown = screen === 'filter' ? orderedServices(groupServices(services, {filter: 's'})) : orderedServices(groupServices(services));
			if (shown.length > 0 && !lines.some(line => /^NAME +/.test(line))) {
				return 'the services header is gone';
			}

			const selected = screen === 'servicesEnd' ? shown.at(-1) : shown[0];
			if (selected && !lines.some(line => startsWithName(line, selected.name))) {
				return `the selected service ${selected.name} is not on screen`;
			}

			if (screen === 'filter' && !lines.some(line => line.startsWith('/'))) {
				return 'the filter field is gone';
			}

			break;
		}

		case 'tasks':
		case 'tasksEnd':
		case 'history':
		case 'presentTasks':
		case 'nodeTasks': {
			if (screen === 'nodeTasks' ? !lines.some(line => /manager \(leader\)/.test(line)) : !lines.some(line => line.startsWith(target.name.slice(0, Math.min(target.name.length, size.columns - 10))))) {
				return 'the title line is gone';
			}

			const header = lines.findIndex(line => /^(ID +)?NAME +/.test(line));
			if (header === -1) {
				return 'the task table header is gone';
			}

			if (target.replicas! > 0) {
				// The rows run from under the header to the first line that is not a row.
				const rows = lines.slice(header + 1);
				const end = rows.findIndex(line => line.trim() === '' || line.startsWith('  ') || /finished tasks? \(|Showing all history|^Tasks could not be read/.test(line));
				const taskRows = rows.slice(0, end === -1 ? rows.length : end);
				if (taskRows.length === 0) {
					return 'no task row under the header';
				}

				// Rows tell slots apart: each row shows its slot's number at the end of its name.
				const nameAt = lines[header]!.indexOf('NAME');
				const names = taskRows.map(line => line.slice(nameAt).trimStart().replace(/^\\_ +/, '').split(/\s+/)[0] ?? '');
				const unslotted = names.find(name => !/\.\d+$/.test(name));
				if (unslotted !== undefined) {
					return `a task name without its slot: ${JSON.stringify(unslotted)}`;
				}
			}

			break;
		}

		case 'stacks': {
			if (services.some(service => service.stack) && !lines.some(line => /^STACK/.test(line))) {
				return 'the stacks header is gone';
			}

			break;
		}

		case 'nodes': {
			if (!lines.some(line => /^\d+ nodes?/.test(line)) || !lines.some(line => /^HOSTNAME +/.test(line))) {
				return 'the nodes title or header is gone';
			}

			break;
		}

		case 'logs': {
			if (!lines.some(line => line.startsWith('Logs of '))) {
				return 'the logs title is gone';
			}

			break;
		}

		case 'exercise':
		case 'present': {
			if (!lines.some(line => line.startsWith('Exercise: '))) {
				return 'the exercise\'s step line is gone';
			}

			if (screen === 'present' && !lines.some(line => line.startsWith('── Last 5 commands, to copy'))) {
				return 'the box of the last commands is gone';
			}

			break;
		}

		case 'timeline': {
			if (!lines.some(line => line.startsWith('Timeline of this session'))) {
				return 'the timeline title is gone';
			}

			break;
		}

		case 'events': {
			if (!lines.some(line => line.startsWith('Swarm events'))) {
				return 'the events title is gone';
			}

			break;
		}

		case 'inspect': {
			if (!lines.some(line => line.startsWith('ID:'))) {
				return 'the inspect view lost its first line';
			}

			break;
		}

		case 'palette': {
			if (!lines.some(line => line.startsWith(':sc'))) {
				return 'the palette input is gone';
			}

			break;
		}

		default: {
			// A dialog: its border top and bottom, its title and its hints.
			if (!lines.some(line => line.startsWith('╭')) || !lines.some(line => line.startsWith('╰'))) {
				return 'the dialog border is cut';
			}

			if (!lines.some(line => /^│ .*(Esc|y )/.test(line))) {
				return 'the dialog hints are gone';
			}

			const title = {help: 'Keys', scale: 'Scale', policy: 'Update and rollback', image: 'Image of', rollback: 'Roll back', force: 'Force'}[screen];
			if (!lines.some(line => line.startsWith(`│ ${title}`))) {
				return `the dialog title (${title}) is gone`;
			}
		}
	}

	return undefined;
}

describe('every frame fits', () => {
	it(`in every terminal from 60×15 to 250×70, with every count of rows (seed ${seed}, ${numRuns} runs)`, async () => {
		console.log(`layout seed ${seed}, ${numRuns} runs: replay with LAYOUT_SEED=${seed}`);
		await fc.assert(
			fc.asyncProperty(terminalSize, terminalSize, swarmShape, fc.constantFrom(...screens), async (size, resized, shape, screen) => {
				const {services, tasks, nodes, target} = buildSwarm(shape);
				const {ui, client} = await startApp({services, tasks, nodes, size, waitFor: 'swarmdeck', ...appFor(screen, target, shape)});
				try {
					await quiet(ui, client);
					for (const key of routes[screen]) {
						await ui.press(key);
					}

					await quiet(ui, client);
					if (shape.daemonLost) {
						client.failWith = new DockerError(`Cannot reach the Docker daemon at unix:///fake.sock (ECONNREFUSED). ${shape.error ?? ''}`, undefined, true);
						client.emit(serviceEvent(target.name));
						await waitForFrame(ui, frame => frame.includes('⚠ Lost contact'), 30_000);
					}

					const problem = brokenRule(ui.frame(), size, screen, target, services);
					expect(problem, `${screen} at ${size.columns}×${size.rows}:\n${ui.frame()}`).toBeUndefined();
					await ui.resize(resized.columns, resized.rows);
					await quiet(ui, client);
					const afterResize = brokenRule(ui.frame(), resized, screen, target, services);
					expect(afterResize, `${screen} resized to ${resized.columns}×${resized.rows}:\n${ui.frame()}`).toBeUndefined();
				} finally {
					stopAll();
				}
			}),
			{
				seed,
				numRuns,
				verbose: 1,
				// Always tried, whatever the seed: a swarm of 500 services scrolled to its end, and
				// the history of a service with ten thousand rows, resized smaller.
				examples: [
					[{columns: 80, rows: 24}, {columns: 140, rows: 40}, {...plainSwarm, otherServices: 500}, 'servicesEnd'],
					[{columns: 140, rows: 40}, {columns: 80, rows: 24}, {...plainSwarm, tasks: 5000, historyShare: 3}, 'history'],
					[{columns: 80, rows: 24}, {columns: 60, rows: 15}, {...plainSwarm, daemonLost: true}, 'exercise'],
					[{columns: 80, rows: 24}, {columns: 60, rows: 15}, plainSwarm, 'present'],
					[{columns: 80, rows: 24}, {columns: 60, rows: 15}, {...plainSwarm, tasks: 30}, 'presentTasks'],
				],
			},
		);
	}, 600_000);
});
