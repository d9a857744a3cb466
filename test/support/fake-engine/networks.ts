// Overlay networks: the moby resource GET /networks lists, the swarm object a task's
// NetworksAttachments embeds (both shapes as the lab shows them), and addresses handed out
// per network.
import type {Network, Service, ServiceSpec} from './api-types.js';
import type {IdGenerator} from './ids.js';
import type {Store} from './store.js';

export function addOverlayNetwork(store: Store, ids: IdGenerator, name: string, labels: Record<string, string>): Network {
	const index = [...store.networks.values()].filter(network => network.Driver === 'overlay').length;
	const network: Network = {
		Name: name,
		Id: ids.objectId(),
		Created: store.stamp(),
		Scope: 'swarm',
		Driver: 'overlay',
		EnableIPv6: false,
		IPAM: {Driver: 'default', Options: null, Config: [{Subnet: `10.${Math.floor(index / 256)}.${index % 256}.0/24`, Gateway: `10.${Math.floor(index / 256)}.${index % 256}.1`}]},
		Internal: false,
		Attachable: false,
		Ingress: false,
		ConfigFrom: {Network: ''},
		ConfigOnly: false,
		Options: {'com.docker.network.driver.overlay.vxlanid_list': String(4096 + index)},
		Labels: labels,
	};
	store.networks.set(network.Id, network);
	return network;
}

/** The next free address on the network, as an allocator hands them out (from .2). */
export function nextAddress(store: Store, networkId: string): string {
	const network = store.networks.get(networkId);
	const subnet = network?.IPAM.Config[0]?.Subnet ?? '10.255.0.0/24';
	const base = subnet.split('/')[0]!.split('.').slice(0, 3).join('.');
	const used = (store.addressesUsed.get(networkId) ?? 0) + 1;
	store.addressesUsed.set(networkId, used);
	return `${base}.${(used % 253) + 1}/24`;
}

/** The networks a task of this spec is attached to: its own, plus ingress when it publishes ports. */
export function attachmentsFor(store: Store, spec: ServiceSpec): unknown[] | undefined {
	const ingress = (spec.EndpointSpec?.Ports?.length ?? 0) > 0 ? [...store.networks.values()].find(network => network.Ingress) : undefined;
	const networks = [
		...(ingress ? [ingress] : []),
		...(spec.TaskTemplate.Networks ?? []).map(attachment => store.networks.get(attachment.Target)).filter(network => network !== undefined),
	];
	if (networks.length === 0) {
		return undefined;
	}

	return networks.map(network => ({
		Network: {
			ID: network.Id,
			Version: {Index: 6},
			CreatedAt: network.Created,
			UpdatedAt: network.Created,
			Spec: {
				Name: network.Name,
				Labels: network.Labels ?? {},
				DriverConfiguration: network.Ingress ? {} : {Name: 'overlay'},
				...(network.Ingress ? {Ingress: true} : {}),
				IPAMOptions: {Driver: network.Ingress ? {} : {Name: 'default'}},
				Scope: 'swarm',
			},
			DriverState: {Name: 'overlay', Options: network.Options},
			IPAMOptions: {Driver: {Name: 'default'}, Configs: network.IPAM.Config},
		},
		Addresses: [nextAddress(store, network.Id)],
	}));
}

/** The endpoint the allocator gives a spec: published ports (from 30000 when none is asked) and VIPs. */
export function allocateEndpoint(store: Store, spec: ServiceSpec, previous?: Service['Endpoint']): Service['Endpoint'] {
	const ports = spec.EndpointSpec?.Ports ?? [];
	const networks = spec.TaskTemplate.Networks ?? [];
	if (ports.length === 0 && networks.length === 0) {
		return {Spec: {}};
	}

	const ingress = [...store.networks.values()].find(network => network.Ingress);
	const vipNetworks = [...(ports.length > 0 && ingress ? [ingress.Id] : []), ...networks.map(network => network.Target)];
	const published = ports.map(port => ({
		...port,
		PublishedPort: port.PublishedPort
			?? previous?.Ports?.find(old => old.TargetPort === port.TargetPort && old.Protocol === port.Protocol)?.PublishedPort
			?? store.nextPublishedPort++,
	}));
	return {
		Spec: structuredClone(spec.EndpointSpec ?? {Mode: 'vip'}),
		...(published.length > 0 ? {Ports: published} : {}),
		VirtualIPs: vipNetworks.map(networkId => previous?.VirtualIPs?.find(vip => vip.NetworkID === networkId) ?? {NetworkID: networkId, Addr: nextAddress(store, networkId)}),
	};
}
