import {useState} from 'react';
import {scrollOffset, type Movement} from './selection.js';

/** A scroll position for a list without a cursor: tasks, events, inspect. */
export function useScroll(total: number, visible: number): {offset: number; scroll: (movement: Movement) => void; reset: () => void} {
	const [offset, setOffset] = useState(0);
	return {
		offset,
		scroll(movement) {
			setOffset(current => scrollOffset(total, visible, current, movement));
		},
		reset() {
			setOffset(0);
		},
	};
}
