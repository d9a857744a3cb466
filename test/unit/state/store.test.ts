import {describe, expect, it} from 'vitest';
import {initialUiState, paletteHistoryLength, uiReducer, type UiState} from '../../../source/state/store.js';

describe('the palette\'s history', () => {
	it(`keeps the newest ${paletteHistoryLength} commands however many are run, and a repeat once`, () => {
		let state: UiState = initialUiState;
		for (let index = 0; index < paletteHistoryLength + 50; index++) {
			state = uiReducer(state, {type: 'palette', open: false, ran: `scale vote ${index}`});
			state = uiReducer(state, {type: 'palette', open: false, ran: `scale vote ${index}`});
		}

		expect(state.paletteHistory).toHaveLength(paletteHistoryLength);
		expect(state.paletteHistory[0]).toBe('scale vote 50');
		expect(state.paletteHistory.at(-1)).toBe(`scale vote ${paletteHistoryLength + 49}`);
	});
});
