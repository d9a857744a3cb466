import {useEffect, useState} from 'react';
import type {LoadedExercise} from './exercise.js';
import {loadExerciseFile} from './load.js';
import {advanceExercise, startExercise, type ExerciseProgress, type SwarmState} from './progress.js';

/**
 * The progress of the loaded exercise, moved on whenever the services or nodes the screen
 * reads change: no read of its own, so an exercise adds no request to the daemon.
 */
export function useExerciseProgress(loaded: LoadedExercise | undefined, state: SwarmState): ExerciseProgress | undefined {
	const [tracked, setTracked] = useState<{loaded: LoadedExercise; progress: ExerciseProgress}>();
	const {services, nodes} = state;
	useEffect(() => {
		if (!loaded) {
			return;
		}

		setTracked(previous => {
			const current = {services, nodes};
			const progress = previous?.loaded === loaded ? previous.progress : startExercise(current);
			return {loaded, progress: advanceExercise(loaded.exercise, progress, current)};
		});
	}, [loaded, services, nodes]);
	return tracked !== undefined && tracked.loaded === loaded ? tracked.progress : undefined;
}

/**
 * The exercise under way (from --exercise, then `:exercise FILE`), its progress, whether its
 * panel shows, and the one command that loads another or shows and hides the panel.
 */
export function useExercise(first: LoadedExercise | undefined, state: SwarmState) {
	const [loaded, setLoaded] = useState(first);
	const [shown, setShown] = useState(true);
	const progress = useExerciseProgress(loaded, state);
	/** `:exercise FILE` loads FILE; `X` (no file) shows or hides the panel. Says why not, if not. */
	const command = (file: string | undefined): {problem?: string; notice?: string} => {
		if (file === undefined) {
			if (!loaded) {
				return {notice: 'No exercise under way: start one with :exercise FILE, e.g. :exercise lab/exercises/1-scale.json'};
			}

			setShown(value => !value);
			return {};
		}

		try {
			setLoaded({exercise: loadExerciseFile(file), file, loadedAt: new Date()});
			setShown(true);
			return {};
		} catch (error) {
			return {problem: error instanceof Error ? error.message : String(error)};
		}
	};

	return {loaded: shown ? loaded : undefined, progress, command};
}
