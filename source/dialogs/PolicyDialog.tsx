import {Box, Text} from 'ink';
import {useState} from 'react';
import {TextInput} from '../components/TextInput.js';
import {formatGoDuration} from '../format/go-duration.js';
import {resolveCommand} from '../keys/registry.js';
import {policyCommand, type PolicyChanges} from '../swarm/commands.js';
import {updateOrders, type PolicyKind, type SwarmService, type UpdatePolicy} from '../swarm/types.js';
import {failureActionsFor, parsePolicyField, policyFields, type PolicyField, type PolicyInput} from '../swarm/validate.js';
import {theme} from '../theme.js';
import {CommandPreview, DialogFrame} from './DialogFrame.js';
import {useKeys, useStateNow} from '../keys/use-keys.js';

type Props = {
	service: SwarmService;
	width: number;
	onSave: (input: Partial<Record<PolicyKind, PolicyInput>>) => void;
	onCancel: () => void;
};

const kinds = ['update', 'rollback'] as const satisfies readonly PolicyKind[];

const fieldLabels: Record<PolicyField, string> = {
	parallelism: 'parallelism',
	delay: 'delay',
	failureAction: 'failure action',
	monitor: 'monitor',
	maxFailureRatio: 'max failure ratio',
	order: 'order',
};

type FieldKey = `${PolicyKind}.${PolicyField}`;
const fieldKeys: FieldKey[] = kinds.flatMap(kind => policyFields.map(field => `${kind}.${field}` as FieldKey));

function splitKey(key: FieldKey): [PolicyKind, PolicyField] {
	return key.split('.') as [PolicyKind, PolicyField];
}

function choicesOf(kind: PolicyKind, field: PolicyField): readonly string[] | undefined {
	if (field === 'failureAction') {
		return failureActionsFor(kind);
	}

	return field === 'order' ? updateOrders : undefined;
}

export function policyText(field: PolicyField, value: UpdatePolicy[PolicyField]): string {
	return field === 'delay' || field === 'monitor' ? formatGoDuration(value as number) : String(value);
}

function initialTexts(service: SwarmService): Record<FieldKey, string> {
	const texts = {} as Record<FieldKey, string>;
	for (const key of fieldKeys) {
		const [kind, field] = splitKey(key);
		const policy = kind === 'update' ? service.updatePolicy : service.rollbackPolicy;
		texts[key] = policyText(field, policy[field]);
	}

	return texts;
}

type Checked = {errors: Partial<Record<FieldKey, string>>; input: Partial<Record<PolicyKind, PolicyInput>>; changes: PolicyChanges};

/** Validates every field and keeps those whose value differs from what is in force. */
export function checkPolicyForm(service: SwarmService, texts: Record<FieldKey, string>): Checked {
	const checked: Checked = {errors: {}, input: {}, changes: {}};
	for (const key of fieldKeys) {
		const [kind, field] = splitKey(key);
		const current = (kind === 'update' ? service.updatePolicy : service.rollbackPolicy)[field];
		try {
			const value = parsePolicyField(kind, field, texts[key]);
			if (value !== current) {
				checked.input[kind] = {...checked.input[kind], [field]: texts[key]};
				checked.changes[kind] = {...checked.changes[kind], [field]: value};
			}
		} catch (error) {
			checked.errors[key] = (error as Error).message;
		}
	}

	return checked;
}

/** All update and rollback policy fields, with the daemon's defaults filled in. */
export function PolicyDialog({service, width, onSave, onCancel}: Props) {
	const [texts, setTexts, currentTexts] = useStateNow(() => initialTexts(service));
	const [focus, setFocus, currentFocus] = useStateNow(0);
	const [complaint, setComplaint] = useState<string>();
	const focusedKey = fieldKeys[focus]!;
	const {errors, changes} = checkPolicyForm(service, texts);
	const errorList = Object.values(errors);
	const changed = Object.keys(changes).length > 0;

	const setText = (key: FieldKey, text: string) => {
		setComplaint(undefined);
		setTexts(previous => ({...previous, [key]: text}));
	};

	useKeys((character, key) => {
		const id = resolveCommand(character, key, ['dialog', 'form'])?.id;
		const latest = currentTexts();
		const submitted = checkPolicyForm(service, latest);
		const latestKey = fieldKeys[currentFocus()]!;
		const latestChoices = choicesOf(...splitKey(latestKey));
		switch (id) {
			case 'cancel': {
				onCancel();
				break;
			}

			case 'submit': {
				if (Object.keys(submitted.errors).length > 0) {
					setComplaint('Fix the fields marked ✘ first: nothing was sent.');
				} else if (Object.keys(submitted.changes).length > 0) {
					onSave(submitted.input);
				} else {
					setComplaint('Nothing to save: every value is already in force.');
				}

				break;
			}

			case 'nextField':
			case 'previousField': {
				const step = id === 'nextField' ? 1 : -1;
				setFocus(previous => (previous + step + fieldKeys.length) % fieldKeys.length);
				break;
			}

			case 'nextChoice':
			case 'previousChoice': {
				if (latestChoices) {
					const index = latestChoices.indexOf(latest[latestKey]);
					const step = id === 'nextChoice' ? 1 : -1;
					setText(latestKey, latestChoices[(index + step + latestChoices.length) % latestChoices.length]!);
				}

				break;
			}

			default: {
				break;
			}
		}
	});

	const columnWidth = Math.max(30, Math.floor((Math.min(width, 100) - 6) / 2));
	return (
		<DialogFrame title={`Update and rollback policy of ${service.name}`} width={width} scopes={['dialog', 'form']}>
			<Box>
				{kinds.map(kind => (
					<Box key={kind} flexDirection="column" width={columnWidth}>
						<Text bold underline>{kind === 'update' ? 'Update (--update-*)' : 'Rollback (--rollback-*)'}</Text>
						{policyFields.map(field => {
							const key: FieldKey = `${kind}.${field}`;
							const isFocused = key === focusedKey;
							const choices = choicesOf(kind, field);
							return (
								<Box key={key}>
									<Text color={isFocused ? theme.accent : undefined}>{isFocused ? '›' : ' '} {fieldLabels[field].padEnd(18)}</Text>
									{choices
										? <Text inverse={isFocused}>{isFocused ? `‹ ${texts[key]} ›` : texts[key]}</Text>
										: <TextInput isActive={isFocused} value={texts[key]} onChange={text => {
											setText(key, text);
										}}/>}
									{errors[key] ? <Text color={theme.danger}> ✘</Text> : null}
								</Box>
							);
						})}
					</Box>
				))}
			</Box>
			<Box marginTop={1} flexDirection="column">
				{errors[focusedKey] ? <Text color={theme.danger} wrap="wrap">✘ {errors[focusedKey]}</Text> : null}
				{!errors[focusedKey] && errorList.length > 0 ? <Text color={theme.danger} wrap="wrap">✘ {errorList[0]}</Text> : null}
				{complaint ? <Text color={theme.warning}>{complaint}</Text> : null}
				{changed && errorList.length === 0 ? <CommandPreview command={policyCommand(service.name, changes)}/> : null}
				<Text color={theme.muted} wrap="wrap">Saving changes only the policy: no task is replaced.</Text>
			</Box>
		</DialogFrame>
	);
}
