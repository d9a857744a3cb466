// The task table of `docker service ps`, as a pure model (docker/cli cli/command/task:
// print.go and formatter.go). The class reads swarmdeck next to the CLI, so every cell is
// worded, cut and ordered the way the CLI does it; only hiding finished history is ours.

import type {PublishedPort, ServiceMode, SwarmNode, SwarmTask, TaskState} from '../swarm/types.js';
import {charWidth, textWidth} from './columns.js';
import {humanDuration} from './human-duration.js';
import {displayImage} from '../spec/image-reference.js';

export type TaskRow = {
	/** Task ID, cut to 12 characters unless `noTrunc`. */
	id: string;
	/** `svc.3` (replicated) or `svc.<node ID>` (global); ` \_ svc.3` under a newer task of the same slot. */
	name: string;
	/** The slot's name without the ` \_ ` marker, for grouping. */
	slotName: string;
	/** The image without its digest (unless `noTrunc`), as the CLI shows it. */
	image: string;
	/** The node's hostname, its ID when the node is unknown, '' when not yet scheduled. */
	node: string;
	/** `Running`, `Shutdown`, ... */
	desiredState: string;
	/** `Running 5 seconds ago`, `Shutdown about a minute ago`. */
	currentState: string;
	/** `"quoted error"`, cut to 30 characters with `…`; '' without an error. */
	error: string;
	/** `*:8000->80/tcp` for ports published in host mode; '' otherwise. */
	ports: string;
	/** True for an older task of the same slot: the rows the CLI prefixes with ` \_ `. */
	isHistory: boolean;
	task: SwarmTask;
};

export type TaskTableContext = {
	serviceName: string;
	/** For tasks of many services (`docker node ps`): each task's service name by service ID. */
	serviceNames?: ReadonlyMap<string, string>;
	/** Accepted for the caller's convenience; like the CLI, names follow the slot, not the mode. */
	mode?: ServiceMode;
	nodes: readonly SwarmNode[];
	/** The moment CURRENT STATE counts from; fixed in tests. */
	now: Date;
};

export type TaskRowOptions = {
	/** Keep tasks that were shut down on purpose (hidden by default, see isFinishedHistory). */
	showHistory?: boolean;
	/** Like `docker service ps --no-trunc`: full IDs, pinned images and whole errors. */
	noTrunc?: boolean;
};

/** The columns in the CLI's order, each with the TaskRow field it shows. */
export const taskTableColumns = [
	{key: 'id', header: 'ID'},
	{key: 'name', header: 'NAME'},
	{key: 'image', header: 'IMAGE'},
	{key: 'node', header: 'NODE'},
	{key: 'desiredState', header: 'DESIRED STATE'},
	{key: 'currentState', header: 'CURRENT STATE'},
	{key: 'error', header: 'ERROR'},
	{key: 'ports', header: 'PORTS'},
] as const satisfies ReadonlyArray<{key: keyof TaskRow; header: string}>;

export type TaskTableColumn = (typeof taskTableColumns)[number];

/** The marker the CLI puts before older tasks of the same slot. */
export const historyIndent = ' \\_ ';

const maxErrorWidth = 30;
const shortIdLength = 12;

// ---------------------------------------------------------------- text width

/**
 * Cuts text to `maxWidth` cells, ending it with `…` when cut, exactly like the CLI's
 * formatter.Ellipsis (which the ERROR column uses with 30).
 */
export function ellipsis(text: string, maxWidth: number): string {
	if (maxWidth <= 0) {
		return '';
	}

	const characters = [...text];
	if (maxWidth === 1) {
		return characters[0] ?? '';
	}

	let width = 0;
	let kept = '';
	for (const character of characters) {
		width += charWidth(character.codePointAt(0) ?? 0);
		if (width > maxWidth - 1) {
			// Only cut when the whole text does not fit. Go also leaves the text whole when not
			// even its first character fits before the ellipsis.
			return textWidth(text) <= maxWidth || kept === '' ? text : `${kept}…`;
		}

		kept += character;
	}

	return text;
}

// ---------------------------------------------------------------- cells

