// The wording `docker service ps` uses for "how long ago" (github.com/docker/go-units
// HumanDuration). Kept identical, thresholds and rounding included, so swarmdeck's CURRENT
// STATE column reads exactly like the CLI the class already knows.

const msPerSecond = 1000;
const msPerMinute = 60 * msPerSecond;
const msPerHour = 60 * msPerMinute;

// Go's integer division, step by step as go-units writes it (hours/24/7).
function intDiv(dividend: number, divisor: number): number {
	return Math.trunc(dividend / divisor);
}

/**
 * A human approximation of a duration in milliseconds, exactly as go-units words it:
 * "Less than a second", "1 second", "N seconds", "About a minute", "N minutes",
 * "About an hour", "N hours", "N days", "N weeks", "N months", "N years".
 * Negative durations (a clock ahead of the manager's) read "Less than a second", as in Go.
 */
export function humanDuration(ms: number): string {
	// Go has no NaN durations; treat one like zero rather than print "NaN seconds".
	const duration = Number.isFinite(ms) ? ms : 0;

	// Go converts with int(), which truncates toward zero.
	const seconds = Math.trunc(duration / msPerSecond);
	if (seconds < 1) {
		return 'Less than a second';
	}

	if (seconds === 1) {
		return '1 second';
	}

	if (seconds < 60) {
		return `${seconds} seconds`;
	}

	const minutes = Math.trunc(duration / msPerMinute);
	if (minutes === 1) {
		return 'About a minute';
	}

	if (minutes < 60) {
		return `${minutes} minutes`;
	}

	// From here on go-units rounds to the nearest hour (int(d.Hours() + 0.5)), so 89 minutes
	// is still "About an hour" but 90 minutes is "2 hours".
	const hours = Math.trunc(duration / msPerHour + 0.5);
	if (hours === 1) {
		return 'About an hour';
	}

	if (hours < 48) {
		return `${hours} hours`;
	}

	if (hours < 24 * 7 * 2) {
		return `${intDiv(hours, 24)} days`;
	}

	if (hours < 24 * 30 * 2) {
		return `${intDiv(intDiv(hours, 24), 7)} weeks`;
	}

	if (hours < 24 * 365 * 2) {
		return `${intDiv(intDiv(hours, 24), 30)} months`;
	}

	// Years alone use the unrounded hours in go-units.
	return `${intDiv(intDiv(Math.trunc(duration / msPerHour), 24), 365)} years`;
}
