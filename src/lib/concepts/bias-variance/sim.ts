/**
 * The bias–variance decomposition, measured rather than drawn: many training sets from one
 * noisy process, the same model fitted to each, and the scatter of the fits on a fixed grid.
 *
 * - Data: set s has n points, x uniform on [0, 1], y = f(x) + σ·N(0, 1), from its own
 *   seeded stream. Test targets on the grid get fresh noise, one draw per (set, point).
 * - Models, fitted to every set at once in TF.js: polynomial least squares of degree 0–15
 *   (optionally ridge) by a batched Householder QR on a Legendre basis, and k-nearest-
 *   neighbour regression. The polynomial fits float32 cannot get right (ill-conditioned,
 *   or minimum-norm) are solved again set by set in float64, in plain TypeScript.
 * - Measures on the grid: bias² (average fit against the truth), variance (spread of the
 *   fits), noise σ², test error (fits against fresh noisy targets) and training error.
 *
 * Plain data in, plain typed arrays out; every tensor lives inside a `tf.tidy`.
 */
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow, type Job } from '$lib/common/slices';
import { rememberLast } from '$lib/common/memo';
import { legendreBasis } from '$lib/common/polynomials';

/** Test points: x = 0, 0.01, …, 1. */
export const GRID_SIZE = 101;
export const TEST_GRID = Float32Array.from({ length: GRID_SIZE }, (_, g) => g / (GRID_SIZE - 1));
export const MAX_DEGREE = 15;
/** The k values of the kNN sweep (those ≤ n are used). */
export const KNN_KS: readonly number[] = [1, 2, 3, 5, 7, 10, 15, 20, 30, 50];
/** Truth values beyond ±TRUTH_LIMIT count as undefined: float32 fits cannot use them. */
export const TRUTH_LIMIT = 1e6;
/**
 * A polynomial fit whose least-squares problem has a condition number above this (as
 * estimated from the float32 QR) is solved again in float64. Float32 errors grow with the
 * condition number: on random sets they stayed under 3e-4 of the fit's size (its root
 * mean square) below 100, reached percents by 1e4 and the whole size of the fit by 1e7.
 */
export const CONDITION_LIMIT = 100;

/** Uniform draws tried for one training x before giving up on f's domain. */
const MAX_DRAWS = 1000;
/** A float64 QR pivot this small relative to its column's norm means a column adds nothing new. */
const PIVOT_TOLERANCE = 1e-13;

export type Truth = (x: number) => number;

/** f(x) when it is usable: a finite number within ±TRUTH_LIMIT; NaN otherwise. */
export function truthValue(truth: Truth, x: number): number {
	let value: number;
	try {
		value = truth(x);
	} catch {
		return NaN;
	}
	return Number.isFinite(value) && Math.abs(value) <= TRUTH_LIMIT ? value : NaN;
}

export interface TruthOnGrid {
	/** f at each TEST_GRID point; NaN where f is undefined there. */
	values: Float64Array;
	/** Grid points where f is undefined: they are left out of every average. */
	undefinedCount: number;
}

/** The truth on TEST_GRID (at the float32 grid values, as the fits see them). */
export function truthOnGrid(truth: Truth): TruthOnGrid {
	const values = Float64Array.from(TEST_GRID, (x) => truthValue(truth, x));
	return { values, undefinedCount: values.filter((v) => Number.isNaN(v)).length };
}

// ---------------------------------------------------------------------------------------
// Data

export interface TrainingSets {
	n: number;
	sets: number;
	noise: number;
	/** Point i of set s at [s·n + i], in the order drawn. */
	xs: Float32Array;
	ys: Float32Array;
	/** Draws thrown away because f was undefined at them (see makeTrainingSets). */
	redrawn: number;
}

/**
 * `sets` training sets of `n` points each: x uniform on [0, 1], y = f(x) + noise·N(0, 1).
 * Set s comes from its own stream `createRng(seed).fork('train-s')`, and within it point i
 * takes its x, then its noise: so more sets keep the first ones, a larger n keeps the first
 * points, and a new σ rescales the same standard-normal noise (a slider drag stays smooth).
 *
 * Where f is undefined (see truthValue) the x is drawn again, so x is uniform over the part
 * of [0, 1] where f is defined and every y is a number; `redrawn` counts those draws. After
 * MAX_DRAWS misses in a row the point goes to a random grid point where f is defined.
 * Throws when f is defined at no grid point: check truthOnGrid first.
 *
 * @example
 * const data = makeTrainingSets(Math.sqrt, 30, 200, 0.3, 1);
 * data.xs.subarray(0, 30); // the x of set 0
 */
export function makeTrainingSets(truth: Truth, n: number, sets: number, noise: number, seed: number): TrainingSets {
	return withNoise(drawTrainingSets(truth, n, sets, seed), noise);
}

/** The random part of the training sets, which σ only scales: x, f(x) and a standard-normal draw per point. */
export interface TrainingDraws {
	n: number;
	sets: number;
	xs: Float32Array;
	clean: Float64Array;
	standardNoise: Float64Array;
	redrawn: number;
}

