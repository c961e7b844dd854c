import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { runNow } from '$lib/common/slices';
import {
	constrainedL1,
	constrainedL2,
	elasticNet,
	fitAt,
	lasso,
	lassoLambdaMax,
	LAMBDAS,
	l1Norm,
	l2Norm,
	makePathData,
	makePlane,
	meanSquaredError,
	momentsOf,
	nonZero,
	ordinaryLeastSquares,
	pathJob,
	ridge,
	testError,
	type Moments,
	type PathData
} from '$lib/concepts/regularisation/sim';
import { expectAllClose, expectClose } from '../helpers/close';

/** The standardised training rows and centred y, recomputed here in float64. */
function standardised(data: PathData) {
	const x = data.train.x.map((row) => row.map((v, j) => (v - data.means[j]) / data.sds[j]));
	const y = data.train.y.map((v) => v - data.yMean);
	return { x, y, n: x.length, p: x[0].length };
}

/** Solves A b = c by Gaussian elimination with partial pivoting (not the Cholesky of the code). */
function gaussSolve(a: number[][], c: number[]): number[] {
	const n = c.length;
	const m = a.map((row, i) => [...row, c[i]]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
		[m[col], m[pivot]] = [m[pivot], m[col]];
		for (let r = col + 1; r < n; r++) {
			const f = m[r][col] / m[col][col];
			for (let k = col; k <= n; k++) m[r][k] -= f * m[col][k];
		}
	}
	const b = new Array(n).fill(0);
	for (let r = n - 1; r >= 0; r--) {
		let s = m[r][n];
		for (let k = r + 1; k < n; k++) s -= m[r][k] * b[k];
		b[r] = s / m[r][r];
	}
	return b;
}

/** xⱼᵀ(y − Xβ)/n for every j, in float64 from the rows. */
function correlationsWithResidual(x: number[][], y: number[], beta: ArrayLike<number>): number[] {
	const n = x.length;
	const r = y.map((v, i) => v - x[i].reduce((s, xij, j) => s + xij * beta[j], 0));
	return x[0].map((_, j) => x.reduce((s, row, i) => s + row[j] * r[i], 0) / n);
}

/** An 8 × 8 Sylvester–Hadamard matrix: its columns 2…8 have mean 0 and XᵀX/n = I exactly. */
function orthonormalDesign(): number[][] {
	let h = [[1]];
	for (let k = 0; k < 3; k++) h = [...h.map((row) => [...row, ...row]), ...h.map((row) => [...row, ...row.map((v) => -v)])];
	return h.map((row) => row.slice(1));
}

const twoByTwo = (rho: number, c: [number, number]): Moments => ({ p: 2, xx: Float64Array.from([1, rho, rho, 1]), xy: Float64Array.from(c), yy: 10 });

describe('ridge', () => {
	it('matches the normal equations solved independently in float64', () => {
		const data = makePathData(3);
		const { x, y, n, p } = standardised(data);
		const xtx = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => x.reduce((s, row) => s + row[j] * row[k], 0) / n));
		const xty = Array.from({ length: p }, (_, j) => x.reduce((s, row, i) => s + row[j] * y[i], 0) / n);
		for (const lambda of [1e-3, 0.05, 1, 30]) {
			const book = gaussSolve(
				xtx.map((row, j) => row.map((v, k) => v + (j === k ? lambda : 0))),
				xty
			);
			expectAllClose(fitAt(data, 'l2', lambda, 0.5), book, { abs: 2e-5, rel: 1e-4 });
		}
	});

	it('with an orthonormal design is least squares divided by 1 + λ', () => {
		const x = orthonormalDesign();
		const y = [3, -1, 2, 0.5, -2, 1, 4, -0.25];
		const m = momentsOf(x, y);
		const ols = ordinaryLeastSquares(m);
		for (const lambda of [0.1, 1, 5]) expectAllClose(ridge(m, lambda), Array.from(ols, (b) => b / (1 + lambda)), { abs: 1e-6 });
	});

	it('an elastic net with α = 0 is ridge', () => {
		const data = makePathData(2);
		expectAllClose(fitAt(data, 'enet', 0.4, 0), fitAt(data, 'l2', 0.4, 0), { abs: 1e-12 });
	});
});

