import {mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {historyMarkdown, historyText} from '../../../source/format/timeline.js';
import {historyCommand} from '../../../source/history-command.js';
import type {SwarmEvent} from '../../../source/swarm/types.js';
import {historyFileSink, maxFileBytes, maxFiles, readHistory} from '../../../source/timeline/history-file.js';
import {redactCommand, shellWords} from '../../../source/timeline/redact.js';
import {maxTimelineEntries, outcomeOf, Timeline} from '../../../source/timeline/timeline.js';

const vote = {type: 'service' as const, id: 'id-vote', name: 'vote'};

function serviceEvent(attributes: Record<string, string>, time = new Date('2026-12-07T03:12:40Z')): SwarmEvent {
	return {type: 'service', action: 'update', id: 'id-vote', name: 'vote', time, attributes: {name: 'vote', ...attributes}};
}

function clock(start: string) {
	let now = Date.parse(start);
	return {now: () => new Date(now), advance(ms: number) {
		now += ms;
	}};
}

describe('redactCommand', () => {
	it('redacts env values, whatever the quoting, and keeps the names', () => {
		expect(redactCommand('docker service update --env-add DB_PASSWORD=hunter2 --env-add \'GREETING=hello world\' vote'))
			.toBe('docker service update --env-add DB_PASSWORD=<redacted> --env-add GREETING=<redacted> vote');
		expect(redactCommand('docker service create -e A=1 --env=B=2 --env-add $\'C=\\x1b]52\' vote')).toBe('docker service create -e A=<redacted> --env=B=<redacted> --env-add C=<redacted> vote');
		expect(redactCommand('docker service update --env-rm DB_PASSWORD vote')).toBe('docker service update --env-rm DB_PASSWORD vote');
	});

	it('redacts labels whose name looks secret, and nothing else', () => {
		expect(redactCommand('docker service update --label-add api_token=abc --label-add tier=web vote')).toBe('docker service update --label-add api_token=<redacted> --label-add tier=web vote');
		// A service named like a secret is a name, not a value.
		expect(redactCommand('docker service scale keycloak=3')).toBe('docker service scale keycloak=3');
		expect(redactCommand('docker service update --image \'vote:2.0\' vote')).toBe('docker service update --image \'vote:2.0\' vote');
	});

	it('splits words as a shell does, quotes kept', () => {
		expect(shellWords('a \'b c\' $\'d\\\'e\' "f \\" g" h\\ i')).toEqual(['a', '\'b c\'', '$\'d\\\'e\'', '"f \\" g"', 'h\\ i']);
	});
});

describe('Timeline', () => {
	it('links the swarm\'s answers to the action on the same service', () => {
		const time = clock('2026-12-07T03:12:00Z');
		const timeline = new Timeline({endpoint: 'unix:///var/run/docker.sock', now: time.now});
		const action = timeline.recordAction({target: vote, command: 'docker service rollback vote', asked: 'Rolling back vote', result: 'done', message: 'vote rolled back', versionBefore: 10, versionAfter: 11});
		const started = timeline.observe(serviceEvent({'updatestate.old': '', 'updatestate.new': 'rollback_started'}, new Date('2026-12-07T03:12:01Z')));
		const done = timeline.observe(serviceEvent({'updatestate.old': 'rollback_started', 'updatestate.new': 'rollback_completed'}));
		expect(started?.answers).toBe(action.seq);
		expect(done?.message).toBe('vote: update state rollback_started → rollback_completed');
		expect(timeline.getSnapshot().map(entry => entry.seq)).toEqual([3, 2, 1]);
		expect(historyText([...timeline.getSnapshot()].reverse()).split('\n').map(line => line.replace(/^\S+ \S+/, 'TIME'))).toEqual([
			'TIME  $ docker service rollback vote',
			'                     ✔ vote rolled back (version 10 → 11)',
			expect.stringMatching(/^ {21}↳ \d\d:\d\d:\d\d vote: update state \(none\) → rollback_started$/),
			expect.stringMatching(/^ {21}↳ \d\d:\d\d:\d\d vote: update state rollback_started → rollback_completed$/),
			'',
		]);
	});

	it('links an answer that comes while the action\'s write is still on its way', () => {
		const timeline = new Timeline({endpoint: 'x'});
		timeline.recordAction({target: vote, command: 'docker service update --update-parallelism 2 vote', asked: '', result: 'done', message: 'policy'});
		const pending = timeline.begin(vote, {command: 'docker service rollback vote', asked: ''});
		const started = timeline.observe(serviceEvent({'updatestate.new': 'rollback_started'}, new Date()));
		const rollback = pending.record('done', 'rolled back');
		expect(started?.answers).toBe(rollback.seq);
		expect(rollback.seq).toBeLessThan(started!.seq);
		// The view and the history put it under the rollback, not the policy change.
		expect(historyText([...timeline.getSnapshot()].reverse()).split('\n').slice(2, 5).map(line => line.trim())).toEqual([
			expect.stringMatching(/^\S+ \S+ {2}\$ docker service rollback vote$/),
			'✔ rolled back',
			expect.stringMatching(/^↳ \d\d:\d\d:\d\d vote: update state \(none\) → rollback_started$/),
		]);
	});

	it('keeps only events that say something changed', () => {
		expect(outcomeOf(serviceEvent({'replicas.old': '4', 'replicas.new': '7'}))).toBeUndefined();
		expect(outcomeOf({type: 'node', action: 'update', id: 'n3', name: 'node3', time: new Date(), attributes: {'state.old': 'ready', 'state.new': 'down'}})).toBe('node node3 down');
		expect(outcomeOf({type: 'service', action: 'remove', id: 'x', name: 'web', time: new Date(), attributes: {}})).toBe('web was removed');
	});

	it(`keeps the newest ${maxTimelineEntries} entries in memory however long the session, the file keeping all`, () => {
		const written: number[] = [];
		const timeline = new Timeline({endpoint: 'x', sinkFor: () => entry => written.push(entry.seq)});
		for (let index = 1; index <= maxTimelineEntries + 300; index++) {
			const states = {'updatestate.old': 'updating', 'updatestate.new': index % 2 === 0 ? 'completed' : 'paused'};
			if (index % 3 === 0) {
				timeline.recordAction({target: vote, command: `docker service scale vote=${index}`, asked: '', result: 'done', message: ''});
			} else {
				timeline.observe(serviceEvent(states, new Date()));
			}
		}

		const kept = timeline.getSnapshot();
		expect(kept).toHaveLength(maxTimelineEntries);
		expect(kept[0]!.seq).toBe(maxTimelineEntries + 300);
		expect(kept.at(-1)!.seq).toBe(301);
		expect(written).toHaveLength(maxTimelineEntries + 300);
	});

	it('redacts what it records', () => {
		const timeline = new Timeline({endpoint: 'x'});
		const entry = timeline.recordAction({target: vote, command: 'docker service update --env-add TOKEN=s3cret vote', asked: '', result: 'done', message: ''});
		expect(entry.command).toBe('docker service update --env-add TOKEN=<redacted> vote');
	});
});

describe('the history file', () => {
	it('is written for its owner only, one JSON line per entry, and read back in order', () => {
		const directory = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'history');
		const timeline = new Timeline({endpoint: 'x', session: '2026-12-07T03:00:00.000Z', sinkFor: session => historyFileSink(session, directory)});
		timeline.recordAction({target: vote, command: 'docker service scale vote=7', asked: 'Scaling vote to 7', result: 'done', message: 'vote scaled from 4 to 7 replicas'});
		timeline.observe(serviceEvent({'updatestate.new': 'updating'}));
		const [file] = readdirSync(directory);
		expect(statSync(path.join(directory, file!)).mode & 0o777).toBe(0o600);
		expect(statSync(directory).mode & 0o777).toBe(0o700);
		expect(readFileSync(path.join(directory, file!), 'utf8').trim().split('\n')).toHaveLength(2);
		expect(readHistory(directory).map(entry => entry.kind)).toEqual(['action', 'outcome']);
	});

	it('starts a new part past its size, and keeps only the newest files', () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'history-'));
		for (let index = 0; index < maxFiles + 5; index++) {
			writeFileSync(path.join(directory, `2020-01-01T00-00-${String(index).padStart(2, '0')}.000Z-1.001.jsonl`), '');
		}

		const sink = historyFileSink('2026-12-07T03:00:00.000Z', directory);
		const timeline = new Timeline({endpoint: 'x', session: '2026-12-07T03:00:00.000Z', sinkFor: () => sink});
		const long = 'x'.repeat(10_000);
		for (let index = 0; index < Math.ceil(maxFileBytes / 10_000) + 5; index++) {
			timeline.recordAction({target: vote, command: 'docker service scale vote=7', asked: long, result: 'done', message: ''});
		}

		const files = readdirSync(directory);
		expect(files.length).toBeLessThanOrEqual(maxFiles);
		const ours = files.filter(name => name.startsWith('2026'));
		expect(ours).toHaveLength(2);
		expect(ours.every(name => statSync(path.join(directory, name)).size <= maxFileBytes)).toBe(true);
		expect(readHistory(directory).filter(entry => entry.session === '2026-12-07T03:00:00.000Z')).toHaveLength(Math.ceil(maxFileBytes / 10_000) + 5);
	});
});