/** See makeTrainingSets. */
export function drawTrainingSets(truth: Truth, n: number, sets: number, seed: number): TrainingDraws {
	const xs = new Float32Array(sets * n);
	const clean = new Float64Array(sets * n);
	const standardNoise = new Float64Array(sets * n);
	const root = createRng(seed);
	let redrawn = 0;
	let fallback: number[] | null = null;
	for (let s = 0; s < sets; s++) {
		const rng = root.fork(`train-${s}`);
		for (let i = 0; i < n; i++) {
			let x = Math.fround(rng.next());
			let f = truthValue(truth, x);
			for (let draw = 1; Number.isNaN(f) && draw < MAX_DRAWS; draw++) {
				redrawn++;
				x = Math.fround(rng.next());
				f = truthValue(truth, x);
			}
			if (Number.isNaN(f)) {
				fallback ??= definedGridPoints(truth);
				x = TEST_GRID[fallback[rng.int(fallback.length)]];
				f = truthValue(truth, x);
			}
			xs[s * n + i] = x;
			clean[s * n + i] = f;
			standardNoise[s * n + i] = rng.normal();
		}
	}
	return { n, sets, xs, clean, standardNoise, redrawn };
}

/** y = f(x) + σ·z for the drawn points. */
export function withNoise({ n, sets, xs, clean, standardNoise, redrawn }: TrainingDraws, noise: number): TrainingSets {
	const ys = Float32Array.from(clean, (f, i) => f + noise * standardNoise[i]);
	return { n, sets, noise, xs, ys, redrawn };
}

function definedGridPoints(truth: Truth): number[] {
	const { values } = truthOnGrid(truth);
	const defined = Array.from(values.keys()).filter((g) => !Number.isNaN(values[g]));
	if (defined.length === 0) throw new Error('The true function is undefined everywhere on [0, 1].');
	return defined;
}

/**
 * Standard-normal test noise, one draw per (set, grid point), [sets × GRID_SIZE]; the test
 * target of set s at grid point g is f(x_g) + σ·testNoise[s·G + g]. Drawn from streams of
 * its own, apart from the training data, so the test error has fresh noise; the same draws
 * serve every model, so the sweep compares models on the same targets.
 */
export function makeTestNoise(sets: number, seed: number): Float32Array {
	const noise = new Float32Array(sets * GRID_SIZE);
	const root = createRng(seed);
	for (let s = 0; s < sets; s++) {
		const rng = root.fork(`test-${s}`);
		for (let g = 0; g < GRID_SIZE; g++) noise[s * GRID_SIZE + g] = rng.normal();
	}
	return noise;
}

export interface Experiment {
	data: TrainingSets;
	truth: TruthOnGrid;
	/** Standard normal, [sets × GRID_SIZE] (see makeTestNoise). */
	testNoise: Float32Array;
}

export interface ExperimentOptions {
	n: number;
	sets: number;
	noise: number;
	seed: number;
}

export type ExperimentResult = { ok: true; experiment: Experiment } | { ok: false; error: string };

/**
 * Everything a model setting or a sweep needs: the training sets, the truth on the grid and
 * the test noise. Never throws: a truth that is undefined on the whole grid gives an error
 * for the reader.
 */
export function createExperiment(truth: Truth, { n, sets, noise, seed }: ExperimentOptions): ExperimentResult {
	const onGrid = truthOnGridOnce(truth);
	if (onGrid.undefinedCount === GRID_SIZE) {
		return { ok: false, error: 'This function has no value anywhere on 0 ≤ x ≤ 1: there is nothing to fit.' };
	}
	return {
		ok: true,
		experiment: { data: withNoise(drawOnce(truth, n, sets, seed), noise), truth: onGrid, testNoise: testNoiseOnce(sets, seed) }
	};
}

// A drag on σ changes none of these, a drag on n only the draws: computed again only when
// their own arguments change. Nobody writes into the arrays, so sharing them is safe.
const truthOnGridOnce = rememberLast(truthOnGrid);
const drawOnce = rememberLast(drawTrainingSets);
const testNoiseOnce = rememberLast(makeTestNoise);

// ---------------------------------------------------------------------------------------
// Polynomial regression

export interface PolynomialFits {
	sets: number;
	n: number;
	/** Degrees 0…maxDegree were fitted. */
	maxDegree: number;
	/** The fit of degree d at grid point g for set s: [d·sets·G + s·G + g]. */
	grid: Float32Array;
	/** The same at the training points: [d·sets·n + s·n + i]. */
	train: Float32Array;
	/** For each degree, how many sets were solved in float64 (minimum-norm, or too ill-conditioned for float32). */
	float64Sets: number[];
}

/** More coefficients than points: the least-squares fit of this degree is not unique. */
export function isUnderdetermined(degree: number, n: number): boolean {
	return degree + 1 > n;
}

