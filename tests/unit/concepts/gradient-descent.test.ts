import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import { createRng } from '$lib/engine/rng';
import { compileExpression } from '$lib/engine/expression';
import { builtInSurface, customSurface, findGridMinima, lossGrid, type Surface } from '$lib/concepts/gradient-descent/surfaces';
import { DEFAULT_HYPERPARAMETERS, OPTIMIZERS } from '$lib/concepts/gradient-descent/optimizers';
import {
	batchGradient,
	leastSquares,
	makeRegressionData,
	meanSquaredError,
	mseTensor,
	REGRESSION_START,
	regressionRegion
} from '$lib/concepts/gradient-descent/regression';
import { fullGradient, overallStatus, runOnSurface, runRegression, type RunEnd, type SurfaceRunSettings } from '$lib/concepts/gradient-descent/sim';
import { GradientDescentRun } from '$lib/concepts/gradient-descent/run.svelte';
import { meta } from '$lib/concepts/gradient-descent/meta';
import { schema, SURFACE_DEFAULTS, type GradientDescentParams } from '$lib/concepts/gradient-descent/params';
import { defaultValues } from '$lib/widget/schema';
import { formulas } from '$lib/widget/lazy.svelte';
import { Services } from '$lib/widget/runs.svelte';
import { expectAllClose, expectClose } from '../helpers/close';

const BUILT_IN = ['quadratic', 'rosenbrock', 'himmelblau', 'saddle', 'beale'] as const;

function centralDifference(surface: Surface, x: number, y: number, h = 1e-6): [number, number] {
	return [
		(surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h),
		(surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h)
	];
}

const settings = (overrides: Partial<SurfaceRunSettings> = {}): SurfaceRunSettings => ({
	lr: 0.05,
	schedule: 'constant',
	options: { totalSteps: 300, warmup: 30, period: 100 },
	steps: 300,
	tol: 1e-4,
	hp: DEFAULT_HYPERPARAMETERS,
	noise: 0,
	seed: 1,
	...overrides
});

describe('surfaces', () => {
	it('every built-in gradient matches central finite differences', () => {
		const rng = createRng(3);
		for (const name of BUILT_IN) {
			const surface = builtInSurface(name, 7);
			const g = new Float64Array(2);
			for (let i = 0; i < 25; i++) {
				const x = rng.uniform(surface.region.x[0], surface.region.x[1]);
				const y = rng.uniform(surface.region.y[0], surface.region.y[1]);
				surface.gradient(x, y, g);
				expectAllClose(g, centralDifference(surface, x, y), { abs: 1e-4, rel: 1e-5 });
			}
		}
	});

	it('every stated minimum has (near) zero gradient and is lower than the points around it', () => {
		for (const name of BUILT_IN) {
			const surface = builtInSurface(name, 10);
			const g = new Float64Array(2);
			for (const [x, y] of surface.minima) {
				surface.gradient(x, y, g);
				expect(Math.hypot(g[0], g[1]), `${name} at (${x}, ${y})`).toBeLessThan(1e-3);
				for (const [dx, dy] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]]) {
					expect(surface.value(x + dx, y + dy)).toBeGreaterThan(surface.value(x, y));
				}
			}
		}
		expect(builtInSurface('saddle', 1).minima).toEqual([]);
	});

	it('each surface’s own start and learning rate lead at least one optimizer to a minimum', () => {
		for (const name of BUILT_IN.filter((n) => n !== 'saddle')) {
			const surface = builtInSurface(name, 10);
			const { start, lr } = SURFACE_DEFAULTS[name];
			const distances = OPTIMIZERS.map((optimizer) => {
				const run = runOnSurface(surface, optimizer, start, settings({ lr, steps: 1000 }));
				const [x, y] = [run.path[run.path.length - 2], run.path[run.path.length - 1]];
				return Math.min(...surface.minima.map(([mx, my]) => Math.hypot(x - mx, y - my)));
			});
			expect(Math.min(...distances), name).toBeLessThan(0.05);
		}
	});

	it('lossGrid() computes in TF.js the same values as the plain functions', () => {
		for (const name of BUILT_IN) {
			const surface = builtInSurface(name, 5);
			const grid = lossGrid(surface.tensor, surface.region, 21);
			const { x, y } = surface.region;
			for (const [i, j] of [[0, 0], [20, 20], [3, 17], [10, 10], [20, 0]]) {
				const px = x[0] + ((x[1] - x[0]) * j) / 20;
				const py = y[0] + ((y[1] - y[0]) * i) / 20;
				expectClose(grid.values[i * 21 + j], surface.value(px, py), { abs: 1e-3, rel: 1e-4 });
			}
			expect(grid.min).toBeLessThanOrEqual(grid.max);
		}
	});

	it('findGridMinima() finds the minima of a typed surface', () => {
		const compiled = compileExpression('(x - 1)^2 + 2*(y + 0.5)^2', ['x', 'y']);
		if (!compiled.ok) throw new Error(compiled.error);
		const base = customSurface(compiled.expression, []);
		const minima = findGridMinima(lossGrid(base.tensor, base.region), base);
		expect(minima).toHaveLength(1);
		expectAllClose(minima[0], [1, -0.5], { abs: 1e-4 });
	});

	it('lossGrid() leaks no tensor, built-in or typed', async () => {
		const compiled = compileExpression('sin(x)*cos(y) + 0.1*(x^2+y^2)', ['x', 'y']);
		if (!compiled.ok) throw new Error(compiled.error);
		const custom = customSurface(compiled.expression, []);
		await assertNoTensorLeak(() => {
			for (const name of BUILT_IN) lossGrid(builtInSurface(name, 3).tensor, builtInSurface(name, 3).region, 50);
			lossGrid(custom.tensor, custom.region, 50);
		}, 'loss grids');
	});
});

