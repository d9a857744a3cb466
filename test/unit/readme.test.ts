import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keyTableMarkdown} from '../../source/keys/registry.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {scripts: Record<string, string>};

describe('the README', () => {
	it('has the key table the registry generates, so the two cannot drift apart', () => {
		const table = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
		expect(table).toBe(keyTableMarkdown());
	});

	it('gives the two set-up commands first, and both exist', () => {
		const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
		expect(firstBlock).toContain('npm install && npm run demo');
		expect(firstBlock).toContain('npm test');
		expect(packageJson.scripts['demo']).toBeDefined();
		expect(packageJson.scripts['test']).toBeDefined();
	});
});
