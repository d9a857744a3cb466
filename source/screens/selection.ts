export type Movement = 'up' | 'down' | 'pageUp' | 'pageDown' | 'first' | 'last';

/** The index a movement key leads to, clamped to the list. */
export function moveSelection(count: number, current: number, movement: Movement, pageSize: number): number {
	if (count === 0) {
		return -1;
	}

	const from = Math.max(0, current);
	const target = {
		up: from - 1,
		down: from + 1,
		pageUp: from - pageSize,
		pageDown: from + pageSize,
		first: 0,
		last: count - 1,
	}[movement];
	return Math.min(count - 1, Math.max(0, target));
}
