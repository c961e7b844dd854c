import '$lib/engine/gradients';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { assertNoTensorLeak } from '$lib/engine/leaks';
import {
	ADAGRAD_EPSILON,
	createOptimizer,
	DEFAULT_HYPERPARAMETERS,
	hyperparametersUsed,
	OPTIMIZER_LABELS,
	OPTIMIZERS,
	optimizerStep,
	type Hyperparameters,
	type OptimizerName
} from '$lib/concepts/gradient-descent/optimizers';
import {
	scheduledRate,
	scheduleFormula,
	SCHEDULE_LABELS,
	SCHEDULES,
	type ScheduleName,
	type ScheduleOptions
} from '$lib/concepts/gradient-descent/schedules';
import { expectAllClose, expectClose } from '../helpers/close';

// RMSProp's momentum on, so its by-hand rule below exercises the momentum buffer.
const HP: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, weightDecay: 0.1, rmspropMomentum: 0.9 };

/** Runs the plain path over a gradient sequence at a constant rate; the parameters after each step. */
function plainRun(name: OptimizerName, start: number[], gradients: number[][], lr: number, hp = HP): number[][] {
	const state = createOptimizer(name, start, hp);
	return gradients.map((g) => {
		optimizerStep(state, g, lr, hp);
		return Array.from(state.params);
	});
}

// ---------------------------------------------------------------------------------------
// The first three steps, by hand: start (1, −2), learning rate 0.1, these gradients.

const START = [1, -2];
const GRADIENTS = [
	[0.5, -1],
	[0.25, 2],
	[-1, 0.5]
];
const LR = 0.1;

/**
 * The adaptive rules written out for one coordinate, from the papers and TF.js's source,
 * with β^t by `**` (the module keeps running products instead).
 */
type Adaptive = 'adagrad' | 'rmsprop' | 'adam' | 'adamw' | 'amsgrad';

const ONE_COORDINATE: Record<Adaptive, (x: number, gs: number[]) => number[]> = {
	adagrad(x, gs) {
		let sum = 0.1; // initial accumulator
		return gs.map((g) => {
			sum += g * g;
			x -= (LR * g) / Math.sqrt(sum + 1e-7);
			return x;
		});
	},
	rmsprop(x, gs) {
		let meanSquare = 0;
		let moment = 0;
		return gs.map((g) => {
			meanSquare = 0.9 * meanSquare + 0.1 * g * g;
			moment = 0.9 * moment + (LR * g) / Math.sqrt(meanSquare + 1e-7);
			x -= moment;
			return x;
		});
	},
	adam: (x, gs) => adamByHand(x, gs, 'adam'),
	adamw: (x, gs) => adamByHand(x, gs, 'adamw'),
	amsgrad: (x, gs) => adamByHand(x, gs, 'amsgrad')
};

function adamByHand(x: number, gs: number[], variant: 'adam' | 'adamw' | 'amsgrad'): number[] {
	let m = 0;
	let v = 0;
	let vMax = 0;
	return gs.map((g, i) => {
		const t = i + 1;
		m = 0.9 * m + 0.1 * g;
		v = 0.999 * v + 0.001 * g * g;
		vMax = Math.max(vMax, v);
		const mHat = m / (1 - 0.9 ** t);
		const vHat = (variant === 'amsgrad' ? vMax : v) / (1 - 0.999 ** t);
		const decay = variant === 'adamw' ? 0.1 * x : 0;
		x -= LR * (mHat / (Math.sqrt(vHat) + 1e-7) + decay);
		return x;
	});
}

