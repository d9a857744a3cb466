// The values `docker service update` takes for the rest of the spec, read as the docker CLI
// reads them (its opts package): each parser returns the value in the Engine API's terms, or
// throws a ValidationError whose sentence says what is wrong with the text and what is meant.
import {parse as shellParse} from 'shell-quote';
import {ValidationError} from '../swarm/errors.js';
import {parseGoDuration} from './go-duration.js';

/** `KEY=VALUE`, as `--env-add` takes it; the CLI's empty key is refused, and so is a key alone (see below). */
export function parseEnvEntry(text: string, flag = 'env'): string {
	const equals = text.indexOf('=');
	const key = equals === -1 ? text : text.slice(0, equals);
	if (key === '') {
		throw new ValidationError(flag, `"${text}" has no variable name: type NAME=value`);
	}

	if (/\s/.test(key)) {
		throw new ValidationError(flag, `"${key}" is not a variable name: it has a space in it`);
	}

	if (equals === -1) {
		// The CLI would copy the variable from the shell it runs in; swarmdeck does not send its own environment.
		throw new ValidationError(flag, `${key} has no value: type ${key}=value (an empty value is ${key}=)`);
	}

	return text;
}

/** A variable or label key, as `--env-rm` and `--label-rm` take it. */
export function parseKey(text: string, flag: string): string {
	if (text === '' || text.includes('=') || /\s/.test(text)) {
		throw new ValidationError(flag, `"${text}" is not a key: type the name alone, without = or spaces`);
	}

	return text;
}

/** `key=value` or `key` (an empty value), as `--label-add` takes it. */
export function parseLabelEntry(text: string, flag = 'label'): string {
	const key = text.split('=')[0]!;
	if (key === '') {
		throw new ValidationError(flag, `"${text}" has no label key: type key=value`);
	}

	if (/\s/.test(key)) {
		throw new ValidationError(flag, `"${key}" is not a label key: it has a space in it`);
	}

	return text.includes('=') ? text : `${text}=`;
}

const constraintFields = ['node.id', 'node.hostname', 'node.role', 'node.platform.os', 'node.platform.arch'] as const;

/**
 * A placement constraint as swarmkit reads it: a field, `==` or `!=`, a value.
 * `node.role` takes manager or worker; labels are `node.labels.X` and `engine.labels.X`.
 */
export function parseConstraint(text: string, flag = 'constraint'): string {
	const match = /^\s*([^=!<>\s]+)\s*(==|!=)\s*(\S(?:.*\S)?)\s*$/.exec(text);
	if (!match) {
		const operator = /(<=|>=|=~|<>|<|>|!~|(?<![=!])=(?!=))/.exec(text)?.[1];
		throw new ValidationError(flag, operator
			? `"${text}" uses ${operator}: a constraint compares with == or != only (node.role==manager, node.labels.zone!=b)`
			: `"${text}" is not a constraint: type a field, == or !=, and a value (node.hostname!=node3)`);
	}

	const [, field = '', operator = '', value = ''] = match;
	const lower = field.toLowerCase();
	const isLabel = /^(node|engine)\.labels\.[^.\s]/.test(lower);
	if (!isLabel && !(constraintFields as readonly string[]).includes(lower)) {
		throw new ValidationError(flag, `"${field}" is not a field a constraint can test: use ${constraintFields.join(', ')}, node.labels.KEY or engine.labels.KEY`);
	}

	if (lower === 'node.role' && !['manager', 'worker'].includes(value.toLowerCase())) {
		throw new ValidationError(flag, `node.role is manager or worker, not "${value}"`);
	}

	return `${field}${operator}${value}`;
}

/** `spread=node.labels.zone`, the one placement preference swarm has. */
export function parsePlacementPreference(text: string, flag = 'placement-pref'): string {
	const [strategy = '', ...rest] = text.split('=');
	const descriptor = rest.join('=');
	if (rest.length === 0 || strategy === '' || descriptor === '') {
		throw new ValidationError(flag, `"${text}" is not a placement preference: type spread=node.labels.KEY`);
	}

	if (strategy.toLowerCase() !== 'spread') {
		throw new ValidationError(flag, `"${strategy}" is not a placement strategy: swarm has only spread (spread=node.labels.zone)`);
	}

	return descriptor;
}

export type Protocol = 'tcp' | 'udp' | 'sctp';
export type PublishMode = 'ingress' | 'host';

