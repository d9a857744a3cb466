// The queue between the terminal and the key handlers. Keys that arrive together are
// handed out one at a time, each only after React has committed what the previous one
// changed: a burst acts exactly as the same keys typed slowly.
import {KeyTokenizer, type InputKey, type Keypress} from './tokenizer.js';

export type KeyHandler = (input: string, key: InputKey) => void;

/** How long a lone ESC waits for the rest of a sequence before it counts as the Esc key. */
export const escapeTimeoutMs = 50;
/** How long a paste may fall silent before its end marker counts as lost. */
export const pasteTimeoutMs = 1000;
/** The longest keys are held for a dialog that is on its way (see `hold`). */
export const holdTimeoutMs = 3000;

type Subscription = {handler: KeyHandler; subscribed: boolean};

/**
 * `idle`: nothing is being delivered. `requested`: a commit was asked for, and the next key
 * goes out once it happened. `delivered`: a key went out; its commit is awaited.
 */
type Phase = 'idle' | 'requested' | 'delivered';

export class KeyInput {
	private readonly tokenizer = new KeyTokenizer();
	private readonly queue: Keypress[] = [];
	private subscriptions: Subscription[] = [];
	private phase: Phase = 'idle';
	private waitTimer: NodeJS.Timeout | undefined;
	private nextTurn: NodeJS.Immediate | undefined;
	private idleWaiters: Array<() => void> = [];
	private disposed = false;
	private holds = 0;

	/**
	 * @param requestCommit makes React render and commit (the provider bumps a state), and
	 * calls `committed` once that commit is done.
	 */
	constructor(private readonly requestCommit: () => void) {}

	/** Adds a handler for the keys delivered from now on; the returned function removes it. */
	subscribe(handler: KeyHandler): () => void {
		const subscription: Subscription = {handler, subscribed: true};
		this.subscriptions.push(subscription);
		return () => {
			subscription.subscribed = false;
			this.subscriptions = this.subscriptions.filter(candidate => candidate !== subscription);
		};
	}

	/**
	 * Holds the keys that arrive from now on until the returned function is called: a dialog
	 * that must first read something from the daemon (the swarm's secrets, how long its
	 * tasks take to start) gets the keys typed after the one that opened it, as it would
	 * have had they been typed once it showed. Ctrl+C is never held, and no hold lasts
	 * longer than holdTimeoutMs.
	 */
	hold(): () => void {
		this.holds++;
		let released = false;
		const release = () => {
			if (released) {
				return;
			}

			released = true;
			clearTimeout(timer);
			this.holds--;
			this.pump();
		};

		const timer = setTimeout(release, holdTimeoutMs);
		return release;
	}

	/** A chunk as read from the terminal: any number of keys, or part of one. */
	write(chunk: string): void {
		if (this.disposed) {
			return;
		}

		clearTimeout(this.waitTimer);
		this.waitTimer = undefined;
		this.queue.push(...this.tokenizer.push(chunk));
		const pending = this.tokenizer.pending();
		if (pending) {
			this.waitTimer = setTimeout(() => {
				this.waitTimer = undefined;
				this.queue.push(...this.tokenizer.flush());
				this.pump();
			}, pending === 'paste' ? pasteTimeoutMs : escapeTimeoutMs);
		}

		this.pump();
	}

	/** React committed the render that `requestCommit` asked for. */
	committed(): void {
		if (this.disposed) {
			return;
		}

		if (this.phase === 'requested') {
			// A hold taken since the commit was asked for keeps all but Ctrl+C.
			const next = this.holds > 0 && !(this.queue[0]?.key.ctrl && this.queue[0].input === 'c') ? undefined : this.queue.shift();
			if (!next) {
				this.phase = 'idle';
				this.notifyIfIdle();
				return;
			}

			this.phase = 'delivered';
			this.deliver(next);
			// In the same batch as whatever the handlers changed: its commit holds both.
			this.requestCommit();
		} else if (this.phase === 'delivered') {
			this.phase = 'idle';
			// The next key goes out on a later turn of the event loop, not from this effect:
			// React warns when effects keep scheduling updates from one commit to the next.
			this.nextTurn = setImmediate(() => {
				this.nextTurn = undefined;
				this.pump();
			});
		}
	}

	/** Nothing queued, nothing being delivered, no sequence or paste waiting for its end. */
	isIdle(): boolean {
		return this.disposed || (this.phase === 'idle' && this.nextTurn === undefined && this.queue.length === 0 && this.tokenizer.pending() === undefined);
	}

	/** Resolves once every key written so far has been delivered and committed. */
	async whenIdle(): Promise<void> {
		if (this.isIdle()) {
			return;
		}

		await new Promise<void>(resolve => {
			this.idleWaiters.push(resolve);
		});
	}

	/** Stops delivering: the app is gone. */
	dispose(): void {
		this.disposed = true;
		clearTimeout(this.waitTimer);
		clearImmediate(this.nextTurn);
		this.queue.length = 0;
		this.subscriptions = [];
		this.notifyIfIdle();
	}

	private pump(): void {
		if (this.disposed || this.phase !== 'idle' || this.nextTurn) {
			return;
		}

		if (this.holds > 0) {
			// Ctrl+C goes out at once, ahead of what is held: it must always quit.
			const interrupt = this.queue.findIndex(keypress => keypress.key.ctrl && keypress.input === 'c');
			if (interrupt === -1) {
				return;
			}

			this.queue.unshift(...this.queue.splice(interrupt, 1));
		}

		if (this.queue.length === 0) {
			this.notifyIfIdle();
			return;
		}

		this.phase = 'requested';
		this.requestCommit();
	}

	/** To the handlers subscribed now, in the order they subscribed. */
	private deliver({input, key}: Keypress): void {
		// Those subscribed now: a handler that one of them mounts gets the next key, not this
		// one; and one it unmounts or deactivates no longer gets it.
		for (const subscription of [...this.subscriptions]) {
			if (subscription.subscribed) {
				subscription.handler(input, key);
			}
		}
	}

	private notifyIfIdle(): void {
		if (!this.isIdle()) {
			return;
		}

		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const resolve of waiters) {
			resolve();
		}
	}
}