describe('optimizerStep()', () => {
	it('takes SGD steps x ← x − η·g', () => {
		expectAllClose(plainRun('sgd', START, GRADIENTS, LR).flat(), [
			...[1 - 0.1 * 0.5, -2 - 0.1 * -1], // (0.95, −1.9)
			...[0.95 - 0.1 * 0.25, -1.9 - 0.1 * 2], // (0.925, −2.1)
			...[0.925 - 0.1 * -1, -2.1 - 0.1 * 0.5] // (1.025, −2.15)
		]);
	});

	it('takes momentum steps v ← μv + g, x ← x − η·v', () => {
		// v: (0.5, −1), then (0.9·0.5 + 0.25, 0.9·−1 + 2) = (0.7, 1.1),
		// then (0.9·0.7 − 1, 0.9·1.1 + 0.5) = (−0.37, 1.49).
		expectAllClose(plainRun('momentum', START, GRADIENTS, LR).flat(), [
			...[1 - 0.1 * 0.5, -2 - 0.1 * -1], // (0.95, −1.9)
			...[0.95 - 0.1 * 0.7, -1.9 - 0.1 * 1.1], // (0.88, −2.01)
			...[0.88 - 0.1 * -0.37, -2.01 - 0.1 * 1.49] // (0.917, −2.159)
		]);
	});

	it('takes Nesterov steps v ← μv + g, x ← x − η·(g + μv)', () => {
		// Same v as momentum; the step is g + 0.9·v: (0.95, −1.9), (0.88, 2.99), (−1.333, 1.841).
		expectAllClose(plainRun('nesterov', START, GRADIENTS, LR).flat(), [
			...[1 - 0.1 * 0.95, -2 - 0.1 * -1.9], // (0.905, −1.81)
			...[0.905 - 0.1 * 0.88, -1.81 - 0.1 * 2.99], // (0.817, −2.109)
			...[0.817 - 0.1 * -1.333, -2.109 - 0.1 * 1.841] // (0.9503, −2.2931)
		]);
	});

	for (const name of ['adagrad', 'rmsprop', 'adam', 'adamw', 'amsgrad'] as const) {
		it(`takes ${OPTIMIZER_LABELS[name]} steps as its rule written out by hand`, () => {
			const xs = ONE_COORDINATE[name](START[0], GRADIENTS.map((g) => g[0]));
			const ys = ONE_COORDINATE[name](START[1], GRADIENTS.map((g) => g[1]));
			const expected = xs.flatMap((x, i) => [x, ys[i]]);
			expectAllClose(plainRun(name, START, GRADIENTS, LR).flat(), expected, { abs: 1e-12, rel: 1e-12 });
		});
	}

	it('moves every coordinate by about η·sign(g) on Adam’s first step, whatever the gradient’s size', () => {
		// m̂₁ = g and v̂₁ = g² after bias correction, so the step is η·g / (|g| + ε).
		const gradient = [1e-3, -50, 4];
		const state = createOptimizer('adam', [0, 0, 0], HP);
		optimizerStep(state, gradient, 0.01, HP);
		expectAllClose(state.params, [-0.01, 0.01, -0.01], { abs: 0, rel: 1e-3 });
	});

	it('bias-corrects Adam’s moments: m̂₂ and v̂₂ match the formula', () => {
		const [g1, g2] = [3, -1];
		const state = createOptimizer('adam', [0], HP);
		optimizerStep(state, [g1], 0.01, HP);
		optimizerStep(state, [g2], 0.01, HP);
		// m₂ = β₁(1 − β₁)g₁ + (1 − β₁)g₂ and v₂ = β₂(1 − β₂)g₁² + (1 − β₂)g₂²; the hats divide by 1 − β².
		const mHat = (0.9 * 0.1 * g1 + 0.1 * g2) / (1 - 0.9 ** 2);
		const vHat = (0.999 * 0.001 * g1 ** 2 + 0.001 * g2 ** 2) / (1 - 0.999 ** 2);
		expectClose(state.firstMoment![0] / (1 - state.beta1Power), mHat, { abs: 0, rel: 1e-12 });
		expectClose(state.secondMoment![0] / (1 - state.beta2Power), vHat, { abs: 0, rel: 1e-12 });
		expectClose(mHat, (0.27 - 0.1) / 0.19);
		expectClose(vHat, (0.008991 + 0.001) / 0.001999);
	});

	it('uses AdaGrad’s fixed ε = 1e-7, whatever hp.epsilon says (as tf.train.adagrad does)', () => {
		const other = { ...HP, epsilon: 0.5 };
		expect(plainRun('adagrad', START, GRADIENTS, LR, other)).toEqual(plainRun('adagrad', START, GRADIENTS, LR));
	});

	it('leaves AdamW with weight decay 0 identical to Adam', () => {
		const hp = { ...HP, weightDecay: 0 };
		const gradients = Array.from({ length: 100 }, (_, t) => [Math.sin(t), Math.cos(3 * t) * 10]);
		expect(plainRun('adamw', START, gradients, 0.05, hp)).toEqual(plainRun('adam', START, gradients, 0.05, hp));
	});

	it('shrinks every coordinate by η·λ·x on top of Adam’s step in AdamW', () => {
		const gradients = [[0.3, -0.7]];
		const [adam] = plainRun('adam', START, gradients, LR);
		const [adamw] = plainRun('adamw', START, gradients, LR);
		expectAllClose(adamw, [adam[0] - LR * 0.1 * START[0], adam[1] - LR * 0.1 * START[1]], { abs: 1e-15, rel: 1e-12 });
	});

	it('keeps AMSGrad equal to Adam while the second moment grows, and slower once it shrinks', () => {
		// |g| rising 1, 2, …, 10 keeps g² above v, so v grows every step; then g falls to 0.01.
		const growing = Array.from({ length: 10 }, (_, t) => [t + 1]);
		const shrinking = Array.from({ length: 10 }, () => [0.01]);
		const adam = plainRun('adam', [0], [...growing, ...shrinking], LR);
		const amsgrad = plainRun('amsgrad', [0], [...growing, ...shrinking], LR);
		expect(amsgrad.slice(0, 10)).toEqual(adam.slice(0, 10));
		// At the first small gradient AMSGrad divides by the old, larger v: a shorter step.
		const adamStep = Math.abs(adam[10][0] - adam[9][0]);
		const amsgradStep = Math.abs(amsgrad[10][0] - amsgrad[9][0]);
		expect(amsgradStep).toBeLessThan(adamStep);
		for (let t = 10; t < 20; t++) expect(amsgrad[t][0]).not.toBe(adam[t][0]);
	});

	it('counts its updates and works on vectors of any length', () => {
		for (const name of OPTIMIZERS) {
			const state = createOptimizer(name, [1, 2, 3, 4, 5], HP);
			for (let t = 0; t < 4; t++) optimizerStep(state, [1, -1, 2, -2, 0], 0.01, HP);
			expect(state.t).toBe(4);
			expect(state.params.length).toBe(5);
			expect(state.params.every(Number.isFinite)).toBe(true);
		}
	});

	it('copies its start rather than holding on to it', () => {
		const start = new Float64Array([1, 2]);
		const state = createOptimizer('sgd', start, HP);
		optimizerStep(state, [1, 1], 0.5, HP);
		expect(Array.from(start)).toEqual([1, 2]);
	});
});

