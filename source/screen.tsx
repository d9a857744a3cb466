// The live screen: Ink, React and every screen of the App. run.tsx imports this module only
// when a terminal is there to draw on, so `--once` and every early failure run without them.
import {render} from 'ink';
import {App} from './app.js';
import type {SwarmClient} from './swarm/client.js';
import type {SwarmService} from './swarm/types.js';

export function renderScreen(client: SwarmClient, nodeName: string, firstServices?: Promise<SwarmService[]> | SwarmService[]) {
	// Ctrl+C is a key like any other, bound to quit in the key registry: Ink would only see
	// it alone in a read, not amid other keys.
	return render(<App client={client} nodeName={nodeName} firstServices={firstServices}/>, {incrementalRendering: true, exitOnCtrlC: false});
}
