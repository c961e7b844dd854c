/**
 * A chart's numbers as a table: the text alternative a chart shows under "Show data".
 * Charts build one only while it is open, so it costs nothing while a widget animates
 * with it closed.
 */
export type Cell = number | string | null;

export interface Column {
	label: string;
	/** Significant digits of its numbers (whole numbers are shown whole); 4 when missing. */
	digits?: number;
}

export interface Table {
	columns: Column[];
	/** The first cell of each row names the row. */
	rows: Cell[][];
	/** How many rows the whole data has, when `rows` holds an even sample of them. */
	total?: number;
	/** What else a reader needs to read it (what a summary leaves out). */
	note?: string;
}

/** The most rows a table shows; longer data is sampled evenly. */
export const MAX_ROWS = 60;

/** Up to `max` indices spread evenly over 0 … count − 1, the first and the last included. */
export function sampleIndices(count: number, max = MAX_ROWS): number[] {
	if (count <= max) return Array.from({ length: count }, (_, i) => i);
	if (max < 2) return max === 1 ? [count - 1] : [];
	return Array.from({ length: max }, (_, i) => Math.round((i * (count - 1)) / (max - 1)));
}

/** The rows of `count` records, sampled evenly when there are more than `max`. */
export function sampledRows(count: number, row: (index: number) => Cell[], max = MAX_ROWS): Pick<Table, 'rows' | 'total'> {
	return { rows: sampleIndices(count, max).map(row), total: count };
}

/** A series as a chart holds it: x0, y0, x1, y1, … */
export interface SeriesPoints {
	name: string;
	points: ArrayLike<number>;
}

/**
 * Curves against a shared x as one table. When every series has the same x at the same
 * index (values per step, per layer, per degree), one row per x and a column per series;
 * otherwise (each run has its own x) a row per point, named by its series. `counts` limits
 * each series to its first points (those the play head has reached).
 */
export function seriesTable(series: readonly SeriesPoints[], xLabel: string, counts: readonly (number | undefined)[] = [], valueLabel = 'Value'): Table {
	const lengths = series.map((s, i) => Math.min(s.points.length / 2, counts[i] ?? Infinity));
	const longest = Math.max(0, ...lengths);
	const first = series[lengths.indexOf(longest)];
	const sharesX = series.every((s, i) => {
		for (let k = 0; k < lengths[i]; k++) if (!Object.is(s.points[2 * k], first.points[2 * k])) return false;
		return true;
	});
	if (sharesX) {
		return {
			columns: [{ label: xLabel }, ...series.map((s) => ({ label: s.name }))],
			...sampledRows(longest, (k) => [first.points[2 * k], ...series.map((s, i) => (k < lengths[i] ? s.points[2 * k + 1] : null))])
		};
	}
	const perSeries = Math.max(2, Math.floor(MAX_ROWS / Math.max(1, series.length)));
	return {
		columns: [{ label: 'Series' }, { label: xLabel }, { label: valueLabel }],
		rows: series.flatMap((s, i) => sampleIndices(lengths[i], perSeries).map((k) => [s.name, s.points[2 * k], s.points[2 * k + 1]])),
		total: lengths.reduce((a, b) => a + b, 0)
	};
}

/**
 * A grid of values (a heat map, a decision boundary) as a small table: at most
 * `maxRows` of its rows and `maxColumns` of its columns, evenly spread. `values` is
 * row-major, `rows` × `columns`; the labels name each kept row and column.
 */
export function gridTable(
	values: ArrayLike<number>,
	rows: number,
	columns: number,
	{ corner, rowLabel, columnLabel, maxRows = MAX_ROWS, maxColumns = 7 }: { corner: string; rowLabel: (row: number) => Cell; columnLabel: (column: number) => string; maxRows?: number; maxColumns?: number }
): Table {
	const keptColumns = sampleIndices(columns, maxColumns);
	const keptRows = sampleIndices(rows, maxRows);
	const sampled = [keptRows.length < rows && `${keptRows.length} of ${rows} rows`, keptColumns.length < columns && `${keptColumns.length} of ${columns} columns`].filter(Boolean);
	return {
		columns: [{ label: corner }, ...keptColumns.map((c) => ({ label: columnLabel(c) }))],
		rows: keptRows.map((r) => [rowLabel(r), ...keptColumns.map((c) => values[r * columns + c])]),
		note: sampled.length ? `${sampled.join(' and ')} shown, evenly spaced.` : undefined
	};
}
