import { describe, expect, it } from 'vitest';
import { assertNoTensorLeak, liveTensors } from '$lib/engine/leaks';
import { createRng } from '$lib/engine/rng';
import { applyActivation, Network, type NetworkSpec } from '$lib/network/network';
import { activationValue, ACTIVATIONS, type Activation } from '$lib/network/activations';
import { makeClassificationSet, CLASSIFICATION_SETS, type LabelledPoints } from '$lib/network/datasets';
import { initVariance, initWeights, INIT_SCHEMES, type InitSpec } from '$lib/network/init';
import * as tf from '$lib/engine/tfjs';
import { expectClose } from '../helpers/close';

const DEEP: NetworkSpec = {
	depth: 20,
	width: 32,
	activation: 'sigmoid',
	init: { scheme: 'normal', sigma: 0.1 },
	residual: false,
	batchNorm: false,
	optimizer: 'sgd',
	lr: 0.1,
	clip: 0,
	batchSize: 64
};
const spiral = makeClassificationSet('spiral', 256, 1);

function withNetwork<T>(spec: NetworkSpec, data: LabelledPoints, seed: number, use: (net: Network) => T): T {
	const net = new Network(spec, data, seed);
	try {
		return use(net);
	} finally {
		net.dispose();
	}
}

/** A second implementation of the forward pass and loss, in float64, for finite differences. */
function plainLoss(spec: NetworkSpec, weights: Float64Array[], data: LabelledPoints): number {
	const count = data.labels.length;
	const branchScale = 1 / Math.sqrt(Math.max(1, spec.depth - 2));
	type Rows = number[][];
	const dense = (h: Rows, l: number): Rows => {
		const fanOut = l === spec.depth - 1 ? 1 : spec.width;
		return h.map((row) => Array.from({ length: fanOut }, (_, j) => row.reduce((sum, v, i) => sum + v * weights[l][i * fanOut + j], 0)));
	};
	const normalise = (z: Rows): Rows => {
		if (!spec.batchNorm) return z;
		const out = z.map((row) => row.slice());
		for (let j = 0; j < z[0].length; j++) {
			const mean = z.reduce((s, row) => s + row[j], 0) / count;
			const variance = z.reduce((s, row) => s + (row[j] - mean) ** 2, 0) / count;
			for (const row of out) row[j] = (row[j] - mean) / Math.sqrt(variance + 1e-5);
		}
		return out;
	};
	const act = (z: Rows): Rows => z.map((row) => row.map((v) => activationValue(spec.activation, v).value));
	let h = act(normalise(dense(Array.from({ length: count }, (_, i) => [data.points[2 * i], data.points[2 * i + 1]]), 0)));
	for (let l = 1; l < spec.depth - 1; l++) {
		if (spec.residual) {
			const branch = dense(act(normalise(h)), l);
			h = h.map((row, i) => row.map((v, j) => v + branchScale * branch[i][j]));
		} else h = act(normalise(dense(h, l)));
	}
	const logits = dense(spec.residual ? act(h) : h, spec.depth - 1);
	return logits.reduce((sum, [z], i) => sum + Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - z * data.labels[i], 0) / count;
}

describe('activations', () => {
	it('the plain values and slopes match TF.js and its autodiff', () => {
		const xs = [-3, -1.2, -0.3, 0.4, 1, 2.5];
		for (const name of ACTIVATIONS) {
			const values = tf.tidy(() => applyActivation(name, tf.tensor1d(xs)).dataSync());
			const slopes = tf.tidy(() => tf.grad((x: tf.Tensor) => applyActivation(name, x).sum())(tf.tensor1d(xs)).dataSync());
			xs.forEach((x, i) => {
				const plain = activationValue(name, x);
				expectClose(plain.value, values[i], { abs: 1e-5, rel: 1e-4 });
				expectClose(plain.slope, slopes[i], { abs: 1e-5, rel: 1e-4 });
			});
		}
	});

	it("the sigmoid's slope is at most 1/4, reached at 0", () => {
		expect(activationValue('sigmoid', 0).slope).toBe(0.25);
		for (let x = -6; x <= 6; x += 0.25) expect(activationValue('sigmoid', x).slope).toBeLessThanOrEqual(0.25);
	});
});

describe('classification sets', () => {
	it('are seeded, balanced and inside the square', () => {
		for (const name of CLASSIFICATION_SETS) {
			const a = makeClassificationSet(name, 200, 3);
			expect(makeClassificationSet(name, 200, 3)).toEqual(a);
			expect(makeClassificationSet(name, 200, 4).points).not.toEqual(a.points);
			expect(a.labels.reduce((s, v) => s + v, 0)).toBe(100);
			expect(a.points.every((v) => v >= -1 && v <= 1)).toBe(true);
		}
	});
});

