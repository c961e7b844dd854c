import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { liveTensors } from '$lib/engine/leaks';
import { defaultValues } from '$lib/widget/schema';
import { Network } from '$lib/network/network';
import { makeClassificationSet } from '$lib/network/datasets';
import { deadUnits } from '$lib/network/inspect';
import { Networks } from '$lib/network/networks';
import type { Outcome } from '$lib/network/protocol';
import type { Activation } from '$lib/network/activations';
import { schema, OFFERED, type ActivationFunctionsParams } from '$lib/concepts/activation-functions/params';
import { meta } from '$lib/concepts/activation-functions/meta';
import { choicesOf } from '$lib/concepts/activation-functions/network';
import {
	activationCurves,
	BOUNDARY_GRID,
	DATA_POINTS,
	DETAIL,
	deadShares,
	FUNCTION_RANGE,
	networkSpec,
	saturatedIntervals,
	SATURATION_SLOPE,
	totalDeadShare
} from '$lib/concepts/activation-functions/sim';
import { expectClose } from '../helpers/close';

const valuesWith = (changes: Partial<ActivationFunctionsParams>) => ({ ...defaultValues(schema), ...changes }) as ActivationFunctionsParams;

/** Trains the network with activation `act` under `values` for `steps` steps and measures it once more. */
function trained(values: ActivationFunctionsParams, act: Activation, steps: number, seed: number) {
	const net = new Network(networkSpec(values, act), makeClassificationSet(values.dataset, DATA_POINTS, seed), seed);
	try {
		for (let i = 0; i < steps; i++) net.step();
		const last = net.step({ apply: false, recordActivations: true });
		return { loss: last.loss, dead: last.activations!.map((outputs) => deadUnits(outputs, values.width)), probabilities: net.predict(BOUNDARY_GRID) };
	} finally {
		net.dispose();
	}
}

describe('the function view', () => {
	it('activationCurves: f and f′ of the sigmoid are 1/(1 + e^(−x)) and its slope, written out', () => {
		const { value, slope } = activationCurves('sigmoid', [-5, 5], 11);
		for (let i = 0; i < 11; i++) {
			const x = -5 + i;
			expect(value[2 * i]).toBeCloseTo(x, 12);
			expectClose(value[2 * i + 1], 1 / (1 + Math.exp(-x)), { abs: 1e-15, rel: 1e-12 });
			expectClose(slope[2 * i + 1], Math.exp(-x) / (1 + Math.exp(-x)) ** 2, { abs: 1e-15, rel: 1e-12 });
		}
	});

	// Where the slope crosses 0.05, solved by hand: σ(1 − σ) = 0.05 at σ = (1 + √0.8)/2; 1 − tanh² = 0.05
	// at tanh = √0.95; ELU's eˣ = 0.05; softplus's σ(x) = 0.05.
	const sigmoidEdge = Math.log((1 + Math.sqrt(0.8)) / (1 - Math.sqrt(0.8)));
	const tanhEdge = Math.atanh(Math.sqrt(0.95));
	it.each([
		['sigmoid', [[-5, -sigmoidEdge], [sigmoidEdge, 5]]],
		['tanh', [[-5, -tanhEdge], [tanhEdge, 5]]],
		['relu', [[-5, 0]]],
		['leaky-relu', [[-5, 0]]],
		['elu', [[-5, Math.log(0.05)]]],
		['softplus', [[-5, Math.log(0.05 / 0.95)]]],
		['linear', []]
	] as [Activation, [number, number][]][])('saturatedIntervals(%s) are the closed-form stretches where |f′| < 0.05', (name, expected) => {
		const found = saturatedIntervals(name, FUNCTION_RANGE);
		expect(found).toHaveLength(expected.length);
		found.forEach(([a, b], i) => {
			expectClose(a, expected[i][0], { abs: 1e-9, rel: 0 });
			expectClose(b, expected[i][1], { abs: 1e-9, rel: 0 });
		});
	});

	it.each(['gelu', 'swish'] as const)('saturatedIntervals(%s): at each inner edge a central difference of f has slope ±0.05', (name) => {
		const found = saturatedIntervals(name, FUNCTION_RANGE);
		expect(found.length).toBeGreaterThan(0);
		const h = 1e-6;
		// The plain formulas, not activationValue: GELU = x·Φ(x) with Φ from erf by its series, Swish = x·σ(x).
		const erf = (x: number) => {
			let [term, sum] = [x, x];
			for (let n = 1; n < 80; n++) {
				term *= (-x * x) / n;
				sum += term / (2 * n + 1);
			}
			return (2 / Math.sqrt(Math.PI)) * sum;
		};
		const f = name === 'gelu' ? (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2)) : (x: number) => x / (1 + Math.exp(-x));
		for (const edge of found.flat().filter((x) => x > FUNCTION_RANGE[0] && x < FUNCTION_RANGE[1])) {
			expectClose(Math.abs((f(edge + h) - f(edge - h)) / (2 * h)), SATURATION_SLOPE, { abs: 1e-6, rel: 0 });
		}
	});
});