/**
 * Least-squares polynomials of every degree 0…maxDegree, fitted to every training set at
 * once: for each degree d, the β minimising Σᵢ (yᵢ − Σⱼ βⱼ·φⱼ(xᵢ))² + λ·Σⱼ βⱼ² over j ≤ d,
 * where φⱼ is the basis of legendreBasis. The penalty is on the Legendre coefficients,
 * constant term included, so it is λ times the mean square of the fitted curve over [0, 1];
 * like scikit-learn's Ridge it is added to the sum (not the mean) of squared errors.
 *
 * How: one batched Householder QR of [A | y] stacked on [√λ·I | 0] (A: the basis columns at
 * the training points) for all sets, in TF.js. The first d + 1 Householder steps see only
 * the first d + 1 columns, so the QR of the top-degree problem holds the QR of every lower
 * degree (the ridge rows of unused columns are zero rows): degree d solves the leading
 * (d + 1) × (d + 1) block of R against the first d + 1 entries of Qᵀy. The fits on the grid
 * and at the training points then come from two matrix products for all degrees. A lower
 * maxDegree gives the same fits (to float32 rounding) for less work.
 *
 * Float32 is not enough for every fit, and TF.js has no float64, so two kinds of fit are
 * solved again, set by set, in plain float64 TypeScript (and evaluated in float64 too):
 * - a set's degrees from the first whose condition number, estimated from the float32 R,
 *   is above CONDITION_LIMIT: there float32 rounding would show in the numbers;
 * - with λ = 0, the degrees with more coefficients than points (isUnderdetermined): many
 *   curves go through every point, and the fit is the one of smallest mean square over
 *   [0, 1], the minimum-norm solution (see minimumNorm; also the limit of ridge as λ → 0).
 * A column that adds nothing new (a float64 pivot below PIVOT_TOLERANCE times its norm, as
 * with repeated x) gets coefficient 0: never a NaN.
 */
export function fitPolynomials(data: TrainingSets, lambda: number, maxDegree = MAX_DEGREE): PolynomialFits {
	return runNow(fitPolynomialsJob(data, lambda, maxDegree));
}

/** Sets solved or evaluated one by one between two yields of a fitting job. */
const SETS_PER_PIECE = 20;

/** fitPolynomials as a job: it yields after each Householder step, every SETS_PER_PIECE sets of the per-set work, and after the products. */
export function* fitPolynomialsJob(data: TrainingSets, lambda: number, maxDegree = MAX_DEGREE): Job<PolynomialFits> {
	if (!(Number.isInteger(maxDegree) && maxDegree >= 0 && maxDegree <= MAX_DEGREE)) {
		throw new RangeError(`degree ${maxDegree} is not in 0…${MAX_DEGREE}`);
	}
	const { n, sets } = data;
	const p = maxDegree + 1;
	const basis = legendreBasis(data.xs, maxDegree);
	const gridBasis = legendreBasis(TEST_GRID, maxDegree);
	const { coefficients, float64From } = yield* solveAllDegrees(data, basis, p, Math.max(0, lambda));
	// The coefficients as [degree, set, j] and [set, degree, j]: then the grid product comes
	// out as [degree, set, point] directly, the training one as [set, degree, point].
	const byDegree = new Float32Array(coefficients.length);
	const bySet = new Float32Array(coefficients.length);
	for (let s = 0; s < sets; s++) {
		for (let j = 0; j < p; j++) {
			for (let d = 0; d < p; d++) {
				const value = coefficients[(s * p + j) * p + d];
				byDegree[(d * sets + s) * p + j] = value;
				bySet[(s * p + d) * p + j] = value;
			}
		}
	}
	const [gridFits, trainFits] = tf.tidy(() => {
		const atGrid = tf.tensor2d(Float32Array.from(gridBasis), [GRID_SIZE, p]);
		const design = tf.tensor3d(Float32Array.from(basis), [sets, n, p]);
		return [
			tf.matMul(tf.tensor2d(byDegree, [p * sets, p]), atGrid, false, true),
			tf.matMul(tf.tensor3d(bySet, [sets, p, p]), design, false, true)
		];
	});
	const grid = Float32Array.from(gridFits.dataSync() as Float32Array);
	const atPoints = trainFits.dataSync() as Float32Array;
	const train = new Float32Array(atPoints.length);
	for (let s = 0; s < sets; s++) {
		for (let d = 0; d < p; d++) train.set(atPoints.subarray((s * p + d) * n, (s * p + d + 1) * n), (d * sets + s) * n);
	}
	tf.dispose([gridFits, trainFits]);
	// The float64 fits are evaluated in float64 as well: an interpolating fit can have
	// coefficients far larger than its values at the points, and float32 products of them
	// would miss the points by far more than rounding.
	const float64Sets = new Array<number>(p).fill(0);
	const beta = new Float64Array(p);
	yield;
	for (let s = 0; s < sets; s++) {
		if (s % SETS_PER_PIECE === SETS_PER_PIECE - 1) yield;
		for (let d = float64From[s]; d < p; d++) {
			float64Sets[d]++;
			for (let j = 0; j < p; j++) beta[j] = coefficients[(s * p + j) * p + d]; // zero for j > d
			for (let g = 0; g < GRID_SIZE; g++) grid[(d * sets + s) * GRID_SIZE + g] = polynomialAt(beta, gridBasis, g);
			for (let i = 0; i < n; i++) train[(d * sets + s) * n + i] = polynomialAt(beta, basis, s * n + i);
		}
	}
	yield;
	return { sets, n, maxDegree, grid, train, float64Sets };
}

/** Σⱼ βⱼ·φⱼ(x) for the point whose basis values are row `row` of `basis` (as many a row as β has). */
function polynomialAt(beta: Float64Array, basis: Float64Array, row: number): number {
	const p = beta.length;
	let sum = 0;
	for (let j = 0; j < p; j++) sum += beta[j] * basis[row * p + j];
	return sum;
}

