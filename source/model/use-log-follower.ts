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
	const [follower, setFollower] = useState<LogFollower>();
	const since = request.since?.getTime();
	useEffect(() => {
		const next = new LogFollower(client, target, {tail: request.tail, since: since === undefined ? undefined : new Date(since)}, options);
		next.start();
		setFollower(next);
		return () => {
			next.stop();
		};
	// The request is compared by value: a new object with the same window is the same stream.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [client, target.kind, target.id, request.tail, since]);
	return useSyncExternalStore(follower?.subscribe ?? noSubscribe, follower?.getSnapshot ?? (() => opening));
}
