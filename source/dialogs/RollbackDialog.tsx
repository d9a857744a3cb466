import {Box, Text} from 'ink';
import {resolveCommand} from '../keys/registry.js';
import {rollbackCommand} from '../swarm/commands.js';
import {diffSpecs, replacesTasks} from '../swarm/spec-diff.js';
import type {SwarmService} from '../swarm/types.js';
import {rollbackRefusal} from '../swarm/write.js';
import {theme} from '../theme.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {DialogFrame} from './DialogFrame.js';
import {useKeys} from '../keys/use-keys.js';

type Props = {
	service: SwarmService;
	width: number;
	onRollback: () => void;
	onCancel: () => void;
};

function NothingToRollBack({message, width, onCancel}: {message: string; width: number; onCancel: () => void}) {
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'cancel' || id === 'submit') {
			onCancel();
		}
	});
	return (
		<DialogFrame title="Nothing to roll back to" width={width} scopes={['dialog']}>
			<Box marginY={1}><Text color={theme.warning} wrap="wrap">{message}</Text></Box>
		</DialogFrame>
	);
}

/** Shows what a rollback will change (Spec → PreviousSpec) before it happens. */
export function RollbackDialog({service, width, onRollback, onCancel}: Props) {
	const refusal = rollbackRefusal(service);
	if (refusal || !service.previousSpec) {
		return <NothingToRollBack message={refusal ?? ''} width={width} onCancel={onCancel}/>;
	}

	const changes = diffSpecs(service.spec, service.previousSpec);
	const replaces = replacesTasks(service.spec, service.previousSpec);
	return (
		<ConfirmDialog title={`Roll back ${service.name} to its previous spec?`} command={rollbackCommand(service.name)} width={width} onConfirm={onRollback} onCancel={onCancel}>
			{changes.length === 0
				? <Text>No field shown here differs between the current and the previous spec.</Text>
				: changes.map(change => (
					<Text key={change.field} wrap="truncate">  {change.field}: {change.from} → <Text bold>{change.to}</Text></Text>
				))}
			<Text wrap="wrap" color={theme.muted}>
				{replaces ? 'Tasks are replaced, following the rollback policy.' : 'No task is replaced: only replicas or policies differ.'}
				{' '}The swarm keeps one previous spec: rolling back twice returns to where you are now.
			</Text>
		</ConfirmDialog>
	);
}
