/**
 * L1 and L2 regularisation of a linear model, in two pictures.
 *
 * 1. The geometry, with two features: contours of the squared-error loss over (β₁, β₂),
 *    the L1 diamond and the L2 circle of a budget t, and where each constrained solution
 *    sits (the point of the constraint region on the lowest contour).
 * 2. The paths, with eight features (three useful, two near-copies of a useful one, three
 *    noise): the lasso, ridge and elastic-net coefficients over a grid of λ, and the error
 *    each makes on held-out data.
 *
 * Every model is fitted on standardised features (mean 0, variance 1 on the training set)
 * and a centred y, so the intercept is ȳ and is never penalised. Everything a fit needs is
 * then in the Gram matrix C = XᵀX/n and c = Xᵀy/n: those come from one TF.js matMul per data
 * set; the fits themselves are p-dimensional (p ≤ 8) and run in plain float64 numbers (see
 * `solve` and `coordinateDescent` for why).
 *
 * The objectives (glmnet's scaling):
 *   lasso        (1/2n)‖y − Xβ‖² + λ‖β‖₁
 *   ridge        (1/2n)‖y − Xβ‖² + (λ/2)‖β‖²₂            → (C + λI)β = c
 *   elastic net  (1/2n)‖y − Xβ‖² + λ(α‖β‖₁ + (1 − α)/2 ‖β‖²₂)
 */
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import type { Point } from '$lib/common/geometry';
import type { Job } from '$lib/common/slices';

// ——— The sufficient statistics ———

/** A centred, standardised regression problem as its second moments. */
export interface Moments {
	p: number;
	/** C = XᵀX/n, p × p row by row. */
	xx: Float64Array;
	/** c = Xᵀy/n. */
	xy: Float64Array;
	/** yᵀy/n. */
	yy: number;
}

/**
 * The second moments of [X | y] (n rows of p features, then y), by one TF.js matMul:
 * Aᵀ A / n for A = [X | y]. The inputs are already centred and scaled in float64, so the
 * float32 product keeps about seven digits of each entry.
 */
export function momentsOf(rows: readonly (readonly number[])[], y: readonly number[]): Moments {
	const n = rows.length;
	const p = rows[0]?.length ?? 0;
	const flat = new Float32Array(n * (p + 1));
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < p; j++) flat[i * (p + 1) + j] = rows[i][j];
		flat[i * (p + 1) + p] = y[i];
	}
	const product = tf.tidy(() => {
		const a = tf.tensor2d(flat, [n, p + 1]);
		// Aᵀ A with the transpose made explicit: a matMul with a transposed operand is the slow path on wasm.
		return tf.matMul(a.transpose(), a).div(Math.max(1, n));
	});
	const g = product.dataSync();
	product.dispose();
	const xx = new Float64Array(p * p);
	const xy = new Float64Array(p);
	for (let j = 0; j < p; j++) {
		for (let k = 0; k < p; k++) xx[j * p + k] = g[j * (p + 1) + k];
		xy[j] = g[j * (p + 1) + p];
	}
	return { p, xx, xy, yy: g[p * (p + 1) + p] };
}

/** The mean squared error of β on the data the moments come from: yᵀy/n − 2βᵀc + βᵀCβ (never below 0). */
export function meanSquaredError(m: Moments, beta: ArrayLike<number>): number {
	let quad = 0;
	let lin = 0;
	for (let j = 0; j < m.p; j++) {
		lin += beta[j] * m.xy[j];
		for (let k = 0; k < m.p; k++) quad += beta[j] * m.xx[j * m.p + k] * beta[k];
	}
	return Math.max(0, m.yy - 2 * lin + quad);
}

// ——— Solvers in float64 ———

/**
 * Added to the diagonal (relative to the largest diagonal entry) before any solve: at λ → 0
 * with near-copies of a feature, C is nearly singular and its exact inverse would turn
 * rounding into huge coefficients. 1e-10 of the scale changes no answer on show.
 */
export const RIDGE_FLOOR = 1e-10;

