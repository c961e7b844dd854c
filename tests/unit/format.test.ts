import { describe, expect, it } from 'vitest';
import { formatCount } from '$lib/common/format';

describe('formatCount', () => {
	it('writes whole numbers as toLocaleString("en") does', () => {
		for (const n of [0, 7, 42, 999, 1000, 4000, 12800, 123456, 1234567, 1e9, -5, -1000, -123456789, Number.MAX_SAFE_INTEGER]) expect(formatCount(n)).toBe(n.toLocaleString('en'));
	});
});
