import {useCallback, useContext, useLayoutEffect, useRef, useState} from 'react';
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

/**
 * useState whose newest value can be read at once through the returned getter, even
 * before React re-renders. Since keys arrive one per commit, the getter and the rendered
 * value agree whenever a key is handled.
 */
export function useStateNow<T>(initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void, () => T] {
	const [value, setValue] = useState(initial);
	const now = useRef(value);
	const set = useCallback((next: T | ((previous: T) => T)) => {
		now.current = typeof next === 'function' ? (next as (previous: T) => T)(now.current) : next;
		setValue(now.current);
	}, []);
	const get = useCallback(() => now.current, []);
	return [value, set, get];
}
