import {Box, Text} from 'ink';
import {useFindings} from '../advisor/hooks.js';
import {inspectLines} from '../format/inspect.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {useNow} from '../model/hooks.js';
import {useActions} from '../state/actions.js';
import {useServiceCommands} from '../state/service-commands.js';
import type {SwarmService} from '../swarm/types.js';
import {theme} from '../theme.js';
import {isMovement} from './selection.js';
import {useScroll} from './use-scroll.js';

type Props = {
	service: SwarmService | undefined;
	isActive: boolean;
	width: number;
	height: number;
};

/** `docker service inspect --pretty`, live, plus what changed since the previous spec. */
export function InspectScreen({service, isActive, width, height}: Props) {
	const {dispatch} = useActions();
	const runServiceCommand = useServiceCommands();
	const now = useNow(1000);
	const findings = useFindings(service);
	const lines = service ? inspectLines(service, now, findings ?? 'reading', width) : [];
	const visible = Math.max(1, height - 1);
	const {offset, scroll} = useScroll(lines.length, visible);
	useKeys((input, key) => {
		const command = resolveCommand(input, key, ['detail', 'service', 'list']);
		if (!command) {
			return;
		}

		if (command.id === 'back') {
			dispatch({type: 'back'});
		} else if (isMovement(command.id)) {
			scroll(command.id);
		} else if (command.id !== 'inspect') {
			runServiceCommand(command.id, service);
		}
	}, {isActive});

	if (!service) {
		return <Text color={theme.danger}>This service no longer exists. Esc goes back.</Text>;
	}

	return (
		<Box flexDirection="column" width={width}>
			{lines.slice(offset, offset + visible).map((line, index) => (
				<Text key={String(offset + index)} wrap="truncate" bold={line.heading}>{line.text}</Text>
			))}
			{lines.length > visible ? <Text color={theme.muted}>{`  ${offset + 1}-${Math.min(lines.length, offset + visible)} of ${lines.length} (↑/↓ scroll)`}</Text> : null}
		</Box>
	);
}
