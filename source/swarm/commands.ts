// The docker CLI command that does what a swarmdeck action did. The screen shows it so a
// class can read it and type it themselves; it must do exactly the same thing, so it is
// read from the same edits the write applies.
import {editFlags, type SpecEdit} from '../spec/edits.js';
import {hasUnsafeText, hex, replaceUnsafe} from '../text/inert.js';
import type {NodeEdit} from './node-write.js';

/**
 * Quotes a word for a POSIX shell only when it needs it. A word with control or bidi
 * characters (from the daemon) gets bash and zsh's `$'…'` quoting instead, which spells
 * each of them as an escape: the command stays inert on screen and types the same word.
 */
export function shellWord(word: string): string {
	if (/^[\w@%+=:,./-]+$/.test(word)) {
		return word;
	}

	if (hasUnsafeText(word)) {
		return `$'${replaceUnsafe(word.replaceAll(/[\\']/g, '\\$&'), ansiCEscape)}'`;
	}

	return `'${word.replaceAll("'", String.raw`'\''`)}'`;
}

/** `\x1b` for ASCII; `\u009b` above, since bash's `\x9b` would be a lone byte, not the character. */
function ansiCEscape(codePoint: number): string {
	return codePoint < 0x80 ? `\\x${hex(codePoint, 2)}` : `\\u${hex(codePoint, 4)}`;
}

function command(words: readonly string[]): string {
	return words.map(word => shellWord(word)).join(' ');
}

/**
 * `docker service scale name=N` for a change of replicas alone, as people type it;
 * otherwise `docker service update` with one flag (or pair) per edit, then the service.
 */
export function updateCommand(service: string, edits: readonly SpecEdit[]): string {
	const [only] = edits;
	if (edits.length === 1 && only?.kind === 'replicas') {
		return command(['docker', 'service', 'scale', `${service}=${only.replicas}`]);
	}

	// swarmdeck does not ask a registry to pin the image's digest (swarm labs often have no
	// registry), so the faithful equivalent says so with --no-resolve-image.
	const resolve = edits.some(edit => edit.kind === 'image') ? ['--no-resolve-image'] : [];
	return command(['docker', 'service', 'update', ...resolve, ...edits.flatMap(edit => editFlags(edit)), service]);
}

export function rollbackCommand(service: string): string {
	return command(['docker', 'service', 'rollback', service]);
}

export function removeCommand(service: string): string {
	return command(['docker', 'service', 'rm', service]);
}

/**
 * The docker command for a node edit: `docker node update --availability drain node3`,
 * `--label-add k=v`, `--label-rm k`, or `docker node promote/demote node3` for a role.
 */
export function nodeCommand(node: string, edit: NodeEdit): string {
	switch (edit.kind) {
		case 'availability': {
			return command(['docker', 'node', 'update', '--availability', edit.availability, node]);
		}

		case 'labelAdd': {
			return command(['docker', 'node', 'update', '--label-add', `${edit.key}=${edit.value}`, node]);
		}

		case 'labelRemove': {
			return command(['docker', 'node', 'update', '--label-rm', edit.key, node]);
		}

		case 'role': {
			return command(['docker', 'node', edit.role === 'manager' ? 'promote' : 'demote', node]);
		}
	}
}
