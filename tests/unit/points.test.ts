import { describe, expect, it } from 'vitest';
import type { LabelledPoint, Point } from '$lib/common/geometry';
import { EditablePoints, EditMemory } from '$lib/widget/points/edits.svelte';
import { exactDecimal, parseCsv, roundPoint, toCsv } from '$lib/widget/points/csv';

describe('parseCsv()', () => {
	it('reads a header, commas, blank lines and reports every bad line by its number', () => {
		const text = 'height,weight\n1.5,60\n\n1.7,abc\n1.8,80,\n2;3\n1,2,3\n1.9,85\n';
		const { points, problems, header } = parseCsv(text, 100);
		expect(header).toBe(true);
		expect(points).toEqual([[1.5, 60], [1.8, 80], [1.9, 85]]);
		expect(problems.map((p) => p.line)).toEqual([4, 6, 7]);
		expect(problems[0].message).toBe('"abc" is not a number');
		expect(problems[2].message).toBe('3 columns, not 2');
	});

	it('semicolons and tabs allow decimal commas; with commas as separators they are refused with the reason', () => {
		expect(parseCsv('x;y\n1,5;2,25\n3;4', 10).points).toEqual([[1.5, 2.25], [3, 4]]);
		expect(parseCsv('1,5\t2,5\n3\t4', 10).points).toEqual([[1.5, 2.5], [3, 4]]);
		const refused = parseCsv('1,5,2,5\n3,4', 10);
		expect(refused.points).toEqual([[3, 4]]);
		expect(refused.problems[0]).toEqual({ line: 1, message: expect.stringContaining('decimal commas') });
	});

	it('keeps at most maxPoints and says how many were left out; refuses huge numbers; quotes are removed', () => {
		const text = Array.from({ length: 12 }, (_, i) => `"${i}","${2 * i}"`).join('\n');
		const { points, problems } = parseCsv(text, 10);
		expect(points).toHaveLength(10);
		expect(problems).toEqual([{ line: 0, message: 'kept the first 10 points; 2 more were left out' }]);
		expect(parseCsv('1,1e200', 10).problems[0].line).toBe(1);
	});

	it('toCsv() reads back as the same points', () => {
		const points: Point[] = [[1.5, -2], [3e-7, 4e12]];
		expect(parseCsv(toCsv(points), 10).points).toEqual(points);
	});

	it('parseCsv() says how many values were read as equal to another because they differ only beyond a number’s digits', () => {
		const merged = parseCsv('x,y\n1.00000000000000001,5\n1.00000000000000002,6\n1,7\n1.0,7.00\n', 10);
		expect(merged.points).toEqual([[1, 5], [1, 6], [1, 7], [1, 7]]);
		// Every x after the first differs from it (1.0 included); y's 7.00 is the 7 before it.
		expect(merged.merged).toBe(3);
		expect(parseCsv('1700000000,1\n1700000060,2\n-0,3\n0,4', 10).merged).toBe(0);
	});

	it('exactDecimal(): one text per value, whatever the spelling', () => {
		expect(['-125', '-012.50e1', '-1.25e+2', '-0.0125e4'].map(exactDecimal)).toEqual(Array(4).fill('-125e0'));
		expect(['0', '-0', '0.000', '.0e5'].map(exactDecimal)).toEqual(Array(4).fill('0'));
		expect(exactDecimal('0.00123')).toBe('123e-5');
		expect(exactDecimal('1.00000000000000001')).not.toBe(exactDecimal('1'));
	});

	it('labelled points: a third column of classes, numbered as written or by sorted name; extra names skipped by line', () => {
		const numbered = parseCsv('x,y,class\n1,2,0\n3,4,1\n5,6,1\n', 10, 1e100, 2);
		expect(numbered.points).toEqual([[1, 2, 0], [3, 4, 1], [5, 6, 1]]);
		expect(numbered.header).toBe(true);
		expect(numbered.labels).toEqual(['0', '1']);
		const named = parseCsv('1;2;spam\n3;4;ham\n5,5;6;eggs\n7;8\n9;10;\n', 10, 1e100, 2);
		expect(named.labels).toEqual(['eggs', 'ham']);
		expect(named.points).toEqual([[3, 4, 1], [5.5, 6, 0]]);
		expect(named.problems).toEqual([
			{ line: 1, message: 'class "spam" is one more than the 2 this widget draws' },
			{ line: 4, message: '2 columns, not 3' },
			{ line: 5, message: 'no class in the third column' }
		]);
		expect(parseCsv(toCsv(numbered.points), 10, 1e100, 2).points).toEqual(numbered.points);
		expect(toCsv(numbered.points)).toBe('x,y,class\n1,2,0\n3,4,1\n5,6,1\n');
		expect(roundPoint([-0, 1, -0])).toEqual([0, 1, 0]);
	});
});

describe('EditablePoints', () => {
	const make = (preset: 'a' | 'own', own: LabelledPoint[], base: LabelledPoint[], cause: 'start' | 'change' | 'reset' = 'change') => {
		const calls: { preset: string; points?: LabelledPoint[] }[] = [];
		const memory = new EditMemory<'a', LabelledPoint>();
		const edits = new EditablePoints<'a', LabelledPoint>({ preset, own, base, maxPoints: 3, cause, notice: null, memory, set: (v) => calls.push(v) });
		return { edits, calls, memory };
	};

	it('a drag moves x and y and keeps the class; its release makes the points the reader’s own', () => {
		const { edits, calls, memory } = make('a', [[9, 9, 0]], [[0, 0, 1], [1, 1, 0]]);
		edits.move(0, [5, 6]);
		expect(edits.points).toEqual([[5, 6, 1], [1, 1, 0]]);
		edits.release(0, [5, 7]);
		expect(calls).toEqual([{ preset: 'own', points: [[5, 7, 1], [1, 1, 0]] }]);
		expect(memory.editedFrom).toBe('a');
		expect(memory.stash).toEqual([[9, 9, 0]]);
	});

	it('refuses a point beyond maxPoints with a notice; Reset of edited points goes back to their preset', () => {
		const { edits, calls } = make('own', [[0, 0, 0], [1, 1, 1], [2, 2, 0]], [[0, 0, 0], [1, 1, 1], [2, 2, 0]]);
		edits.add([3, 3, 1]);
		expect(calls).toEqual([]);
		expect(edits.notice).toContain('already 3 points');
		const memory = new EditMemory<'a', LabelledPoint>();
		memory.editedFrom = 'a';
		const resets: unknown[] = [];
		new EditablePoints<'a', LabelledPoint>({ preset: 'own', own: [], base: [], maxPoints: 3, cause: 'reset', notice: null, memory, set: (v) => resets.push(v) });
		expect(resets).toEqual([{ preset: 'a' }]);
	});
});