describe('dead-unit shares', () => {
	it('per layer and over all layers', () => {
		expect(deadShares([0, 4, 16], 16)).toEqual([0, 0.25, 1]);
		expect(totalDeadShare([0, 4, 16], 16)).toBe(20 / 48);
		expect(totalDeadShare([], 16)).toBe(0);
	});
});

describe('without an activation the network is a linear model', () => {
	/** The logit at each grid point, from the predicted probability. */
	const logits = (p: Float32Array) => Array.from(p, (q) => Math.log(q / (1 - q)));
	/** Least squares plane z = a·x + b·y + c through the grid's logits; the largest miss. */
	function planeMiss(z: number[]): number {
		const rows = z.map((_, i) => [BOUNDARY_GRID[2 * i], BOUNDARY_GRID[2 * i + 1], 1]);
		// Normal equations, 3 × 3, solved by Cramer's rule.
		const A = [0, 1, 2].map((r) => [0, 1, 2].map((c) => rows.reduce((s, row) => s + row[r] * row[c], 0)));
		const v = [0, 1, 2].map((r) => rows.reduce((s, row, i) => s + row[r] * z[i], 0));
		const det = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
		const d = det(A);
		const [a, b, c] = [0, 1, 2].map((k) => det(A.map((row, r) => row.map((x, col) => (col === k ? v[r] : x)))) / d);
		return Math.max(...rows.map(([x, y], i) => Math.abs(a * x + b * y + c - z[i])));
	}

	it('the trained linear network’s logits are affine in the input at depth 2 and 6; the ReLU network’s are not', () => {
		for (const depth of [2, 6]) {
			const values = valuesWith({ act: 'linear', depth, dataset: 'circles' });
			const { probabilities } = trained(values, 'linear', 100, 1);
			const z = logits(probabilities);
			const spread = Math.max(...z) - Math.min(...z);
			expect(spread).toBeGreaterThan(0.01);
			expect(planeMiss(z)).toBeLessThan(1e-3 * Math.max(1, spread));
		}
		const { probabilities } = trained(valuesWith({ dataset: 'circles' }), 'relu', 100, 1);
		const z = logits(probabilities.map((p) => Math.min(1 - 1e-6, Math.max(1e-6, p))));
		expect(planeMiss(z)).toBeGreaterThan(1);
	});

	it('a two-unit softmax is the sigmoid of the logit difference (why one logit suffices for two classes)', () => {
		const pairs = [[0, 0], [1.5, -0.5], [-3, 2], [7, 7.5]];
		const [softmax, sigmoid] = tf.tidy(() => {
			const z = tf.tensor2d(pairs.flat(), [pairs.length, 2]);
			const [z0, z1] = tf.split(z, 2, 1);
			return [tf.softmax(z).dataSync(), tf.sigmoid(tf.sub(z1, z0)).dataSync()];
		});
		pairs.forEach(([z0, z1], i) => {
			expectClose(softmax[2 * i + 1], sigmoid[i], { abs: 1e-6, rel: 1e-6 });
			expectClose(sigmoid[i], Math.exp(z1) / (Math.exp(z0) + Math.exp(z1)), { abs: 1e-6, rel: 1e-6 });
		});
	});
});

