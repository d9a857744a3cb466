import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {frameLines, LogDemuxer, parseLogLine, readLogStream, timestampSortKey, type LogFrame, type LogLine, type LogProblem} from '../../../source/swarm/log-stream.js';

/** A frame as the daemon writes it: stream byte, three zeros, big-endian length, payload. */
function frame(stream: 1 | 2, payload: string): Buffer {
	const body = Buffer.from(payload);
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(body.length, 4);
	return Buffer.concat([header, body]);
}

// Two lines as a 20.10 manager sends `GET /services/dockercoins_worker/logs?timestamps=1&details=1`.
const workerLine = '2026-12-07T00:17:39.849862814Z com.docker.swarm.node.id=zlyto3e5sq64rcbj82yqa9nxc,com.docker.swarm.service.id=jkg4b8qs34dlnz2qlldhsn2a2,com.docker.swarm.task.id=lmigdee0rvnu6p78fm2bi4min worker v0.1: 1 units of work done\n';
const errorLine = '2026-12-07T00:17:40.001000000Z com.docker.swarm.node.id=n2,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t2 connection refused: redis\n';
const wire = Buffer.concat([frame(1, workerLine), frame(2, errorLine), frame(1, 'é€ unicode split across chunks\n')]);

const texts = (frames: LogFrame[]) => frames.map(item => `${item.stream}:${item.payload.toString('utf8')}`);

describe('LogDemuxer', () => {
	const whole = texts(new LogDemuxer().push(wire));

	it('reads several frames from one chunk, each with its stream', () => {
		expect(whole).toEqual([`stdout:${workerLine}`, `stderr:${errorLine}`, 'stdout:é€ unicode split across chunks\n']);
	});

	it('gives the same frames whatever the split point, headers and characters cut in two included', () => {
		for (let cut = 0; cut <= wire.length; cut++) {
			const demuxer = new LogDemuxer();
			const frames = [...demuxer.push(wire.subarray(0, cut)), ...demuxer.push(wire.subarray(cut))];
			expect(texts(frames), `split at ${cut}`).toEqual(whole);
		}
	});

	it('gives the same frames when every byte arrives alone', () => {
		const demuxer = new LogDemuxer();
		const frames = [...wire].flatMap(byte => demuxer.push(Buffer.from([byte])));
		expect(texts(frames)).toEqual(whole);
	});

	it('keeps a frame back until its payload is whole, even with a header and a half in one chunk', () => {
		const demuxer = new LogDemuxer();
		const first = frame(1, 'one\n');
		const second = frame(2, 'two\n');
		expect(texts(demuxer.push(Buffer.concat([first, second.subarray(0, 10)])))).toEqual(['stdout:one\n']);
		expect(texts(demuxer.push(second.subarray(10)))).toEqual(['stderr:two\n']);
	});

	it('holds at most its bound for a frame that says it is longer, passes it on in pieces, and reads the next frame', () => {
		const demuxer = new LogDemuxer(100);
		const header = Buffer.alloc(8);
		header[0] = 2;
		header.writeUInt32BE(1000, 4);
		const pieces = [...demuxer.push(header)];
		for (let index = 0; index < 20; index++) {
			pieces.push(...demuxer.push(Buffer.from('x'.repeat(50))));
			expect(demuxer.held).toBeLessThanOrEqual(100 + 50);
		}

		expect(pieces.every(piece => piece.stream === 'stderr')).toBe(true);
		expect(pieces.map(piece => piece.payload.toString()).join('')).toBe('x'.repeat(1000));
		expect(texts(demuxer.push(frame(1, 'next\n')))).toEqual(['stdout:next\n']);
		expect(demuxer.held).toBe(0);
	});

	it('passes on a TTY line that never ends once it reaches the bound, rather than holding it', () => {
		const demuxer = new LogDemuxer(100);
		const passed: LogFrame[] = [];
		for (let index = 0; index < 1000; index++) {
			passed.push(...demuxer.push(Buffer.from('progress 42%\r')));
			expect(demuxer.held).toBeLessThanOrEqual(100 + 13);
		}

		expect(passed.length).toBeGreaterThan(100);
		expect(passed.map(piece => piece.payload.toString()).join('').length + demuxer.held).toBe('progress 42%\r'.length * 1000);
	});

	it('passes a TTY service\'s raw stream through in whole lines', () => {
		const demuxer = new LogDemuxer();
		expect(texts(demuxer.push(Buffer.from('2026-12-07T00:00:00Z hello\n2026-12-07T00:00:01Z wor')))).toEqual(['stdout:2026-12-07T00:00:00Z hello\n']);
		expect(texts(demuxer.push(Buffer.from('ld\n')))).toEqual(['stdout:2026-12-07T00:00:01Z world\n']);
	});
});

