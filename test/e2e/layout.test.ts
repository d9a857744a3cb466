// A service with more tasks than the screen has lines, on the lab: the task screen keeps
// its title and its column header at 80×24 and at 140×40, and scrolling through it shows
// every slot by a name of its own.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {docker, labSockets, resetDemoServices, waitConverged} from '../support/lab.js';
import {selectService, swarmdeckPerTest, type Terminal} from '../support/tmux.js';

const service = 'dockercoins_hasher';
const replicas = 45;
const start = swarmdeckPerTest();

beforeAll(async () => {
	await docker(['service', 'scale', '--detach', `${service}=${replicas}`]);
	await waitConverged(service, 240_000);
});

afterAll(async () => {
	await resetDemoServices(service);
});

/** The task table's header line and the rows under it, as the screen shows them. */
function taskTable(screen: string): {header: number; names: string[]; position?: {first: number; last: number}} {
	const lines = screen.split('\n');
	const header = lines.findIndex(line => /^(ID +)?NAME +IMAGE/.test(line));
	const nameAt = lines[header]?.indexOf('NAME') ?? 0;
	const rows = header === -1 ? [] : lines.slice(header + 1).filter((line, index, all) => all.slice(0, index + 1).every(candidate => /^\S/.test(candidate)));
	const position = /^ {2}(\d+)-(\d+) of (\d+)$/m.exec(screen);
	return {
		header,
		names: rows.map(line => line.slice(nameAt).split(/\s+/)[0] ?? ''),
		position: position ? {first: Number(position[1]), last: Number(position[2])} : undefined,
	};
}

/** The slot a task name ends with: `dockercoins_hasher.12`, `…hasher.12` and `.12` all give 12. */
function slotOf(name: string): number | undefined {
	const match = /\.(\d+)$/.exec(name);
	return match ? Number(match[1]) : undefined;
}

async function openTasks(columns: number, rows: number): Promise<{terminal: Terminal; screen: string}> {
	const terminal = await start({dockerHost: labSockets.node1, columns, rows});
	await selectService(terminal, service);
	await terminal.press('Enter');
	const screen = await terminal.waitFor(text => taskTable(text).names.length > 0 && text.includes(`of ${replicas}`), 'the task table, scrollable');
	return {terminal, screen};
}

/**
 * Every screenful from the top to the bottom of the table, moving the cursor a page at a
 * time by a burst of keys: the window keeps the cursor in its middle.
 */
async function scrollThrough(terminal: Terminal, first: string): Promise<string[]> {
	const screens = [first];
	let table = taskTable(first);
	let selected = 0;
	while (table.position && table.position.last < replicas) {
		const visible = table.position.last - table.position.first + 1;
		selected = Math.min(selected + visible, replicas - 1);
		const expectedFirst = Math.min(Math.max(0, selected - Math.floor(visible / 2)), replicas - visible) + 1;
		expect(expectedFirst, 'each page moves the window').toBeGreaterThan(table.position.first);
		// One page as a burst of single steps: keys that arrive together act as typed slowly.
		await terminal.burst(...Array.from({length: visible}, () => 'j'));
		const screen = await terminal.waitFor(text => taskTable(text).position?.first === expectedFirst, `rows from ${expectedFirst}`);
		screens.push(screen);
		table = taskTable(screen);
	}

	return screens;
}

describe(`${service} at ${replicas} replicas`, () => {
	for (const [columns, rows] of [[80, 24], [140, 40]] as const) {
		it(`shows its title, its header and ${replicas} distinct slots at ${columns}×${rows}`, async () => {
			const {terminal, screen} = await openTasks(columns, rows);
			const lines = screen.split('\n');
			expect(lines[0]).toMatch(/^swarmdeck /);
			expect(lines[1]).toMatch(new RegExp(`^${service} +replicated +${replicas}/${replicas} `));
			const slots = new Set<number>();
			for (const view of await scrollThrough(terminal, screen)) {
				const table = taskTable(view);
				expect(view.split('\n')[1], 'the title line stays').toMatch(new RegExp(`^${service} `));
				expect(table.header, 'the column header stays').toBeGreaterThan(1);
				// Rows tell slots apart: one name per row, each ending with its slot.
				expect(new Set(table.names).size).toBe(table.names.length);
				for (const name of table.names) {
					expect(slotOf(name), name).toBeDefined();
					slots.add(slotOf(name)!);
				}

				expect(view.split('\n').every(line => line.length <= columns)).toBe(true);
			}

			expect([...slots].sort((a, b) => a - b)).toEqual(Array.from({length: replicas}, (_, index) => index + 1));
		});
	}
});
