import {Text} from 'ink';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useActions} from '../state/actions.js';
import type {Dialog} from '../state/store.js';
import {scaleCommand} from '../swarm/commands.js';
import type {SwarmService} from '../swarm/types.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {ForceDialog} from './ForceDialog.js';
import {HelpOverlay} from './HelpOverlay.js';
import {ImageDialog} from './ImageDialog.js';
import {PolicyDialog} from './PolicyDialog.js';
import {RollbackDialog} from './RollbackDialog.js';
import {ScaleDialog} from './ScaleDialog.js';

type Props = {
	dialog: Dialog;
	services: readonly SwarmService[];
	width: number;
	height: number;
};

/** The dialog's service was removed meanwhile: say so, and let Esc (or Enter) close it. */
function ServiceGone({onClose}: {onClose: () => void}) {
	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'cancel' || id === 'submit') {
			onClose();
		}
	});
	return <Text color="red">That service no longer exists. Press Esc.</Text>;
}

/** Shows the one open dialog. Every dialog closes before its action runs. */
export function DialogManager({dialog, services, width, height}: Props) {
	const {dispatch, run, client} = useActions();
	const close = () => {
		dispatch({type: 'closeDialog'});
	};

	const closeAndRun = (...parameters: Parameters<typeof run>) => {
		close();
		void run(...parameters);
	};

	if (dialog.kind === 'help') {
		return <HelpOverlay width={width} height={height} readOnly={client.readOnly} onClose={close}/>;
	}

	const service = services.find(candidate => candidate.id === dialog.serviceId);
	if (!service) {
		return <ServiceGone onClose={close}/>;
	}

	const {name} = service;
	switch (dialog.kind) {
		case 'scale': {
			return (
				<ScaleDialog
					service={service}
					width={width}
					onScale={replicas => {
						closeAndRun(`Scaling ${name} to ${replicas}`, async client => client.scale(name, replicas));
					}}
					onScaleToZero={() => {
						dispatch({type: 'openDialog', dialog: {kind: 'confirmScale', serviceId: service.id, replicas: '0'}});
					}}
					onCancel={close}
				/>
			);
		}

		case 'confirmScale': {
			return (
				<ConfirmDialog
					title={`Scale ${name} to ${dialog.replicas}?`}
					command={scaleCommand(name, Number(dialog.replicas))}
					width={width}
					onConfirm={() => {
						closeAndRun(`Scaling ${name} to ${dialog.replicas}`, async client => client.scale(name, dialog.replicas));
					}}
					onCancel={close}
				>
					<Text wrap="wrap">This stops every task of {name}: it serves nothing until you scale it up again.</Text>
				</ConfirmDialog>
			);
		}

		case 'policy': {
			return (
				<PolicyDialog
					service={service}
					width={width}
					onSave={input => {
						closeAndRun(`Changing the policy of ${name}`, async client => client.setPolicies(name, input));
					}}
					onCancel={close}
				/>
			);
		}

		case 'image': {
			return (
				<ImageDialog
					service={service}
					width={width}
					onSetImage={image => {
						closeAndRun(`Changing the image of ${name} to ${image}`, async client => client.setImage(name, image));
					}}
					onCancel={close}
				/>
			);
		}

		case 'rollback': {
			return (
				<RollbackDialog
					service={service}
					width={width}
					onRollback={() => {
						closeAndRun(`Rolling back ${name}`, async client => client.rollback(name));
					}}
					onCancel={close}
				/>
			);
		}

		case 'force': {
			return (
				<ForceDialog
					service={service}
					width={width}
					onForce={() => {
						closeAndRun(`Forcing a redeploy of ${name}`, async client => client.forceRedeploy(name));
					}}
					onCancel={close}
				/>
			);
		}

		default: {
			return null;
		}
	}
}