describe('runOnSurface()', () => {
	const bowl = builtInSurface('quadratic', 10);

	it('every optimizer converges on the stretched bowl at its suited learning rate', () => {
		for (const name of OPTIMIZERS) {
			const lr = name === 'sgd' ? 0.1 : name === 'adagrad' ? 0.5 : name.startsWith('adam') || name === 'amsgrad' || name === 'rmsprop' ? 0.05 : 0.02;
			const run = runOnSurface(bowl, name, [-1.7, 1.5], settings({ lr, steps: 2000 }));
			expect(run.end, name).toBe('converged');
			expect(run.finalGradient).toBeLessThan(1e-4);
			expect(run.path.length).toBe(2 * (run.length + 1));
		}
	});

	it('a learning rate above 2/λ diverges without throwing, and its path holds no NaN', () => {
		const run = runOnSurface(bowl, 'sgd', [-1.7, 1.5], settings({ lr: 0.25 }));
		expect(run.end).toBe('diverged');
		expect(Array.from(run.path).every(Number.isFinite)).toBe(true);
		expect(Array.from(run.loss).every(Number.isFinite)).toBe(true);
		// Its last point is where it left the plotted region.
		const [x, y] = [run.path[run.path.length - 2], run.path[run.path.length - 1]];
		expect(Math.abs(x) > 2 || Math.abs(y) > 2).toBe(true);
	});

	it('an overflow ends the run as diverged ("blew up") at the last finite point', () => {
		const steep: Surface = { ...bowl, region: { x: [-1e300, 1e300], y: [-1e300, 1e300] } };
		const run = runOnSurface(steep, 'sgd', [-1.7, 1.5], settings({ lr: 1e5, steps: 500 }));
		expect(run.end).toBe('diverged');
		expect(run.reason).toBe('blew up');
		expect(Array.from(run.path).every(Number.isFinite)).toBe(true);
	});

	it('a run that reaches a kink where the gradient is undefined stops there, and says why', () => {
		const compiled = compileExpression('abs(x) + y^2', ['x', 'y']);
		if (!compiled.ok) throw new Error(compiled.error);
		const kinked = customSurface(compiled.expression, []);
		const run = runOnSurface(kinked, 'sgd', [0, 1], settings({ lr: 0.1 }));
		expect(run.end).toBe('stopped');
		expect(run.reason).toBe('stopped where its gradient is undefined');
	});

	it('a start where the loss is undefined ends at once, and says why', () => {
		const compiled = compileExpression('log(x) + y^2', ['x', 'y']);
		if (!compiled.ok) throw new Error(compiled.error);
		const run = runOnSurface(customSurface(compiled.expression, []), 'adam', [-1, 1], settings());
		expect(run.end).toBe('diverged');
		expect(run.reason).toBe('could not start: the loss is undefined at the start');
		expect(run.length).toBe(0);
	});

	it('stops without converging when it runs out of steps', () => {
		const run = runOnSurface(builtInSurface('rosenbrock', 1), 'sgd', [-1.2, 1], settings({ lr: 1e-4, steps: 50 }));
		expect(run.end).toBe('stopped');
		expect(run.length).toBe(50);
	});

	it('gradient noise is seeded: same seed same path, and every optimizer gets the same noise', () => {
		const noisy = settings({ noise: 2, lr: 0.01, steps: 50 });
		const a = runOnSurface(bowl, 'sgd', [-1.7, 1.5], noisy);
		expect(runOnSurface(bowl, 'sgd', [-1.7, 1.5], noisy).path).toEqual(a.path);
		expect(runOnSurface(bowl, 'sgd', [-1.7, 1.5], { ...noisy, seed: 2 }).path).not.toEqual(a.path);
		// Momentum with μ = 0 is SGD: with shared noise the paths coincide.
		const m0 = runOnSurface(bowl, 'momentum', [-1.7, 1.5], { ...noisy, hp: { ...DEFAULT_HYPERPARAMETERS, momentum: 0 } });
		expectAllClose(m0.path, a.path, { abs: 1e-12 });
	});
});

