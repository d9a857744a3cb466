import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Decision, Form, FormField, FormGroup, FormValues} from '../actions/action.js';
import {useImageHealth} from '../advisor/hooks.js';
import {TextInput} from '../components/TextInput.js';
import {resolveCommand} from '../keys/registry.js';
import {useKeys} from '../keys/use-keys.js';
import {theme} from '../theme.js';
import {visibleWindow} from '../components/Table.js';
import {wrapRows} from '../format/wrap.js';
import {fitRegions} from '../layout/regions.js';
import {CommandPreview, DialogFrame, PlanLines, dialogInnerWidth} from './DialogFrame.js';

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
	/** Lines the dialog may take, borders included: fields that do not fit scroll with the focus. */
	height: number;
};

const labelWidth = 18;

/**
 * The suggestion → (step 1) or ← (step -1) offers after `text`: the next one when `text` is
 * one, else the first (or last) that starts with what is typed.
 */
export function suggestionAfter(suggestions: readonly string[], text: string, step: 1 | -1): string | undefined {
	const index = suggestions.indexOf(text);
	if (index !== -1) {
		return suggestions[(index + step + suggestions.length) % suggestions.length];
	}

	const matching = suggestions.filter(suggestion => suggestion.startsWith(text));
	return step === 1 ? matching[0] : matching.at(-1);
}

/** Lines a growing list may reach in one form: far more than a person types. */
const maxGrownFields = 50;

/** The form's groups, each growing list with a line more once its last line is filled. */
function grownGroups(form: Form, typed: Readonly<Record<string, string>>): FormGroup[] {
	return form.groups.map(group => {
		if (!group.more) {
			return group;
		}

		const more = Array.from({length: maxGrownFields}, (_, count) => group.more!(count));
		const isFilled = (field: FormField) => (typed[field.key] ?? field.initial).trim() !== '';
		// Every added line that holds text stays, even after a line above it was cleared: what
		// is sent is what is seen. Then one empty line after the last filled one.
		let count = more.findLastIndex(field => isFilled(field)) + 1;
		if (count < maxGrownFields && isFilled([...group.fields, ...more.slice(0, count)].at(-1) ?? more[0]!)) {
			count++;
		}

		return {...group, fields: [...group.fields, ...more.slice(0, count)]};
	});
}

function initialValues(form: Form, values: FormValues | undefined): Record<string, string> {
	const fields = form.groups.flatMap(group => group.fields);
	return Object.fromEntries(fields.map(field => [field.key, values?.[field.key] ?? field.initial]));
}

