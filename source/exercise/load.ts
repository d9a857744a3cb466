// Reading an exercise file from disk, for --exercise and `:exercise FILE`.
import {readFileSync} from 'node:fs';
import {ExerciseFileError, parseExercise, type Exercise} from './exercise.js';

/** Files larger than this are not exercises: a clear refusal rather than a long parse. */
const maxExerciseBytes = 256 * 1024;

/** The exercise in `file`, or an ExerciseFileError that says in a sentence what is wrong. */
export function loadExerciseFile(file: string): Exercise {
	let text: string;
	try {
		const bytes = readFileSync(file);
		if (bytes.length > maxExerciseBytes) {
			throw new ExerciseFileError(`${file} is ${Math.round(bytes.length / 1024)} KiB: an exercise file is at most ${maxExerciseBytes / 1024} KiB.`);
		}

		// A byte order mark, as some editors write one, is not part of the JSON.
		text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	} catch (error) {
		if (error instanceof ExerciseFileError) {
			throw error;
		}

		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'there is no such file' : (code === 'EISDIR' ? 'it is a folder' : (code === 'EACCES' ? 'permission denied' : (error as Error).message));
		throw new ExerciseFileError(`Cannot read the exercise ${file}: ${why}.`);
	}

	return parseExercise(text, file);
}
