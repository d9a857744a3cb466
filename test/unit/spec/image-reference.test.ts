import {describe, expect, it} from 'vitest';
import {displayImage, familiarName, parseImageReference, shortImage} from '../../../source/spec/image-reference.js';

const digest = 'sha256:4b8e4d7ab7e6f9f6ad1c2a1c5f5c2d0b0c5b0fb6d1e0f1f9a4b3c2d1e0f9a8b7';

describe('displayImage', () => {
	it.each([
		// What `docker service ps` shows for pinned tags: the digest goes.
		[`swarmdeck/vote:latest@${digest}`, 'swarmdeck/vote:latest'],
		[`nginx:1.25@${digest}`, 'nginx:1.25'],
		// The implied Docker Hub parts go too.
		[`docker.io/library/nginx:1.25@${digest}`, 'nginx:1.25'],
		['docker.io/library/nginx:1.25', 'nginx:1.25'],
		['index.docker.io/library/nginx:1.25', 'nginx:1.25'],
		['docker.io/nginx:alpine', 'nginx:alpine'],
		['docker.io/dockercoins/worker:v0.1', 'dockercoins/worker:v0.1'],
		['docker.io/library/team/app:1', 'library/team/app:1'],
		// Other registries stay.
		[`registry.example.com:5000/team/app:2.0@${digest}`, 'registry.example.com:5000/team/app:2.0'],
		['localhost/app:dev', 'localhost/app:dev'],
		['localhost:5000/app:dev', 'localhost:5000/app:dev'],
		['[::1]:5000/app:dev', '[::1]:5000/app:dev'],
		['dockercoins/hasher:v0.2', 'dockercoins/hasher:v0.2'],
	])('shows %s as %s', (image, expected) => {
		expect(displayImage(image)).toBe(expected);
	});

	it.each([
		// Only a tagged reference is rewritten: the CLI prints these exactly as given.
		`nginx@${digest}`,
		`docker.io/library/nginx@${digest}`,
		'nginx',
		'docker.io/library/nginx',
		// Unparsable references are printed untouched as well.
		'Nginx:1.25',
		'nginx:1.25@sha256:tooshort',
		`nginx:1.25@md5:${'a'.repeat(32)}`,
		`nginx:1.25@sha256:${'A'.repeat(64)}`,
		'a'.repeat(64),
		'nginx:',
		'',
		`${'a'.repeat(256)}:1`,
	])('leaves %s as it is', image => {
		expect(displayImage(image)).toBe(image);
	});
});

describe('shortImage', () => {
	it('is displayImage for tagged references', () => {
		expect(shortImage(`docker.io/library/nginx:1.25@${digest}`)).toBe('nginx:1.25');
		expect(shortImage('swarmdeck/vote:movies')).toBe('swarmdeck/vote:movies');
	});

	it('keeps 12 hex digits of a digest-only reference', () => {
		expect(shortImage(`docker.io/library/nginx@${digest}`)).toBe('nginx@sha256:4b8e4d7ab7e6');
	});

	it('drops the implied Docker Hub prefix of an untagged name', () => {
		expect(shortImage('docker.io/library/nginx')).toBe('nginx');
	});

	it('leaves what it cannot parse', () => {
		expect(shortImage('Not An Image')).toBe('Not An Image');
	});
});

describe('parseImageReference', () => {
	it('fills in the Docker Hub domain and the library namespace', () => {
		expect(parseImageReference('nginx')).toEqual({domain: 'docker.io', path: 'library/nginx'});
		expect(parseImageReference(`nginx:1.25@${digest}`)).toEqual({
			domain: 'docker.io',
			path: 'library/nginx',
			tag: '1.25',
			digest,
		});
	});

	it('tells a registry port from a tag', () => {
		expect(parseImageReference('registry:5000/app')).toEqual({domain: 'registry:5000', path: 'app'});
		expect(parseImageReference('registry:5000/app:5000')).toEqual({
			domain: 'registry:5000',
			path: 'app',
			tag: '5000',
		});
	});

	it('accepts the separators of the reference grammar and refuses the rest', () => {
		expect(parseImageReference('my__app/x-y.z_w:1')).toBeDefined();
		expect(parseImageReference('my--app:1')).toBeDefined();
		expect(parseImageReference('my..app:1')).toBeUndefined();
		expect(parseImageReference('-app:1')).toBeUndefined();
		expect(parseImageReference('app:-1')).toBeUndefined();
		expect(parseImageReference(`app:${'t'.repeat(129)}`)).toBeUndefined();
		expect(parseImageReference(`app:${'t'.repeat(128)}`)).toBeDefined();
	});
});

describe('familiarName', () => {
	it('keeps nested paths under library', () => {
		expect(familiarName({domain: 'docker.io', path: 'library/a/b'})).toBe('library/a/b');
		expect(familiarName({domain: 'ghcr.io', path: 'library/a'})).toBe('ghcr.io/library/a');
	});
});
