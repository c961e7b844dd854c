import { describe, expect, it } from 'vitest';
import { meta } from '$lib/concepts/bias-variance/meta';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { runNow } from '$lib/common/slices';
import {
	bias2Rebound,
	CONDITION_LIMIT,
	createExperiment,
	decompose,
	fitKnn,
	fitPolynomials,
	fitSetting,
	GRID_SIZE,
	KNN_KS,
	makeTestNoise,
	makeTrainingSets,
	MAX_DEGREE,
	sweepJob,
	TEST_GRID,
	trainingError,
	truthOnGrid,
	type Experiment,
	type ExperimentOptions,
	type PolynomialFits,
	type SettingResult,
	type SweepRow,
	type TrainingSets,
	type Truth
} from '$lib/concepts/bias-variance/sim';
import { builtInTruth, TRUTH_FORMULAS } from '$lib/concepts/bias-variance/truths';
import { prepare } from '$lib/concepts/bias-variance/setup';
import { BiasVarianceRun } from '$lib/concepts/bias-variance/run.svelte';
import { schema as bvSchema } from '$lib/concepts/bias-variance/params';
import { formulas } from '$lib/widget/lazy.svelte';
import { Services } from '$lib/widget/runs.svelte';
import { defaultValues } from '$lib/widget/schema';
import { expectAllClose, expectClose } from '../helpers/close';

// ---------------------------------------------------------------------------------------
// Independent float64 references, written from the textbook definitions: no tensors.

const UNIT_ROUNDOFF = 2 ** -24;

/** √(2j + 1)·Pⱼ(2x − 1) for j = 0…degree (Bonnet's recurrence). */
function phi(x: number, degree: number): number[] {
	const t = 2 * x - 1;
	const P = [1, t];
	for (let j = 2; j <= degree; j++) P.push(((2 * j - 1) * t * P[j - 1] - (j - 1) * P[j - 2]) / j);
	return P.slice(0, degree + 1).map((p, j) => Math.sqrt(2 * j + 1) * p);
}

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0);

/**
 * argmin ‖y − Aβ‖² + λ‖β‖² by Householder QR of [A; √λ·I] in float64, with the Frobenius
 * condition number κ = ‖R‖·‖R⁻¹‖ of the problem.
 */
function leastSquares64(rows: number[][], y: number[], lambda = 0): { beta: number[]; cond: number } {
	const p = rows[0].length;
	const A = rows.map((row) => [...row]);
	const b = [...y];
	for (let j = 0; j < p && lambda > 0; j++) {
		A.push(Array.from({ length: p }, (_, k) => (k === j ? Math.sqrt(lambda) : 0)));
		b.push(0);
	}
	const m = A.length;
	for (let j = 0; j < p; j++) {
		const v = A.map((row, i) => (i >= j ? row[j] : 0));
		const norm = Math.hypot(...v);
		v[j] -= A[j][j] < 0 ? norm : -norm;
		const vv = dot(v, v);
		if (vv === 0) continue;
		for (let k = j; k < p; k++) {
			const f = (2 * v.reduce((sum, vi, i) => sum + vi * A[i][k], 0)) / vv;
			for (let i = j; i < m; i++) A[i][k] -= f * v[i];
		}
		const f = (2 * dot(v, b)) / vv;
		for (let i = j; i < m; i++) b[i] -= f * v[i];
	}
	const back = (rhs: number[]) => {
		const x = new Array<number>(p).fill(0);
		for (let i = p - 1; i >= 0; i--) x[i] = (rhs[i] - dot(A[i].slice(i + 1, p), x.slice(i + 1))) / A[i][i];
		return x;
	};
	let normR = 0;
	let normInverse = 0;
	for (let c = 0; c < p; c++) {
		normInverse += back(Array.from({ length: p }, (_, i) => (i === c ? 1 : 0))).reduce((sum, e) => sum + e * e, 0);
		for (let i = 0; i <= c; i++) normR += A[i][c] ** 2;
	}
	return { beta: back(b), cond: Math.sqrt(normR * normInverse) };
}

/** Solves M·x = b by Gaussian elimination with partial pivoting. */
function solve64(M: number[][], b: number[]): number[] {
	const n = b.length;
	const a = M.map((row, i) => [...row, b[i]]);
	for (let c = 0; c < n; c++) {
		let pivot = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
		[a[c], a[pivot]] = [a[pivot], a[c]];
		for (let r = c + 1; r < n; r++) {
			const f = a[r][c] / a[c][c];
			for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
		}
	}
	const x = new Array<number>(n).fill(0);
	for (let r = n - 1; r >= 0; r--) x[r] = (a[r][n] - dot(a[r].slice(r + 1, n), x.slice(r + 1))) / a[r][r];
	return x;
}

/**
 * β = A⁺y, the minimum-norm least-squares solution, from a one-sided Jacobi SVD in float64
 * (Hestenes): plane rotations make the columns of A·V orthogonal, so that A·V = U·Σ, and
 * β = Σₖ vₖ·(uₖᵀy)/σₖ over the σₖ above 1e-13·σ_max. Any shape: with more columns than
 * rows the extra columns rotate to zero.
 */
function pseudoInverseSolve64(rows: number[][], y: number[]): number[] {
	const p = rows[0].length;
	const columns = transpose(rows); // the columns of A·V, rotated in place
	const V = columns.map((_, j) => columns.map((__, k) => (j === k ? 1 : 0))); // rows of V are its columns
	for (let sweep = 0, rotated = true; rotated && sweep < 100; sweep++) {
		rotated = false;
		for (let j = 0; j < p; j++) {
			for (let k = j + 1; k < p; k++) {
				const [a, b, c] = [dot(columns[j], columns[j]), dot(columns[k], columns[k]), dot(columns[j], columns[k])];
				if (Math.abs(c) <= 1e-15 * Math.sqrt(a * b)) continue;
				rotated = true;
				const zeta = (b - a) / (2 * c);
				const t = (zeta < 0 ? -1 : 1) / (Math.abs(zeta) + Math.hypot(1, zeta));
				const [cos, sin] = [1 / Math.hypot(1, t), t / Math.hypot(1, t)];
				for (const M of [columns, V]) {
					M[j].forEach((u, i) => {
						const w = M[k][i];
						M[j][i] = cos * u - sin * w;
						M[k][i] = sin * u + cos * w;
					});
				}
			}
		}
	}
	const sigma = columns.map((column) => Math.hypot(...column));
	const largest = Math.max(...sigma);
	const beta = new Array<number>(p).fill(0);
	sigma.forEach((s, k) => {
		if (s <= 1e-13 * largest) return;
		const weight = dot(columns[k], y) / (s * s); // uₖᵀy / σₖ with uₖ = column k / σₖ
		V[k].forEach((v, j) => (beta[j] += weight * v));
	});
	return beta;
}

