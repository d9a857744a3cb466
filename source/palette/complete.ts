// Tab in the palette: completes the word under the cursor (the end of the line) from what
// it can be there: a command's name first, then the services or stacks the command takes.
import {paletteCommand, paletteCommands, type PaletteContext} from './resolve.js';

export type Completion = {
	/** The line with the word completed as far as it can be. */
	line: string;
	/** Every name the word could still become, when there is more than one. */
	candidates: string[];
};

function commonPrefix(names: readonly string[]): string {
	let prefix = names[0] ?? '';
	for (const name of names) {
		while (!name.startsWith(prefix)) {
			prefix = prefix.slice(0, -1);
		}
	}

	return prefix;
}

export function completePalette(line: string, context: PaletteContext): Completion {
	const words = line.replace(/^:/, '').trimStart().split(/\s+/);
	const typed = words.at(-1) ?? '';
	const index = words.length - 1;
	let names: string[] = [];
	if (index === 0) {
		names = paletteCommands.map(command => command.palette.name);
	} else {
		const argument = paletteCommand(words[0] ?? '')?.palette.args?.[index - 1];
		if (argument?.kind === 'service') {
			names = context.services.map(service => service.name);
		} else if (argument?.kind === 'stack') {
			names = [...context.stacks];
		} else if (argument?.kind === 'node') {
			names = (context.nodes ?? []).map(node => node.hostname);
		} else if (argument?.kind === 'context') {
			names = [...(context.contexts ?? [])];
		}
	}

	const candidates = [...new Set(names.filter(name => name.startsWith(typed)))].sort();
	if (candidates.length === 0) {
		return {line, candidates: []};
	}

	const head = words.slice(0, -1).map(word => `${word} `).join('');
	if (candidates.length === 1) {
		return {line: `${head}${candidates[0]} `, candidates: []};
	}

	return {line: `${head}${commonPrefix(candidates)}`, candidates};
}
