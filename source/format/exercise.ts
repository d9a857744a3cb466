// The lines of the exercise panel: where the student is, the step's instruction, the command
// they would type, and each check ticked or not with what the swarm has now. The panel draws
// the first lines that fit, so what matters most comes first.
import type {Exercise} from '../exercise/exercise.js';
import {isFinished, type ExerciseProgress} from '../exercise/progress.js';
import {inert} from '../text/inert.js';
import {humanDuration} from './human-duration.js';
import {wrapRows} from './wrap.js';

export type PanelTone = 'title' | 'instruction' | 'command' | 'met' | 'unmet' | 'spoiled' | 'done';
export type PanelLine = {text: string; tone: PanelTone};

/** The lines the panel would take with room to spare, each at most `width` cells. */
export function exercisePanelLines(exercise: Exercise, progress: ExerciseProgress, width: number, {now = new Date(), startedAt}: {now?: Date; startedAt?: Date} = {}): PanelLine[] {
	const title = inert(exercise.title);
	const total = exercise.steps.length;
	const wrap = (text: string, tone: PanelTone, indent = ''): PanelLine[] => wrapRows(text, width - indent.length).map((row, index) => ({text: index === 0 ? row : `${indent}${row.trimStart()}`, tone}));
	if (isFinished(exercise, progress)) {
		const took = startedAt ? ` in ${humanDuration(now.getTime() - startedAt.getTime())}` : '';
		return wrap(`✓ Exercise done: ${title}, all ${total} step${total === 1 ? '' : 's'}${took}.`, 'done');
	}

	const step = exercise.steps[progress.step]!;
	const lines: PanelLine[] = [
		...wrap(`Exercise: ${title} · step ${progress.step + 1} of ${total}`, 'title'),
		...wrap(inert(step.instruction), 'instruction'),
	];
	if (step.command) {
		lines.push(...wrap(`$ ${inert(step.command)}`, 'command', '  '));
	}

	for (const result of progress.results) {
		const mark = result.met ? '✓' : (result.spoiled ? '✗' : '○');
		const tone: PanelTone = result.met ? 'met' : (result.spoiled ? 'spoiled' : 'unmet');
		const spoiledAdvice = result.spoiled ? ': load the exercise again to start over' : '';
		lines.push(...wrap(`${mark} ${inert(result.wants)}${result.now ? ` (${inert(result.now)}${spoiledAdvice})` : ''}`, tone, '  '));
	}

	return lines;
}
