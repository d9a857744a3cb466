import {useInput, type Key} from 'ink';
import {useCallback, useLayoutEffect, useRef, useState} from 'react';

/**
 * Ink's useInput re-subscribes its handler in a passive effect, which React may run after
 * the next keypress has already arrived: that key would then see the state from before
 * the previous one. This calls the handler of the latest render, always.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: {isActive?: boolean} = {}): void {
	const latest = useRef(handler);
	useLayoutEffect(() => {
		latest.current = handler;
	});
	const stable = useCallback((input: string, key: Key) => {
		latest.current(input, key);
	}, []);
	useInput(stable, options);
}

/**
 * useState whose newest value can be read at once through the returned getter, even
 * before React re-renders: a field typed into and submitted in one burst of keys.
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
