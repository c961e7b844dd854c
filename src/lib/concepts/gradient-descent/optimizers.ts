/**
 * Eight optimisers on a plain Float64Array parameter vector, for drawing whole trajectories.
 *
 * The widget redraws every trajectory (up to 8 optimisers × 2000 steps) on each slider drag,
 * within a frame. TF.js pays microseconds of dispatch per op, so `tf.train` cannot do that;
 * these loops do, with no allocation per step. The update rules are TF.js 4.22's own
 * (`tf.train.sgd`, `momentum`, `adagrad`, `rmsprop`, `adam`), order of operations included,
 * and the unit tests replay every trajectory through `tf.train` and require step-by-step
 * agreement. AdamW and AMSGrad, which `tf.train` lacks, are Adam with the changes their
 * papers make (see `optimizerStep`).
 *
 * Usage: `const s = createOptimizer('adam', [-1.5, 2], hp)`, then for t = 0, 1, …
 * `optimizerStep(s, gradientAt(s.params), scheduledRate(schedule, η, t, options), hp)`.
 */

export const OPTIMIZERS = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw', 'amsgrad'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
	sgd: 'SGD',
	momentum: 'Momentum',
	nesterov: 'Nesterov',
	adagrad: 'AdaGrad',
	rmsprop: 'RMSProp',
	adam: 'Adam',
	adamw: 'AdamW',
	amsgrad: 'AMSGrad'
};

export interface Hyperparameters {
	/** μ: Momentum and Nesterov. */
	momentum: number;
	/**
	 * RMSProp's own momentum term (TF.js's RMSProp has one). 0 — TF.js's default — is the
	 * textbook RMSProp the widget shows; it is kept apart from μ so that sliding μ for
	 * Momentum does not quietly turn RMSProp into a heavy-ball method.
	 */
	rmspropMomentum: number;
	/** β₁: decay of the first-moment average (Adam family). */
	beta1: number;
	/** β₂: decay of the second-moment average (Adam family). */
	beta2: number;
	/** ε: RMSProp (inside the square root) and the Adam family (outside it). Not AdaGrad's. */
	epsilon: number;
	/** ρ: RMSProp's decay of the mean square. */
	rho: number;
	/** λ: AdamW's decoupled weight decay, per unit of learning rate. */
	weightDecay: number;
	/** AdaGrad's starting sum of squares (TF.js's `initialAccumulatorValue`). */
	initialAccumulator: number;
}

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
	momentum: 0.9,
	rmspropMomentum: 0,
	beta1: 0.9,
	beta2: 0.999,
	epsilon: 1e-7, // TF.js's default (its float32 backend epsilon)
	rho: 0.9,
	weightDecay: 0.01,
	initialAccumulator: 0.1
};

/**
 * AdaGrad's ε. `tf.train.adagrad` takes no epsilon: it always adds the backend's
 * (1e-7 on the float32 backends) inside the square root, so this one ignores `hp.epsilon`.
 */
export const ADAGRAD_EPSILON = 1e-7;

/**
 * Optimizer state for a parameter vector of any length (the widget uses 2). Only the slots
 * the named rule uses are present; each has the length of `params`.
 */
export interface OptimizerState {
	name: OptimizerName;
	/** The current parameters, updated in place. */
	params: Float64Array;
	/** Updates taken so far. */
	t: number;
	/** Momentum, Nesterov: the velocity v ← μv + g (the learning rate is applied outside it). */
	velocity?: Float64Array;
	/** AdaGrad: the initial accumulator plus the sum of every g². */
	sumSquares?: Float64Array;
	/** RMSProp: the moving average of g² (decay ρ). */
	meanSquare?: Float64Array;
	/** RMSProp: the moving sum of scaled steps, lr·g/√(meanSquare + ε), with decay μ. */
	stepMomentum?: Float64Array;
	/** Adam family: m, the moving average of g (decay β₁), before bias correction. */
	firstMoment?: Float64Array;
	/** Adam family: v, the moving average of g² (decay β₂), before bias correction. */
	secondMoment?: Float64Array;
	/** AMSGrad: the largest v so far, elementwise, before bias correction. */
	maxSecondMoment?: Float64Array;
	/** Adam family: β₁ᵗ, accumulated by one multiplication per step as TF.js does. */
	beta1Power: number;
	/** Adam family: β₂ᵗ, likewise. */
	beta2Power: number;
}

/**
 * A fresh optimiser at `start` (copied): every slot zero, except AdaGrad's sum of squares,
 * which starts at `hp.initialAccumulator` as in TF.js.
 */
export function createOptimizer(name: OptimizerName, start: ArrayLike<number>, hp: Hyperparameters): OptimizerState {
	const n = start.length;
	const state: OptimizerState = { name, params: Float64Array.from(start), t: 0, beta1Power: 1, beta2Power: 1 };
	switch (name) {
		case 'sgd':
			break;
		case 'momentum':
		case 'nesterov':
			state.velocity = new Float64Array(n);
			break;
		case 'adagrad':
			state.sumSquares = new Float64Array(n).fill(hp.initialAccumulator);
			break;
		case 'rmsprop':
			state.meanSquare = new Float64Array(n);
			state.stepMomentum = new Float64Array(n);
			break;
		case 'amsgrad':
			state.maxSecondMoment = new Float64Array(n);
		// falls through: AMSGrad keeps Adam's moments too
		case 'adam':
		case 'adamw':
			state.firstMoment = new Float64Array(n);
			state.secondMoment = new Float64Array(n);
			break;
	}
	return state;
}

