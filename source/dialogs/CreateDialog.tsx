// The create form and its confirmation. Creating adds a service and replaces nothing, but
// it is asked about like every write: the whole plan, the command, then `y`.
import {createForm, decideCreate} from '../actions/service/create.js';
import {useSwarmModel} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import type {CreateDialogState} from '../state/store.js';
import {ReadOnlyError, ValidationError} from '../swarm/errors.js';
import type {SwarmService} from '../swarm/types.js';
import {UnknownOutcomeError} from '../swarm/write.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {FormDialog} from './FormDialog.js';

type Props = {
	dialog: CreateDialogState;
	services: readonly SwarmService[];
	width: number;
	height: number;
	onClose: () => void;
};

const messageOf = (error: unknown) => error instanceof ValidationError ? error.sentence : (error instanceof Error ? error.message : String(error));

export function CreateDialog({dialog, services, width, height, onClose}: Props) {
	const {dispatch, client} = useActions();
	const model = useSwarmModel();
	const copy = services.find(service => service.id === dialog.copyOf);

	if (dialog.stage === 'confirm') {
		const {decision} = dialog;
		const send = async () => {
			dispatch({type: 'closeDialog'});
			dispatch({type: 'status', status: {kind: 'running', description: decision.progress}});
			const name = decision.write.spec.Name ?? '';
			const {record} = model.timeline.begin({type: 'service', id: `create:${name}`, name}, {command: decision.command, asked: decision.progress});
			try {
				const created = await client.createService(decision.write.spec);
				dispatch({type: 'status', status: {kind: 'done', result: {service: name, command: decision.command, summary: decision.summary, warnings: created.warnings}}});
				record('done', decision.summary);
			} catch (error) {
				const nothingSent = error instanceof ValidationError || error instanceof ReadOnlyError;
				record(nothingSent ? 'not sent' : (error instanceof UnknownOutcomeError ? 'unknown' : 'failed'), messageOf(error));
				dispatch({type: 'status', status: {kind: 'failed', description: decision.progress, message: messageOf(error), nothingSent}});
			} finally {
				model.refreshAll();
			}
		};

		return <ConfirmDialog key={dialog.message} decision={decision} message={dialog.message} width={width} height={height} onConfirm={() => void send()} onCancel={onClose}/>;
	}

	return (
		<FormDialog
			key={dialog.message}
			form={createForm(copy)}
			values={dialog.values}
			message={dialog.message}
			decide={values => decideCreate(values, services)}
			onSubmit={values => {
				try {
					const decision = decideCreate(values, services);
					dispatch({type: 'openDialog', dialog: {...dialog, stage: 'confirm', values, decision}});
					return undefined;
				} catch (error) {
					return messageOf(error);
				}
			}}
			onCancel={onClose}
			width={width}
			height={height}
		/>
	);
}
