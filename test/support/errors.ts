import {expect} from 'vitest';
import {ValidationError} from '../../source/swarm/errors.js';

/** Runs `action`, expects a ValidationError, and returns it for further checks. */
export function validationError(action: () => unknown): ValidationError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return error as ValidationError;
	}

	throw new Error('expected a ValidationError, but nothing was thrown');
}
