/**
 * The loss surfaces f(x, y): each as plain functions (value and gradient, for the
 * trajectories) and as TF.js ops (for the loss grid behind the contours), with the region
 * the plot shows, the known minima, and a start point and learning rate that suit it.
 */
import * as tf from '$lib/engine/tfjs';
import type { CompiledExpression } from '$lib/engine/expression';
import type { Point } from '$lib/common/geometry';
import type { SurfaceName } from './params';

export interface Region {
	x: [number, number];
	y: [number, number];
}

export interface Surface {
	name: SurfaceName;
	/** The formula, as shown to the reader. */
	formula: string;
	value: (x: number, y: number) => number;
	/** Writes ∂f/∂x, ∂f/∂y into `out`. */
	gradient: (x: number, y: number, out: Float64Array) => void;
	/** f over tensors of grid coordinates; call inside tf.tidy. */
	tensor: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor;
	region: Region;
	/** Where f is smallest; empty when it has no minimum (the saddle). */
	minima: Point[];
}

/** The region shown for a typed formula. */
export const CUSTOM_REGION: Region = { x: [-3, 3], y: [-3, 3] };

/** A bowl stretched `condition` times more steeply along y: f = (x² + κy²)/2. */
function quadratic(condition: number): Surface {
	return {
		name: 'quadratic',
		formula: `(x² + ${condition}·y²) / 2`,
		value: (x, y) => (x * x + condition * y * y) / 2,
		gradient: (x, y, out) => {
			out[0] = x;
			out[1] = condition * y;
		},
		tensor: (x, y) => x.square().add(y.square().mul(condition)).div(2),
		region: { x: [-2, 2], y: [-2, 2] },
		minima: [[0, 0]]
	};
}

const rosenbrock: Surface = {
	name: 'rosenbrock',
	formula: '(1 − x)² + 100·(y − x²)²',
	value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
	gradient: (x, y, out) => {
		out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
		out[1] = 200 * (y - x * x);
	},
	tensor: (x, y) => tf.scalar(1).sub(x).square().add(y.sub(x.square()).square().mul(100)),
	region: { x: [-2, 2], y: [-1, 3] },
	minima: [[1, 1]]
};