/** A published port as the spec keeps it. PublishedPort undefined: the swarm picks one. */
export type PortConfig = {Protocol: Protocol; TargetPort: number; PublishedPort?: number; PublishMode: PublishMode};

function portNumber(text: string, what: string, flag: string): number {
	if (!/^\d+$/.test(text)) {
		throw new ValidationError(flag, `${what} "${text}" is not a port number: ports are 1 to 65535`);
	}

	const port = Number(text);
	if (port < 1 || port > 65_535) {
		throw new ValidationError(flag, `${what} ${port} is out of range: ports are 1 to 65535`);
	}

	return port;
}

function oneOf<T extends string>(value: string, choices: readonly T[], what: string, flag: string): T {
	const lower = value.toLowerCase();
	const found = choices.find(choice => choice === lower);
	if (!found) {
		throw new ValidationError(flag, `"${value}" is not a ${what}: use ${choices.join(' or ')}`);
	}

	return found;
}

/**
 * `8080:80`, `8080:80/udp`, `80` (a port the swarm picks), or the long syntax
 * `published=8080,target=80,protocol=udp,mode=host`. Ranges and host IPs are refused:
 * swarmdeck edits one port per entry.
 */
export function parsePort(text: string, flag = 'publish'): PortConfig {
	const value = text.trim();
	if (value.includes('=')) {
		const port: Partial<PortConfig> = {Protocol: 'tcp', PublishMode: 'ingress'};
		for (const field of value.split(',')) {
			const [key = '', ...rest] = field.split('=');
			const fieldValue = rest.join('=');
			switch (key.trim().toLowerCase()) {
				case 'target': {
					port.TargetPort = portNumber(fieldValue, 'target port', flag);
					break;
				}

				case 'published': {
					port.PublishedPort = portNumber(fieldValue, 'published port', flag);
					break;
				}

				case 'protocol': {
					port.Protocol = oneOf(fieldValue, ['tcp', 'udp', 'sctp'] as const, 'protocol', flag);
					break;
				}

				case 'mode': {
					port.PublishMode = oneOf(fieldValue, ['ingress', 'host'] as const, 'publish mode', flag);
					break;
				}

				default: {
					throw new ValidationError(flag, `"${field}" is not a port field: use published=, target=, protocol= and mode=`);
				}
			}
		}

		if (port.TargetPort === undefined) {
			throw new ValidationError(flag, `"${text}" has no target=: the port inside the container is required`);
		}

		return port as PortConfig;
	}

	const match = /^(?:(\d+):)?(\d+)(?:\/(\w+))?$/.exec(value);
	if (!match) {
		throw new ValidationError(flag, /-/.test(value)
			? `"${text}": port ranges are not edited here, add the ports one by one`
			: `"${text}" is not a port: type published:target (8080:80), add /udp for UDP, or published=,target=,protocol=,mode=`);
	}

	const [, published, target = '', protocol] = match;
	return {
		Protocol: protocol === undefined ? 'tcp' : oneOf(protocol, ['tcp', 'udp', 'sctp'] as const, 'protocol', flag),
		TargetPort: portNumber(target, 'target port', flag),
		...(published === undefined ? {} : {PublishedPort: portNumber(published, 'published port', flag)}),
		PublishMode: 'ingress',
	};
}

/** A port as the long syntax writes it, which says every field: `published=8080,target=80,protocol=tcp,mode=ingress`. */
export function portText(port: PortConfig): string {
	return [port.PublishedPort === undefined ? undefined : `published=${port.PublishedPort}`, `target=${port.TargetPort}`, `protocol=${port.Protocol}`, `mode=${port.PublishMode}`].filter(Boolean).join(',');
}

/** A port as people read it: `8080:80/udp (host)`. */
export function portLabel(port: PortConfig): string {
	return `${port.PublishedPort ?? '*'}:${port.TargetPort}/${port.Protocol}${port.PublishMode === 'host' ? ' (host)' : ''}`;
}

/** A secret or config given to a service as a file, before its name is looked up. */
export type FileRequest = {source: string; target: string; uid: string; gid: string; mode: number};

