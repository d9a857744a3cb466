// `:context` alone: the docker contexts in one sentence, the one in use marked.
import {inert} from '../text/inert.js';
import type {ContextEntry} from '../swarm/context.js';

export function contextListNotice(contexts: readonly ContextEntry[], current: string): string {
	// Names and addresses come from files anyone with the config folder can write.
	const listed = contexts.map(({name, host}) => `${inert(name)}${name === current ? ' (in use)' : ''} ${inert(host)}`);
	return `Docker contexts: ${listed.join(' · ')}. \`:context NAME\` switches.`;
}
