// The advisor on the screens: the image's health check read once per image and client, and
// a service's findings kept live from the tasks and nodes the screens already watch.
import {useContext, useEffect, useMemo, useState, useSyncExternalStore} from 'react';
import type {LiveResource} from '../model/live-resource.js';
import {SwarmModelContext} from '../model/hooks.js';
import type {SwarmClient} from '../swarm/client.js';
import type {SwarmNode, SwarmService, SwarmTask} from '../swarm/types.js';
import {advise} from './advise.js';
import type {Finding} from './finding.js';
import {healthCheckSource, type RawHealthConfig} from './health.js';

type ImageHealth = RawHealthConfig | null | undefined;

const lookups = new WeakMap<SwarmClient, Map<string, Promise<ImageHealth>>>();

async function imageHealth(client: SwarmClient, image: string): Promise<ImageHealth> {
	const perClient = lookups.get(client) ?? new Map<string, Promise<ImageHealth>>();
	lookups.set(client, perClient);
	// A failed read counts as "the manager does not have it": the advisor then says it saw only the spec.
	const lookup = perClient.get(image) ?? client.imageHealthCheck(image).catch(() => undefined);
	perClient.set(image, lookup);
	return lookup;
}

/**
 * The services list's markers read images at most this fast: a burst of thirty (a screenful,
 * or a small swarm's images at once), then one every 3 s, a third of a request a second
 * beside the polls. A swarm of 500 services names hundreds of images, and a marker is not
 * worth a burst of requests to the manager. A dialog or inspect asks at once (imageHealth),
 * and a paced read then finds its answer kept.
 */
export const imageReadPace = {burst: 30, everyMs: 3000};

type PacedLine = {tokens: number; refilledAt: number; queue: Array<() => void>; timer?: NodeJS.Timeout};

const paced = new WeakMap<SwarmClient, PacedLine>();

/** Lets queued reads go while the bucket has tokens; waits for the next token otherwise. */
function pump(line: PacedLine): void {
	const now = Date.now();
	const earned = Math.floor((now - line.refilledAt) / imageReadPace.everyMs);
	if (earned > 0) {
		line.tokens = Math.min(imageReadPace.burst, line.tokens + earned);
		line.refilledAt += earned * imageReadPace.everyMs;
	}

	while (line.tokens > 0 && line.queue.length > 0) {
		line.tokens--;
		line.queue.shift()!();
	}

	line.timer = line.queue.length > 0 ? setTimeout(() => {
		pump(line);
	}, imageReadPace.everyMs) : undefined;
	line.timer?.unref();
}

async function pacedImageHealth(client: SwarmClient, image: string): Promise<ImageHealth> {
	if (lookups.get(client)?.has(image)) {
		return imageHealth(client, image);
	}

	const line = paced.get(client) ?? {tokens: imageReadPace.burst, refilledAt: Date.now(), queue: []};
	paced.set(client, line);
	await new Promise<void>(resolve => {
		line.queue.push(resolve);
		if (!line.timer) {
			pump(line);
		}
	});
	return imageHealth(client, image);
}

/** The image's HEALTHCHECK on the manager, once read: `loaded` is false until then. */
export function useImageHealth(image: string | undefined): {loaded: boolean; health: ImageHealth} {
	const model = useContext(SwarmModelContext);
	const [state, setState] = useState<{image?: string; health: ImageHealth}>();
	useEffect(() => {
		if (!model || image === undefined) {
			return;
		}

		let current = true;
		void imageHealth(model.client, image).then(health => {
			if (current) {
				setState({image, health});
			}
		});
		return () => {
			current = false;
		};
	}, [model, image]);
	// Without a swarm to ask (a dialog drawn on its own), only the spec is known.
	return state && state.image === image ? {loaded: true, health: state.health} : {loaded: !model, health: undefined};
}

const noSubscribe = () => () => undefined;
const nothing = () => undefined;

function useLatest<T>(resource: LiveResource<T> | undefined): T | undefined {
	return useSyncExternalStore(resource?.subscribe ?? noSubscribe, resource ? () => resource.getSnapshot().data : nothing);
}

/**
 * The findings of one service, as `swarmdeck check` gives them, live; undefined until the
 * image has been read, or without a service. Its tasks are watched while this is mounted.
 */
export function useFindings(service: SwarmService | undefined): Finding[] | undefined {
	const model = useContext(SwarmModelContext);
	const serviceId = service?.id;
	const [tasks, setTasks] = useState<LiveResource<SwarmTask[]>>();
	useEffect(() => {
		if (!model || serviceId === undefined) {
			return;
		}

		const watch = model.watchTasks(serviceId);
		setTasks(watch.resource);
		return watch.stop;
	}, [model, serviceId]);
	const taskList = useLatest(tasks);
	const nodes: SwarmNode[] | undefined = useLatest(model?.nodes);
	const {loaded, health} = useImageHealth(service?.image);
	if (!service || !loaded) {
		return undefined;
	}

	return advise({service, tasks: taskList ?? [], nodes: nodes ?? [], health: healthCheckSource(service.spec, health), now: new Date()});
}

/**
 * The warnings of every service, for the marker on the services list: the rules over the spec,
 * the nodes and the image's health check (read once per image). No task is read for it, so the
 * rules about failing tasks speak only where a service's own findings are shown.
 */
export function useServiceWarnings(services: readonly SwarmService[] | undefined, now: Date): ReadonlyMap<string, Finding[]> {
	const model = useContext(SwarmModelContext);
	const nodes = useLatest(model?.nodes);
	const [health, setHealth] = useState<ReadonlyMap<string, ImageHealth>>(new Map());
	// Only images whose service's spec says nothing of a health check need reading, in the
	// list's order: the paced reads fill the top of the screen first.
	const wanted = [...new Set((services ?? []).filter(service => healthCheckSource(service.spec, undefined).from === 'spec only').map(service => service.image))];
	const wantedKey = wanted.join('\n');
	useEffect(() => {
		if (!model) {
			return;
		}

		let current = true;
		for (const image of wantedKey.split('\n').filter(Boolean)) {
			void pacedImageHealth(model.client, image).then(found => {
				if (current) {
					setHealth(known => known.has(image) ? known : new Map(known).set(image, found));
				}
			});
		}

		return () => {
			current = false;
		};
	}, [model, wantedKey]);
	const time = now.getTime();
	return useMemo(() => {
		const warnings = new Map<string, Finding[]>();
		for (const service of services ?? []) {
			const inSpec = healthCheckSource(service.spec, undefined);
			if (inSpec.from === 'spec only' && model && !health.has(service.image)) {
				continue;
			}

			const source = inSpec.from === 'spec only' ? healthCheckSource(service.spec, health.get(service.image)) : inSpec;
			const found = advise({service, tasks: [], nodes: nodes ?? [], health: source, now: new Date(time)}).filter(finding => finding.severity === 'warning');
			if (found.length > 0) {
				warnings.set(service.id, found);
			}
		}

		return warnings;
	}, [services, nodes, health, model, time]);
}
