import {Box, Text} from 'ink';
import {useState} from 'react';
import {TextInput} from '../components/TextInput.js';
import {displayImage} from '../format/image.js';
import {formatPolicyShort} from '../format/policy.js';
import {resolveCommand} from '../keys/registry.js';
import {imageCommand} from '../swarm/commands.js';
import type {SwarmService} from '../swarm/types.js';
import {checkNewImage} from '../swarm/validate.js';
import {theme} from '../theme.js';
import {ConfirmDialog} from './ConfirmDialog.js';
import {CommandPreview, DialogFrame} from './DialogFrame.js';
import {useKeys, useStateNow} from '../keys/use-keys.js';

type Props = {
	service: SwarmService;
	width: number;
	onSetImage: (image: string) => void;
	onCancel: () => void;
};

function check(text: string, service: SwarmService): {image?: string; error?: string} {
	try {
		return {image: checkNewImage(text, service)};
	} catch (error) {
		return {error: (error as Error).message};
	}
}

/** Type the new image, then confirm: an image change replaces every task. */
export function ImageDialog({service, width, onSetImage, onCancel}: Props) {
	const [text, setText, currentText] = useStateNow(displayImage(service.image));
	const [confirmed, setConfirmed] = useState<string>();
	const {image, error} = check(text, service);

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog'])?.id;
		if (id === 'cancel') {
			onCancel();
		} else if (id === 'submit') {
			setConfirmed(check(currentText(), service).image);
		}
	}, {isActive: confirmed === undefined});

	if (confirmed) {
		return (
			<ConfirmDialog
				title={`Change the image of ${service.name}?`}
				command={imageCommand(service.name, confirmed)}
				width={width}
				onConfirm={() => {
					onSetImage(confirmed);
				}}
				onCancel={onCancel}
			>
				<Text wrap="wrap">{displayImage(service.image)} → <Text bold>{confirmed}</Text></Text>
				<Text wrap="wrap">Every task is replaced: {formatPolicyShort(service.updatePolicy)}.</Text>
			</ConfirmDialog>
		);
	}

	return (
		<DialogFrame title={`Image of ${service.name}`} width={width} scopes={['dialog']}>
			<Box marginY={1}>
				<Text>Image: </Text>
				<TextInput isActive value={text} onChange={setText}/>
			</Box>
			{error ? <Text color={theme.danger} wrap="wrap">✘ {error}</Text> : <CommandPreview command={imageCommand(service.name, image!)}/>}
		</DialogFrame>
	);
}