/**
 * Solves (C + shift·I) β = c by Cholesky, in plain float64. TF.js has no linear solve
 * (tf.linalg offers QR and Gram–Schmidt, no Cholesky or solve), and this system is at most
 * 8 × 8: a few hundred multiplications, where TF.js ops would each cost more to dispatch, in
 * float32, whose seven digits the near-singular case (λ → 0, correlated features) needs.
 */
export function solve(xx: Float64Array, c: ArrayLike<number>, p: number, shift = 0): Float64Array {
	let scale = 0;
	for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(xx[j * p + j]));
	const floor = RIDGE_FLOOR * (scale || 1);
	const l = new Float64Array(p * p);
	for (let j = 0; j < p; j++) {
		for (let k = 0; k <= j; k++) {
			let sum = xx[j * p + k] + (j === k ? shift + floor : 0);
			for (let m = 0; m < k; m++) sum -= l[j * p + m] * l[k * p + m];
			if (j === k) l[j * p + j] = Math.sqrt(Math.max(sum, floor));
			else l[j * p + k] = sum / l[k * p + k];
		}
	}
	const z = new Float64Array(p);
	for (let j = 0; j < p; j++) {
		let sum = c[j];
		for (let m = 0; m < j; m++) sum -= l[j * p + m] * z[m];
		z[j] = sum / l[j * p + j];
	}
	const beta = new Float64Array(p);
	for (let j = p - 1; j >= 0; j--) {
		let sum = z[j];
		for (let m = j + 1; m < p; m++) sum -= l[m * p + j] * beta[m];
		beta[j] = sum / l[j * p + j];
	}
	return beta;
}

export const softThreshold = (z: number, gamma: number) => (z > gamma ? z - gamma : z < -gamma ? z + gamma : 0);

/** The ridge coefficients (C + λI)⁻¹c. */
export const ridge = (m: Moments, lambda: number) => solve(m.xx, m.xy, m.p, lambda);

/** Least squares (λ = 0, with the floor). */
export const ordinaryLeastSquares = (m: Moments) => solve(m.xx, m.xy, m.p, 0);

const CD_TOLERANCE = 1e-12;
const CD_MAX_SWEEPS = 20_000;

/**
 * The elastic net (α = 1: the lasso) by cyclic coordinate descent with soft-thresholding:
 * βⱼ ← S(cⱼ − Σₖ≠ⱼ Cⱼₖβₖ, λα) / (Cⱼⱼ + λ(1 − α)), sweeping until no coefficient moves more
 * than 1e-12 (in units of y). Plain float64: a sweep is p² ≈ 64 multiply-adds, far too little
 * for TF.js to pay for its dispatch, and a sweep depends on the one before. `start` is a warm
 * start (the solution at the previous λ of a path), which is what makes a path cheap.
 */
export function coordinateDescent(m: Moments, lambda: number, alpha: number, start?: ArrayLike<number>): { beta: Float64Array; sweeps: number } {
	const { p, xx } = m;
	const beta = Float64Array.from(start ?? new Float64Array(p));
	// g = c − Cβ, kept up to date as coefficients move.
	const g = Float64Array.from(m.xy);
	for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) g[j] -= xx[j * p + k] * beta[k];
	const l1 = lambda * alpha;
	const l2 = lambda * (1 - alpha);
	let sweeps = 0;
	while (sweeps < CD_MAX_SWEEPS) {
		sweeps++;
		let moved = 0;
		for (let j = 0; j < p; j++) {
			const cjj = xx[j * p + j];
			// A constant feature (all values equal) standardises to zeros: it gets no weight.
			if (!(cjj + l2 > 1e-12)) {
				if (beta[j] !== 0) {
					const d = -beta[j];
					for (let k = 0; k < p; k++) g[k] -= xx[k * p + j] * d;
					beta[j] = 0;
				}
				continue;
			}
			const next = softThreshold(g[j] + cjj * beta[j], l1) / (cjj + l2);
			const d = next - beta[j];
			if (d !== 0) {
				for (let k = 0; k < p; k++) g[k] -= xx[k * p + j] * d;
				beta[j] = next;
				moved = Math.max(moved, Math.abs(d) * Math.sqrt(cjj));
			}
		}
		if (moved < CD_TOLERANCE) break;
	}
	return { beta, sweeps };
}

