// Every action that changes the swarm. The key registry, the dialogs and the palette find
// actions here; adding one is adding its file and a line below.
import {editors} from './service/editors.js';
import {force} from './service/force.js';
import {image} from './service/image.js';
import {policy} from './service/policy.js';
import {remove} from './service/remove.js';
import {rollback} from './service/rollback.js';
import {typedUpdate} from './service/typed-update.js';
import {scale, scaleDown, scaleUp} from './service/scale.js';
import {activate, drain, pause} from './node/availability.js';
import {labelAdd, labelRemove} from './node/label.js';
import {demote, promote} from './node/role.js';
import type {NodeAction, ServiceAction} from './action.js';

export const serviceActions = [scale, scaleUp, scaleDown, policy, rollback, image, force, ...editors, typedUpdate, remove] as const;

export type ServiceActionId = (typeof serviceActions)[number]['id'];

export function serviceActionById(id: string): ServiceAction | undefined {
	return (serviceActions as readonly ServiceAction[]).find(action => action.id === id);
}

export const nodeActions = [drain, pause, activate, labelAdd, labelRemove, promote, demote] as const;

export function nodeActionById(id: string): NodeAction | undefined {
	return (nodeActions as readonly NodeAction[]).find(action => action.id === id);
}