describe('initialisation', () => {
	// Each entry's variance against its formula, on a 256 × 384 matrix: the sample variance of
	// N draws has a standard error of about √(2/N)·σ² (normal) or √(0.8/N)·σ² (uniform).
	const [fanIn, fanOut] = [256, 384];
	it.each(INIT_SCHEMES.filter((s) => !['zeros', 'constant', 'orthogonal'].includes(s)))('%s has the variance of its formula', (scheme) => {
		const spec: InitSpec = { scheme, sigma: 0.3, a: 0.5 };
		const w = initWeights(spec, fanIn, fanOut, createRng(1));
		const n = w.length;
		const mean = w.reduce((s, v) => s + v, 0) / n;
		const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
		const expected = initVariance(spec, fanIn, fanOut);
		expect(Math.abs(variance - expected)).toBeLessThan(5 * Math.sqrt(2 / n) * expected);
		expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(expected / n));
	});

	it('orthogonal: WᵀW = I for a tall matrix, WWᵀ = I for a wide one', () => {
		for (const [rows, cols] of [[64, 16], [16, 64], [32, 32]]) {
			const w = initWeights({ scheme: 'orthogonal' }, rows, cols, createRng(2));
			const [inner, outer] = rows >= cols ? [cols, rows] : [rows, cols];
			for (let a = 0; a < inner; a++) {
				for (let b = 0; b < inner; b++) {
					let dot = 0;
					for (let k = 0; k < outer; k++) {
						dot += rows >= cols ? w[k * cols + a] * w[k * cols + b] : w[a * cols + k] * w[b * cols + k];
					}
					expectClose(dot, a === b ? 1 : 0, { abs: 1e-5, rel: 0 });
				}
			}
		}
	});

	it('zeros and constant fill every weight with the one value', () => {
		expect(initWeights({ scheme: 'zeros' }, 3, 4, createRng(1)).every((v) => v === 0)).toBe(true);
		expect(initWeights({ scheme: 'constant', c: 0.25 }, 3, 4, createRng(1)).every((v) => v === 0.25)).toBe(true);
	});
});

