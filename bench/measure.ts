// What the benchmarks share: waiting, reading frames without their colours, and percentiles.

export const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

// eslint-disable-next-line no-control-regex -- stripping terminal escapes is the point
export const ansi = /\u001B\[[0-9;?]*[A-Za-z]/g;

/** The value below which `fraction` of the values lie (nearest rank), NaN for none. */
export function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}
