import {afterEach, describe, expect, it} from 'vitest';
import {commands, keyLabel, scopeTitles, type Command} from '../../source/keys/registry.js';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {startApp, stopAll} from './harness.js';

// stopAll also fails a test in which React complained, e.g. of two lines with one key.
afterEach(stopAll);

const all = commands as readonly Command[];

/** The lines inside the overlay's border, trimmed, without the title and the hint line. */
function overlayLines(frame: string): string[] {
	return frame.split('\n')
		.filter(line => line.startsWith('│'))
		.map(line => line.replace(/^│ /, '').replace(/\s*│$/, ''))
		.slice(1, -1);
}

async function openHelp(ui: Rendered): Promise<string> {
	await ui.press('?');
	return waitForFrame(ui, frame => frame.includes('│ Keys'));
}

/** What the help shows for a command: its keys in a column of 16, then what it does (cut to fit). */
function entry(command: Command): string {
	return `  ${keyLabel(command).padEnd(16)}${command.description}`.slice(0, 90);
}

describe('the help overlay', () => {
	it('lists every binding of the key registry under the title of its scope', async () => {
		// Tall enough for the whole list on one page.
		const {ui} = await startApp({services: [makeService({name: 'vote'})], size: {columns: 100, rows: 120}});
		const shown = overlayLines(await openHelp(ui));
		const scopes = [...new Set(all.map(command => command.scope))];
		const headings = scopes.map(scope => shown.indexOf(scopeTitles[scope]));
		expect(headings.every(index => index >= 0)).toBe(true);
		expect(headings).toEqual([...headings].sort((a, b) => a - b));
		for (const [index, scope] of scopes.entries()) {
			const section = shown.slice(headings[index]! + 1, headings[index + 1] ?? shown.length);
			const expected = all.filter(command => command.scope === scope).map(command => entry(command));
			expect(section.map(line => line.slice(0, 90))).toEqual(expected);
		}
	});

	it('shows the familiar keys with their descriptions', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote'})], size: {columns: 100, rows: 120}});
		const shown = overlayLines(await openHelp(ui));
		expect(shown).toContain('Everywhere');
		expect(shown).toContain('  ?               Show or hide this help');
		expect(shown).toContain('  q/Ctrl+C        Quit swarmdeck');
		expect(shown).toContain('Actions on the selected service');
		expect(shown).toContain('  s               Scale: type a replica count');
		expect(shown).toContain('  +               Scale up by one');
		expect(shown).toContain('  Esc             Clear the filter');
		expect(shown).toContain('  Esc             Cancel: close the dialog and change nothing');
		expect(shown).toContain('  n/Esc           No: change nothing');
		expect(shown).toContain('  Tab/↓           Next field');
		expect(shown).not.toContain('(off: read-only)');
	});

	it('marks the keys that read-only mode turns off', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote'})], readOnly: true, size: {columns: 100, rows: 140}});
		const shown = overlayLines(await openHelp(ui));
		expect(shown).toContain('  s               Scale: type a replica count  (off: read-only)');
		expect(shown).toContain('  ?               Show or hide this help');
		expect(shown.filter(line => line.endsWith('(off: read-only)'))).toHaveLength(all.filter(command => command.mutating).length);
	});

	it('scrolls when the terminal is short, and closes with Esc', async () => {
		const {ui} = await startApp({services: [makeService({name: 'vote'})]});
		let frame = await openHelp(ui);
		const total = all.length + new Set(all.map(command => command.scope)).size;
		// 24 rows: the dialog takes all but the title line, and 19 of its 23 lines list keys.
		const visible = 19;
		expect(frame).toContain(`Keys (↑/↓ to scroll, 1-${visible} of ${total})`);
		expect(overlayLines(frame)[0]).toBe('Everywhere');
		await ui.press(keys.down);
		expect(ui.frame()).toContain(`Keys (↑/↓ to scroll, 2-${visible + 1} of ${total})`);
		await ui.press('j', keys.pageDown);
		expect(ui.frame()).toContain(`Keys (↑/↓ to scroll, ${visible + 3}-${(2 * visible) + 2} of ${total})`);
		await ui.press(...Array.from({length: Math.ceil(total / visible)}, () => keys.pageDown));
		frame = ui.frame();
		expect(frame).toContain(`Keys (↑/↓ to scroll, ${total - visible + 1}-${total} of ${total})`);
		expect(overlayLines(frame).at(-1)).toBe(entry(all.at(-1)!));
		await ui.press('k', ...Array.from({length: Math.ceil(total / visible)}, () => keys.pageUp));
		expect(ui.frame()).toContain(`Keys (↑/↓ to scroll, 1-${visible} of ${total})`);
		await ui.press(keys.escape);
		frame = await waitForFrame(ui, text => !text.includes('╭'));
		expect(frame).toContain('ROLLOUT');
	});

	it('closes with ? too, and its keys do nothing else', async () => {
		const {client, ui} = await startApp({services: [makeService({name: 'vote'})]});
		await openHelp(ui);
		// s, + and q are not acted on while the help is open.
		await ui.press('s', '+', 'q');
		expect(ui.frame()).toContain('│ Keys');
		await ui.press('?');
		await waitForFrame(ui, text => !text.includes('╭'));
		expect(client.sent).toEqual([]);
	});
});
