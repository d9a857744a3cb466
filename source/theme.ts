// Colours used on screen. NO_COLOR (https://no-color.org) turns every one of them off;
// state is always also said in words, so nothing is lost without colour.

export const colorsEnabled = !process.env['NO_COLOR'];

const paint = (color: string) => (colorsEnabled ? color : undefined);

type Theme = Record<'ok' | 'warning' | 'danger' | 'accent' | 'muted' | 'heading', string | undefined>;

export const theme: Readonly<Theme> = {
	ok: paint('green'),
	warning: paint('yellow'),
	danger: paint('red'),
	accent: paint('cyan'),
	muted: paint('gray'),
	heading: paint('magenta'),
};

/**
 * For a projector (--present), before the first frame: a washed-out beamer loses gray and the
 * darker colours, so muted text takes the terminal's own colour and the rest their bright kin.
 */
export function chooseHighContrast(): void {
	Object.assign(theme, {
		ok: paint('greenBright'),
		warning: paint('yellowBright'),
		danger: paint('redBright'),
		accent: paint('cyanBright'),
		muted: undefined,
		heading: paint('magentaBright'),
	} satisfies Theme);
}

/** The colour of a rollout word: bad endings red, success green, anything under way yellow. */
export function rolloutColor(words: string): string | undefined {
	if (words === '') {
		return undefined;
	}

	if (words.startsWith('paused') || words.startsWith('rollback paused') || words.startsWith('rolled back')) {
		return theme.danger;
	}

	return words === 'completed' ? theme.ok : theme.warning;
}