/**
 * The coefficients of every degree below p for every set, [set, coefficient j, degree d]
 * (zero for j > d), from the basis at the training points ([sets·n·p], as legendreBasis
 * gives it); and for each set the first degree solved in float64 (p when none was).
 *
 * The QR runs in TF.js (float32, the wide part of the work); the rest runs set by set in
 * float64 plain TypeScript: the condition estimates and the p × p triangular solves (a few
 * hundred thousand flops in all, which TF.js would spend in per-op overhead), then the
 * float64 solves of the degrees float32 cannot be trusted with.
 */
function* solveAllDegrees(
	data: TrainingSets,
	basis: Float64Array,
	p: number,
	lambda: number
): Job<{ coefficients: Float64Array; float64From: Int32Array }> {
	const { n, sets, xs, ys } = data;
	const m = n + p;
	const columns = new Float32Array(sets * (p + 1) * m);
	for (let s = 0; s < sets; s++) writeProblem(basis, ys, s, n, p, lambda, columns.subarray(s * (p + 1) * m));
	const a = yield* householder(columns, sets, m, p);
	const coefficients = new Float64Array(sets * p * p);
	const float64From = new Int32Array(sets);
	// With λ = 0, degrees from n on have more coefficients than points: minimum-norm fits.
	const leastSquaresEnd = lambda > 0 ? p : Math.min(p, n);
	for (let s = 0; s < sets; s++) {
		// (Ill-conditioned sets are solved again in float64: some sets take far longer than others.)
		if (s % SETS_PER_PIECE === SETS_PER_PIECE - 1) yield;
		const reduced = a.subarray(s * (p + 1) * m, (s + 1) * (p + 1) * m);
		const x = coefficients.subarray(s * p * p, (s + 1) * p * p);
		const from = Math.min(firstIllConditioned(reduced, m, p), leastSquaresEnd);
		float64From[s] = from;
		// Below `from` every pivot is well away from 0 (the condition estimate says so).
		backSubstitute(reduced, m, p, null, 0, from, x);
		if (from < leastSquaresEnd) leastSquares64(basis, ys, s, n, p, lambda, from, leastSquaresEnd, x);
		if (leastSquaresEnd < p) minimumNorm(xs.subarray(s * n, (s + 1) * n), ys.subarray(s * n, (s + 1) * n), p, leastSquaresEnd, x);
	}
	return { coefficients, float64From };
}

/**
 * Set s's least-squares problem stored column by column into `out` (zeros, (p + 1)·(n + p)
 * long): column j < p is basis column j at the n points followed by √λ at position n + j
 * (the ridge rows), column p is y followed by zeros.
 */
function writeProblem(basis: Float64Array, ys: Float32Array, s: number, n: number, p: number, lambda: number, out: Float32Array | Float64Array) {
	const m = n + p;
	const root = Math.sqrt(lambda);
	for (let j = 0; j < p; j++) {
		for (let i = 0; i < n; i++) out[j * m + i] = basis[(s * n + i) * p + j];
		out[j * m + n + j] = root;
	}
	out.set(ys.subarray(s * n, (s + 1) * n), p * m);
}

/**
 * Degrees d = from…to − 1 of one set: solves the leading (d + 1) × (d + 1) block of R
 * against the first d + 1 entries of Qᵀy, into x[j·p + d]. `reduced` is the set's problem
 * after the QR, column by column m apart: R_ik is entry i of column k, (Qᵀy)_i entry i of
 * column p. With column norms given, a pivot at most PIVOT_TOLERANCE times its column's
 * norm gives coefficient 0.
 */
function backSubstitute(reduced: Float32Array | Float64Array, m: number, p: number, norms: number[] | null, from: number, to: number, x: Float64Array) {
	for (let d = from; d < to; d++) {
		for (let i = d; i >= 0; i--) {
			let sum = reduced[p * m + i];
			for (let k = i + 1; k <= d; k++) sum -= reduced[k * m + i] * x[k * p + d];
			const pivot = reduced[i * m + i];
			x[i * p + d] = norms && !(Math.abs(pivot) > PIVOT_TOLERANCE * norms[i]) ? 0 : sum / pivot;
		}
	}
}

/**
 * The first degree float32 cannot be trusted with, p if none: the first whose condition
 * estimate ‖R_d‖_F·‖R_d⁻¹‖_F is above CONDITION_LIMIT (R_d: the leading (d + 1) × (d + 1)
 * block of R, laid out as in backSubstitute); a zero pivot counts as above. Column d of
 * R⁻¹ depends on R_d only, so each degree adds one column to the norms of the one before.
 * The estimate is never below the condition number in the 2-norm, and at most d + 1 times it.
 */
function firstIllConditioned(reduced: Float32Array, m: number, p: number): number {
	const inverse = new Float64Array(p); // column d of R⁻¹
	let squareR = 0;
	let squareInverse = 0;
	for (let d = 0; d < p; d++) {
		inverse[d] = 1 / reduced[d * m + d];
		for (let i = d - 1; i >= 0; i--) {
			let sum = 0;
			for (let k = i + 1; k <= d; k++) sum += reduced[k * m + i] * inverse[k];
			inverse[i] = -sum / reduced[i * m + i];
		}
		for (let i = 0; i <= d; i++) {
			squareR += reduced[d * m + i] ** 2;
			squareInverse += inverse[i] ** 2;
		}
		if (!(Math.sqrt(squareR * squareInverse) <= CONDITION_LIMIT)) return d;
	}
	return p;
}

