// Secrets and configs: created with the daemon's checks (data size, unique name), listed
// with their filters; a secret's data is kept apart, since the API never shows it.
import type {SecretOrConfig} from './api-types.js';
import {daemonErrors, EngineError} from './errors.js';
import {labelMatches, parseFilters, secretFilterNames} from './filters.js';
import type {IdGenerator} from './ids.js';
import type {Store} from './store.js';

export type SecretKind = 'secret' | 'config';

export class SecretsAndConfigs {
	private readonly secretData = new Map<string, string>();

	constructor(private readonly store: Store, private readonly ids: IdGenerator) {}

	list(kind: SecretKind, filtersText?: string | null): SecretOrConfig[] {
		const filters = parseFilters(filtersText, secretFilterNames);
		const names = [...filters.get('name') ?? [], ...filters.get('names') ?? []];
		return [...this.objects(kind).values()]
			.filter(object => names.length === 0 || names.includes(object.Spec.Name))
			.filter(object => (filters.get('id') ?? []).every(id => object.ID.startsWith(id)))
			.filter(object => (filters.get('label') ?? []).every(label => labelMatches(object.Spec.Labels, label)))
			.sort((a, b) => a.ID.localeCompare(b.ID));
	}

	create(kind: SecretKind, body: {Name?: string; Labels?: Record<string, string>; Data?: string}): {ID: string} {
		const data = typeof body?.Data === 'string' ? Buffer.from(body.Data, 'base64') : Buffer.alloc(0);
		if (data.length === 0 || data.length >= 512_000) {
			throw kind === 'secret' ? daemonErrors.secretData() : new EngineError(400, 'rpc error: code = InvalidArgument desc = config data must be larger than 0 and less than 1000 bytes');
		}

		const name = String(body.Name ?? '');
		if ([...this.objects(kind).values()].some(object => object.Spec.Name === name)) {
			throw kind === 'secret' ? daemonErrors.secretExists(name) : daemonErrors.configExists(name);
		}

		const now = this.store.stamp();
		const object: SecretOrConfig = {
			ID: this.ids.objectId(),
			Version: {Index: 0},
			CreatedAt: now,
			UpdatedAt: now,
			Spec: {Name: name, Labels: body.Labels ?? {}, ...(kind === 'config' ? {Data: body.Data} : {})},
		};
		if (kind === 'secret') {
			this.secretData.set(object.ID, data.toString('base64'));
		}

		this.store.putSecretOrConfig(kind, object);
		return {ID: object.ID};
	}

	private objects(kind: SecretKind): Map<string, SecretOrConfig> {
		return kind === 'secret' ? this.store.secrets : this.store.configs;
	}
}