const transpose = (A: number[][]) => A[0].map((_, j) => A.map((row) => row[j]));
const times = (A: number[][], B: number[][]) => A.map((row) => B[0].map((_, j) => dot(row, B.map((r) => r[j]))));

/** Training sets built by hand (one array of x and of y per set). */
function handMade(xs: number[][], ys: number[][]): TrainingSets {
	const [n, sets] = [xs[0].length, xs.length];
	return { n, sets, noise: 0, xs: Float32Array.from(xs.flat()), ys: Float32Array.from(ys.flat()), redrawn: 0 };
}

function setOf(data: TrainingSets, s: number): { xs: number[]; ys: number[] } {
	const { n } = data;
	return { xs: Array.from(data.xs.subarray(s * n, (s + 1) * n)), ys: Array.from(data.ys.subarray(s * n, (s + 1) * n)) };
}

/** The fit of degree d for set s on the grid (or at its training points). */
function polyFit(fits: PolynomialFits, degree: number, s: number, at: 'grid' | 'train' = 'grid'): Float32Array {
	const size = at === 'grid' ? GRID_SIZE : fits.n;
	const start = (degree * fits.sets + s) * size;
	return fits[at].subarray(start, start + size);
}

/** A setting's result as a sweep row: the numbers without the fits and flags. */
function asRow({ fits: _, truthMse: __, underdetermined: ___, kClamped: ____, ...row }: SettingResult): SweepRow {
	return row;
}

function experiment(truth: Truth, options: ExperimentOptions): Experiment {
	const result = createExperiment(truth, options);
	if (!result.ok) throw new Error(result.error);
	return result.experiment;
}

const sin = builtInTruth('sin');
const DEFAULT: ExperimentOptions = { n: 30, sets: 200, noise: 0.3, seed: 1 };

// ---------------------------------------------------------------------------------------

describe('truths', () => {
	it('builtInTruth(): sin(2πx), the cubic P₃(2x − 1) from −1 to 1, and a step that takes the upper value from ½ on', () => {
		expectClose(sin(0.25), 1, { abs: 1e-12 });
		expectClose(sin(0.75), -1, { abs: 1e-12 });
		const cubic = builtInTruth('cubic');
		for (const x of [0, 0.1, 0.3, 0.5, 0.77, 1]) {
			const t = 2 * x - 1;
			expectClose(cubic(x), (5 * t ** 3 - 3 * t) / 2, { abs: 1e-12 });
		}
		expect(cubic(0)).toBeCloseTo(-1, 12);
		expect(cubic(1)).toBeCloseTo(1, 12);
		expectClose(cubic(0.5 - 1 / Math.sqrt(20)), 1 / Math.sqrt(5), { abs: 1e-12 }); // the local maximum
		const step = builtInTruth('step');
		expect([step(0), step(0.4999), step(0.5), step(1)]).toEqual([-0.5, -0.5, 0.5, 0.5]);
		expect(Object.keys(TRUTH_FORMULAS).sort()).toEqual(['cubic', 'sin', 'step']);
	});
});

describe('data', () => {
	it('makeTrainingSets(): x uniform on [0, 1] and y = f(x) + σ·N(0, 1), within 5 standard errors', () => {
		const noiseless = makeTrainingSets(sin, 30, 200, 0, 3);
		noiseless.xs.forEach((x, i) => expectClose(noiseless.ys[i], Math.fround(sin(x)), { abs: 1e-7 }));
		const count = noiseless.xs.length;
		expect(noiseless.xs.every((x) => x >= 0 && x <= 1)).toBe(true);
		const mean = noiseless.xs.reduce((sum, x) => sum + x, 0) / count;
		expectClose(mean, 0.5, { abs: 5 * Math.sqrt(1 / 12 / count), rel: 0 });
		const noisy = makeTrainingSets(sin, 30, 200, 0.3, 3);
		expect(noisy.xs).toEqual(noiseless.xs);
		const meanSquare = noisy.ys.reduce((sum, y, i) => sum + (y - sin(noisy.xs[i])) ** 2, 0) / count;
		expectClose(meanSquare, 0.09, { abs: 5 * 0.09 * Math.sqrt(2 / count), rel: 0 });
	});

	it('makeTrainingSets(): more sets keep the first sets, more points keep the first points, a new σ rescales the same noise', () => {
		const base = makeTrainingSets(sin, 20, 10, 0.3, 5);
		const moreSets = makeTrainingSets(sin, 20, 25, 0.3, 5);
		expect(moreSets.xs.subarray(0, 200)).toEqual(base.xs);
		expect(moreSets.ys.subarray(0, 200)).toEqual(base.ys);
		const morePoints = makeTrainingSets(sin, 35, 10, 0.3, 5);
		for (let s = 0; s < 10; s++) {
			expect(morePoints.xs.subarray(s * 35, s * 35 + 20)).toEqual(base.xs.subarray(s * 20, s * 20 + 20));
		}
		const louder = makeTrainingSets(sin, 20, 10, 0.6, 5);
		louder.ys.forEach((y, i) => expectClose(y - sin(louder.xs[i]), 2 * (base.ys[i] - sin(base.xs[i])), { abs: 1e-6 }));
		expect(makeTrainingSets(sin, 20, 10, 0.3, 6).xs).not.toEqual(base.xs);
	});

	it('makeTestNoise(): one standard-normal draw per set and grid point, kept when sets are added, apart from the training data', () => {
		const noise = makeTestNoise(200, 9);
		expect(noise.length).toBe(200 * GRID_SIZE);
		const mean = noise.reduce((sum, e) => sum + e, 0) / noise.length;
		const meanSquare = noise.reduce((sum, e) => sum + e * e, 0) / noise.length;
		expectClose(mean, 0, { abs: 5 / Math.sqrt(noise.length), rel: 0 });
		expectClose(meanSquare, 1, { abs: 5 * Math.sqrt(2 / noise.length), rel: 0 });
		expect(makeTestNoise(300, 9).subarray(0, noise.length)).toEqual(noise);
		// Not the training stream: the standardised training noise of set 0 is not the test noise.
		const data = makeTrainingSets(sin, GRID_SIZE, 1, 1, 9);
		const trainingNoise = Array.from(data.ys, (y, i) => y - sin(data.xs[i]));
		expect(trainingNoise.slice(0, 5)).not.toEqual(Array.from(noise.subarray(0, 5)));
	});

	it('TEST_GRID: 101 points from 0 to 1', () => {
		expect(TEST_GRID.length).toBe(GRID_SIZE);
		expect([TEST_GRID[0], TEST_GRID[50], TEST_GRID[100]]).toEqual([0, 0.5, 1]);
	});
});