/** Degrees from…to − 1 of set s, into x as backSubstitute does: the same QR, in float64 on this set alone. */
function leastSquares64(basis: Float64Array, ys: Float32Array, s: number, n: number, p: number, lambda: number, from: number, to: number, x: Float64Array) {
	const m = n + p;
	const values = new Float64Array((p + 1) * m);
	writeProblem(basis, ys, s, n, p, lambda, values);
	// With λ = 0 the ridge rows are zeros, which change nothing: they are left out.
	const rows = lambda > 0 ? m : n;
	const columns = Array.from({ length: p + 1 }, (_, j) => values.subarray(j * m, j * m + rows));
	const norms = columns.map((column) => norm(column));
	householder64(columns, to);
	backSubstitute(values, m, p, norms, from, to, x);
}

/**
 * Degrees from…p − 1 of one set, into x as backSubstitute does, for more coefficients than
 * points: the minimum-norm polynomial through the points. Of all β with A·β = y (A: the
 * basis at the points, full row rank), the shortest, β = Aᵀ(AAᵀ)⁻¹y; since Σⱼ βⱼ² is the
 * mean square of the curve over [0, 1], it is the curve through every point that is
 * smallest there. Computed stably from a QR of Aᵀ: Aᵀ = QR gives A = RᵀQᵀ, so β = Q·z with
 * Rᵀz = y.
 *
 * Points with the same x would make A lose rank: they share one row, with their mean y
 * (what least squares puts there).
 */
function minimumNorm(xs: Float32Array, ys: Float32Array, p: number, from: number, x: Float64Array) {
	const means = new Map<number, { sum: number; count: number }>();
	xs.forEach((value, i) => {
		const group = means.get(value) ?? { sum: 0, count: 0 };
		group.sum += ys[i];
		group.count++;
		means.set(value, group);
	});
	const y = Array.from(means.values(), ({ sum, count }) => sum / count);
	const basis = legendreBasis([...means.keys()], p - 1);
	for (let d = from; d < p; d++) {
		// Column i of Aᵀ: the basis of degree d at point i.
		const columns = y.map((_, i) => basis.slice(i * p, i * p + d + 1));
		const norms = columns.map((column) => norm(column));
		const reflections = householder64(columns, columns.length);
		// Rᵀz = y by forward substitution (R_ik is entry i of column k).
		const z = new Float64Array(d + 1);
		columns.forEach((column, k) => {
			let sum = y[k];
			for (let i = 0; i < k; i++) sum -= column[i] * z[i];
			z[k] = Math.abs(column[k]) > PIVOT_TOLERANCE * norms[k] ? sum / column[k] : 0;
		});
		// β = Q·z = H₀·H₁·…·z: the last reflection first.
		for (let j = reflections.length - 1; j >= 0; j--) reflect(reflections[j], z);
		z.forEach((value, j) => (x[j * p + d] = value));
	}
}

/** The Euclidean norm (a loop: Math.hypot is many times slower). */
function norm(values: Float64Array): number {
	let square = 0;
	for (let i = 0; i < values.length; i++) square += values[i] * values[i];
	return Math.sqrt(square);
}

/** The reflection I − scale·v·vᵀ, where v is zero before `start`. */
interface Reflection {
	v: Float64Array;
	start: number;
	scale: number;
}

function reflect({ v, start, scale }: Reflection, column: Float64Array) {
	let dot = 0;
	for (let i = start; i < v.length; i++) dot += v[i] * column[i];
	const f = scale * dot;
	for (let i = start; i < v.length; i++) column[i] -= f * v[i];
}

/**
 * Householder QR in float64, in place, of the matrix with these columns (all of one
 * length): the first k columns become R (entry i ≤ j of column j is R_ij) and every later
 * column c becomes Qᵀc. The same reflections as householder, one matrix at a time. Returns
 * them, H₀…H_{k−1} (Q = H₀·…·H_{k−1}).
 */
function householder64(columns: Float64Array[], k: number): Reflection[] {
	const reflections: Reflection[] = [];
	for (let j = 0; j < k; j++) {
		const v = new Float64Array(columns[j].length);
		v.set(columns[j].subarray(j), j);
		const length = norm(v);
		// v = x − α·e_j with α = −sign(x_j)·‖x‖ (sign(0) = 1), so that it never cancels.
		v[j] += v[j] < 0 ? -length : length;
		const square = norm(v) ** 2;
		// A zero column gives v = 0: no reflection.
		const reflection = { v, start: j, scale: square > 0 ? 2 / square : 0 };
		for (let c = j; c < columns.length; c++) reflect(reflection, columns[c]);
		reflections.push(reflection);
	}
	return reflections;
}

/**
 * Householder QR of the first p columns of each matrix in a batch, given column by column
 * as [sets, p + 1, m] (row j of the array = column j of an m × (p + 1) matrix), with the same
 * reflections applied to the last column. Returns the reduced array: entry i ≤ j of column
 * j is R_ij, and entries 0…p−1 of column p are Qᵀy. A job that yields after each step; the
 * array it works on is freed even when the job is abandoned.
 *
 * TF.js has no batched QR (tf.linalg.qr loops over matrices one by one). Here each step is a
 * handful of ops over the whole batch: the reflector v from column j (entries j and below),
 * then A ← A − (2 / vᵀv)·(A·v)·vᵀ. A keeps its shape throughout.
 */
