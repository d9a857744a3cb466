// Ten thousand random keys, bursts and pastes at the whole App over a fake swarm, across
// every screen and dialog. Nothing may throw or make React complain, no change that asks
// first may be sent without a `y` on its question, the screen never shows a control
// character, and the terminal leaves raw mode whenever the app quits. The seed is printed:
// `FUZZ_SEED=<seed> npx vitest run test/ui/fuzz.test.tsx` replays a failure exactly.
import {afterEach, describe, expect, it} from 'vitest';
import {commands, type Command} from '../../source/keys/registry.js';
import type {RawServiceSpec} from '../../source/swarm/types.js';
import {makeService} from '../support/fake-client.js';
import {seededRandom} from '../support/fake-engine/ids.js';
import {bracketedPaste, keys} from '../support/ink.js';
import {dialogTitle, makeTask, node1, node2, startApp, stopAll, type Started} from './harness.js';

afterEach(stopAll);

const keyCount = Number(process.env['FUZZ_KEYS'] ?? 10_000);
const seed = Number(process.env['FUZZ_SEED'] ?? 20_261_129);

function swarm() {
	const previous: RawServiceSpec = {Name: 'vote', TaskTemplate: {ContainerSpec: {Image: 'swarmdeck/vote:v1', Env: ['A=1']}}, Mode: {Replicated: {Replicas: 3}}};
	return {
		services: [
			makeService({name: 'vote', replicas: 4, image: 'swarmdeck/vote:v2', previousSpec: previous}),
			makeService({name: 'api', replicas: 1, stack: 'shop'}),
			makeService({name: 'shop_web', replicas: 2, stack: 'shop', updateStatus: {state: 'updating', message: 'update in progress', startedAt: new Date()}}),
			makeService({name: 'agent', mode: 'global'}),
			makeService({name: 'migrate', mode: 'replicated-job', replicas: 2}),
		],
		tasks: {'id-vote': [1, 2, 3, 4].map(slot => makeTask('id-vote', {slot, nodeId: slot % 2 === 0 ? node1.id : node2.id}))},
		nodes: [node1, node2],
	};
}

// Every key the registry binds (but q and Ctrl+C, which end the run and are counted apart),
// keys it does not, digits and letters for the fields, and a few sequences that are no key.
const named = [keys.enter, keys.escape, keys.tab, keys.shiftTab, keys.up, keys.down, keys.left, keys.right, keys.backspace, keys.ctrlU, keys.pageUp, keys.pageDown, keys.home, keys.end, '\u001B[3~', '\u001B[15~', '\u001B[<0;1;1M'];
const letters = [...'?:etasdu+-rifyngGjk/0123456789 .=vxzAB_'];
const quitKeys = ['q', keys.ctrlC];
// Whole words a person types into the forms and the palette, so that changes get through
// their checks often enough to be tried, and bad ones to be refused.
const words = [
	`${keys.ctrlU}swarmdeck/vote:v9`, `${keys.ctrlU}7`, `${keys.ctrlU}0`, `${keys.ctrlU}10s`, `${keys.ctrlU}Not An:Image`,
	`${keys.ctrlU}2${keys.enter}`, `${keys.ctrlU}3${keys.enter}`, `${keys.ctrlU}5s${keys.enter}`, `${keys.ctrlU}0.5${keys.enter}`, `${keys.ctrlU}swarmdeck/api:3${keys.enter}`,
	'scale vote 3', 'rollback vote', 'image api swarmdeck/api:2', 'stacks', 'force api', 'policy api',
];

function randomKey(random: () => number): string {
	const roll = random();
	if (roll < 0.002) {
		return quitKeys[Math.floor(random() * quitKeys.length)]!;
	}

	if (roll < 0.08) {
		return words[Math.floor(random() * words.length)]!;
	}

	return roll < 0.45 ? named[Math.floor(random() * named.length)]! : letters[Math.floor(random() * letters.length)]!;
}