describe('hyperparametersUsed()', () => {
	it('lists every hyperparameter each rule reads, and no others', () => {
		expect(Object.keys(hyperparametersUsed('sgd', HP))).toEqual([]);
		expect(hyperparametersUsed('momentum', HP)).toEqual({ momentum: 0.9 });
		expect(hyperparametersUsed('nesterov', HP)).toEqual({ momentum: 0.9 });
		expect(hyperparametersUsed('rmsprop', HP)).toEqual({ rho: 0.9, momentum: 0.9, epsilon: 1e-7 });
		expect(hyperparametersUsed('rmsprop', DEFAULT_HYPERPARAMETERS)).toEqual({ rho: 0.9, momentum: 0, epsilon: 1e-7 });
		expect(hyperparametersUsed('adam', HP)).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
		expect(hyperparametersUsed('amsgrad', HP)).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
		expect(hyperparametersUsed('adamw', HP)).toEqual({ beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.1 });
	});

	it('reports AdaGrad’s fixed ε = 1e-7 and its initial accumulator, not hp.epsilon', () => {
		expect(hyperparametersUsed('adagrad', { ...HP, epsilon: 0.01, initialAccumulator: 0.5 })).toEqual({
			initialAccumulator: 0.5,
			epsilon: ADAGRAD_EPSILON
		});
		expect(ADAGRAD_EPSILON).toBe(1e-7);
	});
});

// ---------------------------------------------------------------------------------------
// The oracle: tf.train (and, for AdamW and AMSGrad, the papers' rules in tf ops) replayed
// beside the plain path on the same surface, with the learning rate changing every step.