function* householder(values: Float32Array, sets: number, m: number, p: number): Job<Float32Array> {
	const c = p + 1;
	let a = tf.tensor3d(values, [sets, c, m]);
	try {
		for (let j = 0; j < p; j++) {
			const reflected = tf.tidy(() => {
				const unit = unitVector(m, j);
				const x = pickRow(a, j).mul(tf.tensor3d(new Float32Array(m).fill(1, j), [1, 1, m]));
				const norm = x.square().sum(2, true).sqrt();
				// α = −sign(x_j)·‖x‖ (with sign(0) = 1), so that v = x − α·e_j never cancels.
				const alpha = tf.where(x.mul(unit).sum(2, true).less(0), norm, norm.neg());
				const v = x.sub(unit.mul(alpha));
				// A zero column gives v = 0 and leaves A as it is.
				const scale = tf.div(2, v.square().sum(2, true).maximum(1e-30));
				return a.sub(outerProducts(tf.matMul(a, v, false, true).mul(scale), v)) as tf.Tensor3D;
			});
			a.dispose();
			a = reflected;
			yield;
		}
		return Float32Array.from(a.dataSync() as Float32Array);
	} finally {
		a.dispose();
	}
}

/**
 * u·wᵀ for each matrix of a batch: [S, a, 1] and [S, 1, b] → [S, a, b]. A broadcasting
 * multiply, except on the cpu backend: there it goes element by element and a batched
 * product is ~15× faster, while on wasm the product is ~10× slower (measured, S = 200).
 */
function outerProducts(u: tf.Tensor, w: tf.Tensor): tf.Tensor3D {
	return (tf.getBackend() === 'cpu' ? tf.matMul(u, w) : u.mul(w)) as tf.Tensor3D;
}

/**
 * Row j of each matrix of a batch [S, c, m], as [S, 1, m]. A slice, except on the cpu
 * backend: there slicing a 3-d tensor copies element by element and a product with a unit
 * vector is faster, while on wasm the slice makes the whole sweep ~15 % faster (measured).
 */
function pickRow(a: tf.Tensor3D, j: number): tf.Tensor3D {
	const [sets, c, m] = a.shape;
	return tf.getBackend() === 'cpu' ? (tf.matMul(unitVector(c, j), a) as tf.Tensor3D) : a.slice([0, j, 0], [sets, 1, m]);
}

/** e_i as a [1, 1, size] tensor: picks row i in a batched product. */
function unitVector(size: number, i: number): tf.Tensor3D {
	const values = new Float32Array(size);
	values[i] = 1;
	return tf.tensor3d(values, [1, 1, size]);
}

// ---------------------------------------------------------------------------------------
// k nearest neighbours

export interface KnnFits {
	/** The k used: the one asked for, lowered to n when larger. */
	k: number;
	/** f̂ of set s at grid point g: [s·G + g]. */
	grid: Float32Array;
	/** f̂ of set s at its own point i (which is among its own neighbours): [s·n + i], as drawn. */
	train: Float32Array;
}

/** Each set's points sorted by x (a stable sort: equal x keep the order drawn). */
interface SortedSets {
	n: number;
	sets: number;
	xs: Float32Array;
	ys: Float32Array;
	/** Where sorted point j of set s was drawn: its index i within the set. */
	order: Int32Array;
}

function sortSets({ n, sets, xs, ys }: TrainingSets): SortedSets {
	const size = xs.length;
	const sorted = { n, sets, xs: new Float32Array(size), ys: new Float32Array(size), order: new Int32Array(size) };
	const indices = Array.from({ length: n }, (_, i) => i);
	for (let s = 0; s < sets; s++) {
		const base = s * n;
		indices.sort((a, b) => xs[base + a] - xs[base + b] || a - b);
		indices.forEach((i, j) => {
			sorted.xs[base + j] = xs[base + i];
			sorted.ys[base + j] = ys[base + i];
			sorted.order[base + j] = i;
		});
		indices.sort((a, b) => a - b);
	}
	return sorted;
}

/**
 * k-nearest-neighbour regression on every training set at once: the fit at x is the mean y
 * of the k training points nearest to x. k is lowered to n when larger.
 *
 * Once a set is sorted by x, the k nearest points to a query q are k consecutive ones. The
 * run starting at a loses to the run starting at a + 1 when x_{a+k} is nearer to q than x_a,
 * that is when x_a + x_{a+k} < 2q; these sums grow with a, so the best run starts at the
 * number of them below 2q — one batched tf.searchSorted. The mean of every run comes from
 * one convolution with k ones, and each query picks its run's mean with one gather. Ties
 * are settled by position in the sorted set, the same on every backend: a query exactly
 * halfway between two candidates (to float32 rounding of x_a + x_{a+k}) takes the left one.
 *
 * @example
 * const { grid } = fitKnn(data, 5); // grid[s·101 + 50]: mean y of set s's 5 points nearest x = 0.5
 */
export function fitKnn(data: TrainingSets, k: number): KnnFits {
	return knnOnSorted(sortSets(data), k);
}

