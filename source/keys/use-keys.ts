import {useContext, useLayoutEffect, useRef} from 'react';
import {KeyInputContext} from '../input/KeyInputProvider.js';
import type {KeyHandler} from '../input/key-input.js';

/**
 * Calls `handler` with each key while `isActive` (default true): `(input, key)` as Ink's
 * useInput does, plus `key.paste` for pasted text. Keys come one at a time from the
 * KeyInputProvider, each after the previous one's changes are rendered, and always reach
 * the handler of the latest render.
 */
export function useKeys(handler: KeyHandler, {isActive = true}: {isActive?: boolean} = {}): void {
	const input = useContext(KeyInputContext);
	if (!input) {
		throw new Error('useKeys needs a KeyInputProvider around the app');
	}

	const latest = useRef(handler);
	// Layout effects run within the commit, before the next key can be delivered.
	useLayoutEffect(() => {
		latest.current = handler;
	});
	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		return input.subscribe((characters, key) => {
			latest.current(characters, key);
		});
	}, [input, isActive]);
}
