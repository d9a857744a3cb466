import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ActionStatus} from '../state/store.js';
import {theme} from '../theme.js';

/**
 * What the last action did and the docker command that does the same. It stays until the
 * next action, so a class has time to read and copy the command.
 */
export function StatusLine({status}: {status: ActionStatus}) {
	switch (status.kind) {
		case 'running': {
			return (
				<Box>
					<Text color={theme.accent}><Spinner type="dots"/></Text>
					<Text wrap="truncate"> {status.description}…</Text>
				</Box>
			);
		}

		case 'done': {
			return (
				<Box flexDirection="column">
					<Text wrap="truncate" color={theme.ok}>✔ {status.result.summary}</Text>
					<Text wrap="truncate"><Text color={theme.muted}>$ </Text><Text bold>{status.result.command}</Text></Text>
					{status.result.warnings.map(warning => <Text key={warning} wrap="truncate" color={theme.warning}>! {warning}</Text>)}
				</Box>
			);
		}

		case 'failed': {
			return (
				<Box flexDirection="column">
					<Text wrap="wrap" color={theme.danger}>✘ {status.description} failed: {status.message}</Text>
					{status.nothingSent ? <Text color={theme.muted}>Nothing was sent to the swarm.</Text> : null}
				</Box>
			);
		}

		case 'notice': {
			return <Text wrap="wrap" color={theme.warning}>{status.message}</Text>;
		}

		default: {
			return null;
		}
	}
}
