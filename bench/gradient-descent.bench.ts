/**
 * Gradient-descent timings: what one slider drag recomputes (six optimizers × 500 steps
 * on the plain path), the same through tf.train (why the plain path exists), the 200 × 200
 * loss grid on TF.js and its contours, and a typed formula's compile and grid.
 */
import * as tf from '$lib/engine/tfjs';
import '$lib/engine/gradients';
import { compileExpression } from '$lib/engine/expression';
import { contourBands } from '$lib/plot/contours';
import { DEFAULT_HYPERPARAMETERS, type OptimizerName } from '$lib/concepts/gradient-descent/optimizers';
import { builtInSurface, customSurface, lossGrid } from '$lib/concepts/gradient-descent/surfaces';
import { runOnSurface } from '$lib/concepts/gradient-descent/sim';
import { timeIt, timeOnce, type Timing } from './timing';

const SIX: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'amsgrad'];
const STEPS = 500;
const FORMULA = 'sin(x)*cos(y) + 0.1*(x^2 + y^2)';

export interface GradientDescentTimings {
	trajectories: Timing;
	tfTrain: Timing;
	grid: Timing;
	contours: Timing;
	compileCold: Timing;
	compileWarm: Timing;
	customGrid: Timing;
}

export function benchGradientDescent(): GradientDescentTimings {
	const surface = builtInSurface('rosenbrock', 1);
	const settings = {
		lr: 1e-3,
		schedule: 'constant' as const,
		options: { totalSteps: STEPS, warmup: 1, period: 1 },
		steps: STEPS,
		tol: 0,
		hp: DEFAULT_HYPERPARAMETERS,
		noise: 0,
		seed: 1
	};
	const trajectories = timeIt(() => {
		for (const name of SIX) runOnSurface(surface, name, [-1.2, 1], settings);
	});
	const tfTrain = timeOnce(() => trainWithTf(surface));
	const grid = timeIt(() => void lossGrid(surface.tensor, surface.region, 200));
	const values = lossGrid(surface.tensor, surface.region, 200).values;
	const contours = timeIt(() => void contourBands(values, 200, 20));
	const compileCold = timeOnce(() => void compileExpression(FORMULA, ['x', 'y']));
	const compileWarm = timeIt(() => void compileExpression(FORMULA, ['x', 'y']));
	const compiled = compileExpression(FORMULA, ['x', 'y']);
	if (!compiled.ok) throw new Error(compiled.error);
	const custom = customSurface(compiled.expression, []);
	const customGrid = timeIt(() => void lossGrid(custom.tensor, custom.region, 200));
	return { trajectories, tfTrain, grid, contours, compileCold, compileWarm, customGrid };
}

/** The same six trajectories stepped one scalar step at a time through tf.train. */
function trainWithTf(surface: ReturnType<typeof builtInSurface>) {
	const optimizers: Record<string, () => tf.Optimizer> = {
		sgd: () => tf.train.sgd(1e-3),
		momentum: () => tf.train.momentum(1e-3, 0.9),
		nesterov: () => tf.train.momentum(1e-3, 0.9, true),
		rmsprop: () => tf.train.rmsprop(1e-3, 0.9),
		adam: () => tf.train.adam(1e-3),
		amsgrad: () => tf.train.adam(1e-3) // stand-in: tf.train has no AMSGrad; same cost
	};
	for (const name of SIX) {
		const optimizer = optimizers[name]();
		const xy = tf.variable(tf.tensor1d([-1.2, 1]));
		for (let t = 0; t < STEPS; t++) {
			optimizer.minimize(() => {
				const [x, y] = tf.unstack(xy);
				return surface.tensor(x, y) as tf.Scalar;
			});
			xy.dataSync(); // the widget needs every position
		}
		xy.dispose();
		optimizer.dispose();
	}
}
