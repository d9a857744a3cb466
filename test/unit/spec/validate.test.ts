import {describe, expect, it} from 'vitest';
import {ValidationError} from '../../../source/swarm/errors.js';
import {
	canScale,
	checkImageReference,
	checkNewImage,
	failureActionsFor,
	parsePolicyField,
	parsePolicyInput,
	parseReplicas,
	scaleRefusal,
} from '../../../source/spec/validate.js';
import {policyFieldLabel} from '../../../source/spec/edits.js';
import type {ServiceMode} from '../../../source/swarm/types.js';
import {validationError} from '../../support/errors.js';

const replicated = {name: 'dockercoins_hasher', mode: 'replicated' as const};

describe('parseReplicas', () => {
	it.each([
		['7', 7],
		['0', 0],
		[' 3 ', 3],
		['10', 10],
	])('accepts %j as %d', (text, expected) => {
		expect(parseReplicas(text, replicated)).toBe(expected);
	});

	it.each(['abc', '-1', '1.5', '', ' ', '1e3', '+2', '0x10', '3 replicas'])('refuses %j, naming the field and the whole-number rule', text => {
		const error = validationError(() => parseReplicas(text, replicated));
		expect(error.field).toBe('replicas');
		expect(error.rule).toContain('whole number');
		expect(error.message).toMatch(/^replicas: /);
		expect(error.rule).toContain(`"${text}"`);
	});

	it.each(['99999999999999999999', '9007199254740993'])('refuses the huge number %s as too large', text => {
		const error = validationError(() => parseReplicas(text, replicated));
		expect(error.field).toBe('replicas');
		expect(error.rule).toMatch(/too large/);
	});

	it.each(['global', 'global-job'] as const)('refuses to scale a %s service with the CLI\'s reason', mode => {
		const error = validationError(() => parseReplicas('3', {name: 'monitoring_agent', mode}));
		expect(error.field).toBe('replicas');
		expect(error.rule).toContain('scale can only be used with replicated or replicated-job mode');
		expect(error.rule).toContain('monitoring_agent');
		expect(error.rule).toContain(mode);
	});

	it('refuses a global service before even looking at the number', () => {
		const error = validationError(() => parseReplicas('abc', {name: 'agent', mode: 'global'}));
		expect(error.rule).toContain('scale can only be used with replicated or replicated-job mode');
	});

	it('accepts a replicated-job service', () => {
		expect(parseReplicas('4', {name: 'batch', mode: 'replicated-job'})).toBe(4);
	});

	it('canScale and scaleRefusal agree on every mode', () => {
		const modes: ServiceMode[] = ['replicated', 'global', 'replicated-job', 'global-job'];
		expect(modes.filter(mode => canScale(mode))).toEqual(['replicated', 'replicated-job']);
		for (const mode of modes) {
			expect(scaleRefusal({name: 'x', mode}) === undefined).toBe(canScale(mode));
		}
	});
});

describe('parsePolicyField: parallelism', () => {
	it.each([['0', 0], ['2', 2], [' 5', 5]])('accepts %j', (text, expected) => {
		expect(parsePolicyField('update', 'parallelism', text)).toBe(expected);
	});

	it.each(['1.5', '-1', 'two', '', '1e1'])('refuses %j as not a whole number', text => {
		const error = validationError(() => parsePolicyField('update', 'parallelism', text));
		expect(error.field).toBe('update-parallelism');
		expect(error.rule).toContain('whole number');
	});

	it('names the rollback flag for the rollback policy', () => {
		const error = validationError(() => parsePolicyField('rollback', 'parallelism', '-2'));
		expect(error.field).toBe('rollback-parallelism');
	});
});