/** The CLI's PrettyPrint: first letter up, the rest down (`running` → `Running`). */
export function prettyState(state: string): string {
	if (state.length <= 1) {
		return state.toLowerCase();
	}

	return state.charAt(0).toUpperCase() + state.slice(1).toLowerCase();
}

/**
 * CURRENT STATE: `Running 5 seconds ago`. The CLI lowercases HumanDuration, hence
 * `Running less than a second ago` and `Running about a minute ago`.
 */
export function formatCurrentState(state: TaskState, since: Date, now: Date): string {
	const ago = humanDuration(now.getTime() - since.getTime()).toLowerCase();
	return `${prettyState(state)} ${ago} ago`;
}

/**
 * ERROR: the CLI cuts the raw error to 30 cells first and then wraps it in plain double
 * quotes (no escaping), so a cut error is 32 cells wide with its quotes.
 */
export function formatTaskError(error: string | undefined, noTrunc = false): string {
	const text = noTrunc ? (error ?? '') : ellipsis(error ?? '', maxErrorWidth);
	return text === '' ? '' : `"${text}"`;
}

/** PORTS: the task's host-mode ports; an unset published port prints as 0, as in Go. */
export function formatTaskPorts(ports: readonly PublishedPort[]): string {
	return ports
		.map(port => `*:${port.publishedPort ?? 0}->${port.targetPort}/${port.protocol}`)
		.join(',');
}

/** The CLI's formatter.TruncateID. */
export function shortTaskId(id: string): string {
	const colon = id.indexOf(':');
	return (colon === -1 ? id : id.slice(colon + 1)).slice(0, shortIdLength);
}

/** `svc.3` for a task with a slot, `svc.<full node ID>` for one without (global services). */
export function taskName(task: SwarmTask, serviceName: string): string {
	return task.slot !== undefined && task.slot !== 0
		? `${serviceName}.${task.slot}`
		: `${serviceName}.${task.nodeId ?? ''}`;
}

/**
 * True for a task that was stopped on purpose and has stopped: desired shutdown or remove,
 * and shut down. Those are replaced versions and scaled-down slots; failed, rejected,
 * complete and orphaned tasks say something went wrong (or a job finished) and stay visible.
 */
export function isFinishedHistory(task: SwarmTask): boolean {
	return (task.desiredState === 'shutdown' || task.desiredState === 'remove') && task.state === 'shutdown';
}

// ---------------------------------------------------------------- ordering

const encoder = new TextEncoder();

function isDigitByte(byte: number | undefined): boolean {
	return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/**
 * Natural order as github.com/fvbommel/sortorder (which the CLI sorts names with): digit runs
 * compare as numbers (`svc.2` before `svc.10`), fewer leading zeros first, the rest bytewise.
 * Returns a negative number, zero or a positive number, for Array.prototype.sort.
 */
export function compareNatural(left: string, right: string): number {
	return compareNaturalBytes(encoder.encode(left), encoder.encode(right));
}

// On the UTF-8 bytes, encoded once per name: a service of ten thousand tasks sorts in
// well under a frame's time only if no comparison encodes again.
function compareNaturalBytes(left: Uint8Array, right: Uint8Array): number {
	return naturalLess(left, right) ? -1 : (naturalLess(right, left) ? 1 : 0);
}

function naturalLess(a: Uint8Array, b: Uint8Array): boolean {
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const digitA = isDigitByte(a[i]);
		const digitB = isDigitByte(b[j]);
		if (digitA !== digitB) {
			return digitA;
		}

		if (!digitA) {
			if (a[i] !== b[j]) {
				return (a[i] ?? 0) < (b[j] ?? 0);
			}

			i++;
			j++;
			continue;
		}

		while (a[i] === 0x30) {
			i++;
		}

		while (b[j] === 0x30) {
			j++;
		}

		const startA = i;
		const startB = j;
		while (isDigitByte(a[i])) {
			i++;
		}

		while (isDigitByte(b[j])) {
			j++;
		}

		if (i - startA !== j - startB) {
			return i - startA < j - startB;
		}

		// Equally long runs of ASCII digits compare like their bytes.
		for (let offset = 0; offset < i - startA; offset++) {
			const digitOfA = a[startA + offset] ?? 0;
			const digitOfB = b[startB + offset] ?? 0;
			if (digitOfA !== digitOfB) {
				return digitOfA < digitOfB;
			}
		}

		if (startA !== startB) {
			return startA < startB;
		}
	}

	return a.length < b.length;
}