describe('parseLogLine', () => {
	it('reads the timestamp, the task, node and service, and the text', () => {
		expect(parseLogLine(workerLine.trimEnd(), 'stdout')).toEqual({
			timestamp: '2026-12-07T00:17:39.849862814Z',
			sortKey: '2026-12-07T00:17:39.849862814',
			taskId: 'lmigdee0rvnu6p78fm2bi4min',
			nodeId: 'zlyto3e5sq64rcbj82yqa9nxc',
			serviceId: 'jkg4b8qs34dlnz2qlldhsn2a2',
			stream: 'stdout',
			text: 'worker v0.1: 1 units of work done',
		});
	});

	it('makes the text inert: no escape sequence reaches the terminal', () => {
		const line = parseLogLine('2026-12-07T00:00:00.000000001Z com.docker.swarm.task.id=t1 \u001B]0;owned\u0007\u001B[2Jred\u009B1m\r', 'stdout');
		expect('text' in line && line.text).toBe('␛]0;owned␇␛[2Jred\\x9b1m␍');
	});

	it('keeps the text after details that it does not know, and spaces inside the text', () => {
		const line = parseLogLine('2026-12-07T00:00:00Z com.docker.swarm.task.id=t1,env%3Dx=a%20b   indented text', 'stderr');
		expect(line).toMatchObject({taskId: 't1', text: '  indented text', sortKey: '2026-12-07T00:00:00.000000000'});
	});

	it('reads the daemon\'s own error about a task it cannot read as a problem, not a line', () => {
		expect(parseLogLine('Error grabbing logs: rpc error: code = Unknown desc = warning: incomplete log stream', 'stdout')).toEqual({problem: 'rpc error: code = Unknown desc = warning: incomplete log stream'});
	});

	it('keeps a line without a timestamp as text', () => {
		expect(parseLogLine('plain', 'stdout')).toMatchObject({timestamp: '', text: 'plain'});
	});
});

describe('timestampSortKey', () => {
	it('sorts instants, whatever the zone and the digits of the fraction', () => {
		expect(timestampSortKey('2026-12-07T01:00:00.5+01:00')).toBe('2026-12-07T00:00:00.500000000');
		expect(timestampSortKey('2026-12-07T00:00:00.000000009Z') < timestampSortKey('2026-12-07T00:00:00.00000001Z')).toBe(true);
	});
});

describe('frameLines', () => {
	it('reads each line of a frame, and a last one without its newline', () => {
		const lines = frameLines({stream: 'stdout', payload: Buffer.from('2026-12-07T00:00:00Z a\r\n2026-12-07T00:00:01Z b')});
		expect(lines.map(line => 'text' in line && line.text)).toEqual(['a', 'b']);
	});
});

describe('readLogStream', () => {
	it('yields lines as chunks arrive and stops when the signal aborts, closing the stream', async () => {
		const stream = new PassThrough();
		const controller = new AbortController();
		const reader = readLogStream(stream, controller.signal);
		stream.write(wire.subarray(0, 20));
		stream.write(wire.subarray(20));
		const first = await reader.next();
		expect(first.value?.map((line: LogLine | LogProblem) => 'text' in line && line.text)).toEqual(['worker v0.1: 1 units of work done', 'connection refused: redis', 'é€ unicode split across chunks']);
		controller.abort();
		expect((await reader.next()).done).toBe(true);
		expect(stream.destroyed).toBe(true);
	});
});