/** What a write changed that always asks first: it must follow a `y` on a shown question. */
function asksFirst(write: {action: string; payload?: unknown}): boolean {
	return write.action === 'node' || write.action === 'create' || write.action === 'image' || write.action === 'force' || write.action === 'rollback' || (write.action === 'scale' && write.payload === 0);
}

/** The keys of actions, which may open a question in the same chunk as the y that answers it. */
const questionKeys = new Set((commands as readonly Command[]).filter(command => command.mutating).flatMap(command => command.bindings.map(binding => binding.label)).filter(label => label.length === 1));

// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;

describe('ten thousand random keys', () => {
	it(`leave the app whole and send nothing unconfirmed (seed ${seed})`, async () => {
		console.log(`fuzz seed ${seed}, ${keyCount} keys: replay with FUZZ_SEED=${seed}`);
		const random = seededRandom(seed);
		let started: Started = await startApp({...swarm(), waitFor: 'vote', size: {columns: 100, rows: 30}});
		let writesSeen = 0;
		let sent = 0;
		let restarts = 0;
		// What the run went through, printed at the end: a fuzz that never reaches a dialog proves little.
		const seen = new Map<string, number>();
		const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
		while (sent < keyCount) {
			const {ui, client} = started;
			const before = ui.frame();
			const askedFirst = dialogTitle(before)?.endsWith('?') === true;
			const roll = random();
			// A question on screen is answered often, mostly with y, so that changes get through.
			const chunk = askedFirst && roll < 0.4
				? [['y', 'y', 'y', 'n', keys.escape][Math.floor(random() * 5)]!]
				: (roll < 0.05
					? bracketedPaste(Array.from({length: 1 + Math.floor(random() * 20)}, () => randomKey(random)).join(''))
					: Array.from({length: roll < 0.35 ? 2 + Math.floor(random() * 6) : 1}, () => randomKey(random)));
			const written = typeof chunk === 'string' ? chunk : chunk.join('');
			sent += typeof chunk === 'string' ? 1 : chunk.length;
			// A word a chunk holds counts as one key toward the total, as a paste does.
			await ui.burst(written);
			// Whatever the chunk set off is finished before its effects are judged.
			while (client.pendingRequests > 0) {
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}

			const frame = ui.frame();
			expect(frame, `a control character on screen after ${JSON.stringify(written)}`).not.toMatch(controlCharacter);
			count(dialogTitle(frame)?.split(' ').slice(0, 2).join(' ') ?? 'no dialog');
			for (const write of client.sent.slice(writesSeen)) {
				count(`write: ${write.action}`);
				if (asksFirst(write)) {
					// The question was on screen and this chunk answered it with y (never in a paste).
					// Keys in one chunk act as typed one by one: an Enter that opens the question,
					// then a y (alone, or inside a word typed after it) that answers it, count too.
					const typed = typeof chunk === 'string' ? '' : chunk.join('');
					// So does an action's own key that asks first (`p` pauses a node) before that y.
					const beforeY = typed.slice(0, Math.max(0, typed.lastIndexOf('y')));
					const openedHere = beforeY.includes('\r') || [...beforeY].some(key => questionKeys.has(key));
					expect({write, askedFirst: askedFirst || openedHere, answered: typed.includes('y')}, `sent without a y: ${JSON.stringify(written)}`).toMatchObject({askedFirst: true, answered: true});
				}
			}

			writesSeen = client.sent.length;
			if (ui.hasExited()) {
				expect(ui.isRawMode(), 'raw mode left on after quitting').toBe(false);
				restarts++;
				stopAll();
				started = await startApp({...swarm(), waitFor: 'vote', size: {columns: 100, rows: 30}});
				writesSeen = 0;
			}
		}

		console.log(`fuzz seed ${seed}: ${sent} keys, ${restarts} quits and restarts; ${[...seen].sort().map(([what, times]) => `${what} ×${times}`).join(', ')}`);
		// The run reached every kind of change, and asked first where it must.
		for (const action of ['scale', 'policy', 'image', 'force', 'rollback']) {
			expect(seen.get(`write: ${action}`), `no ${action} was sent in the whole run`).toBeGreaterThan(0);
		}
	}, 600_000);
});
