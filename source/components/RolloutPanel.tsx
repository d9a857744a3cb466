import {Box, Text} from 'ink';
import {formatPolicyShort} from '../format/policy.js';
import {ago, maxSlotBars, progressBar, progressError, rolloutTiming, type RolloutProgress, type ShownEstimate} from '../format/rollout.js';
import {theme} from '../theme.js';

type Props = {
	rollout: RolloutProgress;
	now: Date;
	width: number;
	/** Lines the panel may use; slots that do not fit collapse to the overall line. */
	maxHeight: number;
	readOnly: boolean;
	/** The update states this rollout went through, from swarm events. */
	statePath?: readonly string[];
	/** The estimate the confirmation of the write that started it showed, if one did. */
	estimate?: ShownEstimate;
};

const phaseColor = (rollout: RolloutProgress) => {
	switch (rollout.phase) {
		case 'completed': {
			return theme.ok;
		}

		case 'paused':
		case 'rollback paused':
		case 'rolled back': {
			return theme.danger;
		}

		default: {
			return theme.warning;
		}
	}
};

/** The way out of a pause. A paused rollback has nothing left to roll back to: only a new update helps. */
function pausedAdvice(rollout: RolloutProgress, readOnly: boolean): string {
	if (readOnly) {
		return 'Paused: it stays so until someone rolls back or updates again (read-only here).';
	}

	return rollout.phase === 'rollback paused'
		? 'Rollback paused: i (image) or f (force) starts a new update.'
		: 'Paused: r rolls back to the previous spec; i (image) or f (force) updates again.';
}

/** Three lines of context (four while paused), then the slot bars if all of them fit. */
function panelLayout(rollout: RolloutProgress, maxHeight: number, statePath: readonly string[] = []) {
	const paused = rollout.phase === 'paused' || rollout.phase === 'rollback paused';
	const fixedLines = 3 + (paused ? 1 : 0) + (statePath.length > 1 ? 1 : 0);
	const showSlots = rollout.slots.length <= maxSlotBars && rollout.slots.length <= maxHeight - fixedLines;
	return {paused, fixedLines, showSlots};
}

/** How many lines the panel needs: three of context plus one per slot that fits. */
export function rolloutPanelHeight(rollout: RolloutProgress, maxHeight: number, statePath?: readonly string[]): number {
	const {fixedLines, showSlots} = panelLayout(rollout, maxHeight, statePath);
	return Math.max(0, Math.min(maxHeight, fixedLines + (showSlots ? rollout.slots.length : 0)));
}

/** The rollout as it happens: overall count, one bar per slot, the policy and the daemon's words. */
export function RolloutPanel({rollout, now, width, maxHeight, readOnly, statePath = [], estimate}: Props) {
	const timing = rolloutTiming(rollout, estimate);
	const {paused, showSlots} = panelLayout(rollout, maxHeight, statePath);
	const labelWidth = Math.max(...rollout.slots.map(slot => slot.label.length), 3);
	const stateWidth = 9;
	const barWidth = Math.max(10, Math.min(52, width - labelWidth - stateWidth - 6));
	const kind = rollout.phase === 'rolling back' || rollout.phase === 'rollback paused' || rollout.phase === 'rolled back' ? 'rollback' : 'update';
	return (
		<Box flexDirection="column" height={rolloutPanelHeight(rollout, maxHeight, statePath)} overflow="hidden">
			<Text wrap="truncate">
				<Text bold color={phaseColor(rollout)}>{rollout.phase}</Text>
				{'  '}{rollout.headline}
				{/* After the headline: the phase and the count stay where people and scripts look for them. */}
				{timing ? <Text>{'  '}{timing}</Text> : null}
				<Text color={theme.muted}>{'  '}started {ago(rollout.startedAt, now)}{rollout.completedAt ? `, ended ${ago(rollout.completedAt, now)}` : ''}</Text>
			</Text>
			<Text wrap="truncate" color={theme.muted}>{kind} policy in force: {formatPolicyShort(rollout.policy)}</Text>
			<Text wrap="truncate">daemon says: {rollout.message || '(nothing)'}</Text>
			{statePath.length > 1 ? <Text wrap="truncate" color={theme.muted}>states so far: {statePath.join(' → ')}</Text> : null}
			{paused
				? <Text wrap="truncate" color={theme.warning}>{pausedAdvice(rollout, readOnly)}</Text>
				: null}
			{showSlots
				? rollout.slots.map(slot => (
					<Text key={slot.label} wrap="truncate">
						{slot.label.padStart(labelWidth)}: {slot.error
							? <Text color={theme.danger}>{progressError(slot.error)}</Text>
							: <Text color={slot.running ? theme.ok : theme.warning}>{slot.state.padEnd(stateWidth)} {progressBar(slot.step, barWidth)}</Text>}
					</Text>
				))
				: null}
		</Box>
	);
}