interface Surface {
	name: string;
	start: [number, number];
	loss: (p: tf.Tensor) => tf.Scalar;
	/** The exact gradient in float64, written into `out`. */
	gradient: (p: Float64Array, out: Float64Array) => void;
	/** Learning rates per optimiser: small enough that every path stays bounded. */
	rates: Record<OptimizerName, number>;
	schedule: ScheduleName;
}

const STEPS = 200;
const SCHEDULE_OPTIONS: ScheduleOptions = { totalSteps: STEPS, warmup: 20, period: 50 };

const BOWL: Surface = {
	name: '0.5(x² + 10y²)',
	start: [-1.5, 1],
	loss: (p) => p.square().mul(tf.tensor1d([0.5, 5])).sum(),
	gradient: (p, out) => {
		out[0] = p[0];
		out[1] = 10 * p[1];
	},
	rates: {
		...{ sgd: 0.05, momentum: 0.02, nesterov: 0.02 },
		...{ adagrad: 0.3, rmsprop: 0.01, adam: 0.05, adamw: 0.05, amsgrad: 0.05 }
	},
	schedule: 'warmup-cosine'
};

const ROSENBROCK: Surface = {
	name: 'Rosenbrock (1 − x)² + 100(y − x²)²',
	start: [-1.2, 1],
	loss: (p) => {
		const x = p.slice([0], [1]);
		const y = p.slice([1], [1]);
		return tf.scalar(1).sub(x).square().add(y.sub(x.square()).square().mul(100)).sum();
	},
	gradient: (p, out) => {
		const [x, y] = p;
		out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
		out[1] = 200 * (y - x * x);
	},
	rates: {
		...{ sgd: 1e-3, momentum: 1e-3, nesterov: 1e-3 },
		...{ adagrad: 1e-2, rmsprop: 1e-2, adam: 1e-2, adamw: 1e-2, amsgrad: 1e-2 }
	},
	schedule: 'restarts'
};

/** The TF.js side of a replay: one update of the variable per call, at the given rate. */
interface TfStepper {
	step(p: tf.Variable, loss: () => tf.Scalar, lr: number): void;
	dispose(): void;
}

/** A `tf.train` optimiser, with the learning rate set the way each class reads it. */
function trainStepper(name: Exclude<OptimizerName, 'adamw' | 'amsgrad'>, hp: Hyperparameters): TfStepper {
	const optimizer = {
		sgd: () => tf.train.sgd(1),
		momentum: () => tf.train.momentum(1, hp.momentum),
		nesterov: () => tf.train.momentum(1, hp.momentum, true),
		adagrad: () => tf.train.adagrad(1, hp.initialAccumulator),
		rmsprop: () => tf.train.rmsprop(1, hp.rho, hp.rmspropMomentum, hp.epsilon),
		adam: () => tf.train.adam(1, hp.beta1, hp.beta2, hp.epsilon)
	}[name]();
	// Not `instanceof`: TF.js gives Optimizer a duck-typed Symbol.hasInstance, which every
	// subclass inherits, so any optimiser is an `instanceof tf.SGDOptimizer`.
	const bakesRate = name === 'sgd' || name === 'momentum' || name === 'nesterov';
	return {
		step(p, loss, lr) {
			// SGD and Momentum bake −lr into a scalar tensor (`c`), so only setLearningRate
			// reaches them; the others read their `learningRate` field on every update.
			if (bakesRate) (optimizer as tf.SGDOptimizer).setLearningRate(lr);
			else (optimizer as unknown as { learningRate: number }).learningRate = lr;
			optimizer.minimize(loss, false, [p]);
		},
		dispose() {
			optimizer.dispose();
			// MomentumOptimizer.dispose() forgets the learning-rate scalar SGD made (tfjs#4647).
			if (name === 'momentum' || name === 'nesterov') (optimizer as unknown as { c: tf.Scalar }).c.dispose();
		}
	};
}

/**
 * AdamW (Loshchilov & Hutter, decay scaled by the learning rate as in PyTorch) and AMSGrad
 * (Reddi et al., with PyTorch's bias correction of max v), in float32 tf ops.
 */
