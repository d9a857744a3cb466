import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ExerciseFileError} from '../../../source/exercise/exercise.js';
import {loadExerciseFile} from '../../../source/exercise/load.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'swarmdeck-exercise-load-'));

describe('an exercise file on disk', () => {
	it('reads one an editor saved with a byte order mark', () => {
		const file = path.join(folder, 'bom.json');
		writeFileSync(file, '\uFEFF{"title": "T", "steps": [{"instruction": "I", "checks": [{"node": "node3", "availability": "drain"}]}]}');
		expect(loadExerciseFile(file).steps[0]!.checks).toEqual([{kind: 'availability', node: 'node3', value: 'drain'}]);
	});

	it('says in a sentence why it cannot be read', () => {
		expect(() => loadExerciseFile(path.join(folder, 'missing.json'))).toThrow(new ExerciseFileError(`Cannot read the exercise ${path.join(folder, 'missing.json')}: there is no such file.`));
		expect(() => loadExerciseFile(folder)).toThrow(new ExerciseFileError(`Cannot read the exercise ${folder}: it is a folder.`));
		const big = path.join(folder, 'big.json');
		writeFileSync(big, ' '.repeat(300 * 1024));
		expect(() => loadExerciseFile(big)).toThrow(/is 300 KiB: an exercise file is at most 256 KiB\.$/);
	});
});
