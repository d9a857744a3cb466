// The live screen: Ink, React and every screen of the App. run.tsx imports this module only
// when a terminal is there to draw on, so `--once` and every early failure run without them.
import {render} from 'ink';
import {App} from './app.js';
import type {SwarmClient} from './swarm/client.js';
import type {SwarmService} from './swarm/types.js';
import {historyFileSink} from './timeline/history-file.js';
import {Timeline} from './timeline/timeline.js';
import type {LoadedExercise} from './exercise/exercise.js';
import {chooseHighContrast} from './theme.js';

/**
 * history: keep the session's timeline in the history file too (--history); exercise: the
 * one to guide from the start (--exercise); present: the projector's screen (--present).
 */
export function renderScreen(client: SwarmClient, nodeName: string, firstServices: Promise<SwarmService[]> | SwarmService[] | undefined, {history, exercise, present}: {history: boolean; exercise?: LoadedExercise; present?: boolean}) {
	if (present) {
		chooseHighContrast();
	}

	const timeline = new Timeline({endpoint: client.target, ...(history ? {sinkFor: historyFileSink} : {})});
	// Ctrl+C is a key like any other, bound to quit in the key registry: Ink would only see
	// it alone in a read, not amid other keys.
	return render(<App client={client} nodeName={nodeName} timeline={timeline} firstServices={firstServices} exercise={exercise} present={present}/>, {incrementalRendering: true, exitOnCtrlC: false});
}
