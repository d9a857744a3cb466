import {StringDecoder} from 'node:string_decoder';
import {useStdin} from 'ink';
import {createContext, useEffect, useLayoutEffect, useState, type ReactNode} from 'react';
import {KeyInput} from './key-input.js';

export const KeyInputContext = createContext<KeyInput | undefined>(undefined);

// The input layer reading each stream, so that a test can wait until what it typed has
// been handled.
const readers = new WeakMap<object, KeyInput>();

/** Resolves once the keys written to `stdin` so far have all been handled and committed. */
export async function whenKeysHandled(stdin: object): Promise<void> {
	await readers.get(stdin)?.whenIdle();
}

/**
 * Reads the terminal itself, rather than through Ink's useInput, which hands a chunk of
 * several keys to its handlers as one input. Every `useKeys` below gets its keys from here.
 */
export function KeyInputProvider({children}: {children: ReactNode}) {
	const {stdin, setRawMode, isRawModeSupported} = useStdin();
	const [commits, setCommits] = useState(0);
	const [input] = useState(() => new KeyInput(() => {
		setCommits(count => count + 1);
	}));

	useEffect(() => {
		input.committed();
	}, [input, commits]);

	useEffect(() => () => {
		input.dispose();
	}, [input]);

	// In the commit that draws the first frame, not after it: a passive effect can run a moment
	// later, and a Ctrl+C typed as soon as the screen shows would meet the terminal still in
	// cooked mode, which turns it into SIGINT (exit 130) instead of the quit key.
	useLayoutEffect(() => {
		if (!isRawModeSupported) {
			// Not a terminal: there are no keys to read.
			return;
		}

		// Through Ink, which counts who needs raw mode and restores the terminal on exit.
		// Ink then reads the stream on 'readable'; each of its reads emits 'data' here too.
		setRawMode(true);
		const decoder = new StringDecoder('utf8');
		const onData = (data: string | Buffer) => {
			input.write(typeof data === 'string' ? data : decoder.write(data));
		};

		stdin.on('data', onData);
		readers.set(stdin, input);
		return () => {
			readers.delete(stdin);
			stdin.off('data', onData);
			setRawMode(false);
		};
	}, [stdin, setRawMode, isRawModeSupported, input]);

	return <KeyInputContext.Provider value={input}>{children}</KeyInputContext.Provider>;
}
