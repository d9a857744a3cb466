#!/usr/bin/env node
// Turns a terminal screen captured with `tmux capture-pane -e -p` (text with SGR colour
// codes) into an SVG picture, so media/ shows the real screen, colours included.
// Usage: ansi-to-svg.mjs COLUMNS ROWS < screen.ansi > screen.svg
import {readFileSync} from 'node:fs';
import process from 'node:process';

const [columns, rows] = process.argv.slice(2).map(Number);
const input = readFileSync(0, 'utf8');
const cellWidth = 8.4;
const lineHeight = 17;
const palette = ['#1e1e1e', '#e5534b', '#57ab5a', '#c69026', '#539bf5', '#b083f0', '#39c5cf', '#d0d0d0'];
const bright = ['#767676', '#ff938a', '#6bc46d', '#daaa3f', '#6cb6ff', '#dcbdfb', '#56d4dd', '#ffffff'];
const background = '#1e1e1e';
const foreground = '#d0d0d0';

const escapeXml = text => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function applySgr(state, codes) {
	const list = codes === '' ? [0] : codes.split(';').map(Number);
	for (let index = 0; index < list.length; index++) {
		const code = list[index];
		if (code === 0) {
			Object.assign(state, {fg: undefined, bg: undefined, bold: false, dim: false, inverse: false, underline: false});
		} else if (code === 1) {
			state.bold = true;
		} else if (code === 2) {
			state.dim = true;
		} else if (code === 4) {
			state.underline = true;
		} else if (code === 7) {
			state.inverse = true;
		} else if (code === 22) {
			state.bold = false;
			state.dim = false;
		} else if (code === 24) {
			state.underline = false;
		} else if (code === 27) {
			state.inverse = false;
		} else if (code >= 30 && code <= 37) {
			state.fg = palette[code - 30];
		} else if (code === 39) {
			state.fg = undefined;
		} else if (code >= 40 && code <= 47) {
			state.bg = palette[code - 40];
		} else if (code === 49) {
			state.bg = undefined;
		} else if (code >= 90 && code <= 97) {
			state.fg = bright[code - 90];
		} else if (code === 38 || code === 48) {
			// 256-colour and true-colour forms: skip their arguments.
			index += list[index + 1] === 5 ? 2 : 4;
		}
	}
}

const lines = input.split('\n').slice(0, rows);
const parts = [];
for (const [row, line] of lines.entries()) {
	const state = {fg: undefined, bg: undefined, bold: false, dim: false, inverse: false, underline: false};
	let column = 0;
	// eslint-disable-next-line no-control-regex -- reading terminal escapes is the point
	const pattern = /\u001B\[([0-9;]*)m|([^\u001B]+)/g;
	for (const match of line.matchAll(pattern)) {
		if (match[1] !== undefined) {
			applySgr(state, match[1]);
			continue;
		}

		const text = [...match[2]];
		let fg = state.fg ?? foreground;
		let bg = state.bg;
		if (state.inverse) {
			[fg, bg] = [bg ?? background, fg];
		}

		const x = column * cellWidth;
		const y = row * lineHeight;
		if (bg) {
			parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${(text.length * cellWidth).toFixed(1)}" height="${lineHeight}" fill="${bg}"/>`);
		}

		if (text.join('').trim() !== '') {
			const style = `${state.bold ? ' font-weight="bold"' : ''}${state.dim ? ' opacity="0.6"' : ''}${state.underline ? ' text-decoration="underline"' : ''}`;
			parts.push(`<text x="${x.toFixed(1)}" y="${y + 13}" fill="${fg}"${style} textLength="${(text.length * cellWidth).toFixed(1)}" lengthAdjust="spacingAndGlyphs">${escapeXml(text.join(''))}</text>`);
		}

		column += text.length;
	}
}

const width = Math.ceil(columns * cellWidth) + 20;
const height = rows * lineHeight + 20;
process.stdout.write(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="100%" height="100%" rx="6" fill="${background}"/>
<g transform="translate(10 10)" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14" xml:space="preserve">
${parts.join('\n')}
</g>
</svg>
`);