describe('Network', () => {
	it.each([
		['tanh, residual', { activation: 'tanh', residual: true, batchNorm: false }],
		['sigmoid, batch norm', { activation: 'sigmoid', residual: false, batchNorm: true }],
		['elu, residual, batch norm', { activation: 'elu', residual: true, batchNorm: true }],
		['gelu', { activation: 'gelu', residual: false, batchNorm: false }]
	] as [string, { activation: Activation; residual: boolean; batchNorm: boolean }][])(
		'autodiff gradients agree with finite differences of a float64 forward pass (%s)',
		(_, options) => {
			const spec: NetworkSpec = { ...DEEP, ...options, depth: 4, width: 3, init: { scheme: 'normal', sigma: 0.8 }, batchSize: 100 };
			const data = makeClassificationSet('circles', 8, 5);
			withNetwork(spec, data, 7, (net) => {
				const measured = net.step({ apply: false });
				const weights = Array.from({ length: spec.depth }, (_, l) => Float64Array.from(net.weights(l)));
				expectClose(measured.loss, plainLoss(spec, weights, data), { abs: 1e-6, rel: 1e-5 });
				const h = 1e-5;
				weights.forEach((w, l) => {
					const gradient = Array.from(w, (_, i) => {
						const saved = w[i];
						w[i] = saved + h;
						const up = plainLoss(spec, weights, data);
						w[i] = saved - h;
						const down = plainLoss(spec, weights, data);
						w[i] = saved;
						return (up - down) / (2 * h);
					});
					const norm = Math.sqrt(gradient.reduce((s, g) => s + g * g, 0));
					const mean = gradient.reduce((s, g) => s + g, 0) / gradient.length;
					const sd = Math.sqrt(gradient.reduce((s, g) => s + (g - mean) ** 2, 0) / gradient.length);
					expectClose(measured.layers[l].gradNorm, norm, { abs: 1e-6, rel: 1e-3 });
					expectClose(measured.layers[l].gradStd, sd, { abs: 1e-6, rel: 1e-3 });
					expectClose(measured.layers[l].weightNorm, Math.sqrt(w.reduce((s, v) => s + v * v, 0)), { abs: 1e-6, rel: 1e-5 });
				});
			});
		}
	);

	it('deep sigmoid with small init: the first layer gets less than 10⁻³ of the last layer’s gradient', () => {
		withNetwork(DEEP, spiral, 1, (net) => {
			const { layers } = net.step();
			expect(layers[0].gradNorm / layers[DEEP.depth - 1].gradNorm).toBeLessThan(1e-3);
		});
	});

	it('ReLU with He init, and its residual version: gradient norms within a factor of 10 across layers', () => {
		for (const residual of [false, true]) {
			const spec: NetworkSpec = { ...DEEP, activation: 'relu', init: { scheme: 'he-normal' }, residual };
			withNetwork(spec, spiral, 1, (net) => {
				const norms = net.step().layers.map((l) => l.gradNorm);
				expect(Math.max(...norms) / Math.min(...norms)).toBeLessThan(10);
			});
		}
	});

	it('a large init explodes into `diverged` without clipping; clipping keeps every step finite', () => {
		const spec: NetworkSpec = { ...DEEP, activation: 'relu', init: { scheme: 'normal', sigma: 3 }, depth: 12, lr: 0.05 };
		const run = (clip: number, recordActivations = false) =>
			withNetwork({ ...spec, clip }, spiral, 1, (net) => {
				const results = [];
				for (let i = 0; i < 30; i++) {
					const result = net.step({ recordActivations });
					results.push(result);
					if (result.diverged) break;
				}
				return results;
			});
		const unclipped = run(0);
		expect(unclipped[0].layers[0].gradNorm).toBeGreaterThan(1e6);
		expect(unclipped.at(-1)!.diverged).toBe(true);
		// The same step diverges when the outputs are read back and measured on the page's side.
		const recorded = run(0, true);
		expect(recorded).toHaveLength(unclipped.length);
		expect(recorded.at(-1)!.diverged).toBe(true);
		const clipped = run(1);
		expect(clipped).toHaveLength(30);
		expect(clipped.every((r) => !r.diverged && r.clipScale <= 1 && r.globalGradNorm * r.clipScale <= 1 + 1e-5)).toBe(true);
	});

	it('trains: the loss on an easy set falls and the accuracy rises', () => {
		const spec: NetworkSpec = { ...DEEP, depth: 4, width: 16, activation: 'tanh', init: { scheme: 'xavier-normal' }, optimizer: 'adam', lr: 0.02 };
		withNetwork(spec, makeClassificationSet('circles', 256, 2), 3, (net) => {
			const first = net.step();
			for (let i = 0; i < 300; i++) net.step();
			const last = net.step({ apply: false });
			expect(last.loss).toBeLessThan(first.loss / 3);
			expect(last.accuracy).toBeGreaterThan(0.9);
			expect(last.step).toBe(301);
			const probabilities = net.predict(Float32Array.from([0, 0, 0.9, 0]));
			expect(probabilities[0]).toBeLessThan(0.5); // the centre is class 0
			expect(probabilities[1]).toBeGreaterThan(0.5); // the ring is class 1
		});
	});

	it('the layers’ statistics are the same whether the outputs are read back (weight init) or reduced in TF.js', () => {
		const spec: NetworkSpec = { ...DEEP, depth: 6, width: 16, activation: 'tanh', init: { scheme: 'normal', sigma: 0.4 }, batchSize: 256 };
		const [onDevice, fromArrays] = [false, true].map((recordActivations) => withNetwork(spec, spiral, 5, (net) => net.step({ apply: false, recordActivations })));
		expect(fromArrays.activations).toHaveLength(spec.depth - 1);
		fromArrays.layers.forEach((layer, l) => {
			const other = onDevice.layers[l];
			expectClose(layer.activationMean, other.activationMean, { abs: 1e-6, rel: 1e-4 });
			expectClose(layer.activationStd, other.activationStd, { abs: 1e-6, rel: 1e-4 });
			expect(layer.gradNorm).toBe(other.gradNorm);
		});
		expect(fromArrays.diverged).toBe(false);
	});

	it('the same seed gives the same run', () => {
		const run = () => withNetwork({ ...DEEP, depth: 5 }, spiral, 4, (net) => Array.from({ length: 5 }, () => net.step().loss));
		expect(run()).toEqual(run());
	});

	it('no tensor leak over 500 steps, after reset, or after switching configuration', async () => {
		const configs: NetworkSpec[] = [
			{ ...DEEP, depth: 6, optimizer: 'momentum' },
			{ ...DEEP, depth: 6, optimizer: 'adam', batchNorm: true, clip: 1 },
			{ ...DEEP, depth: 6, residual: true, activation: 'gelu' }
		];
		for (const spec of configs) {
			await assertNoTensorLeak(() => withNetwork(spec, spiral, 1, (net) => net.step({ recordActivations: true })), spec.optimizer);
		}
		const net = new Network(configs[1], spiral, 1);
		net.step();
		const before = liveTensors();
		for (let i = 0; i < 500; i++) net.step();
		net.predict(new Float32Array(200));
		expect(liveTensors()).toBe(before);
		net.dispose();
	});
});
