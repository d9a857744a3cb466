import {useEffect, useState, useSyncExternalStore} from 'react';
import type {LogRequest, LogTarget} from '../swarm/client.js';
import {LogFollower, type LogFollowerOptions, type LogSnapshot} from './log-follower.js';
import {useSwarmModel} from './hooks.js';

const opening: LogSnapshot = {entries: [], received: 0, dropped: 0, state: 'opening', problems: []};
const noSubscribe = () => () => undefined;

/**
 * Follows a log while the calling component is mounted. A new target or request (another
 * window) closes the stream and opens another; unmounting closes it.
 */
export function useLogFollower(target: LogTarget, request: LogRequest, options?: LogFollowerOptions): LogSnapshot {
	const {client} = useSwarmModel();
	const [current, setCurrent] = useState<{key: string; follower: LogFollower}>();
	const since = request.since?.getTime();
	const key = `${target.kind}/${target.id}/${request.tail ?? 'all'}/${since ?? ''}`;
	// Until the new stream's follower is in place, the old one's lines are not this request's.
	const follower = current?.key === key ? current.follower : undefined;
	useEffect(() => {
		const next = new LogFollower(client, target, {tail: request.tail, since: since === undefined ? undefined : new Date(since)}, options);
		next.start();
		setCurrent({key, follower: next});
		return () => {
			next.stop();
		};
	// The request is compared by value: a new object with the same window is the same stream.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [client, key]);
	return useSyncExternalStore(follower?.subscribe ?? noSubscribe, follower?.getSnapshot ?? (() => opening));
}
