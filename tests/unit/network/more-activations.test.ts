/**
 * What the network core gained for the activation-functions widget: Swish (SiLU) and
 * softplus beside the other activations, and the dead units each step's detail reports.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import '$lib/engine/gradients';
import { applyActivation, Network, type NetworkSpec } from '$lib/network/network';
import { activationValue, ACTIVATIONS, ALL_ACTIVATIONS, MORE_ACTIVATIONS } from '$lib/network/activations';
import { makeClassificationSet } from '$lib/network/datasets';
import { deadUnits } from '$lib/network/inspect';
import { Networks } from '$lib/network/networks';
import type { Outcome } from '$lib/network/protocol';
import { expectClose } from '../helpers/close';

const XS = [-4.5, -2, -0.7, -0.1, 0.3, 1.1, 2.4, 4.9];

describe('Swish and softplus', () => {
	it('are offered only where a concept names them: the default list is as before', () => {
		expect(ACTIVATIONS).toEqual(['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'linear']);
		expect(ALL_ACTIVATIONS).toEqual([...ACTIVATIONS, ...MORE_ACTIVATIONS]);
	});

	it('the plain values are the closed forms x·σ(x) and log(1 + eˣ)', () => {
		for (const x of XS) {
			expectClose(activationValue('swish', x).value, x / (1 + Math.exp(-x)), { abs: 1e-12, rel: 1e-12 });
			expectClose(activationValue('softplus', x).value, Math.log(1 + Math.exp(x)), { abs: 1e-12, rel: 1e-12 });
		}
		// Softplus stays finite where log(1 + eˣ) written out would overflow.
		expectClose(activationValue('softplus', 800).value, 800, { abs: 0, rel: 1e-15 });
		expect(activationValue('softplus', -800).value).toBeGreaterThanOrEqual(0);
	});

	it.each(ALL_ACTIVATIONS.filter((name) => name !== 'relu' && name !== 'leaky-relu'))('%s: the plain slope is a central difference of the plain value', (name) => {
		const h = 1e-5;
		for (const x of XS) {
			const difference = (activationValue(name, x + h).value - activationValue(name, x - h).value) / (2 * h);
			expectClose(activationValue(name, x).slope, difference, { abs: 1e-7, rel: 1e-6 });
		}
	});

	it.each(ALL_ACTIVATIONS)('%s: the TF.js op matches the plain value, and its autodiff gradient a central difference of the op', (name) => {
		// float32: a step of 1e-2 keeps the rounding error (≈ 1e-7 / 1e-2) and the truncation (≈ h²·f‴) both near 1e-5.
		const h = 1e-2;
		const [values, gradients, above, below] = tf.tidy(() => {
			const x = tf.tensor1d(XS);
			const f = (t: tf.Tensor) => applyActivation(name, t);
			return [f(x), tf.grad((t: tf.Tensor) => f(t).sum())(x), f(tf.add(x, h)), f(tf.sub(x, h))].map((t) => t.dataSync());
		});
		XS.forEach((x, i) => {
			expectClose(values[i], activationValue(name, x).value, { abs: 1e-5, rel: 1e-5 });
			expectClose(gradients[i], (above[i] - below[i]) / (2 * h), { abs: 1e-4, rel: 1e-3 });
			expectClose(gradients[i], activationValue(name, x).slope, { abs: 1e-5, rel: 1e-4 });
		});
	});
});

describe('dead units', () => {
	it('deadUnits counts the columns that are the same on every row', () => {
		// 3 points × 4 units: unit 0 always 0 (a dead ReLU), unit 2 always 0.5, units 1 and 3 vary.
		const outputs = Float32Array.from([0, 1, 0.5, 0, 0, 2, 0.5, 0, 0, 0, 0.5, 3]);
		expect(deadUnits(outputs, 4)).toBe(2);
		expect(deadUnits(Float32Array.from([0, 0, 1e-7, 0]), 2)).toBe(2);
		expect(deadUnits(Float32Array.from([0, 0, 1e-3, 0]), 2)).toBe(1);
		expect(deadUnits(new Float32Array(0), 3)).toBe(0);
	});

	const spiral = makeClassificationSet('spiral', 256, 1);
	const SPEC: NetworkSpec = {
		depth: 5,
		width: 16,
		activation: 'relu',
		init: { scheme: 'he-normal' },
		residual: false,
		batchNorm: false,
		optimizer: 'adam',
		lr: 0.1,
		clip: 0,
		batchSize: 256
	};

	/** ReLU units whose weighted input is ≤ 0 on every point, from a float64 forward pass over the network's own weights. */
	function deadByForwardPass(net: Network): number[] {
		const { depth, width } = net.spec;
		const variables = net.trainable;
		const weights = variables.slice(0, depth).map((w) => Float64Array.from(w.dataSync()));
		const biases = variables.slice(depth, 2 * depth).map((b) => Float64Array.from(b.dataSync()));
		let inputs: number[][] = Array.from({ length: spiral.labels.length }, (_, s) => [spiral.points[2 * s], spiral.points[2 * s + 1]]);
		const dead: number[] = [];
		for (let l = 0; l < depth - 1; l++) {
			const z = inputs.map((row) => Array.from({ length: width }, (_, j) => row.reduce((sum, v, i) => sum + v * weights[l][i * width + j], biases[l][j])));
			dead.push(Array.from({ length: width }, (_, j) => z.every((row) => row[j] <= 0)).filter(Boolean).length);
			inputs = z.map((row) => row.map((v) => Math.max(0, v)));
		}
		return dead;
	}

	it('a ReLU network trained hard has dead units, counted as a float64 forward pass counts them', () => {
		const net = new Network(SPEC, spiral, 1);
		try {
			for (let i = 0; i < 100; i++) net.step();
			const measured = net.step({ apply: false, recordActivations: true });
			const counted = measured.activations!.map((outputs) => deadUnits(outputs, SPEC.width));
			expect(counted).toEqual(deadByForwardPass(net));
			expect(counted.reduce((a, b) => a + b)).toBeGreaterThan(10);
		} finally {
			net.dispose();
		}
	});

	it('each step of the worker side reports them, one count per hidden layer; leaky ReLU has none', () => {
		const networks = new Networks();
		try {
			const setups = [SPEC, { ...SPEC, activation: 'leaky-relu' as const }].map((spec) => ({ spec, data: spiral, seed: 1 }));
			networks.handle({ type: 'reset', generation: 1, setups, grid: new Float32Array(0), detail: { bins: 4, unitLayer: 0 } });
			let outcomes: Outcome[] = [];
			for (let i = 0; i < 100; i++) outcomes = (networks.handle({ type: 'step', generation: 1, boundary: false }) as { outcomes: Outcome[] }).outcomes;
			const [relu, leaky] = outcomes.map((o) => o.detail!.dead);
			expect(relu).toHaveLength(4);
			expect(relu.reduce((a, b) => a + b)).toBeGreaterThan(10);
			expect(leaky).toEqual([0, 0, 0, 0]);
		} finally {
			networks.dispose();
		}
	});
});