/**
 * One update in place, with learning rate `lr` (the schedule's value for this step).
 *
 * With g the gradient, η = `lr` and the hyperparameters' Greek letters, elementwise:
 * - sgd:      x ← x − η·g
 * - momentum: v ← μv + g;  x ← x − η·v
 * - nesterov: v ← μv + g;  x ← x − η·(g + μv)
 * - adagrad:  s ← s + g²;  x ← x − η·g / √(s + 1e-7)
 * - rmsprop:  r ← ρr + (1 − ρ)g²;  p ← μp + η·g / √(r + ε);  x ← x − p   (non-centred)
 * - adam:     m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
 *             m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  x ← x − η·m̂ / (√v̂ + ε)
 * - adamw:    as adam, then x ← x − η·(m̂ / (√v̂ + ε) + λx), with λx taken at the old x
 * - amsgrad:  as adam, with v̂ = max(v₁ … vₜ) / (1 − β₂ᵗ)
 * where t counts updates from 1. Learning rates enter where TF.js puts them: RMSProp's
 * inside its momentum buffer (so a schedule's past rates linger in p), Momentum's outside.
 */
export function optimizerStep(
	state: OptimizerState,
	gradient: ArrayLike<number>,
	lr: number,
	hp: Hyperparameters
): void {
	const x = state.params;
	const n = x.length;
	state.t++;
	switch (state.name) {
		case 'sgd':
			for (let i = 0; i < n; i++) x[i] += -lr * gradient[i];
			break;
		case 'momentum':
		case 'nesterov': {
			const v = state.velocity!;
			const mu = hp.momentum;
			const nesterov = state.name === 'nesterov';
			for (let i = 0; i < n; i++) {
				const g = gradient[i];
				v[i] = mu * v[i] + g;
				// Nesterov as TF.js (and Sutskever et al.) rewrite it: the look-ahead folded
				// into the update, so the gradient is still taken at x itself.
				x[i] += -lr * (nesterov ? g + v[i] * mu : v[i]);
			}
			break;
		}
		case 'adagrad': {
			const s = state.sumSquares!;
			for (let i = 0; i < n; i++) {
				const g = gradient[i];
				s[i] += g * g;
				x[i] += (g / Math.sqrt(s[i] + ADAGRAD_EPSILON)) * -lr;
			}
			break;
		}
		case 'rmsprop': {
			const r = state.meanSquare!;
			const p = state.stepMomentum!;
			const { rho, rmspropMomentum: momentum, epsilon } = hp;
			for (let i = 0; i < n; i++) {
				const g = gradient[i];
				r[i] = r[i] * rho + g * g * (1 - rho);
				p[i] = p[i] * momentum + (g * lr) / Math.sqrt(r[i] + epsilon);
				x[i] -= p[i];
			}
			break;
		}
		case 'adam':
		case 'adamw':
		case 'amsgrad': {
			const m = state.firstMoment!;
			const v = state.secondMoment!;
			const vMax = state.maxSecondMoment;
			const { beta1, beta2, epsilon } = hp;
			const decay = state.name === 'adamw' ? hp.weightDecay : 0;
			// TF.js keeps β₁ᵗ and β₂ᵗ as running products rather than calling pow.
			state.beta1Power *= beta1;
			state.beta2Power *= beta2;
			const correction1 = 1 - state.beta1Power;
			const correction2 = 1 - state.beta2Power;
			for (let i = 0; i < n; i++) {
				const g = gradient[i];
				m[i] = m[i] * beta1 + g * (1 - beta1);
				v[i] = v[i] * beta2 + g * g * (1 - beta2);
				// AMSGrad, PyTorch's convention (amsgrad=True): keep the running maximum of the raw
				// v and bias-correct that maximum like Adam's v. (Reddi et al. have no bias correction;
				// taking the maximum of v̂ instead would let v̂'s early shrinkage count as "growth".)
				let second = v[i];
				if (vMax) second = vMax[i] = Math.max(vMax[i], second);
				const adamStep = m[i] / correction1 / (Math.sqrt(second / correction2) + epsilon);
				// AdamW (Loshchilov & Hutter) decays x itself, outside the adaptive scaling, and scales
				// the decay by the learning rate as PyTorch does; with λ = 0 this is Adam exactly.
				x[i] += (adamStep + decay * x[i]) * -lr;
			}
			break;
		}
	}
}

/**
 * Every hyperparameter this optimizer's rule uses, with its value — including fixed ones
 * (Adagrad's epsilon 1e-7 and initial accumulator) — so an exported run can be recomputed
 * by hand. The learning rate is not among them: it comes from the schedule, step by step.
 *
 * @example hyperparametersUsed('adagrad', DEFAULT_HYPERPARAMETERS) // { initialAccumulator: 0.1, epsilon: 1e-7 }
 */
export function hyperparametersUsed(name: OptimizerName, hp: Hyperparameters): Record<string, number> {
	switch (name) {
		case 'sgd':
			return {};
		case 'momentum':
		case 'nesterov':
			return { momentum: hp.momentum };
		case 'adagrad':
			return { initialAccumulator: hp.initialAccumulator, epsilon: ADAGRAD_EPSILON };
		case 'rmsprop':
			return { rho: hp.rho, momentum: hp.rmspropMomentum, epsilon: hp.epsilon };
		case 'adam':
		case 'amsgrad':
			return { beta1: hp.beta1, beta2: hp.beta2, epsilon: hp.epsilon };
		case 'adamw':
			return { beta1: hp.beta1, beta2: hp.beta2, epsilon: hp.epsilon, weightDecay: hp.weightDecay };
	}
}