/** `name`, or `source=name,target=path,uid=0,gid=0,mode=0444`, as `--secret-add` and `--config-add` take it. */
export function parseFileRequest(text: string, flag: string): FileRequest {
	const request: FileRequest = {source: '', target: '', uid: '0', gid: '0', mode: 0o444};
	if (!text.includes('=')) {
		if (text.trim() === '' || text.includes(',')) {
			throw new ValidationError(flag, `"${text}" is not a name: type a name, or source=NAME,target=PATH`);
		}

		return {...request, source: text, target: text};
	}

	for (const field of text.split(',')) {
		const [key = '', ...rest] = field.split('=');
		const value = rest.join('=');
		if (rest.length === 0 || key === '') {
			throw new ValidationError(flag, `"${field}" must be a key=value pair (source=, target=, uid=, gid=, mode=)`);
		}

		switch (key.toLowerCase()) {
			case 'source':
			case 'src': {
				request.source = value;
				break;
			}

			case 'target': {
				request.target = value;
				break;
			}

			case 'uid':
			case 'gid': {
				if (!/^\d+$/.test(value)) {
					throw new ValidationError(flag, `${key} "${value}" is not a number`);
				}

				request[key.toLowerCase() as 'uid' | 'gid'] = value;
				break;
			}

			case 'mode': {
				// strconv.ParseUint(value, 0, 32): 0444 is octal, 0x124 hex, 292 decimal.
				const mode = /^0[0-7]+$/.test(value) ? Number.parseInt(value, 8) : /^(0x[\da-f]+|\d+)$/i.test(value) ? Number(value) : Number.NaN;
				if (!Number.isInteger(mode) || mode > 0o7777) {
					throw new ValidationError(flag, `mode "${value}" is not a file mode: type it in octal, like 0400`);
				}

				request.mode = mode;
				break;
			}

			default: {
				throw new ValidationError(flag, `"${key}" is not a field here: use source=, target=, uid=, gid= and mode=`);
			}
		}
	}

	if (request.source === '') {
		throw new ValidationError(flag, `"${text}" has no source=: name the ${flag.startsWith('config') ? 'config' : 'secret'}`);
	}

	return {...request, target: request.target || request.source};
}

export type MountType = 'bind' | 'volume' | 'tmpfs';

/** A mount as the spec keeps it, for the three types edited here. */
export type MountConfig = {Type: MountType; Source?: string; Target: string; ReadOnly?: boolean};

function parseBool(key: string, value: string | undefined, flag: string): boolean {
	if (value === undefined) {
		return true;
	}

	const lower = value.toLowerCase();
	if (['1', 't', 'true'].includes(lower)) {
		return true;
	}

	if (['0', 'f', 'false'].includes(lower)) {
		return false;
	}

	throw new ValidationError(flag, `${key}=${value}: ${key} is true or false`);
}

/** `type=bind,source=/srv,target=/data,readonly`, as `--mount-add` takes it (a volume when no type is given). */
export function parseMount(text: string, flag = 'mount'): MountConfig {
	const mount: Partial<MountConfig> = {Type: 'volume'};
	if (text.trim() === '') {
		throw new ValidationError(flag, 'the mount is empty: type type=bind|volume|tmpfs,source=…,target=…');
	}

	for (const field of text.trim().split(',')) {
		const equals = field.indexOf('=');
		const key = (equals === -1 ? field : field.slice(0, equals)).toLowerCase();
		const value = equals === -1 ? undefined : field.slice(equals + 1);
		if (value === '') {
			throw new ValidationError(flag, `${key}= is empty`);
		}

		if (value === undefined && key !== 'readonly' && key !== 'ro') {
			throw new ValidationError(flag, `"${field}" must be a key=value pair`);
		}

		switch (key) {
			case 'type': {
				mount.Type = oneOf(value!, ['bind', 'volume', 'tmpfs'] as const, 'mount type', flag);
				break;
			}

			case 'source':
			case 'src': {
				mount.Source = value!;
				break;
			}

			case 'target':
			case 'dst':
			case 'destination': {
				mount.Target = value!;
				break;
			}

			case 'readonly':
			case 'ro': {
				mount.ReadOnly = parseBool(key, value, flag);
				break;
			}

			default: {
				throw new ValidationError(flag, `"${key}" is not edited here: use type=, source=, target= and readonly`);
			}
		}
	}

	if (!mount.Target) {
		throw new ValidationError(flag, `"${text}" has no target=: the path inside the container is required`);
	}

	if (mount.Type === 'bind' && !mount.Source) {
		throw new ValidationError(flag, 'a bind mount needs source=, the path on the node');
	}

	if (mount.Type === 'tmpfs' && mount.Source) {
		throw new ValidationError(flag, 'a tmpfs mount has no source=');
	}

	if (!mount.ReadOnly) {
		delete mount.ReadOnly;
	}

	// The key order of the API's JSON, so a spec compares equal to the one the daemon returns.
	return {Type: mount.Type!, ...(mount.Source ? {Source: mount.Source} : {}), Target: mount.Target, ...(mount.ReadOnly ? {ReadOnly: true} : {})};
}