describe('the lasso and the elastic net', () => {
	it('satisfy the KKT conditions at their solutions', () => {
		const data = makePathData(7);
		const { x, y } = standardised(data);
		for (const lambda of [0.005, 0.05, 0.3, 1]) {
			for (const alpha of [1, 0.5]) {
				const beta = fitAt(data, alpha === 1 ? 'l1' : 'enet', lambda, alpha);
				const g = correlationsWithResidual(x, y, beta);
				for (let j = 0; j < beta.length; j++) {
					const penaltyGradient = g[j] - lambda * (1 - alpha) * beta[j];
					if (beta[j] === 0) expect(Math.abs(penaltyGradient)).toBeLessThanOrEqual(lambda * alpha + 1e-4);
					else expectClose(penaltyGradient, lambda * alpha * Math.sign(beta[j]), { abs: 1e-4, rel: 0 });
				}
			}
		}
	});

	it('with an orthonormal design soft-thresholds least squares', () => {
		const x = orthonormalDesign();
		const y = [3, -1, 2, 0.5, -2, 1, 4, -0.25];
		const m = momentsOf(x, y);
		const ols = ordinaryLeastSquares(m);
		for (const lambda of [0.1, 0.5, 1.2]) {
			const soft = Array.from(ols, (b) => Math.sign(b) * Math.max(Math.abs(b) - lambda, 0));
			const beta = lasso(m, lambda);
			expectAllClose(beta, soft, { abs: 1e-6 });
			expect(nonZero(beta)).toBe(soft.filter((b) => b !== 0).length);
			// The elastic net: soft-threshold by λα, then shrink by 1 + λ(1 − α).
			expectAllClose(elasticNet(m, lambda, 0.5), soft.map((_, j) => Math.sign(ols[j]) * Math.max(Math.abs(ols[j]) - lambda / 2, 0) / (1 + lambda / 2)), { abs: 1e-6 });
		}
	});

	it('is all zeros from λ_max = max |xⱼᵀy|/n up, and not just below it', () => {
		const data = makePathData(7);
		const { x, y, n } = standardised(data);
		const lambdaMax = Math.max(...x[0].map((_, j) => Math.abs(x.reduce((s, row, i) => s + row[j] * y[i], 0) / n)));
		expectClose(lassoLambdaMax(data.moments), lambdaMax, { abs: 1e-5, rel: 1e-5 });
		expect(nonZero(fitAt(data, 'l1', lambdaMax * 1.0001, 1))).toBe(0);
		expect(nonZero(fitAt(data, 'l1', lambdaMax * 0.99, 1))).toBe(1);
	});

	it('paths: every lasso coefficient is 0 at the λ above λ_max, all eight are in at the smallest λ, and zeros grow with λ overall', () => {
		const data = makePathData(7);
		const path = runNow(pathJob(data, 'l1', 1));
		expect(path.lambdas).toHaveLength(LAMBDAS.length);
		const lambdaMax = lassoLambdaMax(data.moments);
		path.lambdas.forEach((lambda, k) => {
			if (lambda >= lambdaMax) expect(nonZero(path.coefficients[k])).toBe(0);
		});
		expect(nonZero(path.coefficients[path.coefficients.length - 1])).toBe(8);
		// Overall: the count at λ is at least the count at 10λ (a coefficient may briefly leave and come back between).
		for (let k = 10; k < path.lambdas.length; k++) expect(nonZero(path.coefficients[k])).toBeGreaterThanOrEqual(nonZero(path.coefficients[k - 10]));
		// Each mark of a coefficient reaching 0 sits between the two grid λ around the change.
		for (const list of path.zeroAt) for (const at of list) expect(at >= LAMBDAS[LAMBDAS.length - 1] && at <= LAMBDAS[0]).toBe(true);
		// Ridge never reaches 0.
		const ridgePath = runNow(pathJob(data, 'l2', 0));
		for (const beta of ridgePath.coefficients) expect(nonZero(beta)).toBe(8);
	});

	it('keeps finite coefficients at the smallest λ with near-copies of a feature', () => {
		const data = makePathData(1);
		for (const p of ['l1', 'l2', 'enet'] as const) {
			const beta = fitAt(data, p, 1e-3, 0.5);
			expect(Array.from(beta).every(Number.isFinite)).toBe(true);
			expect(l2Norm(beta)).toBeLessThan(20);
		}
		// An exactly singular design (a duplicated column): the floor keeps the solve finite.
		const rows = [[1, 1], [-1, -1], [2, 2], [-2, -2]];
		const beta = ordinaryLeastSquares(momentsOf(rows, [1, -1, 2, -2]));
		// The floor makes it ridge with a tiny λ, whose limit is the smallest solution: half on each copy.
		expectAllClose(beta, [0.5, 0.5], { abs: 1e-4 });
	});
});

describe('the test error', () => {
	it('is the mean squared error of ȳ + x̃ᵀβ on the raw held-out rows', () => {
		const data = makePathData(5);
		const beta = fitAt(data, 'l1', 0.2, 1);
		const direct =
			data.test.x.reduce((s, row, i) => {
				const prediction = data.yMean + row.reduce((a, v, j) => a + ((v - data.means[j]) / data.sds[j]) * beta[j], 0);
				return s + (data.test.y[i] - prediction) ** 2;
			}, 0) / data.test.x.length;
		expectClose(testError(data, beta), direct, { abs: 1e-4, rel: 1e-5 });
	});
});

