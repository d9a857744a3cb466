// Normalized objects reused while the daemon's version of them stands. Every write to a
// swarm object bumps its Version.Index, so an object with the same ID and version is the
// same object: a poll of 10,000 tasks then normalizes (and makes inert) only the tasks
// that changed, and the unchanged ones stay the very same objects, which lets a screen
// tell "nothing changed" by identity instead of comparing everything.

/** How long an entry no poll has asked for is kept: a screen closed a minute ago is gone. */
export const unusedEntryMs = 60_000;

type Entry<T> = {key: string; value: T; seenAt: number};

export class VersionedCache<T> {
	private readonly entries = new Map<string, Entry<T>>();
	private sweptAt: number;

	constructor(private readonly now: () => number = Date.now) {
		this.sweptAt = now();
	}

	/**
	 * The cached value for `id` if its `key` (the version, plus anything the daemon computes
	 * per request) is unchanged, else a fresh `build()`, kept for next time. Without a key
	 * (an object without a version) nothing is cached.
	 */
	get(id: string, key: string | undefined, build: () => T): T {
		const now = this.now();
		this.sweepUnused(now);
		if (key === undefined) {
			return build();
		}

		const entry = this.entries.get(id);
		if (entry?.key === key) {
			entry.seenAt = now;
			return entry.value;
		}

		const value = build();
		this.entries.set(id, {key, value, seenAt: now});
		return value;
	}

	/** The cached value for `id` if its `key` is unchanged (it counts as asked for), else undefined. */
	peek(id: string, key: string): T | undefined {
		const now = this.now();
		this.sweepUnused(now);
		const entry = this.entries.get(id);
		if (entry?.key !== key) {
			return undefined;
		}

		entry.seenAt = now;
		return entry.value;
	}

	/** Keeps `value` for `id` at `key`, in place of whatever was kept for it. */
	set(id: string, key: string, value: T): void {
		this.entries.set(id, {key, value, seenAt: this.now()});
	}

	get size(): number {
		return this.entries.size;
	}

	/** Drops what no poll asked for lately, at most once per `unusedEntryMs`, so it stays bounded. */
	private sweepUnused(now: number): void {
		if (now - this.sweptAt < unusedEntryMs) {
			return;
		}

		this.sweptAt = now;
		for (const [id, entry] of this.entries) {
			if (now - entry.seenAt > unusedEntryMs) {
				this.entries.delete(id);
			}
		}
	}
}

/**
 * Lists with the same items in the same order: by identity, which the cache gives unchanged
 * objects, else (for objects without a version) by their JSON.
 */
export function sameItems<T extends object>(left: readonly T[], right: readonly T[]): boolean {
	return left.length === right.length
		&& left.every((item, index) => item === right[index] || JSON.stringify(item) === JSON.stringify(right[index]));
}
