// The health check a service's tasks run with, as far as the manager can tell.
import type {RawServiceSpec} from '../swarm/types.js';
import type {HealthCheck, HealthCheckSource} from './finding.js';

/** Docker's defaults for a HEALTHCHECK that leaves a field out (or sets it to 0). */
const defaultInterval = 30_000_000_000;
const defaultRetries = 3;

/** The Engine API's HealthConfig, as in ContainerSpec.Healthcheck and an image's Config.Healthcheck. */
export type RawHealthConfig = {Test?: string[]; Interval?: number; Retries?: number; StartPeriod?: number};

/** A HealthConfig, or 'none' when it is absent or disabled (`NONE`). */
export function healthCheckOf(raw: RawHealthConfig | null | undefined): HealthCheck | 'none' {
	const test = raw?.Test ?? [];
	if (test.length === 0 || test[0] === 'NONE') {
		return 'none';
	}

	return {test, interval: raw?.Interval || defaultInterval, retries: raw?.Retries || defaultRetries, startPeriod: raw?.StartPeriod ?? 0};
}

/**
 * What the advisor knows: the spec's health check if it sets one, else the image's. `image`
 * is the image's Config.Healthcheck as the manager has it (null: the image has none), or
 * undefined when the manager does not hold the image or it was not read.
 */
export function healthCheckSource(spec: RawServiceSpec, image: RawHealthConfig | null | undefined): HealthCheckSource {
	const inSpec = spec.TaskTemplate?.ContainerSpec?.['Healthcheck'] as RawHealthConfig | undefined;
	if (inSpec?.Test?.length) {
		const check = healthCheckOf(inSpec);
		return check === 'none' ? {from: 'none', where: 'spec'} : {from: 'spec', check};
	}

	if (image === undefined) {
		return {from: 'spec only'};
	}

	const check = healthCheckOf(image);
	return check === 'none' ? {from: 'none', where: 'image'} : {from: 'image', check};
}
