import {describe, expect, it} from 'vitest';
import {ExerciseFileError, parseExercise} from '../../../source/exercise/exercise.js';
import {JsonSyntaxError, parseJsonWithLines} from '../../../source/exercise/json-lines.js';

const lines = (...rows: string[]) => rows.join('\n');

function errorOf(text: string): string {
	try {
		parseExercise(text, 'ex.json');
	} catch (error) {
		expect(error).toBeInstanceOf(ExerciseFileError);
		return (error as Error).message;
	}

	throw new Error('the file was accepted');
}

describe('JSON with lines', () => {
	it('reads what JSON.parse reads, and where each value starts', () => {
		const text = lines('{', '  "a": [1, -2.5e3, "x\\n\\u00e9"],', '  "b": {"c": true,', '    "d": null}', '}');
		const {value, lines: at} = parseJsonWithLines(text);
		expect(value).toEqual(JSON.parse(text));
		expect(at.get('a')).toBe(2);
		expect(at.get('a.2')).toBe(2);
		expect(at.get('b.d')).toBe(4);
	});

	it.each([
		[lines('{', '  "a": 1', '  "b": 2', '}'), 3, 'expected "," or "}" after the value of "a"'],
		[lines('{', '  "a": [1,', '  ]', '}'), 3, 'expected a value'],
		[lines('{"a": "open', '"}'), 1, 'a string is not closed'],
		[lines('{', ' "a": 1,', ' "a": 2', '}'), 3, 'the key "a" is given twice'],
		[lines('{}', 'x'), 2, 'after the end of the document'],
		[lines('{', '  a: 1', '}'), 2, 'expected a key in double quotes'],
	])('names the line of a syntax error', (text, line, message) => {
		expect(() => parseJsonWithLines(text)).toThrow(JsonSyntaxError);
		try {
			parseJsonWithLines(text);
		} catch (error) {
			expect((error as JsonSyntaxError).line).toBe(line);
			expect((error as Error).message).toContain(message);
		}
	});

	it('keeps a key named __proto__ as data', () => {
		const {value} = parseJsonWithLines('{"__proto__": {"polluted": 1}}');
		expect(Object.keys(value as object)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});
});

describe('an exercise file', () => {
	it('reads every kind of check', () => {
		const exercise = parseExercise(JSON.stringify({
			title: 'All',
			about: 'every check',
			steps: [{
				instruction: 'Do it',
				command: 'docker service update vote',
				checks: [
					{service: 'vote', replicas: 3},
					{service: 'vote', runningTasks: 3},
					{service: 'vote', image: 'swarmdeck/vote:indent'},
					{service: 'vote', updateState: 'rollback_completed'},
					{service: 'vote', updatePolicy: {parallelism: 2, delay: '1m30s', maxFailureRatio: 0.25, failureAction: 'rollback', order: 'start-first', monitor: '0s'}},
					{service: 'vote', rollbackPolicy: {failureAction: 'continue'}},
					{service: 'vote', noTaskReplaced: true},
					{node: 'node3', availability: 'drain'},
					{node: 'node3', state: 'down'},
				],
			}],
		}, undefined, 2), 'all.json');
		expect(exercise.steps[0]!.checks).toEqual([
			{kind: 'replicas', service: 'vote', value: 3},
			{kind: 'runningTasks', service: 'vote', value: 3},
			{kind: 'image', service: 'vote', value: 'swarmdeck/vote:indent'},
			{kind: 'updateState', service: 'vote', value: 'rollback_completed'},
			{kind: 'policy', service: 'vote', policy: 'update', value: {parallelism: 2, delay: 90_000_000_000, maxFailureRatio: 0.25, failureAction: 'rollback', order: 'start-first', monitor: 0}},
			{kind: 'policy', service: 'vote', policy: 'rollback', value: {failureAction: 'continue'}},
			{kind: 'noTaskReplaced', service: 'vote'},
			{kind: 'availability', node: 'node3', value: 'drain'},
			{kind: 'nodeState', node: 'node3', value: 'down'},
		]);
	});

	const step = (check: string) => lines('{', '  "title": "T",', '  "steps": [', '    {"instruction": "I", "checks": [', `      ${check}`, '    ]}', '  ]', '}');

	it.each([
		['{"service": "vote", "replicas": 2.5}', 'line 5: replicas must be a whole number'],
		['{"service": "vote", "replicas": 2, "image": "x"}', 'line 5: a check tests one thing'],
		['{"service": "vote"}', 'line 5: a check tests one thing'],
		['{"service": "vote", "node": "node1", "availability": "drain"}', 'line 5: a check names either a "service" or a "node"'],
		['{"node": "node1", "replicas": 2}', 'line 5: a check on a node takes "availability", "state", not "replicas"'],
		['{"service": "vote", "updateState": "rolled_back"}', 'line 5: updateState must be one of none, updating'],
		['{"service": "vote", "updatePolicy": {"delay": "ten seconds"}}', 'line 5: delay must be a duration'],
		['{"service": "vote", "updatePolicy": {"maxFailureRatio": 2}}', 'line 5: maxFailureRatio must be a number from 0 to 1'],
		['{"service": "vote", "updatePolicy": {"paralelism": 2}}', 'line 5: updatePolicy has no field "paralelism"'],
		['{"service": "vote", "rollbackPolicy": {"failureAction": "rollback"}}', 'line 5: failureAction must be one of continue, pause'],
		['{"service": "vote", "noTaskReplaced": false}', 'line 5: noTaskReplaced takes only true'],
		['{"service": "", "replicas": 1}', 'line 5: "service" must be a text'],
		['"replicas 3"', 'line 5: a check must be an object'],
	])('refuses %s with its line', (check, message) => {
		const error = errorOf(step(check));
		expect(error.slice(0, `ex.json ${message}`.length)).toBe(`ex.json ${message}`);
		expect(error).toMatch(/\.$/);
	});

	it('refuses a file without steps, a step without checks, an unknown field, and says where', () => {
		expect(errorOf('{"title": "T"}')).toBe('ex.json line 1: "steps" must be a list of one step or more.');
		expect(errorOf(lines('{', '"title": "T",', '"steps": [', '  {"instruction": "I",', '   "checks": []}', ']}'))).toBe('ex.json line 5: a step needs "checks": a list of one check or more, or it could never tick.');
		expect(errorOf(lines('{', '"title": "T",', '"steps": [{"instruction": "I", "checks": [{"service": "a", "replicas": 1}]}],', '"autor": "me"', '}'))).toBe('ex.json line 4: an exercise has no field "autor" (it takes "title", "about", "steps").');
		expect(errorOf(lines('{', '"steps": []', '}'))).toBe('ex.json line 1: "title" is missing.');
		expect(errorOf('[1,')).toMatch(/^ex\.json line 1: expected a value, found the end of the file \(exercise files are JSON\)\.$/);
	});
});