export const lasso = (m: Moments, lambda: number, start?: ArrayLike<number>) => coordinateDescent(m, lambda, 1, start).beta;

/** The elastic net with mixing α; α = 0 is ridge, solved in closed form. */
export function elasticNet(m: Moments, lambda: number, alpha: number, start?: ArrayLike<number>): Float64Array {
	return alpha <= 0 ? ridge(m, lambda) : coordinateDescent(m, lambda, alpha, start).beta;
}

/** The smallest λ at which every lasso coefficient is 0: max |xⱼᵀy|/n. */
export function lassoLambdaMax(m: Moments): number {
	return Math.max(0, ...Array.from(m.xy, Math.abs));
}

export const l1Norm = (beta: ArrayLike<number>) => Array.from(beta).reduce((s, b) => s + Math.abs(b), 0);
export const l2Norm = (beta: ArrayLike<number>) => Math.sqrt(Array.from(beta).reduce((s, b) => s + b * b, 0));

// ——— Part 1: two features and a budget ———

export type TruthName = 'one-big' | 'equal' | 'opposite' | 'one-zero';
export const TRUTHS: Record<TruthName, Point> = {
	'one-big': [2, 0.5],
	equal: [1.5, 1.5],
	opposite: [2, -1.2],
	'one-zero': [2, 0]
};
export const PLANE_N = 60;
export const PLANE_NOISE = 0.5;
export const PLANE_GRID = 100;

export interface Plane {
	/** The two standardised features, row by row, and y (centred). */
	x: number[][];
	y: number[];
	moments: Moments;
	truth: Point;
	rho: number;
	ols: Point;
	/** The square shown, centred on 0. */
	extent: number;
	/** MSE over a PLANE_GRID² grid of (β₁, β₂), rows from the bottom. */
	grid: Float32Array;
}

/**
 * Two features with sample correlation exactly ρ (and mean 0, variance 1): two seeded normal
 * columns, centred, the second made orthogonal to the first, both scaled, then mixed as
 * x₂ = ρx₁ + √(1 − ρ²)z. The draws depend on the seed alone, so moving ρ bends the same data.
 */
export function makePlane(truthName: TruthName, rho: number, seed: number): Plane {
	const rng = createRng(seed).fork('plane');
	const n = PLANE_N;
	const z1 = Array.from({ length: n }, () => rng.normal());
	const z2 = Array.from({ length: n }, () => rng.normal());
	const noise = Array.from({ length: n }, () => rng.normal());
	const centre = (v: number[]) => {
		const mean = v.reduce((a, b) => a + b, 0) / n;
		return v.map((x) => x - mean);
	};
	const unit = (v: number[]) => {
		const sd = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / n);
		return v.map((x) => x / sd);
	};
	const a = unit(centre(z1));
	const b0 = centre(z2);
	const along = b0.reduce((s, x, i) => s + x * a[i], 0) / n;
	const b = unit(b0.map((x, i) => x - along * a[i]));
	const r = Math.max(-0.999, Math.min(0.999, rho));
	const x2 = a.map((x, i) => r * x + Math.sqrt(1 - r * r) * b[i]);
	const truth = TRUTHS[truthName];
	const rawY = a.map((x, i) => truth[0] * x + truth[1] * x2[i] + PLANE_NOISE * noise[i]);
	const yMean = rawY.reduce((s, v) => s + v, 0) / n;
	const x = a.map((v, i) => [v, x2[i]]);
	const y = rawY.map((v) => v - yMean);
	const moments = momentsOf(x, y);
	const [o1, o2] = ordinaryLeastSquares(moments);
	const ols: Point = [o1, o2];
	const extent = Math.max(3, Math.ceil(2 * 1.2 * Math.max(Math.abs(o1), Math.abs(o2))) / 2);
	return { x, y, moments, truth, rho: r, ols, extent, grid: planeGrid(moments, extent) };
}

