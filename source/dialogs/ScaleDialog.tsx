import {Box, Text} from 'ink';
import {TextInput} from '../components/TextInput.js';
import {resolveCommand} from '../keys/registry.js';
import {scaleCommand} from '../swarm/commands.js';
import type {SwarmService} from '../swarm/types.js';
import {parseReplicas, scaleRefusal} from '../swarm/validate.js';
import {theme} from '../theme.js';
import {CommandPreview, DialogFrame} from './DialogFrame.js';
import {useKeys, useStateNow} from '../keys/use-keys.js';

type Props = {
	service: SwarmService;
	width: number;
	onScale: (replicas: string) => void;
	/** Scaling to 0 stops every task: the caller asks again before doing it. */
	onScaleToZero: () => void;
	onCancel: () => void;
};

function check(text: string, service: SwarmService): {replicas?: number; error?: string} {
	try {
		return {replicas: parseReplicas(text, service)};
	} catch (error) {
		return {error: (error as Error).message};
	}
}

export function ScaleDialog({service, width, onScale, onScaleToZero, onCancel}: Props) {
	const [text, setText, currentText] = useStateNow(String(service.replicas ?? ''));
	const refusal = scaleRefusal(service);
	const {replicas, error} = check(text, service);

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'cancel') {
			onCancel();
		} else if (id === 'submit') {
			const submitted = check(currentText(), service);
			if (refusal) {
				onCancel();
			} else if (submitted.replicas === 0) {
				onScaleToZero();
			} else if (submitted.replicas !== undefined) {
				onScale(String(submitted.replicas));
			}
		}
	});

	if (refusal) {
		return (
			<DialogFrame title={`Scale ${service.name}`} width={width} scopes={['dialog']}>
				<Box marginY={1}><Text color={theme.warning} wrap="wrap">{refusal}</Text></Box>
			</DialogFrame>
		);
	}

	return (
		<DialogFrame title={`Scale ${service.name}`} width={width} scopes={['dialog']}>
			<Text>Now {service.runningTasks}/{service.desiredTasks} running. Scaling changes no running task: it adds or removes replicas.</Text>
			<Box marginY={1}>
				<Text>Replicas: </Text>
				<TextInput isActive value={text} onChange={setText}/>
			</Box>
			{error ? <Text color={theme.danger} wrap="wrap">✘ {error}</Text> : <CommandPreview command={scaleCommand(service.name, replicas ?? 0)}/>}
		</DialogFrame>
	);
}