describe('part 2: linear regression', () => {
	const data = makeRegressionData(300, 0.5, createRng(4));

	it('leastSquares() solves the normal equations (checked with TF.js linear algebra)', () => {
		const [w, b] = leastSquares(data);
		const solved = tf.tidy(() => {
			const X = tf.stack([tf.tensor1d(Array.from(data.xs)), tf.onesLike(tf.tensor1d(Array.from(data.xs)))], 1);
			const y = tf.tensor2d(Array.from(data.ys), [data.ys.length, 1]);
			const xtx = tf.matMul(X, X, true, false).arraySync() as number[][];
			const xty = tf.matMul(X, y, true, false).arraySync() as number[][];
			// 2 × 2 inverse by hand on TF.js's products.
			const det = xtx[0][0] * xtx[1][1] - xtx[0][1] * xtx[1][0];
			return [(xtx[1][1] * xty[0][0] - xtx[0][1] * xty[1][0]) / det, (xtx[0][0] * xty[1][0] - xtx[1][0] * xty[0][0]) / det];
		});
		expectAllClose([w, b], solved, { abs: 1e-4, rel: 1e-4 });
		// And the gradient there is zero.
		const g = new Float64Array(2);
		fullGradient(data, w, b, g);
		expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-10);
	});

	it('meanSquaredError() from the sums equals the mean over the points; the TF.js grid agrees', () => {
		const [w, b] = [0.7, -1.3];
		let direct = 0;
		data.xs.forEach((x, i) => (direct += (w * x + b - data.ys[i]) ** 2));
		expectClose(meanSquaredError(data, w, b), direct / data.xs.length, { rel: 1e-10 });
		const region = regressionRegion(leastSquares(data));
		const grid = lossGrid(mseTensor(data), region, 11);
		expectClose(grid.values[0], meanSquaredError(data, region.x[0], region.y[0]), { rel: 1e-4, abs: 1e-4 });
	});

	it('batchGradient() on every point equals the exact gradient', () => {
		const order = Int32Array.from({ length: 300 }, (_, i) => i);
		const [g, exact] = [new Float64Array(2), new Float64Array(2)];
		batchGradient(data, order, 0, 300, 0.3, 0.2, g);
		fullGradient(data, 0.3, 0.2, exact);
		expectAllClose(g, exact, { abs: 1e-12, rel: 1e-10 });
	});

	it('full-batch descent with a small enough step converges to the least-squares solution', () => {
		const solution = leastSquares(data);
		const run = runRegression(data, 300, REGRESSION_START, regressionRegion(solution), {
			lr: 0.2,
			schedule: 'constant',
			options: { totalSteps: 3000, warmup: 1, period: 1 },
			steps: 3000,
			tol: 1e-7,
			seed: 1
		});
		expect(run.end).toBe('converged');
		const [w, b] = [run.path[run.path.length - 2], run.path[run.path.length - 1]];
		expect(Math.hypot(w - solution[0], b - solution[1])).toBeLessThan(1e-6);
	});

	it('counts examples seen: n per update for full batch, m for mini-batches (the last of an epoch smaller), 1 for SGD', () => {
		const region = regressionRegion(leastSquares(data));
		const run = (m: number) =>
			runRegression(data, m, REGRESSION_START, region, { lr: 0.01, schedule: 'constant', options: { totalSteps: 40, warmup: 1, period: 1 }, steps: 40, tol: 0, seed: 2 });
		expect(Array.from(run(300).examplesSeen.slice(0, 3))).toEqual([0, 300, 600]);
		// 300 = 4 × 64 + 44: the fifth batch of each epoch has 44 points.
		expect(Array.from(run(64).examplesSeen.slice(0, 7))).toEqual([0, 64, 128, 192, 256, 300, 364]);
		expect(Array.from(run(1).examplesSeen.slice(0, 4))).toEqual([0, 1, 2, 3]);
	});
});

