// Image references as `docker service ps` shows them. The CLI parses the reference with
// distribution/reference, and only when it carries a tag does it print the familiar
// `name:tag` without the digest; anything it cannot parse is printed untouched. The same
// rules here keep swarmdeck's IMAGE column identical to the CLI's.

export type ImageReference = {
	/** Registry host (and port), `docker.io` when the reference names none. */
	domain: string;
	/** Repository path inside the registry; official images are `library/<name>`. */
	path: string;
	tag?: string;
	digest?: string;
};

const defaultDomain = 'docker.io';
const legacyDefaultDomain = 'index.docker.io';
const officialRepoPrefix = 'library/';
const nameTotalLengthMax = 255;

// The grammar of distribution/reference (regexp.go).
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainAndPort = `(?:${domainNameComponent}(?:\\.${domainNameComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const namePattern = `(?:${domainAndPort}/)?${pathComponent}(?:/${pathComponent})*`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const referencePattern = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const identifierPattern = /^[a-f\d]{64}$/;

// The digest package only knows these algorithms, each with a fixed length of lowercase hex.
const digestHexLength: ReadonlyMap<string, number> = new Map([
	['sha256', 64],
	['sha384', 96],
	['sha512', 128],
]);

function isValidDigest(digest: string): boolean {
	const separator = digest.indexOf(':');
	const length = digestHexLength.get(digest.slice(0, separator));
	const hex = digest.slice(separator + 1);
	return length !== undefined && hex.length === length && /^[a-f\d]+$/.test(hex);
}

// Docker Hub is implied when the first component cannot be a registry host.
function splitDockerDomain(name: string): {domain: string; remainder: string} {
	const slash = name.indexOf('/');
	let domain = defaultDomain;
	let remainder = name;
	if (slash !== -1) {
		const first = name.slice(0, slash);
		if (first === legacyDefaultDomain) {
			remainder = name.slice(slash + 1);
		} else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
			domain = first;
			remainder = name.slice(slash + 1);
		}
	}

	if (domain === defaultDomain && !remainder.includes('/')) {
		remainder = officialRepoPrefix + remainder;
	}

	return {domain, remainder};
}

/**
 * Parses an image reference the way the CLI does (reference.ParseNormalizedNamed), filling
 * in `docker.io` and `library/`. Returns undefined where the CLI's parser fails.
 */
export function parseImageReference(image: string): ImageReference | undefined {
	if (identifierPattern.test(image)) {
		return undefined;
	}

	const {domain, remainder} = splitDockerDomain(image);
	const colon = remainder.indexOf(':');
	const remoteName = colon === -1 ? remainder : remainder.slice(0, colon);
	if (remoteName.toLowerCase() !== remoteName) {
		return undefined;
	}

	const match = referencePattern.exec(`${domain}/${remainder}`);
	const name = match?.[1];
	if (match === null || name === undefined || name.length > nameTotalLengthMax) {
		return undefined;
	}

	const tag = match[2];
	const digest = match[3];
	if (digest !== undefined && !isValidDigest(digest)) {
		return undefined;
	}

	return {
		domain,
		path: name.slice(domain.length + 1),
		...(tag === undefined ? {} : {tag}),
		...(digest === undefined ? {} : {digest}),
	};
}

/** The name as people type it: without `docker.io/`, and without `library/` for official images. */
export function familiarName(reference: ImageReference): string {
	if (reference.domain !== defaultDomain) {
		return `${reference.domain}/${reference.path}`;
	}

	const official = reference.path.startsWith(officialRepoPrefix)
		? reference.path.slice(officialRepoPrefix.length)
		: undefined;
	return official !== undefined && !official.includes('/') ? official : reference.path;
}

/**
 * The IMAGE column of `docker service ps`: a tagged reference loses its digest and its
 * implied `docker.io/library/`; a digest-only or unparsable reference is shown as it is.
 */
export function displayImage(image: string): string {
	const reference = parseImageReference(image);
	if (reference?.tag === undefined) {
		return image;
	}

	return `${familiarName(reference)}:${reference.tag}`;
}

const shortDigestLength = 12;

/**
 * A narrower form for tight columns: like displayImage, but a reference pinned only by
 * digest keeps just the first 12 hex digits of it (as `docker image ls` shortens IDs).
 */
export function shortImage(image: string): string {
	const reference = parseImageReference(image);
	if (reference === undefined) {
		return image;
	}

	if (reference.tag !== undefined) {
		return `${familiarName(reference)}:${reference.tag}`;
	}

	if (reference.digest === undefined) {
		return familiarName(reference);
	}

	const [algorithm = '', hex = ''] = reference.digest.split(':');
	return `${familiarName(reference)}@${algorithm}:${hex.slice(0, shortDigestLength)}`;
}
