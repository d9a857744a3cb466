import {useState} from 'react';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useActions} from '../state/actions.js';
import {isMovement, scrollOffset, type Movement} from './selection.js';

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

/**
 * A read-only list screen's keys: the movement keys scroll it, Esc goes back. Returns where
 * the view starts.
 */
export function useScrolledList(total: number, visible: number, isActive: boolean): number {
	const {dispatch} = useActions();
	const {offset, scroll} = useScroll(total, visible);
	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['detail', 'list']);
		if (command?.id === 'back') {
			dispatch({type: 'back'});
		} else if (command && isMovement(command.id)) {
			scroll(command.id);
		}
	}, {isActive});
	return offset;
}
