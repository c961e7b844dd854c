/** A point in the plane, `[x, y]`: data points, centroids, positions on a plot. */
export type Point = [number, number];

/** A data point with its class, `[x, y, class]` (class 0, 1, …). */
export type LabelledPoint = [number, number, number];

/** A straight line y = intercept + slope · x. */
export interface StraightLine {
	slope: number;
	intercept: number;
}

/** The part of a line inside a box, as its two ends (it may leave through the top or bottom); none if it misses the box. */
export function lineInBox(line: StraightLine, xDomain: readonly [number, number], yDomain: readonly [number, number]): Point[] {
	let [from, to] = xDomain;
	if (line.slope !== 0) {
		const [a, b] = yDomain.map((y) => (y - line.intercept) / line.slope).sort((p, q) => p - q);
		from = Math.max(from, a);
		to = Math.min(to, b);
	} else if (line.intercept < Math.min(...yDomain) || line.intercept > Math.max(...yDomain)) return [];
	if (!(from < to)) return [];
	return [from, to].map((x) => [x, line.intercept + line.slope * x]);
}
