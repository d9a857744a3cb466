import {describe, expect, it} from 'vitest';
import {contextListNotice} from '../../../source/format/contexts.js';

describe('contextListNotice', () => {
	it('names every context with its address, marks the one in use, and makes the names inert', () => {
		expect(contextListNotice([{name: 'default', host: 'unix:///var/run/docker.sock'}, {name: 'prod\u001B[2J', host: 'ssh://admin@10.0.0.5'}], 'default'))
			.toBe('Docker contexts: default (in use) unix:///var/run/docker.sock · prod␛[2J ssh://admin@10.0.0.5. `:context NAME` switches.');
	});
});
