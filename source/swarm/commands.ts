// The docker CLI command that does what a swarmdeck action did. The screen shows it so a
// class can read it and type it themselves; it must do exactly the same thing, so it is
// read from the same edits the write applies.
import {editFlags, type SpecEdit} from '../spec/edits.js';

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellWord(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", String.raw`'\''`)}'`;
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