export function mountText(mount: MountConfig): string {
	return [`type=${mount.Type}`, mount.Source ? `source=${mount.Source}` : undefined, `target=${mount.Target}`, mount.ReadOnly ? 'readonly' : undefined].filter(Boolean).join(',');
}

/** A target path, as `--mount-rm` takes it. */
export function parseMountTarget(text: string, flag = 'mount-rm'): string {
	if (!text.startsWith('/')) {
		throw new ValidationError(flag, `"${text}" is not a path in the container: a mount is removed by its target, like /data`);
	}

	return text;
}

const memoryUnits = new Map([['', 1], ['k', 1024], ['m', 1024 ** 2], ['g', 1024 ** 3], ['t', 1024 ** 4], ['p', 1024 ** 5]]);

/** `512M`, `1.5g`, `1024` (bytes), as go-units' RAMInBytes reads it: binary units. */
export function parseMemory(text: string, flag: string): number {
	const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(text.trim());
	if (!match) {
		throw new ValidationError(flag, `"${text}" is not a size: type a number with b, k, m, g or t (512M, 1.5G)`);
	}

	return Math.floor(Number(match[1]) * memoryUnits.get((match[2] ?? '').toLowerCase())!);
}

/** Bytes in the largest unit that divides them exactly: `512M`, `1G`, `1000`. */
export function memoryText(bytes: number): string {
	for (const [unit, size] of [...memoryUnits].reverse()) {
		if (unit !== '' && bytes > 0 && bytes % size === 0) {
			return `${bytes / size}${unit.toUpperCase()}`;
		}
	}

	return String(bytes);
}

/** `0.5`, `2`: CPUs as the CLI's NanoCPUs reads them, to the nanoCPU. */
export function parseCpus(text: string, flag: string): number {
	const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim());
	if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
		throw new ValidationError(flag, `"${text}" is not a number of CPUs: type 0.5, 1 or 2`);
	}

	const fraction = match[2] ?? '';
	if (fraction.replace(/0+$/, '').length > 9) {
		throw new ValidationError(flag, `${text} is too precise: CPUs go to 9 decimals`);
	}

	return (Number(match[1] || '0') * 1e9) + Number((fraction + '000000000').slice(0, 9));
}

export function cpusText(nanoCpus: number): string {
	return String(nanoCpus / 1e9);
}

/** A Go duration that may not be negative, as the health and restart flags take it. */
export function parsePositiveDuration(text: string, flag: string): number {
	const value = parseGoDuration(text.trim());
	if (value === undefined) {
		throw new ValidationError(flag, `"${text}" is not a duration: type 10s, 1m30s or 500ms`);
	}

	if (value < 0) {
		throw new ValidationError(flag, `${text} is negative: a duration here is 0 or more`);
	}

	return value;
}

/** A whole number of 0 or more. */
export function parseCount(text: string, flag: string): number {
	if (!/^\d+$/.test(text.trim())) {
		throw new ValidationError(flag, `"${text}" is not a whole number of 0 or more`);
	}

	return Number(text.trim());
}

/** The words of `--args "a 'b c'"`, split as the CLI's shlex does. */
export function parseCommandLine(text: string, flag: string): string[] {
	const words: string[] = [];
	for (const entry of shellParse(text, name => `$${name}`)) {
		if (typeof entry !== 'string') {
			throw new ValidationError(flag, `"${text}": quote shell operators to pass them as words`);
		}

		words.push(entry);
	}

	return words;
}

export const restartConditions = ['none', 'on-failure', 'any'] as const;
export type RestartCondition = (typeof restartConditions)[number];

export function parseRestartCondition(text: string, flag = 'restart-condition'): RestartCondition {
	return oneOf(text.trim(), restartConditions, 'restart condition', flag);
}