const himmelblau: Surface = {
	name: 'himmelblau',
	formula: '(x² + y − 11)² + (x + y² − 7)²',
	value: (x, y) => (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2,
	gradient: (x, y, out) => {
		const a = x * x + y - 11;
		const b = x + y * y - 7;
		out[0] = 4 * x * a + 2 * b;
		out[1] = 2 * a + 4 * y * b;
	},
	tensor: (x, y) => x.square().add(y).sub(11).square().add(x.add(y.square()).sub(7).square()),
	region: { x: [-5, 5], y: [-5, 5] },
	// Himmelblau (1972); the last three to six digits, as usually quoted.
	minima: [
		[3, 2],
		[-2.805118, 3.131312],
		[-3.77931, -3.283186],
		[3.584428, -1.848126]
	]
};

const saddle: Surface = {
	name: 'saddle',
	formula: 'x² − y²',
	value: (x, y) => x * x - y * y,
	gradient: (x, y, out) => {
		out[0] = 2 * x;
		out[1] = -2 * y;
	},
	tensor: (x, y) => x.square().sub(y.square()),
	region: { x: [-2, 2], y: [-2, 2] },
	minima: []
};

/** Beale's function: three terms 1.5, 2.25, 2.625 against x(1 − yⁱ). */
const BEALE_CONSTANTS = [1.5, 2.25, 2.625];
const beale: Surface = {
	name: 'beale',
	formula: '(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²',
	value: (x, y) => BEALE_CONSTANTS.reduce((sum, c, i) => sum + (c - x + x * y ** (i + 1)) ** 2, 0),
	gradient: (x, y, out) => {
		out[0] = 0;
		out[1] = 0;
		BEALE_CONSTANTS.forEach((c, i) => {
			const power = i + 1;
			const term = c - x + x * y ** power;
			out[0] += 2 * term * (y ** power - 1);
			out[1] += 2 * term * power * x * y ** (power - 1);
		});
	},
	tensor: (x, y) => {
		// Powers by multiplication: tf.pow of a negative base is not reliable on every backend.
		const powers = [y, y.mul(y), y.mul(y).mul(y)];
		return tf.addN(BEALE_CONSTANTS.map((c, i) => tf.scalar(c).sub(x).add(x.mul(powers[i])).square()));
	},
	region: { x: [-4.5, 4.5], y: [-4.5, 4.5] },
	minima: [[3, 0.5]]
};

export function builtInSurface(name: Exclude<SurfaceName, 'custom'>, condition: number): Surface {
	switch (name) {
		case 'quadratic':
			return quadratic(condition);
		case 'rosenbrock':
			return rosenbrock;
		case 'himmelblau':
			return himmelblau;
		case 'saddle':
			return saddle;
		case 'beale':
			return beale;
	}
}

/** The variables a typed formula may use. */
export const FORMULA_VARIABLES = ['x', 'y'];

/** A typed formula as a surface; its minima are found on the grid (see `findGridMinima`). */
export function customSurface(expression: CompiledExpression, minima: Point[]): Surface {
	const [dx, dy] = expression.gradient;
	return {
		name: 'custom',
		formula: expression.text,
		value: (x, y) => expression.evaluate(x, y),
		gradient: (x, y, out) => {
			out[0] = dx.evaluate(x, y);
			out[1] = dy.evaluate(x, y);
		},
		tensor: (x, y) => expression.toTensor({ x, y }),
		region: CUSTOM_REGION,
		minima
	};
}

export interface LossGrid {
	/** Values row by row from the bottom (y = region.y[0]), `size` × `size`. */
	values: Float32Array;
	size: number;
	region: Region;
	/** Smallest and largest finite value. */
	min: number;
	max: number;
}

/** f on a size × size grid over the region, computed with TF.js in one pass. */
export function lossGrid(tensorOf: Surface['tensor'], region: Region, size = 200): LossGrid {
	const values = tf.tidy(() => {
		const xs = tf.linspace(region.x[0], region.x[1], size);
		const ys = tf.linspace(region.y[0], region.y[1], size);
		// Row i holds y_i for every x: [size, size], row-major from the bottom.
		const x = xs.reshape([1, size]).tile([size, 1]);
		const y = ys.reshape([size, 1]).tile([1, size]);
		return tensorOf(x, y);
	});
	const data = Float32Array.from(values.dataSync() as Float32Array);
	values.dispose();
	let min = Infinity;
	let max = -Infinity;
	for (const v of data) {
		if (!Number.isFinite(v)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return { values: data, size, region, min, max };
}

/**
 * Local minima of a typed surface: grid cells lower than their eight neighbours, then
 * polished by gradient descent with backtracking. At most `limit`, lowest first.
 */
export function findGridMinima(grid: LossGrid, surface: Pick<Surface, 'value' | 'gradient'>, limit = 6): Point[] {
	const { values, size, region } = grid;
	const at = (i: number, j: number) => values[i * size + j];
	const cellX = (j: number) => region.x[0] + ((region.x[1] - region.x[0]) * j) / (size - 1);
	const cellY = (i: number) => region.y[0] + ((region.y[1] - region.y[0]) * i) / (size - 1);
	const candidates: { point: Point; value: number }[] = [];
	for (let i = 1; i < size - 1; i++) {
		for (let j = 1; j < size - 1; j++) {
			const v = at(i, j);
			if (!Number.isFinite(v)) continue;
			let lowest = true;
			for (let di = -1; di <= 1 && lowest; di++) {
				for (let dj = -1; dj <= 1; dj++) {
					if ((di || dj) && !(v < at(i + di, j + dj))) {
						lowest = false;
						break;
					}
				}
			}
			if (lowest) candidates.push({ point: [cellX(j), cellY(i)], value: v });
		}
	}
	candidates.sort((a, b) => a.value - b.value);
	return candidates.slice(0, limit).map(({ point }) => polishMinimum(point, surface, region));
}

function polishMinimum(start: Point, surface: Pick<Surface, 'value' | 'gradient'>, region: Region): Point {
	const g = new Float64Array(2);
	let [x, y] = start;
	let step = 0.1;
	for (let i = 0; i < 200; i++) {
		surface.gradient(x, y, g);
		const norm = Math.hypot(g[0], g[1]);
		if (!(norm > 1e-10)) break;
		const f = surface.value(x, y);
		// Backtracking: halve the step until it lowers f.
		while (step > 1e-12) {
			const nx = x - (step * g[0]) / norm;
			const ny = y - (step * g[1]) / norm;
			if (surface.value(nx, ny) < f) {
				[x, y] = [nx, ny];
				step *= 1.5;
				break;
			}
			step /= 2;
		}
		if (step <= 1e-12) break;
	}
	const inside = x >= region.x[0] && x <= region.x[1] && y >= region.y[0] && y <= region.y[1];
	return inside ? [x, y] : start;
}