describe('a truth with gaps', () => {
	const logarithm: Truth = (x) => Math.log(x - 0.3); // NaN below 0.3

	it('truthOnGrid(): NaN (left out) where f is not a finite number, throws or exceeds ±1e6', () => {
		expect(truthOnGrid(logarithm).undefinedCount).toBe(30); // x = 0 … 0.29 (0.3 in float32 is just above 0.3)
		const odd: Truth = (x) => {
			if (x < 0.1) throw new Error('no');
			return x > 0.9 ? 1e7 : x;
		};
		expect(truthOnGrid(odd).undefinedCount).toBe(10 + 10);
		expect(truthOnGrid(sin).undefinedCount).toBe(0);
	});

	it('training x are drawn again where f is undefined, and every number stays finite', () => {
		const data = makeTrainingSets(logarithm, 30, 50, 0.3, 2);
		expect(data.redrawn).toBeGreaterThan(0);
		expect(data.xs.every((x) => x > 0.3)).toBe(true);
		expect(data.ys.every(Number.isFinite)).toBe(true);
		const e = experiment(logarithm, { n: 30, sets: 50, noise: 0.3, seed: 2 });
		const rows = [...runNow(sweepJob(e, { model: 'poly', lambda: 0 })), ...runNow(sweepJob(e, { model: 'knn' }))];
		rows.forEach((row) => Object.values(row).forEach((value) => expect(Number.isFinite(value)).toBe(true)));
		expect(fitSetting(e, { model: 'poly', degree: 15, lambda: 0 }).fits.every(Number.isFinite)).toBe(true);
	});

	it('a truth undefined on the whole grid is refused with a message, not a crash', () => {
		const result = createExperiment(() => NaN, DEFAULT);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(/no value/);
		expect(() => makeTrainingSets(() => Infinity, 5, 1, 0, 1)).toThrow(/undefined everywhere/);
	});
});

// Small, well-conditioned problems with values of order 1: float32 leaves errors of a few
// units of 1e-7 to 1e-6; the tolerances below allow 10 to 100 times that.
describe('fitPolynomials(): closed forms on small cases', () => {
	it('degree 2 through 3 points is the interpolating parabola (Lagrange)', () => {
		const xs = [0.1, 0.5, 0.8];
		const ys = [1, -0.5, 2];
		const fits = fitPolynomials(handMade([xs], [ys]), 0);
		expectAllClose(polyFit(fits, 2, 0, 'train'), ys, { abs: 2e-5 });
		const lagrange = (x: number) =>
			ys.reduce((sum, y, i) => sum + y * xs.reduce((l, xj, j) => (j === i ? l : (l * (x - xj)) / (xs[i] - xj)), 1), 0);
		expectAllClose(polyFit(fits, 2, 0), Array.from(TEST_GRID, lagrange), { abs: 1e-4 });
	});

	it('degree 1 is the textbook least-squares line: slope Sxy / Sxx, through the means', () => {
		const data = makeTrainingSets(sin, 25, 5, 0.3, 4);
		const fits = fitPolynomials(data, 0);
		for (let s = 0; s < 5; s++) {
			const { xs, ys } = setOf(data, s);
			const mx = xs.reduce((a, b) => a + b) / xs.length;
			const my = ys.reduce((a, b) => a + b) / ys.length;
			const slope = dot(xs.map((x) => x - mx), ys.map((y) => y - my)) / dot(xs.map((x) => x - mx), xs.map((x) => x - mx));
			expectAllClose(polyFit(fits, 1, s), Array.from(TEST_GRID, (x) => my + slope * (x - mx)), { abs: 1e-5 });
			expectAllClose(polyFit(fits, 0, s), new Array(GRID_SIZE).fill(my), { abs: 1e-6 });
		}
	});

	it('ridge is (AᵀA + λI)⁻¹Aᵀy on the scaled Legendre basis √(2j + 1)·Pⱼ(2x − 1)', () => {
		const basis = (x: number) => {
			const t = 2 * x - 1;
			return [1, Math.sqrt(3) * t, (Math.sqrt(5) * (3 * t * t - 1)) / 2, (Math.sqrt(7) * (5 * t ** 3 - 3 * t)) / 2];
		};
		const data = makeTrainingSets(sin, 8, 3, 0.3, 8);
		for (const lambda of [0.05, 2]) {
			const fits = fitPolynomials(data, lambda);
			for (let s = 0; s < 3; s++) {
				const { xs, ys } = setOf(data, s);
				const A = xs.map(basis);
				const gram = times(transpose(A), A).map((row, i) => row.map((value, j) => value + (i === j ? lambda : 0)));
				const beta = solve64(gram, times(transpose(A), ys.map((y) => [y])).map(([v]) => v));
				expectAllClose(polyFit(fits, 3, s), Array.from(TEST_GRID, (x) => dot(basis(x), beta)), { abs: 2e-5 });
			}
		}
	});

	it('a repeated x (a column with nothing new in it) gets coefficient 0: the fit is the mean, never NaN', () => {
		const fits = fitPolynomials(handMade([[0.2, 0.2, 0.2]], [[1, 2, 6]]), 0);
		for (let degree = 0; degree <= MAX_DEGREE; degree++) {
			const grid = polyFit(fits, degree, 0);
			expect(grid.every(Number.isFinite)).toBe(true);
			expectClose(grid[20], 3, { abs: 1e-4 }); // at x = 0.2 every least-squares fit is the mean
		}
		expectAllClose(polyFit(fits, 2, 0), new Array(GRID_SIZE).fill(3), { abs: 1e-4 });
	});
});