describe('parsePolicyField: delay and monitor', () => {
	it.each([
		['10s', 10_000_000_000],
		['1m30s', 90_000_000_000],
		['500ms', 500_000_000],
		['0s', 0],
		['1h', 3_600_000_000_000],
	])('accepts %j as %d ns', (text, nanoseconds) => {
		expect(parsePolicyField('update', 'delay', text)).toBe(nanoseconds);
		expect(parsePolicyField('rollback', 'monitor', text)).toBe(nanoseconds);
	});

	it.each(['10x', '10', '', 'ten seconds', '1m 30s'])('refuses %j with the duration rule and examples', text => {
		const error = validationError(() => parsePolicyField('update', 'delay', text));
		expect(error.field).toBe('update-delay');
		expect(error.rule).toContain('duration');
		expect(error.rule).toContain('10s');
		expect(error.rule).toContain(`"${text}"`);
	});

	it('refuses a negative duration as negative, not as bad syntax', () => {
		const error = validationError(() => parsePolicyField('update', 'monitor', '-1s'));
		expect(error.field).toBe('update-monitor');
		expect(error.rule).toContain('negative');
	});

	it('names the rollback monitor flag', () => {
		expect(validationError(() => parsePolicyField('rollback', 'monitor', '10x')).field).toBe('rollback-monitor');
		expect(validationError(() => parsePolicyField('rollback', 'delay', '10')).field).toBe('rollback-delay');
	});
});

describe('parsePolicyField: failure action', () => {
	it.each(['continue', 'pause', 'rollback'])('update policy accepts %s', action => {
		expect(parsePolicyField('update', 'failureAction', action)).toBe(action);
	});

	it.each(['continue', 'pause'])('rollback policy accepts %s', action => {
		expect(parsePolicyField('rollback', 'failureAction', action)).toBe(action);
	});

	it('rollback policy refuses "rollback": a rollback cannot roll back', () => {
		const error = validationError(() => parsePolicyField('rollback', 'failureAction', 'rollback'));
		expect(error.field).toBe('rollback-failure-action');
		expect(error.rule).toContain('continue, pause');
		expect(error.rule).not.toContain('continue, pause, rollback');
	});

	it.each(['stop', 'Pause', '', 'abort'])('update policy refuses %j and lists the choices', text => {
		const error = validationError(() => parsePolicyField('update', 'failureAction', text));
		expect(error.field).toBe('update-failure-action');
		expect(error.rule).toContain('continue, pause, rollback');
	});

	it('failureActionsFor lists the allowed set per policy', () => {
		expect(failureActionsFor('update')).toEqual(['continue', 'pause', 'rollback']);
		expect(failureActionsFor('rollback')).toEqual(['continue', 'pause']);
	});
});

describe('parsePolicyField: order', () => {
	it.each(['stop-first', 'start-first'])('accepts %s', order => {
		expect(parsePolicyField('update', 'order', order)).toBe(order);
	});

	it.each(['start', 'first', 'Stop-First', ''])('refuses %j', text => {
		const error = validationError(() => parsePolicyField('rollback', 'order', text));
		expect(error.field).toBe('rollback-order');
		expect(error.rule).toContain('stop-first, start-first');
	});
});

describe('parsePolicyField: max failure ratio', () => {
	it.each([
		['0', 0],
		['1', 1],
		['0.25', 0.25],
		['.5', 0.5],
		[' 0.1 ', 0.1],
	])('accepts %j as %d', (text, expected) => {
		expect(parsePolicyField('update', 'maxFailureRatio', text)).toBe(expected);
	});

	it.each(['1.5', '2'])('refuses %j as above 1', text => {
		const error = validationError(() => parsePolicyField('update', 'maxFailureRatio', text));
		expect(error.field).toBe('update-max-failure-ratio');
		expect(error.rule).toContain('0 to 1');
	});

	it.each(['-0.1', 'abc', '0x1', '1e-1', '', ' ', 'Infinity', 'NaN'])('refuses %j as not a plain number', text => {
		const error = validationError(() => parsePolicyField('rollback', 'maxFailureRatio', text));
		expect(error.field).toBe('rollback-max-failure-ratio');
		expect(error.rule).toContain('number from 0 to 1');
	});
});

