// What was done in this session and what the swarm did in answer: every action swarmdeck
// sent (or refused to send), and the swarm events that followed it, each linked to the
// action it answers. Kept in memory for the timeline view and, unless --no-history, appended
// to a file for `swarmdeck history` (see history-file.ts). Nothing here renders.
import type {SwarmEvent} from '../swarm/types.js';
import {redactCommand} from './redact.js';

export type TimelineTarget = {type: 'service' | 'node'; id: string; name: string};

export type ActionResult = 'done' | 'failed' | 'not sent' | 'unknown';

export type TimelineEntry = {
	/** Counted from 1 within a session. */
	seq: number;
	/** ISO 8601. */
	time: string;
	session: string;
	endpoint: string;
	kind: 'action' | 'outcome';
	target: TimelineTarget;
	/** An action: the equivalent `docker` command, secrets redacted. */
	command?: string;
	/** An action: what was asked, in words (`Scaling vote to 7`). */
	asked?: string;
	result?: ActionResult;
	/** What came of it: the summary, the daemon's error, or the swarm's change in words. */
	message: string;
	versionBefore?: number;
	versionAfter?: number;
	/** An outcome: the `seq` of the action it answers, when there is one. */
	answers?: number;
};

type Versions = {versionBefore?: number; versionAfter?: number};

export type ActionRecord = {
	target: TimelineTarget;
	command: string;
	asked: string;
	result: ActionResult;
	message: string;
	versionBefore?: number;
	versionAfter?: number;
};

/** Where entries go besides memory: a file, or nowhere. */
export type TimelineSink = (entry: TimelineEntry) => void;

/** Entries kept in memory for the view; the file keeps the rest. */
export const maxTimelineEntries = 500;

/** An event answers the latest action on its service or node within this time. */
const answerWindowMs = 60 * 60 * 1000;

export class Timeline {
	private entries: readonly TimelineEntry[] = [];
	private readonly listeners = new Set<() => void>();
	private seq = 0;
	readonly session: string;
	private readonly sink: TimelineSink | undefined;

	/** `sinkFor` gives where this session's entries go besides memory (see history-file.ts). */
	constructor(private readonly options: {endpoint: string; session?: string; sinkFor?: (session: string) => TimelineSink; now?: () => Date}) {
		this.session = options.session ?? (options.now?.() ?? new Date()).toISOString();
		this.sink = options.sinkFor?.(this.session);
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** Newest first. */
	readonly getSnapshot = (): readonly TimelineEntry[] => this.entries;

	/** Actions on their way, by the service or node they change: their answers can come first. */
	private readonly pending = new Map<string, number>();

	/**
	 * An action about to be sent. The swarm's first answer (rollback_started, say) often comes
	 * before the write returns: events for its target that arrive meanwhile answer it.
	 */
	begin(target: TimelineTarget, sent: {command: string; asked: string}): {record: (result: ActionResult, message: string, versions?: Versions) => TimelineEntry} {
		const seq = ++this.seq;
		this.pending.set(target.id, seq);
		return {
			record: (result, message, versions = {}) => {
				if (this.pending.get(target.id) === seq) {
					this.pending.delete(target.id);
				}

				return this.add({kind: 'action', target, command: redactCommand(sent.command), asked: sent.asked, result, message, ...versions}, seq);
			},
		};
	}

	recordAction({target, command, asked, result, message, ...versions}: ActionRecord): TimelineEntry {
		return this.begin(target, {command, asked}).record(result, message, versions);
	}

	/** A swarm event: kept when it says something changed that a person would follow up. */
	observe(event: SwarmEvent): TimelineEntry | undefined {
		const message = outcomeOf(event);
		if (!message) {
			return undefined;
		}

		const target: TimelineTarget = {type: event.type, id: event.id, name: event.name};
		const answers = this.pending.get(event.id) ?? this.entries.find(entry => entry.kind === 'action'
			&& entry.target.id === event.id
			&& event.time.getTime() - Date.parse(entry.time) < answerWindowMs)?.seq;
		return this.add({kind: 'outcome', target, message, ...(answers === undefined ? {} : {answers}), time: event.time.toISOString()});
	}

	private add(fields: Omit<TimelineEntry, 'seq' | 'time' | 'session' | 'endpoint'> & {time?: string}, seq = ++this.seq): TimelineEntry {
		const entry: TimelineEntry = {
			...fields,
			seq,
			time: fields.time ?? (this.options.now?.() ?? new Date()).toISOString(),
			session: this.session,
			endpoint: this.options.endpoint,
		};
		// By seq, newest first: an action reserved its place when it was sent.
		this.entries = [entry, ...this.entries].sort((left, right) => right.seq - left.seq).slice(0, maxTimelineEntries);
		try {
			this.sink?.(entry);
		} catch {
			// A full disk must not stop the session: the view still has the entry.
		}

		for (const listener of this.listeners) {
			listener();
		}

		return entry;
	}
}

/** The change an event reports, in words, or undefined for events that only echo a write. */
export function outcomeOf(event: SwarmEvent): string | undefined {
	const {attributes} = event;
	if (event.type === 'service') {
		if (event.action === 'remove') {
			return `${event.name} was removed`;
		}

		const from = attributes['updatestate.old'];
		const to = attributes['updatestate.new'];
		if (to !== undefined && to !== from) {
			return `${event.name}: update state ${from || '(none)'} → ${to}`;
		}

		return undefined;
	}

	const state = attributes['state.new'];
	if (state !== undefined && state !== attributes['state.old']) {
		return `node ${event.name} ${state}`;
	}

	const availability = attributes['availability.new'];
	if (availability !== undefined && availability !== attributes['availability.old']) {
		return `node ${event.name} availability ${attributes['availability.old'] ?? '?'} → ${availability}`;
	}

	return undefined;
}