describe('the page’s "predict, then check" cases show what they claim', () => {
	const defaults = defaultValues(schema);
	const runsFor = (id: string) => {
		const question = meta.questions.find((q) => q.id === id)!;
		const v = { ...defaults, ...question.show };
		const surface = builtInSurface(v.surface as Exclude<typeof v.surface, 'custom'>, v.cond);
		const common = settings({ lr: v.lr, steps: v.steps, tol: v.tol, seed: question.seed, hp: { ...DEFAULT_HYPERPARAMETERS, momentum: v.momentum } });
		return Object.fromEntries(v.opt.map((name) => [name, runOnSurface(surface, name, [v.x0, v.y0], common)]));
	};

	it('ravine: Momentum reaches the bottom while SGD is still crawling along the floor', () => {
		const { sgd, momentum } = runsFor('ravine');
		expect(momentum.end).toBe('converged');
		expect(sgd.end).toBe('stopped');
		expect(sgd.loss[sgd.loss.length - 1]).toBeGreaterThan(1000 * momentum.loss[momentum.loss.length - 1]);
	});

	it('too-large: SGD diverges', () => {
		expect(runsFor('too-large').sgd.end).toBe('diverged');
	});

	it('saddle: Adam leaves the saddle sooner than SGD', () => {
		const { sgd, adam } = runsFor('saddle');
		expect(adam.end).toBe('diverged');
		expect(adam.length).toBeLessThan(sgd.length);
	});
});

describe('overallStatus(): how part 1 ended once every path has played out', () => {
	const ends = (...list: RunEnd[]) => list.map((end) => ({ end }));

	it('is converged when at least one run converged, whatever the others did', () => {
		expect(overallStatus(ends('converged'))).toBe('converged');
		expect(overallStatus(ends('diverged', 'converged', 'stopped'))).toBe('converged');
	});

	it('is diverged only when every run diverged', () => {
		expect(overallStatus(ends('diverged', 'diverged'))).toBe('diverged');
		expect(overallStatus(ends('diverged', 'stopped'))).toBe('stopped');
	});

	it('is stopped when none converged: out of steps, at a kink, or with no runs at all', () => {
		expect(overallStatus(ends('stopped', 'stopped'))).toBe('stopped');
		expect(overallStatus([])).toBe('stopped');
	});
});

describe('GradientDescentRun', () => {
	const defaults = defaultValues(schema);
	const services = new Services();
	const runFor = (values: Partial<GradientDescentParams>, previous: GradientDescentRun | null = null) =>
		new GradientDescentRun({ values: { ...defaults, ...values }, seed: 1, cause: previous ? 'change' : 'start', previous, set: () => {}, services });
	const playOut = (run: GradientDescentRun) => {
		while (run.step());
		return run;
	};

	it('keeps the cursor on a change of value, clamped to the new paths; Reset starts at 0', () => {
		const first = runFor({});
		for (let i = 0; i < 30; i++) first.step();
		expect(runFor({ lr: 0.04 }, first).cursor).toBe(30);
		const shorter = runFor({ steps: 10 }, first);
		expect(shorter.cursor).toBe(shorter.longest);
		expect(shorter.cursor).toBeLessThanOrEqual(10);
		expect(runFor({}, null).cursor).toBe(0);
	});

	it('keeps the loss grids while only a path setting changes', () => {
		const first = runFor({});
		const next = runFor({ lr: 0.02, opt: ['adam'] }, first);
		expect(next.grid).toBe(first.grid);
		expect(next.regression).toBe(first.regression);
		expect(runFor({ cond: 20 }, next).grid).not.toBe(first.grid);
		expect(runFor({ n: 100 }, next).regression).not.toBe(first.regression);
	});

	it('is converged at the end when one run converged, even if another left the plot', () => {
		const run = playOut(runFor({ opt: ['sgd', 'adam'], lr: 0.3, steps: 200 }));
		expect(run.runs.map((r) => r.trajectory.end)).toEqual(['diverged', 'converged']);
		expect(run.status).toBe('converged');
		expect(run.statusText).toMatch(/^Finished after 200 steps\. SGD left the plot at step 1; Adam converged at step \d+\.$/);
	});

	it('is diverged at the end only when every run diverged', () => {
		expect(playOut(runFor({ surface: 'saddle', x0: -1.8, y0: 0.01, opt: ['sgd', 'adam'] })).status).toBe('diverged');
	});

	it('waits for the formula parser, then finishes without claiming convergence when no run converged', async () => {
		const run = runFor({ surface: 'custom', expr: '(x^2+y^2)^0.5', x0: -2, y0: 2, steps: 60 });
		expect(run.status).toBe('loading');
		expect(run.statusText).toBe('Reading the formula…');
		expect(run.canStep).toBe(false);
		await expect.poll(() => formulas.value).not.toBeNull();
		expect(run.surface?.formula).toBe('(x ^ 2 + y ^ 2) ^ 0.5');
		playOut(run);
		expect(run.runs.some((r) => r.trajectory.end === 'converged')).toBe(false);
		expect(run.canStep).toBe(false);
		expect(run.status).toBe('ready');
		expect(run.statusText).toContain('; no run converged.');
	});
});