describe('fitPolynomials(): against a float64 Householder reference', () => {
	/**
	 * The float32 tolerance. A backward-stable least-squares solve with relative backward
	 * error ε moves β by at most ε·(2κ + κ²·tan θ)·‖β‖ to first order, where sin θ = ‖r‖/‖y‖
	 * (Golub & Van Loan, Matrix Computations, Thm 5.3.1); Householder QR in float32 has ε a
	 * small multiple of u = 2⁻²⁴ (we allow 4u). A value φ(x)ᵀβ moves by at most ‖φ(x)‖ ≤ 16
	 * times that (Σⱼ (2j + 1) = 256 at x = 0 or 1, the largest on [0, 1]).
	 */
	function tolerance(rows: number[][], ys: number[], beta: number[], cond: number): number {
		const fitted = rows.map((row) => dot(row, beta));
		const residual = Math.hypot(...ys.map((y, i) => y - fitted[i]));
		const tanTheta = residual / Math.max(1e-300, Math.hypot(...fitted));
		return 16 * 4 * UNIT_ROUNDOFF * (2 * cond + cond * cond * tanTheta) * Math.hypot(...beta);
	}

	/**
	 * Checks set s's fit of one degree on the grid and at its points against the float64
	 * solution; returns that solution, the bound used, and the worst error as a fraction of it.
	 */
	function compare(data: TrainingSets, fits: PolynomialFits, degree: number, s: number, lambda = 0) {
		const { xs, ys } = setOf(data, s);
		const rows = xs.map((x) => phi(x, degree));
		const { beta, cond } = leastSquares64(rows, ys, lambda);
		// With a ridge the problem is the stacked one, [A; √λ·I]·β ≈ [y; 0].
		const ridgeRows = lambda > 0 ? rows[0].map((_, j) => rows[0].map((__, k) => (j === k ? Math.sqrt(lambda) : 0))) : [];
		const bound = tolerance([...rows, ...ridgeRows], [...ys, ...ridgeRows.map(() => 0)], beta, cond);
		const reference = Array.from(TEST_GRID, (x) => dot(phi(x, degree), beta));
		expectAllClose(polyFit(fits, degree, s), reference, { abs: bound, rel: 0 });
		expectAllClose(polyFit(fits, degree, s, 'train'), rows.map((row) => dot(row, beta)), { abs: bound, rel: 0 });
		const worst = Math.max(...reference.map((value, g) => Math.abs(value - polyFit(fits, degree, s)[g]) / bound));
		return { beta, bound, worst };
	}

	it('degree 15, n = 30, λ = 0: every one of 200 sets within the float32 bound', () => {
		const data = makeTrainingSets(sin, 30, 200, 0.3, 7);
		const fits = fitPolynomials(data, 0);
		let worst = 0;
		for (let s = 0; s < 200; s++) worst = Math.max(worst, compare(data, fits, 15, s).worst);
		// Not merely inside the bound: well inside it (measured: below 5 % of it).
		expect(worst).toBeLessThan(0.25);
	});

	it('every lower degree comes out of the one degree-15 QR as if it had been fitted alone', () => {
		const data = makeTrainingSets(builtInTruth('step'), 30, 20, 0.5, 11);
		const fits = fitPolynomials(data, 0);
		for (let degree = 0; degree < MAX_DEGREE; degree++) for (let s = 0; s < 20; s++) compare(data, fits, degree, s);
	});

	it('ridge at every degree: [A; √λ·I] solved alone, degree by degree, in float64', () => {
		const data = makeTrainingSets(builtInTruth('cubic'), 30, 10, 0.3, 12);
		const lambda = 0.01;
		const fits = fitPolynomials(data, lambda);
		for (let degree = 0; degree <= MAX_DEGREE; degree++) for (let s = 0; s < 10; s++) compare(data, fits, degree, s, lambda);
	});

	it('fewer points than coefficients (n = 5, degree 15, λ = 0): finite, through every point, the minimum-norm fit, and flagged', () => {
		const data = makeTrainingSets(sin, 5, 50, 0.3, 13);
		const fits = fitPolynomials(data, 0);
		// Degrees 5 and up have more coefficients than points: every set is solved in float64.
		expect(fits.float64Sets.slice(5)).toEqual(new Array(11).fill(50));
		expect(fits.grid.every(Number.isFinite)).toBe(true);
		expect(fits.train.every(Number.isFinite)).toBe(true);
		const lambda = 1e-7;
		const ridgeFits = fitPolynomials(data, lambda);
		for (let s = 0; s < 50; s++) {
			const { xs, ys } = setOf(data, s);
			for (let degree = 5; degree <= MAX_DEGREE; degree++) {
				// The minimum-norm fit β = Aᵀ(AAᵀ)⁻¹y, here by Gaussian elimination on AAᵀ.
				const A = xs.map((x) => phi(x, degree));
				const gram = times(A, transpose(A));
				const minNorm = transpose(A).map((column) => dot(column, solve64(gram, ys)));
				const size = Math.hypot(...minNorm);
				expectAllClose(polyFit(fits, degree, s), Array.from(TEST_GRID, (x) => dot(phi(x, degree), minNorm)), { abs: 1e-5 * size, rel: 0 });
				expectAllClose(polyFit(fits, degree, s, 'train'), ys, { abs: 1e-6, rel: 0 });
				// It is the limit of ridge as λ → 0. In the singular directions of A, ridge scales it
				// by s²/(s² + λ), so ‖β_λ − β‖ ≤ λ/s²_min·‖β‖, where 1/s²_min = ‖(AAᵀ)⁻¹‖₂ ≤ ‖(AAᵀ)⁻¹‖_F.
				const inverse = ys.map((_, c) => solve64(gram, ys.map((__, i) => (i === c ? 1 : 0))));
				const shrink = lambda * Math.hypot(...inverse.flat());
				expectAllClose(polyFit(ridgeFits, degree, s), polyFit(fits, degree, s), { abs: (16 * shrink + 1e-5) * size, rel: 0 });
			}
		}
		const e = experiment(sin, { n: 5, sets: 50, noise: 0.3, seed: 13 });
		const setting = fitSetting(e, { model: 'poly', degree: 15, lambda: 0 });
		expect(setting.underdetermined).toBe(true);
		expect(fitSetting(e, { model: 'poly', degree: 4, lambda: 0 }).underdetermined).toBe(false);
		expect([setting.bias2, setting.variance, setting.testMse, setting.trainMse].every(Number.isFinite)).toBe(true);
		// Through the points (checked set by set above), so far less training error than noise.
		expect(setting.trainMse).toBeLessThan(0.1 * setting.noise);
	});
});

