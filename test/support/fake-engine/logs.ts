// Service logs: lines that tasks wrote, served as the daemon serves them without a TTY, in
// multiplexed frames (byte 0: 1 stdout, 2 stderr; bytes 4-7: big-endian length), with
// `tail`, `since`, `timestamps` and `details`, and `follow` for lines written later.
export type LogLine = {taskId: string; nodeId: string; serviceId: string; stream: 'stdout' | 'stderr'; timeMs: number; text: string};

export type LogQuery = {
	stdout: boolean;
	stderr: boolean;
	/** Number of lines from the end, or undefined for all. */
	tail?: number;
	/** Seconds since the epoch, with a fraction. */
	since?: number;
	timestamps: boolean;
	details: boolean;
	/** A TTY service's logs are raw text, not frames. */
	tty: boolean;
};

export class LogBook {
	private readonly lines = new Map<string, LogLine[]>();
	private readonly listeners = new Map<string, Set<(line: LogLine) => void>>();

	write(line: LogLine): void {
		const lines = this.lines.get(line.serviceId) ?? [];
		lines.push(line);
		this.lines.set(line.serviceId, lines);
		for (const listener of this.listeners.get(line.serviceId) ?? []) {
			listener(line);
		}
	}

	read(serviceId: string, query: LogQuery): LogLine[] {
		const wanted = (this.lines.get(serviceId) ?? []).filter(line => selects(line, query));
		return query.tail === undefined ? wanted : wanted.slice(Math.max(0, wanted.length - query.tail));
	}

	follow(serviceId: string, query: LogQuery, listener: (line: LogLine) => void): () => void {
		const set = this.listeners.get(serviceId) ?? new Set();
		const filtered = (line: LogLine) => {
			if (selects(line, query)) {
				listener(line);
			}
		};

		set.add(filtered);
		this.listeners.set(serviceId, set);
		return () => set.delete(filtered);
	}

	forget(serviceId: string): void {
		this.lines.delete(serviceId);
	}
}

function selects(line: LogLine, query: LogQuery): boolean {
	return (line.stream === 'stdout' ? query.stdout : query.stderr)
		&& (query.since === undefined || line.timeMs / 1000 >= query.since);
}

/** One line as the daemon sends it: a frame (or raw text for a TTY) holding the line and its newline. */
export function encodeLogLine(line: LogLine, query: LogQuery): Buffer {
	const details = query.details ? `com.docker.swarm.node.id=${line.nodeId},com.docker.swarm.service.id=${line.serviceId},com.docker.swarm.task.id=${line.taskId} ` : '';
	// RFC3339NanoFixed: always nine digits, and before the details (moby's write_log_stream.go).
	const timestamp = query.timestamps ? `${new Date(line.timeMs).toISOString().slice(0, 23)}000000Z ` : '';
	const payload = Buffer.from(`${timestamp}${details}${line.text}\n`);
	if (query.tty) {
		return payload;
	}

	const header = Buffer.alloc(8);
	header[0] = line.stream === 'stdout' ? 1 : 2;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}