function adamVariantStepper(name: 'adamw' | 'amsgrad', hp: Hyperparameters): TfStepper {
	const zeros = () => tf.tidy(() => tf.variable(tf.zeros([2]), false));
	const [m, v, vMax] = [zeros(), zeros(), zeros()];
	let t = 0;
	return {
		step(p, loss, lr) {
			t++;
			tf.tidy(() => {
				const g = tf.variableGrads(loss, [p]).grads[p.name];
				m.assign(m.mul(hp.beta1).add(g.mul(1 - hp.beta1)));
				v.assign(v.mul(hp.beta2).add(g.square().mul(1 - hp.beta2)));
				vMax.assign(tf.maximum(vMax, v));
				const mHat = m.div(1 - hp.beta1 ** t);
				const vHat = (name === 'amsgrad' ? vMax : v).div(1 - hp.beta2 ** t);
				let direction = mHat.div(vHat.sqrt().add(hp.epsilon));
				if (name === 'adamw') direction = direction.add(p.mul(hp.weightDecay));
				p.assign(p.sub(direction.mul(lr)));
			});
		},
		dispose: () => tf.dispose([m, v, vMax])
	};
}

function tfStepper(name: OptimizerName, hp: Hyperparameters): TfStepper {
	return name === 'adamw' || name === 'amsgrad' ? adamVariantStepper(name, hp) : trainStepper(name, hp);
}

// TF.js computes in float32: each op rounds to within 2⁻²⁴ ≈ 6e-8 relative, an update chains
// about ten ops, and the gradient is taken at float32-rounded coordinates. Over 200 updates
// on these surfaces (contracting, or mildly expanding along Rosenbrock's valley) that
// accumulates to about 1e-5 of the path's size (measured: at most 0.1 of the tolerance
// below). The error is relative to the size of the numbers the steps were made of, not to
// the coordinate at the moment: when a coordinate swings through 0 (Adam does, by about η
// a step whatever the gradient), the absolute error carried from earlier steps stays. So the
// relative part is taken of the largest |coordinate| so far, and the absolute 1e-6 covers
// float32's spacing (1.2e-7 near 1). A wrong rule — ε on the wrong side of a square root,
// the learning rate on the wrong side of a momentum buffer, AMSGrad's maximum taken after
// bias correction, AdamW's decay not scaled by η — fails it (each was tried).
const ORACLE_TOLERANCE = { rel: 1e-4, abs: 1e-6 };

interface Replay {
	/** The largest |tf − plain| / (abs + rel·scale) over every step and coordinate: ≤ 1 passes. */
	worst: number;
	worstStep: number;
	/** The plain path's positions, to check it stayed bounded. */
	path: number[][];
}

/** Runs `steps` updates on both paths side by side; frees every tensor it creates. */
function replay(name: OptimizerName, surface: Surface, hp: Hyperparameters, steps = STEPS): Replay {
	const p = tf.tidy(() => tf.variable(tf.tensor1d(surface.start), true));
	const stepper = tfStepper(name, hp);
	const loss = () => surface.loss(p);
	const plain = createOptimizer(name, surface.start, hp);
	const gradient = new Float64Array(2);
	// Per coordinate, the largest |value| so far: the size float32's rounding is relative to.
	const scale = surface.start.map(Math.abs);
	const result: Replay = { worst: 0, worstStep: -1, path: [] };
	try {
		for (let t = 0; t < steps; t++) {
			const lr = scheduledRate(surface.schedule, surface.rates[name], t, SCHEDULE_OPTIONS);
			stepper.step(p, loss, lr);
			surface.gradient(plain.params, gradient);
			optimizerStep(plain, gradient, lr, hp);
			const tfParams = p.dataSync();
			for (let i = 0; i < 2; i++) {
				scale[i] = Math.max(scale[i], Math.abs(plain.params[i]));
				const tolerance = ORACLE_TOLERANCE.abs + ORACLE_TOLERANCE.rel * scale[i];
				const ratio = Math.abs(tfParams[i] - plain.params[i]) / tolerance;
				if (!(ratio <= result.worst)) [result.worst, result.worstStep] = [ratio, t];
			}
			result.path.push(Array.from(plain.params));
		}
	} finally {
		stepper.dispose();
		p.dispose();
	}
	return result;
}

// Far from the defaults, so that a swapped or misplaced hyperparameter (ε inside or outside
// a square root, ρ for μ) moves the path visibly.
const UNUSUAL_HP: Hyperparameters = {
	momentum: 0.5,
	rmspropMomentum: 0.5,
	beta1: 0.8,
	beta2: 0.99,
	epsilon: 1e-2,
	rho: 0.8,
	weightDecay: 0.2,
	initialAccumulator: 0.5
};

