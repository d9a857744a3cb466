// The live screen: Ink, React and every screen of the App. run.tsx imports this module only
// when a terminal is there to draw on, so `--once` and every early failure run without them.
import {render} from 'ink';
import {useMemo, useState} from 'react';
import {App, type ContextSwitching} from './app.js';
import {createSwarmClient, type SwarmClient} from './swarm/client.js';
import {contextEndpoint, listContexts} from './swarm/context.js';
import {ConnectionSettingsError} from './swarm/errors.js';
import type {SwarmService} from './swarm/types.js';
import {historyFileSink} from './timeline/history-file.js';
import {Timeline} from './timeline/timeline.js';
import type {LoadedExercise} from './exercise/exercise.js';
import {chooseHighContrast} from './theme.js';

type Swarm = {
	client: SwarmClient;
	nodeName: string;
	firstServices: Promise<SwarmService[]> | SwarmService[] | undefined;
	timeline: Timeline;
	/** Counts switches: a new one draws a new App, so nothing of the old swarm stays. */
	generation: number;
};

/** A refusal names the context it is about, whatever part of swarmdeck worded it. */
function naming(client: SwarmClient, message: string): string {
	return message.includes(client.target) ? message : `${client.target}: ${message}`;
}

/**
 * Connects to a docker context as swarmdeck connects at start: the endpoint, the client
 * (read-only as the first), then the preflight. Resolves to the swarm, or the sentence
 * that says why not.
 */
async function connectToContext(name: string, readOnly: boolean): Promise<{client: SwarmClient; nodeName: string; firstServices: Promise<SwarmService[]>} | {problem: string}> {
	let client: SwarmClient;
	try {
		client = createSwarmClient({...contextEndpoint(name), readOnly});
	} catch (error) {
		if (error instanceof ConnectionSettingsError) {
			return {problem: error.message};
		}

		throw error;
	}

	const firstServices = client.listServices();
	firstServices.catch(() => undefined);
	const preflight = await client.preflight();
	if (!preflight.ok) {
		client.close?.();
		return {problem: naming(client, preflight.message)};
	}

	return {client, nodeName: preflight.nodeName, firstServices};
}

type ScreenOptions = {history: boolean; exercise?: LoadedExercise; present?: boolean};

function Root({first, options: {history, exercise, present}}: {first: Omit<Swarm, 'timeline' | 'generation'>; options: ScreenOptions}) {
	const timelineFor = (client: SwarmClient) => new Timeline({endpoint: client.target, ...(history ? {sinkFor: historyFileSink} : {})});
	const [swarm, setSwarm] = useState<Swarm>(() => ({...first, timeline: timelineFor(first.client), generation: 0}));
	const contexts = useMemo<ContextSwitching>(() => ({
		list: () => listContexts(),
		async switchTo(name) {
			const connected = await connectToContext(name, swarm.client.readOnly);
			if ('problem' in connected) {
				return connected.problem;
			}

			swarm.client.close?.();
			setSwarm({...connected, timeline: timelineFor(connected.client), generation: swarm.generation + 1});
			return undefined;
		},
	// The switch belongs to the swarm on screen; timelineFor only reads `history`.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}), [swarm]);
	return <App key={swarm.generation} client={swarm.client} nodeName={swarm.nodeName} timeline={swarm.timeline} firstServices={swarm.firstServices} contexts={contexts} exercise={exercise} present={present}/>;
}

/**
 * history: keep the session's timeline in the history file too (--history); exercise: the
 * one to guide from the start (--exercise); present: the projector's screen (--present).
 */
export function renderScreen(client: SwarmClient, nodeName: string, firstServices: Promise<SwarmService[]> | SwarmService[] | undefined, options: ScreenOptions) {
	if (options.present) {
		chooseHighContrast();
	}

	// Ctrl+C is a key like any other, bound to quit in the key registry: Ink would only see
	// it alone in a read, not amid other keys.
	return render(<Root first={{client, nodeName, firstServices}} options={options}/>, {incrementalRendering: true, exitOnCtrlC: false});
}
