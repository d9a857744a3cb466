import {describe, expect, it} from 'vitest';
import {suggestionAfter} from '../../../source/dialogs/FormDialog.js';

describe('suggestionAfter', () => {
	const names = ['api_key', 'db_password', 'db_user'];

	it('cycles through the suggestions both ways from one of them', () => {
		expect(suggestionAfter(names, 'api_key', 1)).toBe('db_password');
		expect(suggestionAfter(names, 'db_user', 1)).toBe('api_key');
		expect(suggestionAfter(names, 'api_key', -1)).toBe('db_user');
	});

	it('completes what is typed: the first that starts with it, or the last going back', () => {
		expect(suggestionAfter(names, '', 1)).toBe('api_key');
		expect(suggestionAfter(names, 'db', 1)).toBe('db_password');
		expect(suggestionAfter(names, 'db', -1)).toBe('db_user');
	});

	it('offers nothing for text no suggestion starts with, leaving it as typed', () => {
		expect(suggestionAfter(names, 'source=db_password,target=/x', 1)).toBeUndefined();
	});
});
