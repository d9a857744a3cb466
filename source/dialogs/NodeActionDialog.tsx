import {Text} from 'ink';
import {nodeActionById} from '../actions/index.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useNodes} from '../model/hooks.js';
import {useNodeActions} from '../state/node-actions.js';
import type {NodeActionDialog as Dialog} from '../state/store.js';
import {theme} from '../theme.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {FormDialog} from './FormDialog.js';

type Props = {
	dialog: Dialog;
	width: number;
	height: number;
	onClose: () => void;
};

function NodeGone({onClose}: {onClose: () => void}) {
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'cancel' || id === 'submit') {
			onClose();
		}
	});
	return <Text color={theme.danger}>That node is no longer in the swarm. Press Esc.</Text>;
}

/** A node action's form or confirmation, looked up by the action's ID, as DialogManager does for services. */
export function NodeActionDialog({dialog, width, height, onClose}: Props) {
	const {submit, confirm, subject} = useNodeActions();
	// Subscribed, so a confirmation learns at once that its node changed.
	const nodes = useNodes();
	const node = nodes.data?.find(candidate => candidate.id === dialog.nodeId);
	const action = nodeActionById(dialog.actionId);
	const target = subject(dialog.nodeId);
	if (!node || !action || !target) {
		return <NodeGone onClose={onClose}/>;
	}

	if (dialog.stage === 'confirm') {
		const changed = node.specDigest !== dialog.decision.write.basis.specDigest;
		return (
			<ConfirmDialog
				key={`${dialog.decision.write.basis.specDigest}:${dialog.message ?? ''}`}
				decision={dialog.decision}
				message={changed ? `${node.hostname} changed since this question was shown: y shows what it is now and asks again.` : dialog.message}
				width={width}
				height={height}
				onConfirm={() => {
					confirm(dialog);
				}}
				onCancel={onClose}
			/>
		);
	}

	const form = action.form?.(target);
	if (!form) {
		return <NodeGone onClose={onClose}/>;
	}

	return (
		<FormDialog
			key={dialog.message}
			form={form}
			values={dialog.values}
			message={dialog.message}
			decide={values => action.decide(target, values)}
			onSubmit={values => submit(action.id, node.id, values)}
			onCancel={onClose}
			width={width}
			height={height}
		/>
	);
}
