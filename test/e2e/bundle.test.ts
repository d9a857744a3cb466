// The built swarmdeck is one bundle: it runs from a folder with no node_modules beside it, its
// `npm pack` tarball installs globally with no dependency to fetch, and `--once` prints the
// services without the live screen's code (Ink, React), which it never reads. Against the
// lab manager.
import {execFile} from 'node:child_process';
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';
import {docker, labSockets} from '../support/lab.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'swarmdeck-bundle-'));

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** The package as npm would install it (package.json and dist/), minus the files `leaveOut` names. */
function installedCopy(leaveOut: (file: string) => boolean): string {
	const folder = mkdtempSync(join(scratch, 'package-'));
	cpSync(join(root, 'package.json'), join(folder, 'package.json'));
	cpSync(join(root, 'dist'), join(folder, 'dist'), {recursive: true, filter: source => !leaveOut(source)});
	return folder;
}

const serviceNames = (listing: string) => listing.trim().split('\n').slice(1).map(line => line.split(/\s+/)[0]).sort();

describe('the bundle', () => {
	it('is what bin runs', () => {
		const {bin} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {bin: Record<string, string>};
		expect(bin['swarmdeck']).toBe('dist/cli.js');
		expect(readFileSync(join(root, 'dist', 'cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
	});

	it('prints the services with --once without node_modules and without the live screen\'s file', async () => {
		const screenFiles = readdirSync(join(root, 'dist', 'chunks')).filter(file => file.startsWith('screen-'));
		expect(screenFiles.length).toBeGreaterThan(0);
		const folder = installedCopy(file => /[/\\]screen-[^/\\]*$/.test(file));
		const {stdout} = await run('node', [join(folder, 'dist', 'cli.js'), '--host', labSockets.node1, '--once'], {cwd: scratch});
		const expected = await docker(['service', 'ls', '--format', '{{.Name}}']);
		expect(stdout.split('\n')[0]).toMatch(/^NAME\s+MODE\s+REPLICAS\s+IMAGE/);
		expect(serviceNames(stdout)).toEqual(expected.split('\n').sort());
	});

	it('packs into a tarball that `npm install -g` installs with nothing else, and that runs', async () => {
		// The dist/ of this build, as `npm pack` ships it (prepare would build it again).
		const {stdout: packed} = await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], {cwd: root});
		const tarball = join(scratch, packed.trim().split('\n').at(-1)!);
		// A prefix of its own, not the machine's global folder; --offline: nothing is fetched.
		const prefix = join(scratch, 'global');
		await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], {cwd: scratch});
		expect(existsSync(join(prefix, 'lib', 'node_modules', 'swarmdeck', 'node_modules'))).toBe(false);
		const swarmdeck = join(prefix, 'bin', 'swarmdeck');
		const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
		expect((await run(swarmdeck, ['--version'], {cwd: scratch})).stdout.trim()).toBe(version);
		const {stdout} = await run(swarmdeck, ['--host', labSockets.node1, '--once'], {cwd: scratch});
		expect(serviceNames(stdout)).toEqual((await docker(['service', 'ls', '--format', '{{.Name}}'])).split('\n').sort());
	});
});
