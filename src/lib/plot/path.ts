/**
 * SVG path text for a polyline through the first `count` points of a flat array
 * `x0, y0, x1, y1, …`, mapped by the chart's scales. Non-finite points break the line.
 * Written out by hand: it runs every frame for thousands of points.
 */
export function polylinePath(
	flat: ArrayLike<number>,
	count: number,
	sx: (v: number) => number,
	sy: (v: number) => number
): string {
	let d = '';
	let drawing = false;
	for (let i = 0; i < count; i++) {
		const px = sx(flat[2 * i]);
		const py = sy(flat[2 * i + 1]);
		if (!Number.isFinite(px) || !Number.isFinite(py)) {
			drawing = false;
			continue;
		}
		d += `${drawing ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
		drawing = true;
	}
	return d;
}