const ORACLE_CASES = [
	{ surface: BOWL, hp: HP, label: '' },
	{ surface: ROSENBROCK, hp: HP, label: '' },
	{ surface: BOWL, hp: UNUSUAL_HP, label: ', unusual hyperparameters' }
];

describe('the plain path against TF.js, step by step', () => {
	for (const { surface, hp, label } of ORACLE_CASES) {
		for (const name of OPTIMIZERS) {
			const oracle = name === 'adamw' || name === 'amsgrad' ? 'the paper’s rule in tf ops' : 'tf.train';
			const run = `${STEPS} steps with a ${surface.schedule} schedule`;
			it(`follows ${oracle} for ${OPTIMIZER_LABELS[name]} on ${surface.name}${label}, ${run}`, () => {
				const { worst, worstStep, path } = replay(name, surface, hp);
				expect(worst, `worst disagreement at step ${worstStep}, as a fraction of the tolerance`).toBeLessThanOrEqual(1);
				expect(path.flat().every((c) => Math.abs(c) < 10)).toBe(true);
			});
		}
	}

	it('frees every tensor it creates, the leaky Momentum optimiser included', async () => {
		await assertNoTensorLeak(() => {
			for (const name of OPTIMIZERS) replay(name, ROSENBROCK, HP, 10);
		}, 'replaying every optimiser');
	});
});

// ---------------------------------------------------------------------------------------

describe('scheduledRate()', () => {
	const options: ScheduleOptions = { totalSteps: 1000, warmup: 100, period: 200 };
	const at = (schedule: ScheduleName, t: number) => scheduledRate(schedule, 0.5, t, options);

	it('keeps a constant rate constant', () => {
		for (const t of [0, 1, 999, 5000]) expect(at('constant', t)).toBe(0.5);
	});

	it('halves the step schedule every period: η·0.5^floor(t/period)', () => {
		const rates = [0, 199, 200, 399, 400, 999].map((t) => at('step', t));
		expect(rates).toEqual([0.5, 0.5, 0.25, 0.25, 0.125, 0.5 * 0.5 ** 4]);
	});

	it('decays the exponential schedule to 1% over the run: η·0.01^(t/T)', () => {
		expectClose(at('exp', 0), 0.5);
		expectClose(at('exp', 500), 0.5 * 0.1);
		expectClose(at('exp', 1000), 0.5 * 0.01);
		expectClose(at('exp', 250), 0.5 * 0.01 ** 0.25);
	});

	it('follows half a cosine over the run: η·(1 + cos(πt/T))/2', () => {
		expectClose(at('cosine', 0), 0.5);
		expectClose(at('cosine', 250), (0.5 * (1 + Math.SQRT1_2)) / 2);
		expectClose(at('cosine', 500), 0.25);
		expectClose(at('cosine', 1000), 0, { abs: 1e-15, rel: 0 });
		expect(at('cosine', 1500)).toBe(0);
	});

	it('ramps up linearly over the warm-up, η·(t+1)/W, then follows a cosine over the rest', () => {
		expectClose(at('warmup-cosine', 0), 0.5 / 100);
		expectClose(at('warmup-cosine', 49), 0.5 * 0.5);
		expectClose(at('warmup-cosine', 99), 0.5);
		expectClose(at('warmup-cosine', 100), 0.5);
		expectClose(at('warmup-cosine', 100 + 450), 0.25);
		expectClose(at('warmup-cosine', 100 + 225), (0.5 * (1 + Math.SQRT1_2)) / 2);
	});

	it('restarts the cosine every period (SGDR): η·(1 + cos(π·(t mod P)/P))/2', () => {
		for (const cycle of [0, 1, 4]) {
			expectClose(at('restarts', cycle * 200), 0.5);
			expectClose(at('restarts', cycle * 200 + 100), 0.25);
			expectClose(at('restarts', cycle * 200 + 150), (0.5 * (1 - Math.SQRT1_2)) / 2);
		}
	});

	it('never rises where it should only fall: step, exp and cosine over [0, T]', () => {
		for (const schedule of ['step', 'exp', 'cosine'] as const) {
			for (let t = 1; t <= 1000; t++) {
				expect(at(schedule, t), `${schedule} at ${t}`).toBeLessThanOrEqual(at(schedule, t - 1));
			}
		}
		for (let t = 101; t <= 1000; t++) expect(at('warmup-cosine', t)).toBeLessThanOrEqual(at('warmup-cosine', t - 1));
	});

	it('rises strictly through the warm-up', () => {
		for (let t = 1; t < 100; t++) expect(at('warmup-cosine', t)).toBeGreaterThan(at('warmup-cosine', t - 1));
	});

	it('stays finite and ≥ 0 with hostile options (period 0, warm-up past the end, one step, NaN)', () => {
		const hostile: ScheduleOptions[] = [
			{ totalSteps: 100, warmup: 10, period: 0 },
			{ totalSteps: 100, warmup: 500, period: 10 },
			{ totalSteps: 1, warmup: 1, period: 1 },
			{ totalSteps: 0, warmup: -3, period: -1 },
			{ totalSteps: NaN, warmup: NaN, period: NaN },
			{ totalSteps: Infinity, warmup: Infinity, period: Infinity },
			{ totalSteps: 0.5, warmup: 0.5, period: 0.5 }
		];
		for (const schedule of SCHEDULES) {
			for (const hostileOptions of hostile) {
				for (const t of [0, 1, 2, 99, 100, 10_000, -1, NaN]) {
					const rate = scheduledRate(schedule, 0.1, t, hostileOptions);
					const where = `${schedule} at ${t} with ${JSON.stringify(hostileOptions)}: ${rate}`;
					expect(Number.isFinite(rate) && rate >= 0, where).toBe(true);
				}
			}
		}
	});

	it('is always finite, ≥ 0 and at most the base rate, for any options (property)', () => {
		const anyCount = fc.oneof(fc.integer({ min: -10, max: 3000 }), fc.double({ noNaN: false }));
		fc.assert(
			fc.property(
				fc.constantFrom(...SCHEDULES),
				fc.double({ min: 0, max: 10, noNaN: true }),
				fc.integer({ min: 0, max: 5000 }),
				fc.record({ totalSteps: anyCount, warmup: anyCount, period: anyCount }),
				(schedule, eta, t, options) => {
					const rate = scheduledRate(schedule, eta, t, options);
					return Number.isFinite(rate) && rate >= 0 && rate <= eta;
				}
			)
		);
	});

	it('treats a negative or non-finite base rate as 0', () => {
		for (const eta of [-1, NaN, Infinity]) expect(scheduledRate('constant', eta, 0, options)).toBe(0);
	});
});

