// Go's duration syntax (time.ParseDuration and time.Duration.String). The update and rollback
// policy dialogs show and accept durations the way `docker service update --update-delay`
// does, and the Engine API stores them as nanoseconds, so both directions must match Go.

const nanosecond = 1n;
const microsecond = 1000n * nanosecond;
const millisecond = 1000n * microsecond;
const second = 1000n * millisecond;
const minute = 60n * second;
const hour = 60n * minute;

// A Map, not an object literal, so that text like `1constructor` cannot reach a prototype key.
const units: ReadonlyMap<string, bigint> = new Map([
	['ns', nanosecond],
	['us', microsecond],
	// Go accepts both the micro sign (U+00B5) and the Greek mu (U+03BC).
	['\u00B5s', microsecond],
	['\u03BCs', microsecond],
	['ms', millisecond],
	['s', second],
	['m', minute],
	['h', hour],
]);

// Go works in int64, so every intermediate sum is checked against 2^63.
const int64Limit = 1n << 63n;

function isDigit(character: string | undefined): boolean {
	return character !== undefined && character >= '0' && character <= '9';
}

/**
 * Parses a Go duration (`300ms`, `1.5s`, `1m30s`, `-2h`, `0`) into nanoseconds, exactly as
 * time.ParseDuration does, or returns undefined where Go returns an error. Signs are parsed:
 * whether a negative value makes sense is the caller's call.
 * Results beyond 2^53 ns (about 104 days) lose precision as a JavaScript number.
 */
export function parseGoDuration(text: string): number | undefined {
	let rest = text;
	let negative = false;
	if (rest.startsWith('-') || rest.startsWith('+')) {
		negative = rest.startsWith('-');
		rest = rest.slice(1);
	}

	// Go's special case: a bare zero needs no unit.
	if (rest === '0') {
		return 0;
	}

	if (rest === '') {
		return undefined;
	}

	let total = 0n;
	while (rest !== '') {
		if (!(rest[0] === '.' || isDigit(rest[0]))) {
			return undefined;
		}

		let index = 0;
		let whole = 0n;
		while (isDigit(rest[index])) {
			whole = (whole * 10n) + BigInt(rest.charCodeAt(index) - 48);
			if (whole > int64Limit) {
				return undefined;
			}

			index++;
		}

		const hasWhole = index > 0;
		let fraction = 0n;
		// Go keeps the scale as a float64 and stops gaining precision once the digits would
		// overflow; the same arithmetic here gives the same nanosecond.
		let scale = 1;
		let hasFraction = false;
		if (rest[index] === '.') {
			index++;
			let overflowed = false;
			while (isDigit(rest[index])) {
				hasFraction = true;
				if (!overflowed) {
					const next = (fraction * 10n) + BigInt(rest.charCodeAt(index) - 48);
					if (fraction > (int64Limit - 1n) / 10n || next > int64Limit) {
						overflowed = true;
					} else {
						fraction = next;
						scale *= 10;
					}
				}

				index++;
			}
		}

		// "." alone, or "-.s", carries no number.
		if (!hasWhole && !hasFraction) {
			return undefined;
		}

		const unitStart = index;
		while (index < rest.length && rest[index] !== '.' && !isDigit(rest[index])) {
			index++;
		}

		const unit = units.get(rest.slice(unitStart, index));
		if (unit === undefined) {
			return undefined;
		}

		if (whole > int64Limit / unit) {
			return undefined;
		}

		let value = whole * unit;
		if (fraction > 0n) {
			value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
			if (value > int64Limit) {
				return undefined;
			}
		}

		total += value;
		if (total > int64Limit) {
			return undefined;
		}

		rest = rest.slice(index);
	}

	if (!negative && total > int64Limit - 1n) {
		return undefined;
	}

	// `-0s` is zero, not JavaScript's -0.
	return total === 0n ? 0 : Number(negative ? -total : total);
}

// The digits of value / 10^precision after the point, without trailing zeros (Go's fmtFrac).
function fractionDigits(value: bigint, precision: number): {text: string; whole: bigint} {
	let remaining = value;
	let text = '';
	let printing = false;
	for (let index = 0; index < precision; index++) {
		const digit = remaining % 10n;
		printing ||= digit !== 0n;
		if (printing) {
			text = `${digit}${text}`;
		}

		remaining /= 10n;
	}

	return {text: printing ? `.${text}` : '', whole: remaining};
}

/**
 * Formats nanoseconds as Go's time.Duration.String() does: `0s`, `300ns`, `1µs`, `1.5ms`,
 * `1.5s`, `1m30s`, `1h0m0s`. Fractions of a nanosecond are dropped.
 */
export function formatGoDuration(ns: number): string {
	if (!Number.isFinite(ns)) {
		throw new RangeError(`Not a duration: ${ns}`);
	}

	const signed = BigInt(Math.trunc(ns));
	const negative = signed < 0n;
	const magnitude = negative ? -signed : signed;
	const sign = negative ? '-' : '';

	if (magnitude === 0n) {
		return '0s';
	}

	// Below a second Go switches to the largest unit that keeps an integer part.
	if (magnitude < second) {
		if (magnitude < microsecond) {
			return `${sign}${magnitude}ns`;
		}

		const [precision, unit] = magnitude < millisecond ? [3, '\u00B5s'] : [6, 'ms'];
		const {text, whole} = fractionDigits(magnitude, precision);
		return `${sign}${whole}${text}${unit}`;
	}

	const {text, whole: totalSeconds} = fractionDigits(magnitude, 9);
	const seconds = `${totalSeconds % 60n}${text}s`;
	const totalMinutes = totalSeconds / 60n;
	if (totalMinutes === 0n) {
		return `${sign}${seconds}`;
	}

	const minutes = `${totalMinutes % 60n}m`;
	const hours = totalMinutes / 60n;
	// Go stops at hours because days are not all the same length.
	return hours === 0n ? `${sign}${minutes}${seconds}` : `${sign}${hours}h${minutes}${seconds}`;
}
