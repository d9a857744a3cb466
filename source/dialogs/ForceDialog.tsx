import {Text} from 'ink';
import {formatPolicyShort} from '../format/policy.js';
import {forceCommand} from '../swarm/commands.js';
import type {SwarmService} from '../swarm/types.js';
import {ConfirmDialog} from './ConfirmDialog.js';

type Props = {
	service: SwarmService;
	width: number;
	onForce: () => void;
	onCancel: () => void;
};

export function ForceDialog({service, width, onForce, onCancel}: Props) {
	return (
		<ConfirmDialog title={`Force a redeploy of ${service.name}?`} command={forceCommand(service.name)} width={width} onConfirm={onForce} onCancel={onCancel}>
			<Text wrap="wrap">Every task ({service.desiredTasks}) is stopped and replaced with the same spec: {formatPolicyShort(service.updatePolicy)}.</Text>
		</ConfirmDialog>
	);
}
