// How a frame shares out its lines. Every screen, dialog and overlay lists its regions here
// and draws each in the lines this gives it, so no frame is ever taller than the terminal
// (Ink would then cut it from the top: the title and the column header first).
//
// When there is not room for everything, what gives way is decided in this one place, in
// this order:
//   1. blank lines: spacing, and the status area's reserved lines while it has nothing to say;
//   2. panels: what helps but can go (the rollout panel, the update policy line, the count of
//      hidden tasks, a dialog's notes and preview), the last declared giving way first;
//   3. rows: the lines of a table or list scroll, so they take what is left, down to their
//      `min` (a table's header and a few rows, among them the selected one), and below it,
//      down to one line, only when nothing else is left to give.
// What is kept whatever the size: the title line, a table's column header, the selected
// row and the hint bar (regions of kind `keep`, and the `min` of the rows).

export type RegionKind = 'keep' | 'blank' | 'panel' | 'rows';

export type Region = {
	kind: RegionKind;
	/** The lines it would take with room to spare (every row, for a list). */
	lines: number;
	/** The fewest lines it may be left with: 0 unless said (rows: 1). */
	min?: number;
	/** Takes whatever room is left over, beyond `lines` (the screen under the title). */
	fill?: boolean;
};

/** The order in which regions give up lines; rows then take what is left. */
export const givesWayFirst: readonly RegionKind[] = ['blank', 'panel'];

function minimum(region: Region): number {
	if (region.kind === 'keep') {
		return region.lines;
	}

	return Math.min(region.lines, region.min ?? (region.kind === 'rows' ? 1 : 0));
}

/**
 * The lines each region gets in `available` lines: rows start at their minimum and every
 * other region at its wish; lines are then taken in the order of `givesWayFirst` (the last
 * declared region of a kind first) until they fit, and what is left goes to the rows, up to
 * their wish, then to the `fill` region.
 */
export function fitRegions<K extends string>(available: number, regions: Record<K, Region>): Record<K, number> {
	const names = Object.keys(regions) as K[];
	const budget = Object.fromEntries(names.map(name => {
		const region = regions[name];
		return [name, region.kind === 'rows' ? minimum(region) : Math.max(0, region.lines)];
	})) as Record<K, number>;
	const total = () => names.reduce((sum, name) => sum + budget[name], 0);
	let excess = total() - Math.max(0, available);
	for (const kind of givesWayFirst) {
		for (const name of [...names].reverse()) {
			const region = regions[name];
			if (excess <= 0 || region.kind !== kind) {
				continue;
			}

			const cut = Math.min(excess, budget[name] - minimum(region));
			if (cut > 0) {
				budget[name] -= cut;
				excess -= cut;
			}
		}
	}

	// Still too many: rows go below their wished minimum, down to one, last declared first.
	for (const name of [...names].reverse()) {
		if (excess > 0 && regions[name].kind === 'rows') {
			const cut = Math.min(excess, budget[name] - Math.min(1, budget[name]));
			budget[name] -= cut;
			excess -= cut;
		}
	}

	for (const name of names) {
		const region = regions[name];
		if (excess < 0 && region.kind === 'rows') {
			const grow = Math.min(-excess, Math.max(0, region.lines - budget[name]));
			budget[name] += grow;
			excess += grow;
		}
	}

	const filler = names.find(name => regions[name].fill);
	if (excess < 0 && filler !== undefined) {
		budget[filler] -= excess;
	}

	return budget;
}

/** The sum of the lines given out: what a region made of regions takes. */
export function totalLines(budget: Readonly<Record<string, number>>): number {
	return Object.values(budget).reduce((sum, lines) => sum + lines, 0);
}