describe('parsePolicyInput', () => {
	it('parses several fields at once into API units', () => {
		expect(parsePolicyInput('update', {
			parallelism: '2',
			delay: '1m30s',
			failureAction: 'rollback',
			monitor: '500ms',
			maxFailureRatio: '0.25',
			order: 'start-first',
		})).toEqual({
			parallelism: 2,
			delay: 90_000_000_000,
			failureAction: 'rollback',
			monitor: 500_000_000,
			maxFailureRatio: 0.25,
			order: 'start-first',
		});
	});

	it('leaves out fields that were not given', () => {
		expect(parsePolicyInput('rollback', {parallelism: '3'})).toEqual({parallelism: 3});
		expect(parsePolicyInput('update', {})).toEqual({});
	});

	it('throws on the first bad field, in the dialog\'s field order', () => {
		const error = validationError(() => parsePolicyInput('update', {order: 'sideways', delay: '10x', parallelism: '2'}));
		expect(error.field).toBe('update-delay');
	});

	it('throws for a rollback failure action that only the update policy allows', () => {
		const error = validationError(() => parsePolicyInput('rollback', {parallelism: '1', failureAction: 'rollback'}));
		expect(error.field).toBe('rollback-failure-action');
	});

	it('policyFieldLabel matches the CLI flag names', () => {
		expect(policyFieldLabel('update', 'maxFailureRatio')).toBe('update-max-failure-ratio');
		expect(policyFieldLabel('rollback', 'failureAction')).toBe('rollback-failure-action');
	});
});

describe('checkImageReference', () => {
	const digest = `sha256:${'a1'.repeat(32)}`;

	it.each([
		'dockercoins/hasher:v0.2',
		'localhost:5000/x/y:1',
		`x@${digest}`,
		`dockercoins/hasher:v0.2@${digest}`,
		'nginx',
		'registry.example.com/team/app:2026-11',
	])('accepts %s unchanged', image => {
		expect(checkImageReference(image)).toBe(image);
	});

	it('trims surrounding spaces', () => {
		expect(checkImageReference('  nginx:1.27 ')).toBe('nginx:1.27');
	});

	it('refuses an uppercase repository with the lowercase rule', () => {
		const error = validationError(() => checkImageReference('Vote:latest'));
		expect(error.field).toBe('image');
		expect(error.rule).toContain('lowercase');
		expect(error.rule).toContain('Vote:latest');
	});

	it.each(['vote:', ':tag', 'a//b', 'x@sha256:abc', 'vote:latest:2', '-vote'])('refuses %j as not a valid reference', text => {
		const error = validationError(() => checkImageReference(text));
		expect(error.field).toBe('image');
		expect(error.rule).toContain('not a valid image reference');
		expect(error.rule).toContain('name[:tag][@digest]');
	});

	it('refuses a reference with a space in it', () => {
		const error = validationError(() => checkImageReference('vote latest'));
		expect(error.field).toBe('image');
		expect(error.rule).toContain('spaces');
	});

	it.each(['', '   '])('refuses the empty reference %j', text => {
		const error = validationError(() => checkImageReference(text));
		expect(error.field).toBe('image');
		expect(error.rule).toContain('empty');
	});
});

describe('the count or image a service already has', () => {
	it('refuses the replica count the service already has', () => {
		expect(() => parseReplicas('4', {name: 'vote', mode: 'replicated', replicas: 4})).toThrow('replicas: vote already has 4 replicas');
		expect(() => parseReplicas('1', {name: 'vote', mode: 'replicated', replicas: 1})).toThrow('replicas: vote already has 1 replica');
		expect(parseReplicas('5', {name: 'vote', mode: 'replicated', replicas: 4})).toBe(5);
	});

	it('refuses the image the service already runs, also when its spec pins it by digest', () => {
		const pinned = `swarmdeck/vote:latest@sha256:${'a'.repeat(64)}`;
		expect(() => checkNewImage('swarmdeck/vote:latest', {name: 'vote', image: pinned})).toThrow('image: vote already runs swarmdeck/vote:latest');
		expect(() => checkNewImage(pinned, {name: 'vote', image: pinned})).toThrow(ValidationError);
		expect(checkNewImage(' swarmdeck/vote:indent ', {name: 'vote', image: pinned})).toBe('swarmdeck/vote:indent');
		expect(() => checkNewImage('Vote:Indent', {name: 'vote', image: pinned})).toThrow(/lowercase/);
	});
});
