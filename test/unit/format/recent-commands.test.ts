import {describe, expect, it} from 'vitest';
import {recentCommandRows, recentCommands} from '../../../source/format/recent-commands.js';
import type {TimelineEntry} from '../../../source/timeline/timeline.js';

let seq = 0;
const entry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
	seq: ++seq, time: '2026-12-07T03:00:00Z', session: 's', endpoint: 'unix:///x.sock', kind: 'action', target: {type: 'service', id: 'v', name: 'vote'}, message: '', ...fields,
});

describe('the last commands, for a class to copy', () => {
	it('keeps the five newest actions sent, oldest first, and no outcome or refusal', () => {
		// The timeline is newest first.
		const entries = [
			entry({command: 'docker service scale vote=7', result: 'done'}),
			entry({kind: 'outcome', message: 'vote: update state updating → completed'}),
			entry({command: 'docker service rollback vote', result: 'failed'}),
			entry({command: 'docker service scale vote=0', result: 'not sent'}),
			...[5, 4, 3, 2, 1].map(count => entry({command: `docker service scale vote=${count}`, result: 'done'})),
		];
		expect(recentCommands(entries)).toEqual(['docker service scale vote=3', 'docker service scale vote=4', 'docker service scale vote=5', 'docker service rollback vote', 'docker service scale vote=7']);
	});

	it('wraps a long command whole, and drops the oldest whole when the box is short', () => {
		const long = 'docker service update --update-parallelism 2 --update-max-failure-ratio 0.25 dockercoins_hasher';
		expect(recentCommandRows(['docker service scale vote=7', long], 40)).toEqual([
			'── Last 2 commands, to copy ────────────',
			'docker service scale vote=7',
			'docker service update \\',
			'--update-parallelism 2 \\',
			'--update-max-failure-ratio 0.25 \\',
			'dockercoins_hasher',
		]);
		// Pasted into a shell, the rows are the command again.
		const rows = recentCommandRows(['docker service scale vote=7', long], 40, 5);
		expect(rows.slice(1).join('\n').replaceAll(' \\\n', ' ')).toBe(long);
		expect(recentCommandRows([], 40)).toEqual(['── Last 5 commands, to copy ────────────', 'None yet: each action\'s docker command shows here.']);
	});
});