describe('the widget’s networks', () => {
	it('offers the core’s activations with Swish and softplus; compare trains a second one', () => {
		expect(schema.act.options.map((o) => o.value)).toEqual([...OFFERED]);
		expect(OFFERED).toContain('swish');
		expect(OFFERED).toContain('softplus');
		expect(choicesOf(valuesWith({ compare: false }))).toEqual(['relu']);
		expect(choicesOf(valuesWith({ compare: true, act2: 'gelu' }))).toEqual(['relu', 'gelu']);
		const [a, b] = choicesOf(valuesWith({ compare: true })).map((act) => networkSpec(valuesWith({}), act));
		expect({ ...a, activation: 'x' }).toEqual({ ...b, activation: 'x' });
	});

	it('A and B start from the very same weights: only the activation differs', () => {
		const data = makeClassificationSet('spiral', DATA_POINTS, 3);
		const [relu, tanh] = (['relu', 'tanh'] as const).map((act) => new Network(networkSpec(valuesWith({}), act), data, 3));
		try {
			for (let l = 0; l < relu.spec.depth; l++) expect(Array.from(relu.weights(l))).toEqual(Array.from(tanh.weights(l)));
		} finally {
			relu.dispose();
			tanh.dispose();
		}
	});

	it('tf.memory().numTensors is flat over steps, and back where it was after dispose', () => {
		const before = liveTensors();
		const networks = new Networks();
		const values = valuesWith({ compare: true, act2: 'swish' });
		const setups = choicesOf(values).map((act) => ({ spec: networkSpec(values, act), data: makeClassificationSet('spiral', DATA_POINTS, 1), seed: 1 }));
		networks.handle({ type: 'reset', generation: 1, setups, grid: BOUNDARY_GRID, detail: DETAIL });
		const step = () => networks.handle({ type: 'step', generation: 1, boundary: true }) as { outcomes: Outcome[] };
		step();
		const afterBurnIn = liveTensors();
		for (let i = 0; i < 5; i++) step();
		expect(liveTensors()).toBe(afterBurnIn);
		expect(step().outcomes.map((o) => o.detail!.dead.length)).toEqual([4, 4]);
		networks.dispose();
		expect(liveTensors()).toBe(before);
	});
});

describe('the questions’ claims hold', () => {
	const caseOf = (id: string) => {
		const question = meta.questions.find((q) => q.id === id)!;
		return { values: valuesWith(question.show), seed: question.seed };
	};

	it('linear: after 300 steps the loss is still above 0.6; the ReLU network beside it is below 0.1', () => {
		const { values, seed } = caseOf('linear-collapse');
		expect(trained(values, values.act, 300, seed).loss).toBeGreaterThan(0.6);
		expect(trained(values, values.act2, 300, seed).loss).toBeLessThan(0.1);
	});

	it('ReLU at Adam 0.1: after 200 steps a third or more of the hidden units are dead; leaky ReLU has none', () => {
		const { values, seed } = caseOf('dead-relu');
		const relu = trained(values, values.act, 200, seed);
		expect(totalDeadShare(relu.dead, values.width)).toBeGreaterThanOrEqual(1 / 3);
		expect(trained(values, values.act2, 200, seed).dead).toEqual([0, 0, 0, 0]);
	});

	it('plain SGD: after 300 steps the sigmoid network’s loss is about 0.69, tanh’s below 0.1', () => {
		const { values, seed } = caseOf('sigmoid-sgd');
		expectClose(trained(values, values.act, 300, seed).loss, Math.log(2), { abs: 0.01, rel: 0 });
		expect(trained(values, values.act2, 300, seed).loss).toBeLessThan(0.1);
	});
});
