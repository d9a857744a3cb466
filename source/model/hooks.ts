import {createContext, useContext, useEffect, useState, useSyncExternalStore} from 'react';
import {useStdout} from 'ink';
import type {ResourceKind, SwarmNode, SwarmResource, SwarmTask} from '../swarm/types.js';
import type {LiveResource, Snapshot} from './live-resource.js';
import type {SwarmModel} from './swarm-model.js';

export const SwarmModelContext = createContext<SwarmModel | undefined>(undefined);

export function useSwarmModel(): SwarmModel {
	const model = useContext(SwarmModelContext);
	if (!model) {
		throw new Error('useSwarmModel needs a SwarmModelContext provider');
	}

	return model;
}

export function useLiveResource<T>(resource: LiveResource<T>): Snapshot<T> {
	return useSyncExternalStore(resource.subscribe, resource.getSnapshot);
}

export function useServices() {
	return useLiveResource(useSwarmModel().services);
}

export function useNodes() {
	return useLiveResource(useSwarmModel().nodes);
}

export function useRollouts() {
	return useLiveResource(useSwarmModel().rollouts);
}

export function useRecentEvents() {
	const {eventLog} = useSwarmModel();
	return useSyncExternalStore(eventLog.subscribe, eventLog.getSnapshot);
}

/** When the tasks this session has read failed, by task ID (see FailureLog). */
export function useSeenFailures() {
	const {failures} = useSwarmModel();
	return useSyncExternalStore(failures.subscribe, failures.getSnapshot);
}

/** This session's timeline, newest first. */
export function useTimeline() {
	const {timeline} = useSwarmModel();
	return useSyncExternalStore(timeline.subscribe, timeline.getSnapshot);
}

const emptyTasks: Snapshot<SwarmTask[]> = {unreachable: false};

/** The task table of one service, polled while the calling component is mounted. */
export function useTaskTable(serviceId: string): Snapshot<SwarmTask[]> {
	return useWatchedTasks(serviceId, (model, id) => model.watchTasks(id));
}

/** The tasks of one node (`docker node ps`), polled while the calling component is mounted. */
export function useNodeTaskTable(nodeId: string): Snapshot<SwarmTask[]> {
	return useWatchedTasks(nodeId, (model, id) => model.watchNodeTasks(id));
}

/** Nodes and the tasks meant to run, polled faster while the calling component (the nodes screen) is mounted. */
export function useWatchedNodes(): {nodes: Snapshot<SwarmNode[]>; runningTasks: Snapshot<SwarmTask[]>} {
	const model = useSwarmModel();
	useEffect(() => model.watchNodes(), [model]);
	return {nodes: useLiveResource(model.nodes), runningTasks: useLiveResource(model.runningTasks)};
}

/** The secrets, configs or networks, polled while the calling component (their screen) is mounted. */
export function useWatchedResources(kind: ResourceKind): Snapshot<SwarmResource[]> {
	return useWatched(kind, (model, id) => model.watchResources(id));
}

function useWatchedTasks(id: string, watch: (model: SwarmModel, id: string) => {resource: LiveResource<SwarmTask[]>; stop: () => void}): Snapshot<SwarmTask[]> {
	return useWatched(id, watch);
}

function useWatched<T, Id extends string>(id: Id, watch: (model: SwarmModel, id: Id) => {resource: LiveResource<T[]>; stop: () => void}): Snapshot<T[]> {
	const model = useSwarmModel();
	const [resource, setResource] = useState<LiveResource<T[]>>();
	useEffect(() => {
		const watched = watch(model, id);
		setResource(watched.resource);
		return watched.stop;
	// The watch function is the same for the caller's whole life; the ID is what changes.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [model, id]);
	const subscribe = resource?.subscribe ?? noSubscribe;
	const getSnapshot = resource?.getSnapshot ?? (() => emptyTasks as Snapshot<T[]>);
	return useSyncExternalStore(subscribe, getSnapshot);
}

const noSubscribe = () => () => undefined;

/** The current time, ticking, for "Running 5 seconds ago". */
export function useNow(intervalMs = 1000): Date {
	const [now, setNow] = useState(() => new Date());
	useEffect(() => {
		const timer = setInterval(() => {
			setNow(new Date());
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs]);
	return now;
}

export function useTerminalSize(): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [stdout]);
	return size;
}