describe('scheduleFormula()', () => {
	it('writes each formula with the options filled in', () => {
		const options = { totalSteps: 500, warmup: 50, period: 100 };
		expect(scheduleFormula('constant', options)).toBe('η');
		expect(scheduleFormula('step', options)).toBe('η · 0.5^floor(t / 100)');
		expect(scheduleFormula('exp', options)).toBe('η · 0.01^(t / 500)');
		expect(scheduleFormula('cosine', options)).toBe('η · (1 + cos(π · t / 500)) / 2');
		expect(scheduleFormula('warmup-cosine', options)).toBe(
			'η · (t + 1) / 50 for t < 50, then η · (1 + cos(π · (t − 50) / 450)) / 2'
		);
		expect(scheduleFormula('restarts', options)).toBe('η · (1 + cos(π · (t mod 100) / 100)) / 2');
	});

	it('shows the repaired options the rate actually uses', () => {
		const formula = scheduleFormula;
		expect(formula('restarts', { totalSteps: 10, warmup: 0, period: 0 })).toBe('η · (1 + cos(π · (t mod 1) / 1)) / 2');
		expect(formula('warmup-cosine', { totalSteps: 10, warmup: 0, period: 1 })).toBe('η · (1 + cos(π · t / 10)) / 2');
		expect(formula('warmup-cosine', { totalSteps: 10, warmup: 99, period: 1 })).toContain('for t < 9, then');
	});

	it('has a label for every schedule', () => {
		for (const schedule of SCHEDULES) expect(SCHEDULE_LABELS[schedule]).toBeTruthy();
	});
});
