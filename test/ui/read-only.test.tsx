import {afterEach, describe, expect, it} from 'vitest';
import {commands, type Command} from '../../source/keys/registry.js';
import {makeNode, makeService} from '../support/fake-client.js';
import {keys, waitForFrame} from '../support/ink.js';
import {makeTask, pause, startApp, stopAll, words} from './harness.js';

afterEach(stopAll);

const mutating = (commands as readonly Command[]).filter(command => command.mutating && (command.scope === 'service' || command.scope === 'services') && command.bindings.length > 0);
// Typed in the palette only: refused there (test/ui/spec-editors.test.tsx).
const paletteOnly = (commands as readonly Command[]).filter(command => command.mutating && command.bindings.length === 0);
const nodeMutating = (commands as readonly Command[]).filter(command => command.mutating && command.scope === 'node');
const refusal = /Read-only mode: (scale|scale up|scale down|policy change|rollback|image change|force redeploy|remove|create|(env|labels|placement|ports|secrets|configs|networks|mounts|resources|restart|health|command) change|drain|pause|activate|label add|label remove|promote|demote) is disabled \(swarmdeck was started with --read-only\)\. Nothing was sent\./;

function swarm() {
	return [makeService({name: 'vote', replicas: 1, previousSpec: {Name: 'vote'}})];
}

describe('read-only mode', () => {
	it('says so in the header and the hint bar, which shows no key that changes the swarm', async () => {
		const {ui} = await startApp({services: swarm(), readOnly: true});
		const lines = ui.frame().split('\n');
		// Right after the name, where a narrow terminal does not cut it off.
		expect(lines[0]).toBe('swarmdeck READ-ONLY · node1 · unix:///fake.sock · 1 services');
		const hintBar = lines.at(-1)!;
		expect(hintBar).toMatch(/^READ-ONLY {2}\? help {2}q quit/);
		expect(hintBar).toContain('Enter tasks');
		expect(hintBar).toContain('/ filter');
		for (const hint of ['s scale', '+ +1', '- -1', 'u policy', 'r rollback', 'i image', 'f force']) {
			expect(hintBar).not.toContain(hint);
		}
	});

	it('covers every key that changes the swarm', () => {
		expect(mutating.map(command => command.bindings[0]!.label).sort()).toEqual(['+', '-', 'C', 'D', 'E', 'K', 'L', 'M', 'N', 'O', 'P', 'R', 'S', 'T', 'c', 'f', 'h', 'i', 'r', 's', 'u', 'x']);
		expect(paletteOnly.map(command => command.id)).toEqual(['typedUpdate']);
		expect(nodeMutating.map(command => command.bindings[0]!.label).sort()).toEqual(['+', '-', 'L', 'd', 'l', 'p', 'u']);
		expect(mutating.length + nodeMutating.length + paletteOnly.length).toBe((commands as readonly Command[]).filter(command => command.mutating).length);
	});

	it.each(nodeMutating.map(command => [command.id, command.bindings[0]!.label] as const))('%s (%s) is refused in words on the nodes screen, and nothing is sent', async (_id, key) => {
		const node3 = makeNode({hostname: 'node3', labels: {zone: 'east'}, availability: 'drain'});
		const {client, ui} = await startApp({services: swarm(), nodes: [makeNode({hostname: 'node1', role: 'manager', isLeader: true}), node3], readOnly: true});
		await ui.press('n');
		await waitForFrame(ui, frame => frame.includes('node3'));
		await ui.press('j', key);
		expect(words(ui.frame())).toMatch(refusal);
		expect(ui.frame()).not.toContain('╭');
		await ui.press('y');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it.each(mutating.map(command => [command.id, command.bindings[0]!.label] as const))('%s (%s) is refused in words on the services screen, and nothing is sent', async (_id, key) => {
		const {client, ui} = await startApp({services: swarm(), readOnly: true});
		await ui.press(key);
		const frame = ui.frame();
		expect(words(frame)).toMatch(refusal);
		expect(frame).not.toContain('╭');
		// y confirms nothing: no dialog was opened.
		await ui.press('y');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it.each(mutating.filter(command => command.scope === 'service').map(command => [command.id, command.bindings[0]!.label] as const))('%s (%s) is refused on the tasks screen too', async (_id, key) => {
		const {client, ui} = await startApp({services: swarm(), tasks: {'id-vote': [makeTask('id-vote')]}, readOnly: true});
		await ui.press(keys.enter);
		await waitForFrame(ui, frame => frame.includes('vote.1'));
		expect(ui.frame().split('\n').at(-1)).toMatch(/^READ-ONLY /);
		await ui.press(key);
		expect(words(ui.frame())).toMatch(refusal);
		expect(ui.frame()).not.toContain('╭');
		await pause(50);
		expect(client.sent).toEqual([]);
	});

	it('names the action it refused', async () => {
		const {ui} = await startApp({services: swarm(), readOnly: true});
		await ui.press('s');
		expect(words(ui.frame())).toContain('Read-only mode: scale is disabled');
		await ui.press('r');
		expect(words(ui.frame())).toContain('Read-only mode: rollback is disabled');
		await ui.press('+');
		expect(words(ui.frame())).toContain('Read-only mode: scale up is disabled');
	});

	it('still lets a person look around: tasks, filter and help work', async () => {
		const {ui} = await startApp({services: swarm(), tasks: {'id-vote': [makeTask('id-vote')]}, readOnly: true});
		await ui.press('/');
		await ui.type('vo');
		await ui.press(keys.enter, keys.enter);
		await waitForFrame(ui, frame => frame.includes('vote.1'));
		await ui.press(keys.escape, '?');
		await waitForFrame(ui, frame => frame.includes('Keys'));
	});
});