// ---------------------------------------------------------------- rows

/**
 * The rows of `docker service ps <service>` for one service's tasks: sorted by name in
 * natural order, newest task first within a name (by creation time, as the CLI does), older
 * tasks of a slot marked ` \_ `. Finished history is dropped unless `showHistory`; the
 * marking is computed after that, so a failed task under a running one keeps its marker.
 */
export function buildTaskRows(
	tasks: readonly SwarmTask[],
	context: TaskTableContext,
	options: TaskRowOptions = {},
): TaskRow[] {
	const {serviceName, serviceNames, nodes, now} = context;
	const noTrunc = options.noTrunc ?? false;
	const hostnames = new Map(nodes.map(node => [node.id, node.hostname]));

	const named = tasks
		.filter(task => options.showHistory === true || !isFinishedHistory(task))
		.map(task => {
			const slotName = taskName(task, serviceNames?.get(task.serviceId) ?? serviceName);
			return {task, slotName, bytes: encoder.encode(slotName), created: task.createdAt.getTime()};
		});

	// Array.prototype.sort is stable, like the CLI's sort.Stable.
	named.sort((left, right) => compareNaturalBytes(left.bytes, right.bytes) || right.created - left.created);
	// Tasks share a handful of images: each is read once.
	const images = new Map<string, string>();
	const imageOf = (image: string) => {
		let shown = images.get(image);
		if (shown === undefined) {
			shown = displayImage(image);
			images.set(image, shown);
		}

		return shown;
	};

	let previousName: string | undefined;
	return named.map(({task, slotName}) => {
		const isHistory = slotName === previousName;
		previousName = slotName;
		const nodeId = task.nodeId ?? '';
		return {
			id: noTrunc ? task.id : shortTaskId(task.id),
			name: isHistory ? historyIndent + slotName : slotName,
			slotName,
			image: noTrunc ? task.image : imageOf(task.image),
			// The CLI falls back to the ID for nodes it cannot inspect (removed ones).
			node: nodeId === '' ? '' : (hostnames.get(nodeId) ?? nodeId),
			desiredState: prettyState(task.desiredState),
			currentState: formatCurrentState(task.state, task.stateSince, now),
			error: formatTaskError(task.error, noTrunc),
			ports: formatTaskPorts(task.ports),
			isHistory,
			task,
		};
	});
}

// ---------------------------------------------------------------- plain text

export type TaskTableTextOptions = {
	/** Cut every line to this many terminal cells (nothing is cut without it). */
	width?: number;
};

// The CLI's table writer: tabwriter.NewWriter(out, 10, 1, 3, ' ', 0). Every column but the
// last is padded to its widest cell plus 3 spaces, and is at least 10 wide.
const minColumnWidth = 10;
const columnPadding = 3;

function cutToWidth(line: string, width: number): string {
	let used = 0;
	let kept = '';
	for (const character of line) {
		used += charWidth(character.codePointAt(0) ?? 0);
		if (used > width) {
			break;
		}

		kept += character;
	}

	return kept;
}

/**
 * The table as the CLI prints it, one string per line, header first. Like the CLI's output
 * the lines keep the padding of empty trailing columns (trailing spaces).
 */
export function formatTaskTable(rows: readonly TaskRow[], options: TaskTableTextOptions = {}): string[] {
	const header = taskTableColumns.map(column => column.header);
	const cells = [header, ...rows.map(row => taskTableColumns.map(column => row[column.key]))];
	const paddedColumns = taskTableColumns.length - 1;

	const widths = Array.from({length: paddedColumns}, (_, column) =>
		Math.max(minColumnWidth, ...cells.map(line => textWidth(line[column] ?? '') + columnPadding)));

	const lines = cells.map(line =>
		line
			.map((cell, column) => {
				const width = widths[column];
				return width === undefined ? cell : cell + ' '.repeat(width - textWidth(cell));
			})
			.join(''));

	const {width} = options;
	return width === undefined ? lines : lines.map(line => cutToWidth(line, width));
}