describe('two features and a budget', () => {
	/** The smallest loss on the boundary of a region, by scanning it finely. */
	function scanBoundary(m: Moments, boundary: (s: number) => [number, number]) {
		let best = { loss: Infinity, beta: [0, 0] as [number, number] };
		for (let k = 0; k < 200_000; k++) {
			const beta = boundary(k / 200_000);
			const loss = meanSquaredError(m, beta);
			if (loss < best.loss) best = { loss, beta };
		}
		return best;
	}
	const diamondAt = (t: number) => (s: number): [number, number] => {
		const q = Math.floor(s * 4);
		const u = s * 4 - q;
		const corners: [number, number][] = [[t, 0], [0, t], [-t, 0], [0, -t], [t, 0]];
		return [corners[q][0] + (corners[q + 1][0] - corners[q][0]) * u, corners[q][1] + (corners[q + 1][1] - corners[q][1]) * u];
	};

	it('the L1 solution lies on the diamond and is the lowest loss there', () => {
		for (const [truth, rho, t] of [['one-big', 0.5, 1.6], ['equal', 0.9, 1], ['opposite', -0.7, 1.4], ['one-big', 0.99, 1.2]] as const) {
			const plane = makePlane(truth, rho, 7);
			const solution = constrainedL1(plane.moments, t);
			expect(solution.inside).toBe(false);
			expectClose(l1Norm(solution.beta), t, { abs: 1e-9 });
			const scan = scanBoundary(plane.moments, diamondAt(t));
			expect(meanSquaredError(plane.moments, solution.beta)).toBeLessThanOrEqual(scan.loss + 1e-9);
			expectAllClose(solution.beta, scan.beta, { abs: 1e-3 });
		}
	});

	it('the L1 solution hits a corner where it should: C = I, β̂ = (2, 0.5), t = 1 gives (1, 0)', () => {
		const m = twoByTwo(0, [2, 0.5]);
		const solution = constrainedL1(m, 1);
		expect(solution.beta[1]).toBe(0);
		expectClose(solution.beta[0], 1, { abs: 1e-9 });
		// The L2 solution of the same budget keeps both: β̂/‖β̂‖ (C = I: ridge shrinks along β̂).
		const l2 = constrainedL2(m, 1);
		expectAllClose(l2.beta, [2 / Math.hypot(2, 0.5), 0.5 / Math.hypot(2, 0.5)], { abs: 1e-9 });
		// And the default case of the widget lands on a corner too.
		const plane = makePlane('one-big', 0.5, 7);
		expect(constrainedL1(plane.moments, 1.2).beta[1]).toBe(0);
		expect(constrainedL1(plane.moments, 1).beta[1]).toBe(0);
		expect(constrainedL1(plane.moments, 2.2).beta.every((b) => b !== 0)).toBe(true);
	});

	it('the L2 solution lies on the circle and is the lowest loss there', () => {
		for (const [truth, rho, t] of [['one-big', 0.5, 1], ['opposite', 0.9, 1.5], ['equal', -0.99, 0.7]] as const) {
			const plane = makePlane(truth, rho, 3);
			const solution = constrainedL2(plane.moments, t);
			expectClose(l2Norm(solution.beta), t, { abs: 1e-9 });
			const scan = scanBoundary(plane.moments, (s) => [t * Math.cos(2 * Math.PI * s), t * Math.sin(2 * Math.PI * s)]);
			expect(meanSquaredError(plane.moments, solution.beta)).toBeLessThanOrEqual(scan.loss + 1e-9);
		}
	});

	it('OLS inside the budget is the answer; a zero or tiny budget gives the origin or nearly', () => {
		const plane = makePlane('one-big', 0.5, 7);
		for (const solve of [constrainedL1, constrainedL2]) {
			const wide = solve(plane.moments, 4);
			expect(wide.inside).toBe(true);
			expectAllClose(wide.beta, plane.ols, { abs: 1e-12 });
			expect(solve(plane.moments, 0).beta).toEqual([0, 0]);
			const tiny = solve(plane.moments, 1e-9).beta;
			expect(tiny.every(Number.isFinite)).toBe(true);
			expect(Math.hypot(...tiny)).toBeLessThan(2e-9);
		}
	});

	it('the data has the correlation asked for, at the extremes too', () => {
		for (const rho of [-0.99, 0, 0.5, 0.99]) {
			const plane = makePlane('equal', rho, 11);
			expectClose(plane.moments.xx[1], rho, { abs: 1e-6 });
			expectClose(plane.moments.xx[0], 1, { abs: 1e-6 });
			expect([...plane.grid].every(Number.isFinite)).toBe(true);
			expect(plane.ols.every(Number.isFinite)).toBe(true);
		}
	});
});

it('leaves no tensors behind', () => {
	makePathData(1);
	makePlane('one-big', 0.5, 1);
	const before = tf.memory().numTensors;
	const data = makePathData(2);
	const plane = makePlane('equal', -0.3, 2);
	runNow(pathJob(data, 'enet', 0.5));
	constrainedL1(plane.moments, 1);
	momentsOf([[1, 2], [3, 4]], [1, 2]);
	expect(tf.memory().numTensors).toBe(before);
});
