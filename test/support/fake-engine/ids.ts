// Object IDs shaped like swarmkit's (25 characters of [0-9a-z]) and container IDs like
// moby's (64 hex digits), from a seeded generator so a synthetic swarm is the same every run.

/** mulberry32: small, fast, and good enough to spread IDs and pick nodes. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const base36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const hex = '0123456789abcdef';

export class IdGenerator {
	private readonly random: () => number;

	constructor(seed = 1) {
		this.random = seededRandom(seed);
	}

	private pick(alphabet: string, length: number): string {
		let id = '';
		for (let index = 0; index < length; index++) {
			id += alphabet[Math.floor(this.random() * alphabet.length)];
		}

		return id;
	}

	/** A service, task, node, network, secret or config ID. */
	objectId(): string {
		return this.pick(base36, 25);
	}

	containerId(): string {
		return this.pick(hex, 64);
	}

	/** A number in [0, 1), from the same seeded sequence. */
	next(): number {
		return this.random();
	}
}
