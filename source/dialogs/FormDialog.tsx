import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Decision, Form, FormField, FormValues} from '../actions/action.js';
import {useImageHealth} from '../advisor/hooks.js';
import {TextInput} from '../components/TextInput.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {theme} from '../theme.js';
import {CommandPreview, DialogFrame, PlanLines} from './DialogFrame.js';

type Props = {
	form: Form;
	/** Values to start from instead of the fields' own (a form shown again). */
	values?: FormValues;
	/** Why the form is shown again, if it is. */
	message?: string;
	/** The decision these values lead to, for the live preview; throws when they break a rule. */
	decide: (values: FormValues) => Decision<unknown>;
	/** Sends the values on: returns the sentence to show when they cannot go on. */
	onSubmit: (values: FormValues) => string | undefined;
	onCancel: () => void;
	width: number;
};

const labelWidth = 18;

function initialValues(form: Form, values: FormValues | undefined): Record<string, string> {
	const fields = form.groups.flatMap(group => group.fields);
	return Object.fromEntries(fields.map(field => [field.key, values?.[field.key] ?? field.initial]));
}

/** An action's form, built from its declaration: fields validated as you type, and the command they make. */
export function FormDialog({form, values: given, message, decide, onSubmit, onCancel, width}: Props) {
	const fields: FormField[] = form.groups.flatMap(group => group.fields);
	const [values, setValues] = useState(() => initialValues(form, given));
	const [focus, setFocus] = useState(0);
	const [complaint, setComplaint] = useState<string>();
	const errors = Object.fromEntries(fields.map(field => [field.key, field.check?.(values[field.key] ?? '')]));
	const firstError = fields.map(field => errors[field.key]).find(Boolean);
	const focused = fields[focus]!;
	const imageHealth = useImageHealth(form.advice?.image);
	const advice = form.advice && imageHealth.loaded ? form.advice.lines(values, imageHealth.health) : [];

	let decision: Decision<unknown> | undefined;
	if (!firstError) {
		try {
			decision = decide(values);
		} catch {
			// Shown when the person submits: a form that merely changes nothing yet is not an error.
		}
	}

	const setValue = (key: string, text: string) => {
		setComplaint(undefined);
		setValues(previous => ({...previous, [key]: text}));
	};

	useKeys((input, key) => {
		const id = resolveCommand(input, key, ['dialog', 'form'])?.id;
		// Keys arrive one per render, so the values rendered are the latest ones.
		const latest = values;
		const field = focused;
		switch (id) {
			case 'cancel': {
				onCancel();
				break;
			}

			case 'submit': {
				if (fields.some(candidate => candidate.check?.(latest[candidate.key] ?? ''))) {
					setComplaint(fields.length > 1 ? 'Fix the fields marked ✘ first: nothing was sent.' : undefined);
				} else {
					setComplaint(onSubmit(latest));
				}

				break;
			}

			case 'nextField':
			case 'previousField': {
				const step = id === 'nextField' ? 1 : -1;
				setFocus(previous => (previous + step + fields.length) % fields.length);
				break;
			}

			case 'nextChoice':
			case 'previousChoice': {
				if (field.choices) {
					const index = field.choices.indexOf(latest[field.key] ?? '');
					const step = id === 'nextChoice' ? 1 : -1;
					setValue(field.key, field.choices[(index + step + field.choices.length) % field.choices.length]!);
				}

				break;
			}

			default: {
				break;
			}
		}
	});

	const frameWidth = Math.min(width, 100);
	const sideBySide = form.groups.length > 1 && frameWidth - 4 >= form.groups.length * 40;
	const columnWidth = sideBySide ? Math.floor((frameWidth - 4) / form.groups.length) : frameWidth - 4;
	return (
		<DialogFrame title={form.title} width={width} scopes={fields.length > 1 ? ['dialog', 'form'] : ['dialog']}>
			{message ? <Text color={theme.warning} wrap="wrap">{message}</Text> : null}
			{form.intro?.map(line => <Text key={line} wrap="wrap">{line}</Text>)}
			<Box flexDirection={sideBySide ? 'row' : 'column'} marginY={1}>
				{form.groups.map(group => (
					<Box key={group.title ?? 'fields'} flexDirection="column" width={columnWidth}>
						{group.title ? <Text bold underline>{group.title}</Text> : null}
						{group.fields.map(field => {
							const isFocused = field === focused;
							const value = values[field.key] ?? '';
							// A lone field reads like a prompt: `Replicas: 4`.
							const label = fields.length === 1 ? `${field.label}: ` : `${isFocused ? '›' : ' '} ${field.label.padEnd(labelWidth)}`;
							return (
								<Box key={field.key}>
									<Text color={isFocused && fields.length > 1 ? theme.accent : undefined}>{label}</Text>
									{field.choices
										? <Text inverse={isFocused}>{isFocused ? `‹ ${value} ›` : value}</Text>
										: <TextInput isActive={isFocused} value={value} onChange={text => {
											setValue(field.key, text);
										}}/>}
									{errors[field.key] && fields.length > 1 ? <Text color={theme.danger}> ✘</Text> : null}
								</Box>
							);
						})}
					</Box>
				))}
			</Box>
			{errors[focused.key] ? <Text color={theme.danger} wrap="wrap">✘ {errors[focused.key]}</Text> : null}
			{!errors[focused.key] && firstError ? <Text color={theme.danger} wrap="wrap">✘ {firstError}</Text> : null}
			{complaint ? <Text color={theme.warning} wrap="wrap">{complaint}</Text> : null}
			{form.note ? <Text color={theme.muted} wrap="wrap">{form.note}</Text> : null}
			{decision
				? (
					<Box flexDirection="column">
						<CommandPreview command={decision.command}/>
						<PlanLines lines={decision.lines}/>
					</Box>
				)
				: null}
			{advice.length > 0 ? <PlanLines lines={advice}/> : null}
		</DialogFrame>
	);
}
