import { describe, expect, it } from 'vitest';
import { gridTable, MAX_ROWS, sampleIndices, sampledRows, seriesTable } from '$lib/plot/table';

describe('sampleIndices', () => {
	it('sampleIndices() keeps every index of short data', () => {
		expect(sampleIndices(4, 10)).toEqual([0, 1, 2, 3]);
	});

	it('sampleIndices() spreads long data evenly, keeps the first and last, and never repeats one', () => {
		const kept = sampleIndices(1000, 50);
		expect(kept).toHaveLength(50);
		expect(kept[0]).toBe(0);
		expect(kept.at(-1)).toBe(999);
		expect(new Set(kept).size).toBe(50);
		expect(kept).toEqual([...kept].sort((a, b) => a - b));
	});

	it('sampledRows() reports how many rows the whole data has', () => {
		const { rows, total } = sampledRows(500, (i) => [i]);
		expect(rows).toHaveLength(MAX_ROWS);
		expect(total).toBe(500);
	});
});

describe('seriesTable', () => {
	const steps = (values: number[]) => values.flatMap((v, i) => [i, v]);

	it('seriesTable() gives a column per series when they share x, blank where a series has ended', () => {
		const table = seriesTable(
			[
				{ name: 'SGD', points: steps([3, 2, 1]) },
				{ name: 'Adam', points: steps([3, 1]) }
			],
			'Step'
		);
		expect(table.columns.map((c) => c.label)).toEqual(['Step', 'SGD', 'Adam']);
		expect(table.rows).toEqual([
			[0, 3, 3],
			[1, 2, 1],
			[2, 1, null]
		]);
	});

	it('seriesTable() stops each series at the points reached so far', () => {
		const table = seriesTable([{ name: 'loss', points: steps([5, 4, 3, 2]) }], 'Step', [2]);
		expect(table.rows).toEqual([
			[0, 5],
			[1, 4]
		]);
	});

	it('seriesTable() lists points by series when each series has its own x', () => {
		const table = seriesTable(
			[
				{ name: 'full', points: [10, 1, 20, 0.5] },
				{ name: 'one', points: [1, 1, 2, 0.9] }
			],
			'Examples',
			[],
			'Loss'
		);
		expect(table.columns.map((c) => c.label)).toEqual(['Series', 'Examples', 'Loss']);
		expect(table.rows).toEqual([
			['full', 10, 1],
			['full', 20, 0.5],
			['one', 1, 1],
			['one', 2, 0.9]
		]);
	});
});

describe('gridTable', () => {
	it('gridTable() keeps a few evenly spread columns of a wide grid and says so', () => {
		const values = Float32Array.from({ length: 2 * 100 }, (_, i) => i);
		const table = gridTable(values, 2, 100, { corner: 'Layer', rowLabel: (r) => `L${r + 1}`, columnLabel: (c) => `S${c + 1}`, maxColumns: 3 });
		expect(table.columns.map((c) => c.label)).toEqual(['Layer', 'S1', 'S51', 'S100']);
		expect(table.rows).toEqual([
			['L1', 0, 50, 99],
			['L2', 100, 150, 199]
		]);
		expect(table.note).toBe('3 of 100 columns shown, evenly spaced.');
	});
});
