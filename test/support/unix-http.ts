// Plain HTTP over a unix socket, to speak the Engine API the way any client does and see
// exactly what a daemon (the lab's or the fake engine) answers: status, headers, bytes.
import {request} from 'node:http';

export type Reply = {status: number; headers: Record<string, string | string[] | undefined>; body: Buffer};

export async function call(socketPath: string, method: string, path: string, body?: unknown): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const outgoing = request({socketPath, method, path, headers: body === undefined ? {} : {'Content-Type': 'application/json'}}, response => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				resolve({status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks)});
			});
			response.on('error', reject);
		});
		outgoing.on('error', reject);
		outgoing.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

/* eslint-disable @typescript-eslint/no-explicit-any -- raw API JSON */
export async function callJson(socketPath: string, method: string, path: string, body?: unknown): Promise<{status: number; json: any}> {
	const reply = await call(socketPath, method, path, body);
	const text = reply.body.toString('utf8').trim();
	return {status: reply.status, json: text === '' ? undefined : JSON.parse(text)};
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The query string of a filters parameter. */
export function filtersQuery(filters: Record<string, string[]>): string {
	return `filters=${encodeURIComponent(JSON.stringify(filters))}`;
}