describe('float64 where float32 is not enough: against a float64 SVD pseudo-inverse', () => {
	/** Every set's A⁺y for one degree, and the numbers the page shows from those fits. */
	function reference(e: Experiment, degree: number) {
		const { n, sets, ys } = e.data;
		const grid = new Float32Array(sets * GRID_SIZE);
		const train = new Float32Array(sets * n);
		const betas = Array.from({ length: sets }, (_, s) => {
			const set = setOf(e.data, s);
			const beta = pseudoInverseSolve64(set.xs.map((x) => phi(x, degree)), set.ys);
			grid.set(Array.from(TEST_GRID, (x) => dot(phi(x, degree), beta)), s * GRID_SIZE);
			train.set(set.xs.map((x) => dot(phi(x, degree), beta)), s * n);
			return beta;
		});
		const onGrid = (s: number) => Array.from(TEST_GRID, (x) => dot(phi(x, degree), betas[s]));
		return { betas, onGrid, ...decompose(grid, e.truth, e.data.noise, e.testNoise), trainMse: trainingError(train, ys) };
	}

	const SMALL = { n: 10, sets: 60, noise: 0.3, seed: 5 };

	it('more coefficients than points (sin, σ = 0.3, n = 10, 60 sets, degree 12, seed 5): the minimum-norm interpolant, and the numbers from it', () => {
		const e = experiment(sin, SMALL);
		const result = fitSetting(e, { model: 'poly', degree: 12, lambda: 0 });
		const ref = reference(e, 12);
		for (let s = 0; s < SMALL.sets; s++) {
			// ‖β‖ is the root mean square of the curve over [0, 1]: its size.
			expectAllClose(result.fits.subarray(s * GRID_SIZE, (s + 1) * GRID_SIZE), ref.onGrid(s), { abs: 1e-6 * Math.hypot(...ref.betas[s]), rel: 0 });
		}
		// Here bias² is 3.6e5 and variance 3.4e7; a ridge with λ = 1e-7 gave 268 and 2.9e4.
		for (const key of ['bias2', 'variance', 'testMse'] as const) expectClose(result[key], ref[key], { abs: 0, rel: 1e-6 });
		expect(result.trainMse).toBeLessThan(1e-12); // through every point (that ridge missed them by 0.0013)
		expect(result.underdetermined).toBe(true);

		// With a ridge the fit is unique and not flagged: the ridge fit, from a float64 Householder solve.
		const lambda = 1e-8;
		const ridge = fitSetting(e, { model: 'poly', degree: 12, lambda });
		expect(ridge.underdetermined).toBe(false);
		for (let s = 0; s < SMALL.sets; s++) {
			const { xs, ys } = setOf(e.data, s);
			const { beta } = leastSquares64(xs.map((x) => phi(x, 12)), ys, lambda);
			const expected = Array.from(TEST_GRID, (x) => dot(phi(x, 12), beta));
			expectAllClose(ridge.fits.subarray(s * GRID_SIZE, (s + 1) * GRID_SIZE), expected, { abs: 1e-6 * Math.hypot(...beta), rel: 0 });
		}
	});

	it('ill-conditioned least squares (degree 15 at n = 30, degree 9 at n = 10): every fit, and the sweep’s row, as in float64', () => {
		for (const [options, degree] of [
			[DEFAULT, 15],
			[SMALL, 9]
		] as const) {
			const e = experiment(sin, options);
			const fits = fitPolynomials(e.data, 0);
			const row = runNow(sweepJob(e, { model: 'poly', lambda: 0 }))[degree];
			const ref = reference(e, degree);
			// Float32 alone missed some fits by more than their size, and these rows by 1–2 % (degree 15) and 19–25× (degree 9).
			for (let s = 0; s < options.sets; s++) {
				expectAllClose(polyFit(fits, degree, s), ref.onGrid(s), { abs: 1e-3 * Math.hypot(...ref.betas[s]), rel: 0 });
			}
			for (const key of ['bias2', 'variance', 'testMse'] as const) expectClose(row[key], ref[key], { abs: 0, rel: 1e-6 });
			expectClose(row.trainMse, ref.trainMse, { abs: 1e-12, rel: 1e-6 });
		}
	});

	it('the float64 path only where it is needed: none at the default degree 3, and at degree 15 the sets over the condition limit', () => {
		const e = experiment(sin, DEFAULT);
		expect(fitPolynomials(e.data, 0, 3).float64Sets).toEqual([0, 0, 0, 0]);
		const fits = fitPolynomials(e.data, 0);
		expect(fits.float64Sets.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
		// A set stays in float64 from its first ill-conditioned degree on.
		fits.float64Sets.slice(1).forEach((count, d) => expect(count).toBeGreaterThanOrEqual(fits.float64Sets[d]));
		// The same estimate ‖R‖_F·‖R⁻¹‖_F, from a float64 QR: the borderline sets may go either way.
		const conditions = Array.from({ length: DEFAULT.sets }, (_, s) => {
			const { xs, ys } = setOf(e.data, s);
			return leastSquares64(xs.map((x) => phi(x, 15)), ys).cond;
		});
		expect(fits.float64Sets[15]).toBeGreaterThanOrEqual(conditions.filter((c) => c > 1.1 * CONDITION_LIMIT).length);
		expect(fits.float64Sets[15]).toBeLessThanOrEqual(conditions.filter((c) => c > 0.9 * CONDITION_LIMIT).length);
		expect(fits.float64Sets[15]).toBeLessThan(DEFAULT.sets);
	});
});

describe('fitKnn()', () => {
	/** Mean y of the k nearest x (nearer first, then the smaller x), or null when the k-th and (k+1)-th are a near tie. */
	function bruteForce(xs: number[], ys: number[], k: number, q: number): number | null {
		const order = xs.map((x, i) => i).sort((a, b) => Math.abs(xs[a] - q) - Math.abs(xs[b] - q) || xs[a] - xs[b]);
		if (k < xs.length && Math.abs(Math.abs(xs[order[k]] - q) - Math.abs(xs[order[k - 1]] - q)) < 1e-6) return null;
		return order.slice(0, k).reduce((sum, i) => sum + ys[i], 0) / k;
	}

	it('matches a brute-force float64 search on the grid and at the training points', () => {
		const data = makeTrainingSets(sin, 30, 20, 0.3, 14);
		for (const k of [1, 2, 7, 29, 30]) {
			const fits = fitKnn(data, k);
			expect(fits.k).toBe(k);
			let compared = 0;
			for (let s = 0; s < 20; s++) {
				const { xs, ys } = setOf(data, s);
				const queries = [...Array.from(TEST_GRID), ...xs];
				queries.forEach((q, i) => {
					const expected = bruteForce(xs, ys, k, q);
					if (expected === null) return;
					compared++;
					const actual = i < GRID_SIZE ? fits.grid[s * GRID_SIZE + i] : fits.train[s * 30 + i - GRID_SIZE];
					expectClose(actual, expected, { abs: 1e-5 });
				});
			}
			expect(compared).toBeGreaterThan(0.99 * 20 * (GRID_SIZE + 30));
		}
	});

	it('a query exactly halfway between two points takes the one on the left, whatever the order drawn', () => {
		for (const [xs, ys] of [
			[
				[0.25, 0.75],
				[1, 2]
			],
			[
				[0.75, 0.25],
				[2, 1]
			]
		]) {
			const fits = fitKnn(handMade([xs], [ys]), 1);
			expect(fits.grid[50]).toBe(1); // x = 0.5
			expect(fits.grid[49]).toBe(1);
			expect(fits.grid[51]).toBe(2);
		}
	});

	it('k above n is lowered to n and reported: every fit is its set’s mean', () => {
		const e = experiment(sin, { n: 5, sets: 10, noise: 0.3, seed: 15 });
		const result = fitSetting(e, { model: 'knn', k: 50 });
		expect(result.kClamped).toBe(true);
		expect(result.k).toBe(5);
		expect(result.complexity).toBe(1 / 5);
		for (let s = 0; s < 10; s++) {
			const { ys } = setOf(e.data, s);
			const mean = ys.reduce((a, b) => a + b) / 5;
			expectAllClose(result.fits.subarray(s * GRID_SIZE, (s + 1) * GRID_SIZE), new Array(GRID_SIZE).fill(mean), { abs: 1e-6 });
		}
		expect(fitSetting(e, { model: 'knn', k: 5 }).kClamped).toBe(false);
	});

	it('k = 1 reproduces every training point: no training error', () => {
		const e = experiment(sin, DEFAULT);
		expect(fitSetting(e, { model: 'knn', k: 1 }).trainMse).toBe(0);
	});
});

describe('decompose()', () => {
	it('a case by hand: two fits at f ± 1 have no bias and variance 1; undefined grid points are left out', () => {
		const values = Float64Array.from(TEST_GRID, (x) => (x < 0.5 ? NaN : x));
		const fits = new Float32Array(2 * GRID_SIZE);
		for (let g = 0; g < GRID_SIZE; g++) {
			fits[g] = Number.isNaN(values[g]) ? 1000 : values[g] + 1;
			fits[GRID_SIZE + g] = Number.isNaN(values[g]) ? -1000 : values[g] - 1;
		}
		const result = decompose(fits, { values, undefinedCount: 50 }, 0.5, new Float32Array(2 * GRID_SIZE));
		expectClose(result.bias2, 0, { abs: 1e-12 });
		expectClose(result.variance, 1, { abs: 1e-6 });
		expectClose(result.truthMse, 1, { abs: 1e-6 });
		expect(result.noise).toBe(0.25);
		expectClose(result.testMse, 1, { abs: 1e-6 }); // zero test noise: only the fits' error
	});

	it('bias² + variance is exactly the mean over sets of (f̂ − f)², for every model', () => {
		const e = experiment(builtInTruth('step'), { ...DEFAULT, sets: 37 });
		const settings = [
			{ model: 'poly', degree: 0, lambda: 0 },
			{ model: 'poly', degree: 9, lambda: 0 },
			{ model: 'poly', degree: 15, lambda: 0.1 },
			{ model: 'knn', k: 1 },
			{ model: 'knn', k: 12 }
		] as const;
		for (const setting of settings) {
			const result = fitSetting(e, setting);
			expectClose(result.bias2 + result.variance, result.truthMse, { abs: 0, rel: 1e-12 });
		}
	});
});

describe('the decomposition', () => {
	it('E[test error] = bias² + variance + σ², within 5 standard errors of the fresh test noise, for several models and noise levels', () => {
		// testMse − (bias² + variance + σ²) = mean of σ²(ε² − 1) + 2σε(f − f̂) over S·G fresh
		// draws ε, whose variance is (2σ⁴ + 4σ²·mean (f̂ − f)²) / (S·G).
		const settings = [
			{ model: 'poly', degree: 1, lambda: 0 },
			{ model: 'poly', degree: 4, lambda: 0 },
			{ model: 'poly', degree: 12, lambda: 0 },
			{ model: 'poly', degree: 10, lambda: 0.01 },
			{ model: 'knn', k: 1 },
			{ model: 'knn', k: 15 }
		] as const;
		for (const noise of [0.1, 0.3, 1]) {
			const e = experiment(sin, { ...DEFAULT, noise, seed: 21 });
			for (const setting of settings) {
				const r = fitSetting(e, setting);
				const points = DEFAULT.sets * GRID_SIZE;
				const standardError = Math.sqrt((2 * noise ** 4 + 4 * noise ** 2 * r.truthMse) / points);
				expectClose(r.testMse, r.bias2 + r.variance + r.noise, { abs: 5 * standardError, rel: 0 });
			}
		}
	});

	it('on the default truth (sin, σ = 0.3, n = 30, 200 sets) variance grows and bias² shrinks with degree', () => {
		for (const seed of [1, 2]) {
			const rows = runNow(sweepJob(experiment(sin, { ...DEFAULT, seed }), { model: 'poly', lambda: 0 }));
			const [variance, bias2] = [(d: number) => rows[d].variance, (d: number) => rows[d].bias2];
			expect(variance(12)).toBeGreaterThan(variance(6));
			expect(variance(6)).toBeGreaterThan(variance(3));
			// A constant's variance (Var f(x) + σ²)/n beats a cubic's ≈ 4σ²/n here: the trend starts at 3.
			expect(variance(12)).toBeGreaterThan(variance(0));
			expect(bias2(0)).toBeGreaterThan(bias2(1));
			expect(bias2(1)).toBeGreaterThan(bias2(3));
			expect(bias2(3)).toBeGreaterThan(bias2(5));
			// The U: the best test error is at a middle degree, and training error only falls.
			const best = rows.reduce((a, b) => (b.testMse < a.testMse ? b : a));
			expect(best.degree).toBeGreaterThanOrEqual(3);
			expect(best.degree).toBeLessThanOrEqual(6);
			rows.slice(1).forEach((row, d) => expect(row.trainMse).toBeLessThanOrEqual(rows[d].trainMse + 1e-6));
		}
	});

	it('past the bottom, measured bias² climbs again by about variance ÷ sets: flagged as sampling error', () => {
		const rows = runNow(sweepJob(experiment(sin, DEFAULT), { model: 'poly', lambda: 0 }));
		const rebound = bias2Rebound(rows, DEFAULT.sets);
		expect(rebound).not.toBeNull();
		expect(rebound!.row.degree).toBeGreaterThan(4);
		expect(rebound!.row.bias2).toBeLessThan(3 * rebound!.samplingError);
		const row = (bias2: number, complexity: number) => ({ complexity, bias2, variance: 1, noise: 0, testMse: 0, trainMse: 0 });
		expect(bias2Rebound([row(1, 0), row(0.5, 1), row(0.4, 2)], 10)).toBeNull();
		expect(bias2Rebound([row(1, 0), row(0.1, 1), row(0.5, 2)], 4)).toEqual({ row: row(0.5, 2), samplingError: 0.25 });
		expect(bias2Rebound([row(1, 0), row(0.1, 1), row(0.9, 2)], 4)).toBeNull(); // more than chance explains
	});

	it('kNN moves the other way: as k grows, variance falls and bias² grows', () => {
		for (const seed of [1, 2]) {
			const e = experiment(sin, { ...DEFAULT, seed });
			const [k1, k3, k10] = [1, 3, 10].map((k) => fitSetting(e, { model: 'knn', k }));
			expect(k1.variance).toBeGreaterThan(k3.variance);
			expect(k3.variance).toBeGreaterThan(k10.variance);
			expect(k1.bias2).toBeLessThan(k3.bias2);
			expect(k3.bias2).toBeLessThan(k10.bias2);
		}
	});

	it('noiseless data from the cubic: degree 3 fits it exactly — no bias, no variance', () => {
		const e = experiment(builtInTruth('cubic'), { ...DEFAULT, noise: 0 });
		const r = fitSetting(e, { model: 'poly', degree: 3, lambda: 0 });
		expect(r.bias2).toBeLessThan(1e-10);
		expect(r.variance).toBeLessThan(1e-10);
		expect(fitSetting(e, { model: 'poly', degree: 2, lambda: 0 }).bias2).toBeGreaterThan(0.01);
	});
});

describe('sweepJob()', () => {
	it('polynomials: degrees 0…15 in order, yielding through the QR and after each row (each one heard), rows as fitSetting gives them', () => {
		const e = experiment(sin, DEFAULT);
		const heard: number[] = [];
		const job = sweepJob(e, { model: 'poly', lambda: 0 }, (rows) => heard.push(rows.length));
		let yields = 0;
		let next = job.next();
		while (!next.done) {
			yields++;
			next = job.next();
		}
		const rows = next.value;
		// The Householder steps, the per-set solves (every 20 of the 200 sets), the products,
		// the float64 evaluations (every 20 sets), the end of the fit, and the rows.
		expect(yields).toBe(16 + 10 + 1 + 10 + 1 + 16);
		expect(heard).toEqual(Array.from({ length: 16 }, (_, d) => d + 1));
		expect(rows.map((row) => row.degree)).toEqual(Array.from({ length: 16 }, (_, d) => d));
		expect(rows.map((row) => row.complexity)).toEqual(Array.from({ length: 16 }, (_, d) => d));
		// fitSetting takes a QR of d + 1 columns only: the same numbers, to float32 rounding.
		for (let degree = 0; degree <= MAX_DEGREE; degree++) {
			const alone = asRow(fitSetting(e, { model: 'poly', degree, lambda: 0 }));
			expect(alone.degree).toBe(degree);
			for (const key of ['bias2', 'variance', 'testMse', 'trainMse'] as const) {
				expectClose(alone[key], rows[degree][key], { abs: 0, rel: 1e-6 });
			}
		}
		rows.forEach((row) => expect(row.noise).toBeCloseTo(0.09, 12));
	});

	it('kNN: the k of KNN_KS up to n, from the largest k to the smallest, complexity 1/k', () => {
		const e = experiment(sin, { ...DEFAULT, n: 12 });
		const rows = runNow(sweepJob(e, { model: 'knn' }));
		expect(rows.map((row) => row.k)).toEqual(KNN_KS.filter((k) => k <= 12).reverse());
		rows.forEach((row) => expect(row.complexity).toBe(1 / row.k!));
		expect(rows.find((row) => row.k === 7)).toEqual(asRow(fitSetting(e, { model: 'knn', k: 7 })));
		expect(runNow(sweepJob(e, { model: 'knn', ks: [4, 4, 60, 1] })).map((row) => row.k)).toEqual([4, 1]);
	});

	it('the same seed gives identical numbers; another seed does not', () => {
		const run = (seed: number) => {
			const e = experiment(sin, { ...DEFAULT, seed });
			return {
				poly: runNow(sweepJob(e, { model: 'poly', lambda: 0.001 })),
				knn: runNow(sweepJob(e, { model: 'knn' })),
				fits: fitSetting(e, { model: 'poly', degree: 7, lambda: 0 }).fits
			};
		};
		const a = run(5);
		const b = run(5);
		expect(b.poly).toEqual(a.poly);
		expect(b.knn).toEqual(a.knn);
		expect(b.fits).toEqual(a.fits);
		expect(run(6).poly).not.toEqual(a.poly);
	});
});

describe('tensors', () => {
	it('no tensor leak after full sweeps of both families, single settings, and sweeps abandoned midway (in the QR too)', async () => {
		const e = experiment(sin, DEFAULT);
		const small = experiment(sin, { ...DEFAULT, n: 5 });
		await assertNoTensorLeak(() => {
			runNow(sweepJob(e, { model: 'poly', lambda: 0 }));
			runNow(sweepJob(small, { model: 'poly', lambda: 0 }));
			runNow(sweepJob(e, { model: 'knn' }));
			fitSetting(e, { model: 'poly', degree: 3, lambda: 0.1 });
			fitSetting(small, { model: 'knn', k: 50 });
			for (const [of, family, steps] of [
				[e, { model: 'knn' }, 1],
				[e, { model: 'poly', lambda: 0 }, 3], // inside the QR
				[small, { model: 'poly', lambda: 0 }, 20] // among the rows, after the float64 minimum-norm fits
			] as const) {
				const job = sweepJob(of, family);
				for (let i = 0; i < steps; i++) job.next();
				job.return([]);
			}
		}, 'sweeps and settings');
	});
});

describe('the page’s "predict, then check" cases show what they claim', () => {
	const measure = (id: string, overrides: Record<string, unknown> = {}) => {
		const question = meta.questions.find((q) => q.id === id)!;
		const v = { n: 30, sets: 200, noise: 0.3, degree: 3, k: 5, lambda: 0, ...question.show, ...overrides } as Record<string, number | string | boolean>;
		const created = createExperiment(builtInTruth('sin'), { n: v.n as number, sets: v.sets as number, noise: v.noise as number, seed: question.seed });
		if (!created.ok) throw new Error(created.error);
		const setting = v.model === 'knn' ? { model: 'knn' as const, k: v.k as number } : { model: 'poly' as const, degree: v.degree as number, lambda: 0 };
		return fitSetting(created.experiment, setting);
	};

	it('degree: at degree 12 the variance is many times degree 3’s, and bias² stays small', () => {
		const high = measure('degree');
		const low = measure('degree', { degree: 3 });
		expect(high.variance).toBeGreaterThan(4 * low.variance);
		expect(high.bias2).toBeLessThan(0.25 * high.variance);
	});

	it('knn: k = 1 has variance near σ² and far above k = 10’s, with small bias²', () => {
		const one = measure('knn');
		const ten = measure('knn', { k: 10 });
		expect(one.variance).toBeGreaterThan(0.5 * 0.09);
		expect(one.variance).toBeGreaterThan(3 * ten.variance);
		expect(one.bias2).toBeLessThan(0.25 * one.variance);
	});

	it('more-data: with 200 points the variance of degree 12 falls several-fold, bias² barely moves', () => {
		const many = measure('more-data');
		const few = measure('more-data', { n: 30 });
		expect(many.variance).toBeLessThan(few.variance / 4);
		expect(Math.abs(many.bias2 - few.bias2)).toBeLessThan(few.variance / 4);
	});
});

describe('the widget’s run', () => {
	const parser = async () => {
		formulas.request();
		await expect.poll(() => formulas.value ?? formulas.error, { timeout: 30_000 }).not.toBeNull();
		return { value: formulas.value, error: formulas.error };
	};
	const draw = (truth: Truth) => createExperiment(truth, { n: 10, sets: 10, noise: 0.3, seed: 1 });

	it('prepare(): a formula with no value anywhere on [0, 1] is an error with its message, not a wait', async () => {
		const setup = prepare({ truth: 'custom', expr: 'log(x-2)' }, await parser(), draw);
		expect(setup).toMatchObject({ state: 'error', text: 'This function has no value anywhere on 0 ≤ x ≤ 1: there is nothing to fit.' });
	});

	it('prepare(): waits for the parser, says why it failed, and falls back to the default formula with a notice', async () => {
		expect(prepare({ truth: 'custom', expr: 'x^2' }, { value: null, error: null }, draw)).toMatchObject({ state: 'loading', text: 'Reading the formula…' });
		expect(prepare({ truth: 'custom', expr: 'x^2' }, { value: null, error: 'offline' }, draw)).toMatchObject({ state: 'error', text: expect.stringContaining('offline') });
		const fallback = prepare({ truth: 'custom', expr: 'sin(x' }, await parser(), draw);
		expect(fallback).toMatchObject({ state: 'ready', formula: 'x*sin(10*x)', notice: expect.stringContaining('is not used') });
		expect(prepare({ truth: 'step', expr: 'sin(x' }, { value: null, error: null }, draw)).toMatchObject({ state: 'ready', formula: TRUTH_FORMULAS.step, notice: null });
	});

	const values = { ...defaultValues(bvSchema), sets: 12, n: 10 };
	const make = (services: Services, previous: BiasVarianceRun | null, changes: Partial<typeof values> = {}, cause: 'start' | 'change' | 'reset' = previous ? 'change' : 'start') =>
		new BiasVarianceRun({ values: { ...values, ...changes }, seed: 1, cause, previous, set: () => {}, services });

	it('opens with every set drawn; Reset goes back to one; a change keeps how far Play got', async () => {
		const services = new Services();
		const first = make(services, null);
		// The fits are made in the background: nothing to show until then.
		expect([first.status, first.measured, first.readouts.every((r) => r.value === null)]).toEqual(['loading', null, true]);
		expect(first.statusText).toBe('Fitting the model to 12 training sets…');
		await services.settled();
		expect([first.shown, first.status]).toEqual([12, 'converged']);
		expect(make(services, first, { x0: 0.3 }).shown).toBe(12);
		const again = make(services, null, {}, 'reset');
		expect([again.shown, again.status, again.canStep]).toEqual([1, 'ready', true]);
		again.step();
		again.step();
		const changed = make(services, again, { x0: 0.5 });
		expect(changed.shown).toBe(3);
		// The experiment and the fits are the same objects: a marker drag recomputes nothing.
		expect(changed.experiment).toBe(again.experiment);
		expect(changed.result).toBe(again.result);
		expect(make(services, changed, { sets: 10 }).shown).toBe(3);
		// A question's case (made from nothing, not by Reset) shows every set.
		const shown = make(services, null, { degree: 5 });
		expect(shown.shown).toBe(12);
		await services.settled();
		expect(make(services, shown, { sets: 20 }).shown).toBe(20);
		while (again.step());
		expect([again.shown, again.status, again.canStep]).toEqual([12, 'converged', false]);
		services.dispose();
	});

	it('while a new fit is made the last one stays on screen, with its own numbers; then the new one shows', async () => {
		const services = new Services();
		const first = make(services, null, { degree: 1 });
		await services.settled();
		const before = first.measured!;
		const next = make(services, first, { degree: 9 });
		expect(next.result).toBeNull();
		expect(next.shownFit?.result).toBe(first.result);
		expect(next.status).toBe('converged');
		expect(next.measured).toEqual(before);
		await services.settled();
		const alone = new Services();
		const fresh = make(alone, null, { degree: 9 });
		await alone.settled();
		expect(next.shownFit?.result).toBe(next.result);
		expect(next.measured).toEqual(fresh.measured);
		expect(next.measured!.variance).toBeGreaterThan(before.variance);
		services.dispose();
		alone.dispose();
	});

	it('a typed formula with no value on [0, 1] makes the run an error with the message (not "Reading the formula…")', async () => {
		await parser();
		const services = new Services();
		const run = make(services, null, { truth: 'custom', expr: 'log(x-2)' });
		expect(run.status).toBe('error');
		expect(run.statusText).toBe('This function has no value anywhere on 0 ≤ x ≤ 1: there is nothing to fit.');
		expect(run.canStep).toBe(false);
		expect(run.readouts.every((r) => r.value === null)).toBe(true);
		services.dispose();
	});
});
