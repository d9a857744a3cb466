// What an action that changes the swarm is made of, declared in one place: its key, what it
// applies to, why it may refuse, the form a person fills in, and the decision it reaches —
// the write, the equivalent `docker` command, what it will do, and whether to ask first.
// The key registry, the dialogs and the palette only look actions up; nothing here draws.
import type {RawHealthConfig} from '../advisor/health.js';
import type {Binding} from '../keys/bindings.js';
import type {PaletteArgument} from '../keys/registry.js';
import type {NodeWrite} from '../swarm/node-write.js';
import type {SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';
import type {ServiceWrite} from '../swarm/write.js';
import type {ReferenceLists} from '../spec/families.js';
import type {RolloutEstimate} from './plan.js';

/** One field of an action's form. Values are kept as typed text until the decision. */
export type FormField = {
	key: string;
	label: string;
	initial: string;
	/** A field with fixed choices: → and Space cycle through them. */
	choices?: readonly string[];
	/**
	 * A text field's likely values (the swarm's secrets by name): → and ← offer those that
	 * start with what is typed, one after another; any other text may still be typed.
	 */
	suggestions?: readonly string[];
	/** This field's own rule: the sentence when `text` breaks it. */
	check?: (text: string) => string | undefined;
};

export type FormGroup = {
	title?: string;
	fields: readonly FormField[];
	/**
	 * A list that grows as it is typed: once its last field is filled, the field `more(n)`
	 * follows it (n counting from 0), so that any number of lines is added in one change.
	 */
	more?: (count: number) => FormField;
};

export type Form = {
	title: string;
	/** Lines above the fields: where things stand now. */
	intro?: readonly string[];
	/** Fields in groups, drawn side by side when there is room (update beside rollback). */
	groups: ReadonlyArray<FormGroup>;
	/** A line under the fields that teaches what saving does. */
	note?: string;
	/**
	 * Notes on the values as typed, redrawn on every key (the policy advisor). `image` is the
	 * service's image, whose health check the dialog reads from the manager first.
	 */
	advice?: {image: string; lines: (values: FormValues, imageHealth: RawHealthConfig | null | undefined) => readonly PlanLine[]};
};

export type FormValues = Readonly<Record<string, string>>;

/** How a line of a plan reads: plain, or worth a second look. */
export type PlanTone = 'plain' | 'warning' | 'danger' | 'muted';

export type PlanLine = {text: string; tone?: PlanTone};

/** What an action decided, from its target as the person saw it and what they typed. */
export type Decision<Write = ServiceWrite> = {
	write: Write;
	/** The `docker` command that does the same. */
	command: string;
	/** The question a confirmation asks: `Scale vote to 0?` */
	title: string;
	/** What it will do, in words, before anything is sent. */
	lines: readonly PlanLine[];
	/** Ask first: only `y` sends it. */
	confirm: boolean;
	/** While it runs: `Scaling vote to 7`. */
	progress: string;
	/** After it worked: `vote scaled from 4 to 7 replicas`. */
	summary: string;
	/** How long the rolling update it starts may take, as `lines` say: the rollout panel shows it beside the real time. */
	estimate?: RolloutEstimate;
};

/** What the app read about the target for the decision, besides the target itself. */
export type DecideContext = {
	/** How long this service's tasks took to start last time (see taskStartMs). */
	taskStartMs?: number;
	/** The swarm's secrets, configs and networks, for the actions that name them. */
	references?: ReferenceLists;
};

/** An action on one kind of target (a service; a node with the swarm around it). */
export type Action<Target, Write> = {
	/** The command ID of the key registry. */
	id: string;
	keys: readonly Binding[];
	/** For the help and the README key table. */
	description: string;
	/** Shown in the hint bar. */
	hint?: string;
	/** What a read-only refusal calls it: `Read-only mode: scale is disabled`. */
	name: string;
	/** Why it cannot apply to this target now, in one sentence; nothing opens then. */
	refusal?: (target: Target) => string | undefined;
	/** The form to fill in first; without one, the decision is reached at once. */
	form?: (target: Target, references?: ReferenceLists) => Form;
	/** Reaches a decision, or throws ValidationError naming the field and the rule. */
	decide: (target: Target, values: FormValues, context?: DecideContext) => Decision<Write>;
	/** Reads the swarm's secrets, configs and networks before the form opens. */
	needsReferences?: boolean;
	/**
	 * The form's fields are the spec's entries (an editor's lines): when the write finds the
	 * service changed, the form opens again on the entries as they are now, with what was
	 * typed, rather than a question decided from lines the person has not seen.
	 */
	formFollowsSpec?: boolean;
	/**
	 * Its name in the `:` palette, and which form fields the words after the target fill,
	 * in order: `:scale vote 7`. Left out, the form asks for them. `usage`: the words as
	 * the help shows them, when they are not the target and the fields.
	 */
	palette?: {name: string; fields: readonly string[]; usage?: readonly PaletteArgument[]};
};

export type ServiceAction = Action<SwarmService, ServiceWrite>;

/**
 * What a node action decides on: the node, every node (for quorum), the tasks meant to run
 * on it (what a drain moves) and the services (which of those tasks are global).
 */
export type NodeSubject = {
	node: SwarmNode;
	nodes: readonly SwarmNode[];
	tasks: readonly SwarmTask[];
	services: readonly SwarmService[];
};

export type NodeAction = Action<NodeSubject, NodeWrite>;

/** A field's check from a parser that throws: the parser's sentence, or undefined when the text is fine. */
export function checkWith(parse: (text: string) => unknown): (text: string) => string | undefined {
	return text => {
		try {
			parse(text);
			return undefined;
		} catch (error) {
			return error instanceof Error ? error.message : String(error);
		}
	};
}

/** Keeps each action's literal ID in its type, so the registry's command IDs are checked. */
export function defineServiceAction<const Id extends string>(action: ServiceAction & {id: Id}): ServiceAction & {id: Id} {
	return action;
}

export function defineNodeAction<const Id extends string>(action: NodeAction & {id: Id}): NodeAction & {id: Id} {
	return action;
}
