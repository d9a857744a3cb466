import {Text} from 'ink';
import {serviceActionById} from '../actions/index.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {outran, useActions} from '../state/actions.js';
import type {Dialog} from '../state/store.js';
import type {SwarmService} from '../swarm/types.js';
import {theme} from '../theme.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {CreateDialog} from './CreateDialog.js';
import {FormDialog} from './FormDialog.js';
import {HelpOverlay} from './HelpOverlay.js';
import {NodeActionDialog} from './NodeActionDialog.js';

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
	return <Text color={theme.danger}>That service no longer exists. Press Esc.</Text>;
}

/**
 * Shows the one open dialog: the help, or an action's form or confirmation, looked up by
 * the action's ID. What happens on submit and on `y` is the action runner's business.
 */
export function DialogManager({dialog, services, width, height}: Props) {
	const {dispatch, client, submit, confirm, references} = useActions();
	const close = () => {
		dispatch({type: 'closeDialog'});
	};

	if (dialog.kind === 'help') {
		return <HelpOverlay width={width} height={height} readOnly={client.readOnly} onClose={close}/>;
	}

	if (dialog.kind === 'create') {
		return <CreateDialog dialog={dialog} services={services} width={width} height={height} onClose={close}/>;
	}

	if (dialog.kind === 'nodeAction') {
		return <NodeActionDialog dialog={dialog} width={width} height={height} onClose={close}/>;
	}

	const service = services.find(candidate => candidate.id === dialog.serviceId);
	const action = serviceActionById(dialog.actionId);
	if (!service || !action) {
		return <ServiceGone onClose={close}/>;
	}

	if (dialog.stage === 'confirm') {
		return (
			<ConfirmDialog
				// A new question (asked again after a change) starts at its top.
				key={dialog.decision.write.basis?.specDigest ?? dialog.message}
				decision={dialog.decision}
				// Said as soon as it is known, not only when y is pressed.
				message={outran(dialog.decision, service) ? `${service.name} changed since this question was shown: y shows what it is now and asks again.` : dialog.message}
				width={width}
				height={height}
				onConfirm={() => {
					confirm(action.id, service, dialog.values, dialog.decision, dialog.decidedSpec);
				}}
				onCancel={close}
			/>
		);
	}

	const form = action.form?.(service, references());
	if (!form) {
		return <ServiceGone onClose={close}/>;
	}

	return (
		<FormDialog
			key={dialog.message}
			form={form}
			values={dialog.values}
			message={dialog.message}
			decide={values => action.decide(service, values, {references: references()})}
			onSubmit={values => submit(action.id, service, values)}
			onCancel={close}
			width={width}
			height={height}
		/>
	);
}
