// The docker CLI command that does what a swarmdeck action did. The screen shows it so a
// class can read it and type it themselves; it must do exactly the same thing.
import {formatGoDuration} from '../format/go-duration.js';
import {hasUnsafeText, hex, replaceUnsafe} from '../text/inert.js';
import {policyFields, policyFlagSuffix, type PolicyField} from './validate.js';
import type {PolicyKind, UpdatePolicy} from './types.js';

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

function command(words: string[]): string {
	return words.map(word => shellWord(word)).join(' ');
}

export function scaleCommand(service: string, replicas: number): string {
	return command(['docker', 'service', 'scale', `${service}=${replicas}`]);
}

export function policyFlagValue(field: PolicyField, value: UpdatePolicy[PolicyField]): string {
	if (field === 'delay' || field === 'monitor') {
		return formatGoDuration(value as number);
	}

	return String(value);
}

export type PolicyChanges = Partial<Record<PolicyKind, Partial<UpdatePolicy>>>;

export function policyCommand(service: string, changes: PolicyChanges): string {
	const flags: string[] = [];
	for (const kind of ['update', 'rollback'] as const) {
		const change = changes[kind] ?? {};
		for (const field of policyFields) {
			const value = change[field];
			if (value !== undefined) {
				flags.push(`--${kind}-${policyFlagSuffix[field]}`, policyFlagValue(field, value));
			}
		}
	}

	return command(['docker', 'service', 'update', ...flags, service]);
}

// swarmdeck does not ask a registry to pin the image's digest (swarm labs often have no
// registry), so the faithful CLI equivalent says so with --no-resolve-image.
export function imageCommand(service: string, image: string): string {
	return command(['docker', 'service', 'update', '--no-resolve-image', '--image', image, service]);
}

export function forceCommand(service: string): string {
	return command(['docker', 'service', 'update', '--force', service]);
}

export function rollbackCommand(service: string): string {
	return command(['docker', 'service', 'rollback', service]);
}
