// Builds dist/cli.js, the file `bin` runs: cli.tsx and everything it imports, bundled by
// esbuild. Loading hundreds of small modules one by one is most of a Node CLI's start-up; a
// bundle, with React's production build, opens the screen about three times sooner.
//
// The live screen (Ink, React, yoga and every screen) goes to a file of its own in
// dist/chunks/, which cli.js imports only when it has a terminal to draw on: `--once`, --help
// and every early failure never read it.
//
// Uses esbuild's JS API, which finds the platform's esbuild binary by itself: it works even
// when npm did not run esbuild's install script.
import {readFile, rm} from 'node:fs/promises';
import {fileURLToPath, URL} from 'node:url';
import {build} from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Replaces exact text in one dependency's file as it is bundled. A replacement that no longer
 * matches fails the build: a new version of the dependency must be looked at, not silently
 * shipped slow.
 */
function patch(file, replacements) {
	return {
		filter: new RegExp(`${file.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
		async apply(path) {
			let contents = await readFile(path, 'utf8');
			for (const [from, to, count] of replacements) {
				const found = contents.split(from).length - 1;
				if (found !== count) {
					throw new Error(`${file}: expected ${count} of ${JSON.stringify(from)}, found ${found}`);
				}

				// A function, so that a $ in the replacement is taken as it is.
				contents = contents.replaceAll(from, () => to);
			}

			return {contents, loader: 'js'};
		},
	};
}

const lazySegmenter = 'let segmenterBuilt;\nconst segmenter = {segment: text => (segmenterBuilt ??= new Intl.Segmenter()).segment(text)};';

const patches = [
	// yoga's Emscripten glue fetch()es its own data: URL when fetch exists, which makes Node
	// load its whole HTTP client (undici) first; decoding the base64 itself is the same bytes.
	patch('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', [['"function"!=typeof fetch', '!0', 2]]),
	// BuildKit sessions (gRPC and protobuf) serve image builds, which swarmdeck never starts.
	patch('dockerode/lib/docker.js', [[
		'withSession = require(\'./session\'),',
		'withSession = function () { return require(\'./session\').apply(this, arguments); },',
		1,
	]]),
	// tar packs build contexts, which swarmdeck never sends either.
	patch('dockerode/lib/util.js', [[
		'var tar = require(\'tar-fs\');',
		'var tar = {pack: function () { var real = require(\'tar-fs\'); return real.pack.apply(real, arguments); }};',
		1,
	]]),
	// meow normalizes package.json only when asked for it (swarmdeck asks for the version in
	// a crash report), but builds the normalizer, licence tables and all, as it loads.
	patch('meow/build/dependencies.js', [[
		'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
		'const normalizePackageData = data => getDefaultExportFromCjs(requireNormalize())(data);',
		1,
	]]),
	// Built as it loads, the first Intl.Segmenter (ICU's break rules, about 9 ms) costs every
	// start, `--once` included, even when every text is ASCII, which string-width measures
	// without it: built on first use. string-width's emoji test compiles the RGI_Emoji property
	// of strings, about 13 ms of the first frame: source/text/rgi-emoji.ts answers the same
	// for a lone character without it.
	// wrap-ansi's own string-width first: esbuild loads a file with the first patch whose path matches.
	patch('wrap-ansi/node_modules/string-width/index.js', [
		['const segmenter = new Intl.Segmenter();', lazySegmenter, 1],
	]),
	patch('node_modules/string-width/index.js', [
		['const segmenter = new Intl.Segmenter();', lazySegmenter, 1],
		['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', `import {isRgiEmoji} from ${JSON.stringify(fileURLToPath(new URL('../source/text/rgi-emoji.ts', import.meta.url)))};\nconst rgiEmojiRegex = {test: isRgiEmoji};`, 1],
	]),
	// Ink turns every character of every frame back into text through this diff of the
	// character's styles against the previous one's; it built three sets per character even
	// when both carry the same styles, as neighbours almost always do.
	patch('@alcalzone/ansi-tokenize/build/diff.js', [[
		'export function diffAnsiCodes(from, to) {\n',
		'export function diffAnsiCodes(from, to) {\n    if (from.length === to.length && from.every((code, index) => code.code === to[index].code && code.endCode === to[index].endCode)) return [];\n',
		1,
	]]),
];

const emptyModule = fileURLToPath(new URL('empty-module.js', import.meta.url));

const dependencyPatches = {
	name: 'dependency-patches',
	setup(builder) {
		for (const {filter, apply} of patches) {
			builder.onLoad({filter}, async ({path}) => apply(path));
		}

		// Ink connects to React DevTools when DEV=true, through react-devtools-core and ws,
		// which swarmdeck does not ship: bundled, that connection resolves to nothing, so
		// a DEV variable meant for something else changes nothing.
		builder.onResolve({filter: /^\.\/devtools\.js$/}, ({importer}) => (
			/[/\\]ink[/\\]build[/\\]reconciler\.js$/.test(importer) ? {path: emptyModule} : undefined
		));
	},
};

await rm(new URL('../dist', import.meta.url), {recursive: true, force: true});
await build({
	absWorkingDir: root,
	entryPoints: ['cli.tsx'],
	outdir: 'dist',
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	jsx: 'automatic',
	// React and Ink without their development builds: those check and record every render.
	define: {'process.env.NODE_ENV': '"production"'},
	// source/production.ts sets it at run time as well, for the CLI run from source; in the
	// bundle every read of it is already the constant, so that assignment changes nothing.
	logOverride: {'assign-to-define': 'silent'},
	minifySyntax: true,
	minifyWhitespace: true,
	sourcemap: 'linked',
	legalComments: 'none',
	logLevel: 'warning',
	// Nothing imports it any more (see above); should a new Ink import it elsewhere, a
	// bundled import would run at start, and an external one fail there.
	// docker-modem reaches ssh:// hosts through ssh2, swarmdeck through the system's ssh
	// (source/swarm/ssh.ts): ssh2 is neither bundled nor loaded.
	alias: {'react-devtools-core': emptyModule, ssh2: emptyModule},
	// Loaded from node_modules when needed, not read at every start: gRPC and protobuf only
	// serve image builds (see above).
	external: ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs'],
	// CommonJS dependencies in an ES module need require, __filename and __dirname. cli.tsx's #! line is kept by esbuild, so the banner has none.
	banner: {
		js: [
			'import {createRequire as __createRequire} from \'node:module\';',
			'import {fileURLToPath as __fileURLToPath} from \'node:url\';',
			'import {dirname as __pathDirname} from \'node:path\';',
			'const require = __createRequire(import.meta.url);',
			'const __filename = __fileURLToPath(import.meta.url);',
			'const __dirname = __pathDirname(__filename);',
		].join(''),
	},
	plugins: [dependencyPatches],
});