/**
 * The loss over the grid, in plain numbers: the 2-D quadratic costs a handful of operations
 * a cell (10 000 cells in well under a millisecond), less than moving the grid through TF.js.
 */
function planeGrid(m: Moments, extent: number): Float32Array {
	const size = PLANE_GRID;
	const values = new Float32Array(size * size);
	const [c11, c12, , c22] = m.xx;
	const [d1, d2] = m.xy;
	for (let i = 0; i < size; i++) {
		const b2 = -extent + (2 * extent * i) / (size - 1);
		for (let j = 0; j < size; j++) {
			const b1 = -extent + (2 * extent * j) / (size - 1);
			values[i * size + j] = m.yy - 2 * (b1 * d1 + b2 * d2) + c11 * b1 * b1 + 2 * c12 * b1 * b2 + c22 * b2 * b2;
		}
	}
	return values;
}

export interface Constrained {
	beta: Point;
	/** The penalty λ of the penalised problem with the same solution (0 when OLS is inside). */
	lambda: number;
	/** The unconstrained solution is already within the budget, so it is the answer. */
	inside: boolean;
}

/**
 * argmin of the loss over ‖β‖₁ ≤ t: OLS when it is inside; otherwise the lasso at the λ
 * where ‖β(λ)‖₁ = t, found by bisection (‖β(λ)‖₁ falls continuously from ‖β̂‖₁ at λ = 0
 * to 0 at λ_max), each lasso warm-started from the last.
 */
export function constrainedL1(m: Moments, t: number): Constrained {
	const ols = ordinaryLeastSquares(m);
	if (l1Norm(ols) <= t) return { beta: [ols[0], ols[1]], lambda: 0, inside: true };
	let [lo, hi] = [0, lassoLambdaMax(m)];
	if (!(t > 0)) return { beta: [0, 0], lambda: hi, inside: false };
	let beta: Float64Array = ols;
	for (let i = 0; i < 100 && hi - lo > 1e-14 * Math.max(1, hi); i++) {
		const mid = (lo + hi) / 2;
		beta = lasso(m, mid, beta);
		if (l1Norm(beta) > t) lo = mid;
		else hi = mid;
	}
	beta = lasso(m, (lo + hi) / 2, beta);
	return { beta: [beta[0], beta[1]], lambda: (lo + hi) / 2, inside: false };
}

/**
 * argmin of the loss over ‖β‖₂ ≤ t: OLS when inside; otherwise ridge at the λ where
 * ‖β(λ)‖₂ = t, by bisection on log λ (the norm falls steadily as λ grows; λ is at most
 * ‖c‖/t, where even the flattest direction is shrunk below t).
 */
export function constrainedL2(m: Moments, t: number): Constrained {
	const ols = ordinaryLeastSquares(m);
	if (l2Norm(ols) <= t) return { beta: [ols[0], ols[1]], lambda: 0, inside: true };
	if (!(t > 0)) return { beta: [0, 0], lambda: Infinity, inside: false };
	let [lo, hi] = [Math.log(1e-14), Math.log(Math.max(1e-14, (2 * l2Norm(m.xy)) / t))];
	for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
		const mid = (lo + hi) / 2;
		if (l2Norm(ridge(m, Math.exp(mid))) > t) lo = mid;
		else hi = mid;
	}
	const lambda = Math.exp((lo + hi) / 2);
	const beta = ridge(m, lambda);
	return { beta: [beta[0], beta[1]], lambda, inside: false };
}

/**
 * The contour of the loss through `at`: the ellipse (β − β̂)ᵀC(β − β̂) = L(at) − L(β̂) around
 * the OLS point, from C's eigenvectors; as `points` points, closed. Empty when `at` is OLS.
 */
