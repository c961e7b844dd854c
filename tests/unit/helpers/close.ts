import { expect } from 'vitest';

/** |actual − expected| ≤ abs + rel·|expected| — the float comparison every test uses. */
export function expectClose(actual: number, expected: number, { abs = 1e-6, rel = 1e-5 } = {}) {
	const tolerance = abs + rel * Math.abs(expected);
	if (!(Math.abs(actual - expected) <= tolerance)) {
		expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
	}
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, options?: { abs?: number; rel?: number }) {
	expect(actual.length).toBe(expected.length);
	for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], options);
}