describe('swarmdeck history', () => {
	function recorded(): string {
		const directory = mkdtempSync(path.join(tmpdir(), 'history-'));
		for (const [session, name] of [['2026-12-07T01:00:00.000Z', 'api'], ['2026-12-07T03:00:00.000Z', 'vote']] as const) {
			const time = clock(session);
			const timeline = new Timeline({endpoint: 'x', session, now: time.now, sinkFor: () => historyFileSink(session, directory)});
			timeline.recordAction({target: {type: 'service', id: `id-${name}`, name}, command: `docker service scale ${name}=3`, asked: '', result: 'done', message: `${name} scaled | up`});
		}

		return directory;
	}

	it('prints the last session, or all, or since a time', () => {
		const directory = recorded();
		const now = new Date('2026-12-07T03:30:00Z');
		expect(historyCommand({}, {directory, now}).output).toContain('docker service scale vote=3');
		expect(historyCommand({}, {directory, now}).output).not.toContain('api');
		expect(historyCommand({all: true}, {directory, now}).output).toContain('docker service scale api=3');
		expect(historyCommand({since: '1h'}, {directory, now}).output).not.toContain('api');
		expect(historyCommand({since: '3h'}, {directory, now}).output).toContain('api');
	});

	it('prints Markdown with its pipes escaped, and JSON', () => {
		const directory = recorded();
		const markdown = historyCommand({markdown: true}, {directory}).output.split('\n');
		expect(markdown.slice(0, 2)).toEqual(['| Time | Target | Command | Outcome |', '| --- | --- | --- | --- |']);
		expect(markdown[2]).toMatch(/^\| 2026-12-07 \d\d:00:00 \| vote \| `docker service scale vote=3` \| ✔ vote scaled \\\| up \|$/);
		const json = JSON.parse(historyCommand({json: true, all: true}, {directory}).output) as unknown[];
		expect(json).toHaveLength(2);
	});

	it('refuses a bad --since or two formats in a sentence', () => {
		expect(historyCommand({since: '2 days'}).error).toBe('--since takes how far back to go, such as 30m, 2h or 1h30m, not "2 days".');
		expect(historyCommand({markdown: true, json: true}).error).toMatch(/give one/);
	});

	it('says where history goes when there is none', () => {
		const directory = path.join(mkdtempSync(path.join(tmpdir(), 'history-')), 'none');
		expect(historyCommand({}, {directory}).output).toBe(`No history yet: swarmdeck records what it does in ${directory} (unless --no-history).\n`);
		expect(historyMarkdown([])).toBe('| Time | Target | Command | Outcome |\n| --- | --- | --- | --- |\n');
	});
});
