import { describe, expect, it } from 'vitest';
import { lineInBox } from '$lib/common/geometry';

describe('lineInBox()', () => {
	it('cuts a line at the box: through the sides, the top and bottom, or not at all', () => {
		expect(lineInBox({ slope: 0, intercept: 1 }, [0, 10], [0, 2])).toEqual([[0, 1], [10, 1]]);
		expect(lineInBox({ slope: 1, intercept: 0 }, [0, 10], [0, 5])).toEqual([[0, 0], [5, 5]]);
		expect(lineInBox({ slope: -2, intercept: 4 }, [-10, 10], [0, 8])).toEqual([[-2, 8], [2, 0]]);
		expect(lineInBox({ slope: 0, intercept: 9 }, [0, 10], [0, 2])).toEqual([]);
		expect(lineInBox({ slope: 1, intercept: 100 }, [0, 10], [0, 2])).toEqual([]);
	});
});
