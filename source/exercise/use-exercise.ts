import {useEffect, useState} from 'react';
import type {Exercise} from './exercise.js';
import {advanceExercise, startExercise, type ExerciseProgress, type SwarmState} from './progress.js';

/** An exercise as loaded from its file: loading the same file again is a new run. */
export type LoadedExercise = {exercise: Exercise; file: string; loadedAt: Date};

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