/** An action's form, built from its declaration: fields validated as you type, and the command they make. */
export function FormDialog({form, values: given, message, decide, onSubmit, onCancel, width, height}: Props) {
	const [typed, setValues] = useState(() => initialValues(form, given));
	const groups = grownGroups(form, typed);
	const fields: FormField[] = groups.flatMap(group => group.fields);
	// A field the form gained while open (an entry someone else added to the spec) starts at its own value.
	const values: Record<string, string> = {...Object.fromEntries(fields.map(field => [field.key, field.initial])), ...typed};
	const [focus, setFocus] = useState(0);
	const [complaint, setComplaint] = useState<string>();
	// A form shown again has been submitted once already.
	const [submitted, setSubmitted] = useState(given !== undefined);
	const errors = Object.fromEntries(fields.map(field => [field.key, field.check?.(values[field.key] ?? '')]));
	const firstError = fields.map(field => errors[field.key]).find(Boolean);
	// In a form of several fields, a field is marked once it was typed in or Enter was pressed: a
	// form that opens all in red tells nobody anything yet. A lone field says at once why its
	// value cannot go (the image it already runs).
	const shownErrors = Object.fromEntries(fields.map(field => [field.key, fields.length === 1 || submitted || values[field.key] !== field.initial ? errors[field.key] : undefined]));
	const firstShownError = fields.map(field => shownErrors[field.key]).find(Boolean);
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
				setSubmitted(true);
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
				const step = id === 'nextChoice' ? 1 : -1;
				if (field.choices) {
					const index = field.choices.indexOf(latest[field.key] ?? '');
					setValue(field.key, field.choices[(index + step + field.choices.length) % field.choices.length]!);
				} else if (field.suggestions && (key.rightArrow || key.leftArrow)) {
					// Space types itself in a text field; only the arrows offer.
					const offered = suggestionAfter(field.suggestions, latest[field.key] ?? '', step);
					if (offered !== undefined) {
						setValue(field.key, offered);
					}
				}

				break;
			}

			default: {
				break;
			}
		}
	});

	const frameWidth = Math.min(width, 100);
	const inner = dialogInnerWidth(width);
	const rowsOf = (text: string | undefined) => text ? wrapRows(text, inner).length : 0;
	const fieldError = shownErrors[focused.key] ?? firstShownError;
	// Side by side, the groups take as many lines as the longest; stacked, all of them.
	const groupLines = groups.map(group => (group.title ? 1 : 0) + group.fields.length);
	const wideEnough = groups.length > 1 && frameWidth - 4 >= groups.length * 40;
	const fieldLines = wideEnough ? Math.max(...groupLines) : groupLines.reduce((sum, lines) => sum + lines, 0);
	const budget = fitRegions(height, {
		frame: {kind: 'keep', lines: 4},
		message: {kind: 'panel', lines: rowsOf(message)},
		intro: {kind: 'panel', lines: (form.intro ?? []).reduce((sum, line) => sum + rowsOf(line), 0)},
		spaceAbove: {kind: 'blank', lines: 1},
		// A form is its fields: the notes around them give way first.
		fields: {kind: 'rows', lines: fieldLines, min: fieldLines},
		spaceBelow: {kind: 'blank', lines: 1},
		error: {kind: 'panel', lines: rowsOf(fieldError ? `✘ ${fieldError}` : undefined)},
		complaint: {kind: 'panel', lines: rowsOf(complaint)},
		// What the values risk outlasts the note and the preview on a short terminal.
		advice: {kind: 'panel', lines: advice.reduce((sum, line) => sum + rowsOf(line.text), 0)},
		note: {kind: 'panel', lines: rowsOf(form.note)},
		preview: {kind: 'panel', lines: decision ? rowsOf(`$ ${decision.command}`) + decision.lines.reduce((sum, line) => sum + rowsOf(line.text), 0) : 0},
	});
	const sideBySide = wideEnough && Math.max(...groupLines) <= budget.fields;
	const columnWidth = sideBySide ? Math.floor((frameWidth - 4) / groups.length) : frameWidth - 4;
	const renderField = (field: FormField) => {
		const isFocused = field === focused;
		const value = values[field.key] ?? '';
		// A lone field reads like a prompt: `Replicas: 4`.
		const label = fields.length === 1 ? `${field.label}: ` : `${isFocused ? '›' : ' '} ${field.label.padEnd(labelWidth)}`;
		return (
			<Box key={field.key} height={1} overflow="hidden">
				<Text color={isFocused && fields.length > 1 ? theme.accent : undefined}>{label}</Text>
				{field.choices
					? <Text inverse={isFocused}>{isFocused ? `‹ ${value} ›` : value}</Text>
					: <TextInput isActive={isFocused} value={value} onChange={text => {
						setValue(field.key, text);
					}}/>}
				{shownErrors[field.key] && fields.length > 1 ? <Text color={theme.danger}> ✘</Text> : null}
			</Box>
		);
	};

	// Stacked, the group titles and fields are one list, seen through a window that keeps the focus.
	const stacked = groups.flatMap(group => [
		...(group.title ? [{key: `group:${group.title}`, title: group.title}] : []),
		...group.fields.map(field => ({key: field.key, field})),
	]);
	const window = visibleWindow(stacked.length, budget.fields, stacked.findIndex(entry => 'field' in entry && entry.field === focused));
	const texts = (lines: number, text: string | undefined, color?: string) => lines > 0 && text
		? <Box height={lines} overflow="hidden"><Text color={color} wrap="wrap">{text}</Text></Box>
		: null;
	return (
		<DialogFrame title={form.title} width={width} scopes={fields.length > 1 ? ['dialog', 'form'] : ['dialog']} withoutHints={fields.some(field => field.choices ?? field.suggestions) ? [] : ['nextChoice']}>
			{texts(budget.message, message, theme.warning)}
			{budget.intro > 0 ? <Box height={budget.intro} overflow="hidden" flexDirection="column">{form.intro?.map(line => <Text key={line} wrap="wrap">{line}</Text>)}</Box> : null}
			{budget.spaceAbove > 0 ? <Text> </Text> : null}
			{sideBySide
				? (
					<Box flexDirection="row">
						{groups.map(group => (
							<Box key={group.title ?? 'fields'} flexDirection="column" width={columnWidth}>
								{group.title ? <Text bold underline>{group.title}</Text> : null}
								{group.fields.map(field => renderField(field))}
							</Box>
						))}
					</Box>
				)
				: (
					<Box flexDirection="column" width={columnWidth}>
						{stacked.slice(window.start, window.end).map(entry => 'field' in entry
							? renderField(entry.field)
							: <Text key={entry.key} bold underline wrap="truncate">{entry.title}</Text>)}
					</Box>
				)}
			{budget.spaceBelow > 0 ? <Text> </Text> : null}
			{texts(budget.error, fieldError ? `✘ ${fieldError}` : undefined, theme.danger)}
			{texts(budget.complaint, complaint, theme.warning)}
			{budget.advice > 0 ? <Box flexDirection="column" height={budget.advice} overflow="hidden"><PlanLines lines={advice}/></Box> : null}
			{texts(budget.note, form.note, theme.muted)}
			{decision && budget.preview > 0
				? (
					<Box flexDirection="column" height={budget.preview} overflow="hidden">
						<CommandPreview command={decision.command}/>
						<PlanLines lines={decision.lines}/>
					</Box>
				)
				: null}
		</DialogFrame>
	);
}
