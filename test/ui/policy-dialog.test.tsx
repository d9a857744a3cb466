import {afterEach, describe, expect, it} from 'vitest';
import {makeService} from '../support/fake-client.js';
import {keys, waitForFrame, type Rendered} from '../support/ink.js';
import {pause, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const labels = ['parallelism', 'delay', 'failure action', 'monitor', 'max failure ratio', 'order'] as const;
type Label = (typeof labels)[number];
type Column = Record<Label, string> & {focused?: Label; marked: Label[]};

/** Reads both columns of the form as a person sees them: values, the › cursor and ✘ marks. */
function policyForm(frame: string): {update: Column; rollback: Column} {
	const rows = frame.split('\n');
	const headings = rows.find(row => row.includes('Update (--update-*)'))!;
	const left = headings.indexOf('Update (');
	const right = headings.indexOf('Rollback (');
	const read = (from: number, to: number): Column => {
		const column = {marked: []} as unknown as Column;
		for (const row of rows) {
			const cell = row.slice(from, to).replace(/│\s*$/, '');
			const match = /^([› ]) (parallelism|delay|failure action|monitor|max failure ratio|order) +(.*)$/.exec(cell.trimEnd());
			if (!match) {
				continue;
			}

			const label = match[2] as Label;
			let value = match[3]!.trim();
			if (value.endsWith('✘')) {
				column.marked.push(label);
				value = value.slice(0, -1).trim();
			}

			column[label] = value.replace(/^‹ (.*) ›$/, '$1');
			if (match[1] === '›') {
				column.focused = label;
			}
		}

		return column;
	};

	return {update: read(left, right), rollback: read(right, headings.length)};
}

const defaults = {parallelism: '1', delay: '0s', 'failure action': 'pause', monitor: '5s', 'max failure ratio': '0', order: 'stop-first'};

async function openPolicy(service = makeService({name: 'vote', replicas: 4})) {
	const started = await startApp({services: [service]});
	await started.ui.press('u');
	await waitForFrame(started.ui, frame => frame.includes('Update and rollback policy of vote'));
	return started;
}

/** Moves the cursor to a field, from the first one: the update fields, then the rollback ones. */
async function focus(ui: Rendered, kind: 'update' | 'rollback', label: Label): Promise<void> {
	const steps = labels.indexOf(label) + (kind === 'rollback' ? labels.length : 0);
	await ui.press(...Array.from({length: steps}, () => keys.tab));
	expect(policyForm(ui.frame())[kind].focused).toBe(label);
}

async function replaceText(ui: Rendered, text: string): Promise<void> {
	await ui.press(keys.ctrlU);
	await ui.type(text);
}

describe('the policy dialog', () => {
	it('shows the values in force, with the daemon defaults filled in, for update and rollback', async () => {
		const {ui} = await openPolicy();
		const frame = ui.frame();
		expect(policyForm(frame).update).toEqual({...defaults, focused: 'parallelism', marked: []});
		expect(policyForm(frame).rollback).toEqual({...defaults, marked: []});
		expect(frame).toContain('Saving changes only the policy: no task is replaced.');
		expect(frame).toContain('Enter apply   Esc cancel   Tab next field   → choose');
		expect(frame).not.toContain('$ docker service update');
	});

	it('shows the values a service was given, and defaults for the others', async () => {
		const {ui} = await openPolicy(makeService({
			name: 'vote',
			spec: {
				Name: 'vote',
				TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:latest'}},
				Mode: {Replicated: {Replicas: 4}},
				UpdateConfig: {Parallelism: 2, Delay: 10_000_000_000, FailureAction: 'rollback', Monitor: 90_000_000_000, MaxFailureRatio: 0.2, Order: 'start-first'},
				RollbackConfig: {Parallelism: 0, FailureAction: 'continue'},
			},
		}));
		const form = policyForm(ui.frame());
		expect(form.update).toMatchObject({parallelism: '2', delay: '10s', 'failure action': 'rollback', monitor: '1m30s', 'max failure ratio': '0.2', order: 'start-first'});
		expect(form.rollback).toMatchObject({...defaults, parallelism: '0', 'failure action': 'continue'});
	});

	it('moves between fields with Tab and ↓, back with Shift+Tab and ↑, round the form', async () => {
		const {ui} = await openPolicy();
		await ui.press(keys.tab);
		expect(policyForm(ui.frame()).update.focused).toBe('delay');
		await ui.press(keys.down);
		expect(policyForm(ui.frame()).update.focused).toBe('failure action');
		// A field with fixed choices shows them as ‹ choice ›.
		expect(ui.frame()).toContain('‹ pause ›');
		await ui.press(keys.up);
		expect(policyForm(ui.frame()).update.focused).toBe('delay');
		await ui.press(keys.shiftTab);
		expect(policyForm(ui.frame()).update.focused).toBe('parallelism');
		await ui.press(keys.up);
		expect(policyForm(ui.frame()).update.focused).toBeUndefined();
		expect(policyForm(ui.frame()).rollback.focused).toBe('order');
		await ui.press(keys.down);
		expect(policyForm(ui.frame()).update.focused).toBe('parallelism');
		await ui.press(...Array.from({length: 6}, () => keys.tab));
		expect(policyForm(ui.frame()).rollback.focused).toBe('parallelism');
	});

	it('cycles the update failure action with → space ←, through continue, pause and rollback', async () => {
		const {ui} = await openPolicy();
		await focus(ui, 'update', 'failure action');
		const seen: string[] = [];
		for (const key of [keys.right, ' ', keys.right, keys.left, keys.left]) {
			await ui.press(key);
			seen.push(policyForm(ui.frame()).update['failure action']);
		}

		expect(seen).toEqual(['rollback', 'continue', 'pause', 'continue', 'rollback']);
		expect(ui.frame()).toContain('$ docker service update --update-failure-action rollback vote');
	});

	it('offers only continue and pause as the rollback failure action', async () => {
		const {ui} = await openPolicy();
		await focus(ui, 'rollback', 'failure action');
		const seen: string[] = [];
		for (const key of [keys.right, keys.right, ' ', keys.left, keys.left]) {
			await ui.press(key);
			seen.push(policyForm(ui.frame()).rollback['failure action']);
		}

		expect(seen).toEqual(['continue', 'pause', 'continue', 'pause', 'continue']);
	});

	it('cycles the order between stop-first and start-first', async () => {
		const {ui} = await openPolicy();
		await focus(ui, 'rollback', 'order');
		await ui.press(keys.right);
		expect(policyForm(ui.frame()).rollback.order).toBe('start-first');
		expect(ui.frame()).toContain('$ docker service update --rollback-order start-first vote');
		await ui.press(' ');
		expect(policyForm(ui.frame()).rollback.order).toBe('stop-first');
	});

	it.each([
		['update', 'delay', '10x', 'update-delay: must be a duration like 10s, 1m30s or 500ms (units ns, us, ms, s, m, h), got "10x"'],
		['update', 'max failure ratio', '1.5', 'update-max-failure-ratio: must be from 0 to 1 (a fraction of the tasks), got 1.5'],
		['update', 'max failure ratio', '0x1', 'update-max-failure-ratio: must be a number from 0 to 1 (e.g. 0.25), got "0x1"'],
		['update', 'parallelism', 'abc', 'update-parallelism: must be a whole number from 0 up, got "abc"'],
		['update', 'monitor', '', 'update-monitor: must be a duration like 10s, 1m30s or 500ms (units ns, us, ms, s, m, h), got ""'],
		['rollback', 'parallelism', '-2', 'rollback-parallelism: must be a whole number from 0 up, got "-2"'],
		['rollback', 'delay', '5', 'rollback-delay: must be a duration like 10s, 1m30s or 500ms (units ns, us, ms, s, m, h), got "5"'],
	] as const)('%s %s %j: names the flag and the rule, marks the field, and Enter sends nothing', async (kind, label, text, message) => {
		const {client, ui} = await openPolicy();
		await focus(ui, kind, label);
		await replaceText(ui, text);
		let frame = ui.frame();
		expect(words(frame)).toContain(`✘ ${message}`);
		expect(policyForm(frame)[kind].marked).toEqual([label]);
		expect(frame).not.toContain('$ docker service update');
		await ui.press(keys.enter);
		frame = ui.frame();
		expect(frame).toContain('Fix the fields marked ✘ first: nothing was sent.');
		expect(frame).toContain('Update and rollback policy of vote');
		// The error stays on screen while the cursor is on another field.
		await ui.press(keys.tab);
		expect(words(ui.frame())).toContain(`✘ ${message}`);
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('sends only the fields that changed, and shows the command and that no task is replaced', async () => {
		const {client, ui} = await openPolicy();
		await replaceText(ui, '2');
		await focus(ui, 'update', 'max failure ratio');
		await replaceText(ui, '0.25');
		const command = 'docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 vote';
		expect(ui.frame()).toContain(`$ ${command}`);
		await ui.press(keys.enter);
		const frame = await waitForFrame(ui, text => text.includes('✔'));
		expect(frame).not.toContain('Update and rollback policy');
		expect(frame).toMatch(new RegExp(`^\\$ ${command}$`, 'm'));
		expect(frame).toContain('no task is replaced');
		expect(client.sent).toEqual([{action: 'policy', service: 'vote', payload: {update: {parallelism: 2, maxFailureRatio: 0.25}, rollback: {}}}]);
		// Opened again, the form shows the new values in force.
		await ui.press('u');
		await waitForFrame(ui, text => text.includes('Update and rollback policy of vote'));
		expect(policyForm(ui.frame()).update).toMatchObject({...defaults, parallelism: '2', 'max failure ratio': '0.25'});
	});

	it('sends update and rollback fields in one write', async () => {
		const {client, ui} = await openPolicy();
		await focus(ui, 'update', 'order');
		await ui.press(keys.right);
		await ui.press(keys.tab, keys.tab, keys.tab);
		expect(policyForm(ui.frame()).rollback.focused).toBe('failure action');
		await ui.press(keys.left);
		const frame = ui.frame();
		expect(frame).toContain('$ docker service update --update-order start-first --rollback-failure-action continue vote');
		await ui.press(keys.enter);
		await waitForFrame(ui, text => text.includes('✔'));
		expect(client.sent).toEqual([{action: 'policy', service: 'vote', payload: {update: {order: 'start-first'}, rollback: {failureAction: 'continue'}}}]);
	});

	it('says there is nothing to save when every value is already in force, and sends nothing', async () => {
		const {client, ui} = await openPolicy();
		await ui.press(keys.enter);
		expect(ui.frame()).toContain('Nothing to save: every value is already in force.');
		// The same values written another way change nothing either.
		await replaceText(ui, '01');
		await focus(ui, 'update', 'monitor');
		await replaceText(ui, '5000ms');
		await ui.press(keys.enter);
		expect(ui.frame()).toContain('Nothing to save: every value is already in force.');
		expect(ui.frame()).not.toContain('$ docker service update');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('Esc closes without sending, and the next dialog starts from the values in force', async () => {
		const {client, ui} = await openPolicy();
		await replaceText(ui, '3');
		await focus(ui, 'update', 'order');
		await ui.press(keys.right);
		expect(ui.frame()).toContain('$ docker service update');
		await ui.press(keys.escape);
		await waitForFrame(ui, text => !text.includes('╭'));
		await pause(50);
		expect(client.sent).toEqual([]);
		await ui.press('u');
		await waitForFrame(ui, text => text.includes('Update and rollback policy of vote'));
		expect(policyForm(ui.frame()).update).toMatchObject(defaults);
	});
});