export function contourThrough(plane: Plane, at: Point, points = 120): Point[] {
	const { moments: m, ols } = plane;
	const [a, b, , d] = m.xx;
	const level = meanSquaredError(m, at) - meanSquaredError(m, ols);
	if (!(level > 1e-12)) return [];
	// Eigen-decomposition of the symmetric 2 × 2 [[a, b], [b, d]].
	const mean = (a + d) / 2;
	const spread = Math.sqrt(((a - d) / 2) ** 2 + b * b);
	const [e1, e2] = [Math.max(1e-9, mean + spread), Math.max(1e-9, mean - spread)];
	const angle = 0.5 * Math.atan2(2 * b, a - d);
	const [u, v] = [
		[Math.cos(angle), Math.sin(angle)],
		[-Math.sin(angle), Math.cos(angle)]
	];
	const [r1, r2] = [Math.sqrt(level / e1), Math.sqrt(level / e2)];
	return Array.from({ length: points + 1 }, (_, k) => {
		const th = (2 * Math.PI * k) / points;
		const [p1, p2] = [r1 * Math.cos(th), r2 * Math.sin(th)];
		return [ols[0] + p1 * u[0] + p2 * v[0], ols[1] + p1 * u[1] + p2 * v[1]] as Point;
	});
}

// ——— Part 2: eight features and their paths ———

export const FEATURES = 8;
export const TRAIN_N = 60;
export const TEST_N = 400;
export const PATH_NOISE = 3;
/** The true coefficients: x₁…x₃ matter; x₄, x₅ are near-copies of x₁ and x₆…x₈ noise, all with no effect of their own. */
export const TRUE_BETA = [2, -1.5, 1, 0, 0, 0, 0, 0];
/** How much noise is added to x₁ to make each copy (correlation with x₁ ≈ 1/√(1 + 0.35²) ≈ 0.94). */
const COPY_NOISE = 0.35;
export const FEATURE_NAMES = ['x₁', 'x₂', 'x₃', 'x₄', 'x₅', 'x₆', 'x₇', 'x₈'];
export const FEATURE_ROLES = ['useful', 'useful', 'useful', 'copy of x₁', 'copy of x₁', 'noise', 'noise', 'noise'];

/** The λ grid of the paths: 60 values, evenly spaced in log λ, largest first (warm starts go downhill). */
export const LAMBDA_RANGE: [number, number] = [1e-3, 1e3];
export const PATH_POINTS = 60;
export const LAMBDAS: readonly number[] = Array.from({ length: PATH_POINTS }, (_, i) =>
	Math.exp(Math.log(LAMBDA_RANGE[1]) + ((Math.log(LAMBDA_RANGE[0]) - Math.log(LAMBDA_RANGE[1])) * i) / (PATH_POINTS - 1))
);

export interface PathData {
	/** Raw features and y, row by row (as the export gives them). */
	train: { x: number[][]; y: number[] };
	test: { x: number[][]; y: number[] };
	/** The training set's column means and standard deviations, and ȳ (the intercept). */
	means: number[];
	sds: number[];
	yMean: number;
	/** Moments of the standardised training set, and of the test set on the training scale. */
	moments: Moments;
	testMoments: Moments;
}

function drawRows(n: number, rng: ReturnType<typeof createRng>) {
	const x: number[][] = [];
	const y: number[] = [];
	for (let i = 0; i < n; i++) {
		const [a, b, c] = [rng.normal(), rng.normal(), rng.normal()];
		const row = [a, b, c, a + COPY_NOISE * rng.normal(), a + COPY_NOISE * rng.normal(), rng.normal(), rng.normal(), rng.normal()];
		x.push(row);
		y.push(5 + row.reduce((s, v, j) => s + TRUE_BETA[j] * v, 0) + PATH_NOISE * rng.normal());
	}
	return { x, y };
}

/** Seeded synthetic data: 60 training rows and 400 held-out rows from the same process. */
export function makePathData(seed: number): PathData {
	const rng = createRng(seed).fork('paths');
	const train = drawRows(TRAIN_N, rng);
	const test = drawRows(TEST_N, rng);
	const p = FEATURES;
	const means = Array.from({ length: p }, (_, j) => train.x.reduce((s, r) => s + r[j], 0) / TRAIN_N);
	const sds = Array.from({ length: p }, (_, j) => {
		const sd = Math.sqrt(train.x.reduce((s, r) => s + (r[j] - means[j]) ** 2, 0) / TRAIN_N);
		return sd > 1e-12 ? sd : 1;
	});
	const yMean = train.y.reduce((s, v) => s + v, 0) / TRAIN_N;
	const scale = (rows: number[][]) => rows.map((r) => r.map((v, j) => (v - means[j]) / sds[j]));
	return {
		train,
		test,
		means,
		sds,
		yMean,
		moments: momentsOf(
			scale(train.x),
			train.y.map((v) => v - yMean)
		),
		// Predictions on the test set are ȳ + x̃ᵀβ with x̃ on the training scale: its error is the MSE of β on these moments.
		testMoments: momentsOf(
			scale(test.x),
			test.y.map((v) => v - yMean)
		)
	};
}

