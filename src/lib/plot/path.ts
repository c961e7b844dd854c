/**
 * SVG path text for a polyline through a flat array `x0, y0, x1, y1, …`, mapped by the
 * chart's scales, with where each point's text ends — so the first k points are a slice,
 * not a new string, while a play head moves along a long path. Non-finite points break
 * the line. Written out by hand: it runs for thousands of points.
 */
export interface PolylinePath {
	d: string;
	/** ends[i]: length of `d` once points 0 … i are in. */
	ends: Uint32Array;
}

export function polylinePath(flat: ArrayLike<number>, sx: (v: number) => number, sy: (v: number) => number): PolylinePath {
	const count = Math.floor(flat.length / 2);
	const ends = new Uint32Array(count);
	let d = '';
	let drawing = false;
	for (let i = 0; i < count; i++) {
		const px = sx(flat[2 * i]);
		const py = sy(flat[2 * i + 1]);
		if (!Number.isFinite(px) || !Number.isFinite(py)) drawing = false;
		else {
			// (Rounding by hand: toFixed is several times slower, and this runs for every point.)
			d += `${drawing ? 'L' : 'M'}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`;
			drawing = true;
		}
		ends[i] = d.length;
	}
	return { d, ends };
}

/** The path through the first `count` points (all of them when count is undefined). */
export function firstPoints({ d, ends }: PolylinePath, count?: number): string {
	if (count === undefined || count >= ends.length) return d;
	return count <= 0 ? '' : d.slice(0, ends[count - 1]);
}

const pathsDrawn = new WeakMap<object, { sx: unknown; sy: unknown; path: PolylinePath }>();

/**
 * polylinePath, remembered per array of points for the last scales it was drawn with: a
 * path drawn twice (faint in full, solid so far) or handed over by a new run unchanged is
 * built once.
 */
export function polylinePathOnce(flat: ArrayLike<number>, sx: (v: number) => number, sy: (v: number) => number): PolylinePath {
	const kept = pathsDrawn.get(flat);
	if (kept && kept.sx === sx && kept.sy === sy) return kept.path;
	const path = polylinePath(flat, sx, sy);
	pathsDrawn.set(flat, { sx, sy, path });
	return path;
}
