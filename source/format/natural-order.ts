// The order `docker service ls` and `docker stack services` list names in: the docker CLI sorts
// them with sortorder.NaturalLess, so vote2 comes before vote10. Bytes compare as they are
// (upper case before lower case) and a run of digits compares as a number. ICU's collation,
// besides ordering otherwise, costs a few milliseconds to load at every start.

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** Negative when a sorts before b, as NaturalLess orders them; 0 for the same name. */
export function naturalCompare(a: string, b: string): number {
	let indexA = 0;
	let indexB = 0;
	while (indexA < a.length && indexB < b.length) {
		const codeA = a.charCodeAt(indexA);
		const codeB = b.charCodeAt(indexB);
		const digitA = isDigit(codeA);
		const digitB = isDigit(codeB);
		if (digitA !== digitB) {
			// Digits before anything else.
			return digitA ? -1 : 1;
		}

		if (!digitA) {
			if (codeA !== codeB) {
				// UTF-16 order is UTF-8's byte order except between surrogates and U+E000–U+FFFF.
				return codePointOrder(a, indexA) - codePointOrder(b, indexB);
			}

			indexA++;
			indexB++;
			continue;
		}

		// A number: its leading zeros skipped, the shorter is the smaller; then digit by digit;
		// then the one with fewer leading zeros first.
		const zerosFromA = indexA;
		const zerosFromB = indexB;
		while (a.charCodeAt(indexA) === 0x30) {
			indexA++;
		}

		while (b.charCodeAt(indexB) === 0x30) {
			indexB++;
		}

		const numberFromA = indexA;
		const numberFromB = indexB;
		while (isDigit(a.charCodeAt(indexA))) {
			indexA++;
		}

		while (isDigit(b.charCodeAt(indexB))) {
			indexB++;
		}

		const lengthDifference = (indexA - numberFromA) - (indexB - numberFromB);
		if (lengthDifference !== 0) {
			return lengthDifference;
		}

		const digitsA = a.slice(numberFromA, indexA);
		const digitsB = b.slice(numberFromB, indexB);
		if (digitsA !== digitsB) {
			return digitsA < digitsB ? -1 : 1;
		}

		const zerosDifference = (numberFromA - zerosFromA) - (numberFromB - zerosFromB);
		if (zerosDifference !== 0) {
			return zerosDifference;
		}
	}

	return (a.length - indexA) - (b.length - indexB);
}

const codePointOrder = (text: string, index: number) => text.codePointAt(index)!;