export type Penalty = 'l1' | 'l2' | 'enet';
export const PENALTIES: readonly Penalty[] = ['l1', 'l2', 'enet'];

export interface Path {
	penalty: Penalty;
	alpha: number;
	/** LAMBDAS, largest first. */
	lambdas: number[];
	/** The coefficients at each λ (standardised features). */
	coefficients: Float64Array[];
	/** Test error (MSE on the held-out rows) at each λ. */
	testError: number[];
	/** Per feature, the λ values where, as λ grows, its coefficient reaches 0 (interpolated between grid points). */
	zeroAt: number[][];
}

const alphaOf = (penalty: Penalty, alpha: number) => (penalty === 'l1' ? 1 : penalty === 'l2' ? 0 : alpha);

/** One fit at λ, as the path computes it. */
export function fitAt(data: PathData, penalty: Penalty, lambda: number, alpha: number, start?: ArrayLike<number>): Float64Array {
	return elasticNet(data.moments, lambda, alphaOf(penalty, alpha), start);
}

export const testError = (data: PathData, beta: ArrayLike<number>) => meanSquaredError(data.testMoments, beta);

/**
 * A penalty's path over LAMBDAS, from the largest λ down, each fit warm-started from the one
 * before; one λ per slice (a fit takes microseconds to a millisecond, far under the 10 ms a
 * slice may take).
 */
export function* pathJob(data: PathData, penalty: Penalty, alpha: number): Job<Path> {
	const a = alphaOf(penalty, alpha);
	const coefficients: Float64Array[] = [];
	const errors: number[] = [];
	let beta: Float64Array | undefined;
	for (const lambda of LAMBDAS) {
		yield;
		beta = elasticNet(data.moments, lambda, a, beta);
		coefficients.push(beta);
		errors.push(testError(data, beta));
	}
	return { penalty, alpha: a, lambdas: [...LAMBDAS], coefficients, testError: errors, zeroAt: zeroCrossings(coefficients) };
}

/**
 * Where each coefficient reaches 0 as λ grows: between a grid point where it is non-zero and
 * the next larger λ where it is exactly 0, the lasso path is a straight line in λ, so the
 * crossing is interpolated there (exact when no other coefficient enters in between).
 */
function zeroCrossings(coefficients: Float64Array[]): number[][] {
	const crossings: number[][] = Array.from({ length: FEATURES }, () => []);
	for (let k = 1; k < coefficients.length; k++) {
		// Grid order is largest λ first: k − 1 is the larger λ.
		for (let j = 0; j < FEATURES; j++) {
			const [big, small] = [coefficients[k - 1][j], coefficients[k][j]];
			if (big === 0 && small !== 0) {
				const [l0, l1] = [LAMBDAS[k - 1], LAMBDAS[k]];
				// β(λ) ≈ small·(λ₀ − λ)/(λ₀ − λ₁) would put the crossing at λ₀; use the slope of the
				// next segment when there is one, so the mark sits where the line meets 0.
				const next = coefficients[k + 1]?.[j];
				let at = l0;
				if (next !== undefined && next !== small && Math.sign(next) === Math.sign(small)) {
					const slope = (next - small) / (LAMBDAS[k + 1] - l1);
					const root = l1 - small / slope;
					at = Math.min(l0, Math.max(l1, root));
				}
				crossings[j].push(at);
			}
		}
	}
	return crossings;
}

export const nonZero = (beta: ArrayLike<number>) => Array.from(beta).filter((b) => b !== 0).length;
