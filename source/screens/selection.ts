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

export const movements = ['up', 'down', 'pageUp', 'pageDown', 'first', 'last'] as const satisfies readonly Movement[];

export function isMovement(id: string): id is Movement {
	return (movements as readonly string[]).includes(id);
}

/** The first line shown after a movement key, for a list of `total` lines seen `visible` at a time. */
export function scrollOffset(total: number, visible: number, offset: number, movement: Movement): number {
	const maxOffset = Math.max(0, total - visible);
	return Math.min(maxOffset, moveSelection(maxOffset + 1, offset, movement, visible));
}
