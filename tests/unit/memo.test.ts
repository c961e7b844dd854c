import { describe, expect, it } from 'vitest';
import { rememberLast } from '$lib/common/memo';

describe('rememberLast()', () => {
	it('computes again only when an argument changes, and only remembers the last call', () => {
		const calls: number[][] = [];
		const sum = rememberLast((a: number, b: number) => {
			calls.push([a, b]);
			return { total: a + b };
		});
		const first = sum(1, 2);
		expect(sum(1, 2)).toBe(first);
		expect(sum(1, 3).total).toBe(4);
		expect(sum(1, 2)).not.toBe(first); // only the last call is kept
		expect(sum(NaN, 0)).toBe(sum(NaN, 0)); // Object.is: NaN matches itself
		expect(calls).toEqual([[1, 2], [1, 3], [1, 2], [NaN, 0]]);
	});
});
