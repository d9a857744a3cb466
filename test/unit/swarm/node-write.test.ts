// The guarded node write over the real client and an in-memory daemon: it sends the edit
// on the freshly inspected spec with the version seen, and nothing when the node moved on.
import {describe, expect, it} from 'vitest';
import {ReadOnlyError, ValidationError} from '../../../source/swarm/errors.js';
import {editedNodeSpec, StaleNodeError} from '../../../source/swarm/node-write.js';
import {createFakeClient, makeNode} from '../../support/fake-client.js';

const ref = {id: 'id-node3', hostname: 'node3'};
const basis = (node: {specDigest: string}) => ({specDigest: node.specDigest});

describe('writeNode', () => {
	it('sends the edit with the version just read, keeping the rest of the spec', async () => {
		const node = makeNode({hostname: 'node3', version: 41, labels: {disk: 'ssd'}});
		const client = createFakeClient({nodes: [node]});
		const outcome = await client.writeNode(ref, {kind: 'node', edit: {kind: 'availability', availability: 'drain'}, basis: basis(node)});
		expect(outcome).toEqual({node: ref, versionBefore: 41, versionAfter: 42});
		expect(client.sent).toEqual([{action: 'node', service: 'node3', payload: {Labels: {disk: 'ssd'}, Role: 'worker', Availability: 'drain'}}]);
	});

	it('goes through when only the version moved (the node\'s status changes it), not its spec', async () => {
		const decided = makeNode({hostname: 'node3', version: 41});
		const client = createFakeClient({nodes: [makeNode({hostname: 'node3', version: 57})]});
		const outcome = await client.writeNode(ref, {kind: 'node', edit: {kind: 'availability', availability: 'drain'}, basis: basis(decided)}, decided);
		expect(outcome.versionBefore).toBe(57);
		expect(client.sent).toHaveLength(1);
	});

	it('sends nothing when the node\'s spec changed since the decision, and says what changed', async () => {
		const client = createFakeClient({nodes: [makeNode({hostname: 'node3', version: 43, availability: 'pause'})]});
		const decided = makeNode({hostname: 'node3', version: 41});
		const write = client.writeNode(ref, {kind: 'node', edit: {kind: 'availability', availability: 'drain'}, basis: basis(decided)}, decided);
		await expect(write).rejects.toBeInstanceOf(StaleNodeError);
		await expect(write).rejects.toThrow('node3 changed since you looked (availability active → pause). Nothing was sent');
		expect(client.sent).toEqual([]);
	});

	it('refuses a change that changes nothing', async () => {
		const node = makeNode({hostname: 'node3', version: 41, labels: {zone: 'east'}});
		const client = createFakeClient({nodes: [node]});
		await expect(client.writeNode(ref, {kind: 'node', edit: {kind: 'labelAdd', key: 'zone', value: 'east'}, basis: basis(node)})).rejects.toBeInstanceOf(ValidationError);
		expect(client.sent).toEqual([]);
	});

	it('is refused in read-only mode before anything is read', async () => {
		const node = makeNode({hostname: 'node3', version: 41});
		const client = createFakeClient({readOnly: true, nodes: [node]});
		await expect(client.writeNode(ref, {kind: 'node', edit: {kind: 'role', role: 'manager'}, basis: basis(node)})).rejects.toBeInstanceOf(ReadOnlyError);
		expect(client.sent).toEqual([]);
	});

	it('says the daemon\'s own words when it refuses', async () => {
		const node = makeNode({hostname: 'node1', id: 'n1', role: 'manager', isLeader: true, version: 5});
		const client = createFakeClient({nodes: [node]});
		await expect(client.writeNode({id: 'n1', hostname: 'node1'}, {kind: 'node', edit: {kind: 'role', role: 'worker'}, basis: basis(node)})).rejects.toThrow('attempting to demote the last manager of the swarm');
	});
});

describe('editedNodeSpec', () => {
	it('adds, changes and removes labels without touching the input', () => {
		const spec = {Labels: {a: '1'}, Role: 'worker', Availability: 'active', Name: 'kept'};
		expect(editedNodeSpec(spec, {kind: 'labelAdd', key: 'b', value: ''})).toEqual({...spec, Labels: {a: '1', b: ''}});
		expect(editedNodeSpec(spec, {kind: 'labelRemove', key: 'a'})).toEqual({...spec, Labels: {}});
		expect(spec.Labels).toEqual({a: '1'});
	});
});
