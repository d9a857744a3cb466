import {createHash} from 'node:crypto';
import type {RawServiceSpec} from '../swarm/types.js';

/**
 * A fingerprint of a spec exactly as the daemon sent it. A confirmation remembers the one it
 * showed; the write compares it with the spec it inspects, so a change made meanwhile by
 * someone else (or by an automatic rollback) is never overwritten unseen.
 */
export function specDigest(spec: RawServiceSpec | undefined): string {
	return spec === undefined ? '' : createHash('sha1').update(JSON.stringify(spec)).digest('hex');
}