function knnOnSorted(sorted: SortedSets, k: number): KnnFits {
	const { n, sets } = sorted;
	const used = Math.min(Math.max(1, Math.round(k)), n);
	const queries = GRID_SIZE + n;
	const runs = n - used + 1;
	const means = tf.tidy(() => {
		const xs = tf.tensor2d(sorted.xs, [sets, n]);
		// Each set is asked about the grid and about its own points (for the training error).
		const at = tf.concat([tf.tensor2d(TEST_GRID, [1, GRID_SIZE]).tile([sets, 1]), xs], 1);
		const runMeans = tf.conv1d(tf.tensor3d(sorted.ys, [sets, n, 1]), tf.ones([used, 1, 1]), 1, 'valid').div(used);
		let start: tf.Tensor = tf.zeros([sets, queries]);
		if (runs > 1) {
			const sums = xs.slice([0, 0], [sets, runs - 1]).add(xs.slice([0, used], [sets, runs - 1]));
			start = tf.searchSorted(sums, at.mul(2), 'left').toFloat();
		}
		// Indices as floats (exact below 2²⁴) and cast once: int32 broadcasting is slow on wasm.
		const index = start.add(tf.range(0, sets * runs, runs).reshape([sets, 1])).toInt();
		return tf.gather(runMeans.reshape([sets * runs]), index);
	});
	const values = means.dataSync() as Float32Array;
	means.dispose();
	const grid = new Float32Array(sets * GRID_SIZE);
	const train = new Float32Array(sets * n);
	for (let s = 0; s < sets; s++) {
		grid.set(values.subarray(s * queries, s * queries + GRID_SIZE), s * GRID_SIZE);
		for (let j = 0; j < n; j++) train[s * n + sorted.order[s * n + j]] = values[s * queries + GRID_SIZE + j];
	}
	return { k: used, grid, train };
}

// ---------------------------------------------------------------------------------------
// The decomposition

export interface Decomposition {
	/** Mean over the grid of (mean fit over sets − f)². */
	bias2: number;
	/** Mean over the grid of the variance of the fits across sets (dividing by the number of sets). */
	variance: number;
	/** σ²: the part of the test error no model can remove. */
	noise: number;
	/** Mean over sets and grid of (f + σ·fresh noise − f̂)²: the measured expected test error. */
	testMse: number;
	/** Mean over sets and grid of (f̂ − f)²; equal to bias2 + variance. */
	truthMse: number;
}

/**
 * Bias², variance and test error of the fits [sets × G] (set s at grid point g at s·G + g),
 * over the grid points where the truth is defined. Since variance divides by the number of
 * sets, bias² + variance equals the mean over sets of (f̂ − f)² exactly, and the expected
 * test error over fresh noise is bias² + variance + σ².
 *
 * Plain float64 TypeScript rather than TF.js: a few tens of thousands of values, summed
 * with enough precision that the identity above holds to rounding.
 */
export function decompose(fits: Float32Array, truth: TruthOnGrid, noise: number, testNoise: Float32Array): Decomposition {
	const sets = fits.length / GRID_SIZE;
	let bias2 = 0;
	let variance = 0;
	let testMse = 0;
	let truthMse = 0;
	let points = 0;
	for (let g = 0; g < GRID_SIZE; g++) {
		const f = truth.values[g];
		if (Number.isNaN(f)) continue;
		points++;
		let mean = 0;
		for (let s = 0; s < sets; s++) mean += fits[s * GRID_SIZE + g];
		mean /= sets;
		let spread = 0;
		let error = 0;
		let test = 0;
		for (let s = 0; s < sets; s++) {
			const fit = fits[s * GRID_SIZE + g];
			spread += (fit - mean) ** 2;
			error += (fit - f) ** 2;
			test += (f + noise * testNoise[s * GRID_SIZE + g] - fit) ** 2;
		}
		bias2 += (mean - f) ** 2;
		variance += spread / sets;
		truthMse += error / sets;
		testMse += test / sets;
	}
	const per = Math.max(1, points);
	return {
		bias2: bias2 / per,
		variance: variance / per,
		noise: noise * noise,
		testMse: testMse / per,
		truthMse: truthMse / per
	};
}

/** Mean squared training error: over every point of every set (each set has n points, so also the mean over sets). */
export function trainingError(train: Float32Array, ys: Float32Array): number {
	let total = 0;
	for (let i = 0; i < ys.length; i++) total += (ys[i] - train[i]) ** 2;
	return total / Math.max(1, ys.length);
}

// ---------------------------------------------------------------------------------------
// Model settings and the sweep

export type ModelSetting = { model: 'poly'; degree: number; lambda: number } | { model: 'knn'; k: number };

export interface SweepRow {
	/** Degree for polynomials, 1/k for kNN. */
	complexity: number;
	degree?: number;
	k?: number;
	bias2: number;
	variance: number;
	noise: number;
	testMse: number;
	trainMse: number;
}

export interface SettingResult extends SweepRow {
	/** f̂ of set s at grid point g: [s·G + g]. */
	fits: Float32Array;
	/** Mean over sets and grid of (f̂ − f)² (= bias2 + variance). */
	truthMse: number;
	/**
	 * Polynomial with more coefficients than points and no ridge: many curves go through
	 * every point, and the fit is the minimum-norm one (see fitPolynomials). Not with a
	 * ridge, whose fit is unique and goes through no point in particular.
	 */
	underdetermined: boolean;
	/** kNN asked for more neighbours than a set has points: k was lowered to n. */
	kClamped: boolean;
}

type Measures = SweepRow & { truthMse: number };

function row(experiment: Experiment, grid: Float32Array, train: Float32Array, complexity: number): Measures {
	const { data, truth, testNoise } = experiment;
	return { complexity, ...decompose(grid, truth, data.noise, testNoise), trainMse: trainingError(train, data.ys) };
}

function polynomialRow(experiment: Experiment, fits: PolynomialFits, degree: number) {
	const { sets, n } = fits;
	const grid = fits.grid.subarray(degree * sets * GRID_SIZE, (degree + 1) * sets * GRID_SIZE);
	const train = fits.train.subarray(degree * sets * n, (degree + 1) * sets * n);
	return { grid, measures: { ...row(experiment, grid, train, degree), degree } };
}

/**
 * One model setting: its fits on the grid for every set, and the decomposition. A polynomial
 * of degree d takes a QR of d + 1 columns only: the numbers of the sweep's row for d, to
 * float32 rounding.
 *
 * @example
 * const result = createExperiment(builtInTruth('sin'), { n: 30, sets: 200, noise: 0.3, seed: 1 });
 * if (result.ok) fitSetting(result.experiment, { model: 'poly', degree: 3, lambda: 0 }).bias2;
 */
export function fitSetting(experiment: Experiment, setting: ModelSetting): SettingResult {
	return runNow(fitSettingJob(experiment, setting));
}

/** fitSetting as a job (for the page): a polynomial fit yields after each Householder step. */
export function* fitSettingJob(experiment: Experiment, setting: ModelSetting): Job<SettingResult> {
	const { n } = experiment.data;
	if (setting.model === 'poly') {
		const { degree, lambda } = setting;
		const { grid, measures } = polynomialRow(experiment, yield* fitPolynomialsJob(experiment.data, lambda, degree), degree);
		return { ...measures, fits: Float32Array.from(grid), underdetermined: isUnderdetermined(degree, n) && !(lambda > 0), kClamped: false };
	}
	const fits = fitKnn(experiment.data, setting.k);
	return {
		...row(experiment, fits.grid, fits.train, 1 / fits.k),
		k: fits.k,
		fits: fits.grid,
		underdetermined: false,
		kClamped: fits.k < setting.k
	};
}

export type SweepFamily = { model: 'poly'; lambda: number } | { model: 'knn'; ks?: readonly number[] };

/**
 * The decomposition against complexity, one row per model, in order of increasing
 * complexity: polynomial degrees 0…15 (with the given λ), or kNN for each k of `ks` (default
 * KNN_KS) up to n, from the largest k to the smallest. A job, so the page can run it in
 * slices: it yields after each row, and for polynomials also after each step of the one QR
 * that fits all degrees. `onRow` hears the rows so far each time one is added.
 */
export function* sweepJob(
	experiment: Experiment,
	family: SweepFamily,
	onRow?: (rows: readonly SweepRow[]) => void
): Job<SweepRow[]> {
	const rows: SweepRow[] = [];
	const add = (entry: Measures) => {
		const { truthMse: _, ...measures } = entry;
		rows.push(measures);
		onRow?.(rows);
	};
	if (family.model === 'poly') {
		const fits = yield* fitPolynomialsJob(experiment.data, family.lambda);
		for (let degree = 0; degree <= MAX_DEGREE; degree++) {
			add(polynomialRow(experiment, fits, degree).measures);
			yield;
		}
		return rows;
	}
	const { n } = experiment.data;
	const ks = [...new Set(family.ks ?? KNN_KS)].filter((k) => Number.isInteger(k) && k >= 1 && k <= n).sort((a, b) => b - a);
	const sorted = sortSets(experiment.data);
	for (const k of ks) {
		const fits = knnOnSorted(sorted, k);
		add({ ...row(experiment, fits.grid, fits.train, 1 / k), k });
		yield;
	}
	return rows;
}

export interface Bias2Rebound {
	/** The first, more complex row whose measured bias² is over REBOUND_FACTOR × the lowest. */
	row: SweepRow;
	/** That row's variance ÷ number of sets: how far the average of the fits strays by chance. */
	samplingError: number;
}

const REBOUND_FACTOR = 3;

/**
 * Where the measured bias² climbs again past its lowest point, if it does. The average of a
 * finite number of fits is itself off the truth by about variance ÷ sets, and at high
 * degrees a few wild fits make that large: the climb is sampling error, not bias, and the
 * page says so rather than let the chart suggest flexible models grow biased. A climb
 * larger than chance explains is not flagged.
 */
export function bias2Rebound(rows: readonly SweepRow[], sets: number): Bias2Rebound | null {
	if (rows.length < 2) return null;
	const lowest = rows.reduce((best, r, i) => (r.bias2 < rows[best].bias2 ? i : best), 0);
	const row = rows.slice(lowest + 1).find((r) => r.bias2 > REBOUND_FACTOR * rows[lowest].bias2 && r.bias2 > 1e-12);
	if (!row) return null;
	const samplingError = row.variance / sets;
	// Only a climb that chance can explain: anything larger is left for the chart to show.
	return row.bias2 <= REBOUND_FACTOR * samplingError ? { row, samplingError } : null;
}
