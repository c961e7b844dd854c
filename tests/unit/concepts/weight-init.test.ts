import { describe, expect, it } from 'vitest';
import { defaultValues } from '$lib/widget/schema';
import { Network, type NetworkSpec } from '$lib/network/network';
import { makeClassificationSet } from '$lib/network/datasets';
import { distinctUnits, histogram, histogramRange } from '$lib/network/inspect';
import { Networks } from '$lib/network/networks';
import { schema, type WeightInitParams } from '$lib/concepts/weight-init/params';
import { meta } from '$lib/concepts/weight-init/meta';
import { BOUNDARY_GRID, DATA_POINTS, networkSpec, stdRatio, unitCurves } from '$lib/concepts/weight-init/sim';
import type { Outcome } from '$lib/network/protocol';

const circles = makeClassificationSet('circles', DATA_POINTS, 1);

function withNetwork<T>(spec: NetworkSpec, use: (net: Network) => T, seed = 1): T {
	const net = new Network(spec, circles, seed);
	try {
		return use(net);
	} finally {
		net.dispose();
	}
}

const base = (values: Partial<WeightInitParams>): NetworkSpec => {
	const v = { ...defaultValues(schema), ...values } as WeightInitParams;
	return networkSpec({ act: v.act, depth: v.depth, width: v.width, opt: v.opt, lr: v.lr }, { init: v.init, sigma: v.sigma, a: v.a, c: v.c });
};

const hiddenStds = (net: Network) => net.step({ apply: false }).layers.slice(0, -1).map((l) => l.activationStd);

describe('looking inside', () => {
	it('histogram: fractions that add up to 1, values outside the range in the end bins', () => {
		const { edges, counts } = histogram([-5, -0.5, 0.1, 0.2, 0.9, 7, NaN], [-1, 1], 4);
		expect(edges).toEqual([-1, -0.5, 0, 0.5, 1]);
		expect(counts).toEqual([1 / 6, 1 / 6, 2 / 6, 2 / 6]);
	});

	it('histogramRange: the activation’s own range when the outputs fill it, a close-up when they are small', () => {
		expect(histogramRange('tanh', [0, 0], [0.5, 0.3])).toEqual([-1, 1]);
		expect(histogramRange('tanh', [0, 0], [0.01, 0.001])).toEqual([-0.03, 0.03]);
		expect(histogramRange('sigmoid', [0.5, 0.5], [0.3, 0.2])).toEqual([0, 1]);
		const [lo, hi] = histogramRange('sigmoid', [0.5, 0.5], [0.01, 0.01]);
		expect([lo, hi].map((v) => Number(v.toFixed(6)))).toEqual([0.47, 0.53]);
		expect(histogramRange('relu', [0.2, 0.4], [0.5, 1])[0]).toBe(0);
		expect(histogramRange('linear', [0, 0], [2, NaN])).toEqual([-6, 6]);
	});

	it('distinctUnits counts different columns, within float32 rounding', () => {
		const same = Float32Array.from([1, 1, 1, 2, 2, 2]); // 2 × 3, all columns (1, 2)
		expect(distinctUnits(same, 2, 3)).toBe(1);
		const nudged = Float32Array.from([1, 1 + 1e-7, 1, 2, 2, 2 - 1e-7]);
		expect(distinctUnits(nudged, 2, 3)).toBe(1);
		expect(distinctUnits(Float32Array.from([1, 1, 3, 2, 2, 2]), 2, 3)).toBe(2);
		expect(distinctUnits(new Float32Array(6), 2, 3)).toBe(1);
	});

	it('unitCurves turns a row-by-row matrix into one curve per column', () => {
		expect(Array.from(unitCurves(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]))).toEqual([1, 4, 2, 5, 3, 6]);
	});
});

describe('initialisation, measured on the network', () => {
	it('a constant start stays symmetric through training: every hidden layer keeps one distinct unit', () => {
		withNetwork(base({ init: 'constant', c: 0.1, act: 'tanh', depth: 5, width: 16 }), (net) => {
			for (let i = 0; i < 50; i++) net.step();
			const loss = net.step({ apply: false }).loss;
			expect(Number.isFinite(loss)).toBe(true);
			for (let l = 0; l < 4; l++) expect(distinctUnits(net.weights(l), l === 0 ? 2 : 16, 16)).toBe(1);
			expect(net.weights(1)[0]).not.toBeCloseTo(0.1, 6); // the weights did move, together
		});
		withNetwork(base({ init: 'normal', sigma: 0.3, act: 'tanh', depth: 5, width: 16 }), (net) => {
			expect(distinctUnits(net.weights(1), 16, 16)).toBe(16);
		});
	});

	it('linear network: the variance at layer l is σ²·E‖x‖² · (width·σ²)^(l−1), within sampling error', () => {
		const width = 256;
		const sigma = 1.2 / Math.sqrt(width);
		const depth = 7;
		const meanSquare = Array.from({ length: DATA_POINTS }, (_, i) => circles.points[2 * i] ** 2 + circles.points[2 * i + 1] ** 2).reduce((a, b) => a + b) / DATA_POINTS;
		const seeds = [1, 2, 3, 4, 5, 6];
		const logRatios = seeds.map((seed) =>
			withNetwork(base({ init: 'normal', sigma, act: 'linear', depth, width }), (net) => {
				const stds = hiddenStds(net);
				return stds.map((std, l) => Math.log((std * std) / (sigma * sigma * meanSquare * (width * sigma * sigma) ** l)));
			}, seed)
		);
		for (let l = 0; l < depth - 1; l++) {
			const mean = logRatios.reduce((s, r) => s + r[l], 0) / seeds.length;
			// Each layer's realised gain is a sum over `width` random weights: the log variance has a
			// standard deviation of about √(2/width) per layer, and layer 1 only two inputs' worth.
			const perSeed = Math.sqrt(2 / 2 + (2 * l) / width);
			expect(Math.abs(mean)).toBeLessThan((3 * perSeed) / Math.sqrt(seeds.length));
		}
	});

	it('tanh: Xavier keeps the spread within a factor 2 over 10 layers; N(0, 0.01²) shrinks it more than 100×', () => {
		const xavier = withNetwork(base({ init: 'xavier-normal', act: 'tanh', depth: 11, width: 64 }), hiddenStds);
		expect(Math.max(...xavier.slice(1)) / Math.min(...xavier.slice(1))).toBeLessThan(2);
		const tiny = withNetwork(base({ init: 'normal', sigma: 0.01, act: 'tanh', depth: 11, width: 64 }), hiddenStds);
		expect(tiny[0] / tiny[9]).toBeGreaterThan(100);
	});
});

describe('the worker side: histograms, distinct units and unit weights come with each step', () => {
	it('reset and step return details of the shape the widget draws', () => {
		const networks = new Networks();
		try {
			const spec = base({ depth: 5, width: 16 });
			const reply = networks.handle({ type: 'reset', generation: 1, setups: [{ spec, data: circles, seed: 1 }], grid: BOUNDARY_GRID, detail: { bins: 20, unitLayer: 1 } });
			const [outcome] = (reply as { outcomes: Outcome[] }).outcomes;
			expect(outcome.detail!.histograms).toHaveLength(4);
			expect(outcome.detail!.histograms[0].counts).toHaveLength(20);
			expect(outcome.detail!.histograms[3].counts.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
			expect(outcome.detail!.distinct).toEqual([16, 16, 16, 16]);
			expect(outcome.detail!.unitShape).toEqual([16, 16]);
			expect(outcome.detail!.units).toHaveLength(256);
			expect(outcome.latest).not.toHaveProperty('activations');
			const stepped = networks.handle({ type: 'step', generation: 1, boundary: false }) as { outcomes: Outcome[] };
			expect(stepped.outcomes[0].latest.step).toBe(1);
			expect(stepped.outcomes[0].boundary).toBeNull();
			// Two networks: their histograms share one range, wide enough for both.
			const wide = base({ depth: 5, width: 16, init: 'normal', sigma: 1, act: 'linear' });
			const narrow = base({ depth: 5, width: 16, init: 'normal', sigma: 0.01, act: 'linear' });
			const pair = networks.handle({ type: 'reset', generation: 2, setups: [wide, narrow].map((spec) => ({ spec, data: circles, seed: 1 })), grid: BOUNDARY_GRID, detail: { bins: 20, unitLayer: 1 } }) as { outcomes: Outcome[] };
			const [a, b] = pair.outcomes.map((o) => o.detail!.histograms[2].edges);
			expect(a).toEqual(b);
			expect(a.at(-1)!).toBeGreaterThan(3 * pair.outcomes[0].latest.layers[2].activationStd * 0.99);
		} finally {
			networks.dispose();
		}
	});
});

describe('the questions’ claims hold', () => {
	const run = (id: string, steps: number, which: 'a' | 'b' = 'a') => {
		const question = meta.questions.find((q) => q.id === id)!;
		const v = { ...defaultValues(schema), ...question.show } as WeightInitParams;
		const own = which === 'a' ? { init: v.init, sigma: v.sigma, a: v.a, c: v.c } : { init: v.init2, sigma: v.sigma2, a: v.a, c: v.c };
		const spec = networkSpec({ act: v.act, depth: v.depth, width: v.width, opt: v.opt, lr: v.lr }, own);
		return withNetwork(spec, (net) => {
			for (let i = 0; i < steps; i++) net.step();
			return { stds: hiddenStds(net), distinct: distinctUnits(net.weights(1), v.width, v.width) };
		}, question.seed);
	};

	it('constant 0.1: after 100 steps layer 2 still has one distinct unit', () => {
		expect(run('zeros', 100).distinct).toBe(1);
	});

	it('N(0, 0.01²) with tanh: the spread shrinks by orders of magnitude from layer 1 to 9', () => {
		expect(stdRatio(run('tiny', 0).stds)).toBeLessThan(1e-3);
	});

	it('Xavier with tanh: layer 9 within a factor two of layer 1; the comparison network (B) shrinks', () => {
		const ratio = stdRatio(run('xavier', 0).stds);
		expect(ratio).toBeGreaterThan(0.5);
		expect(ratio).toBeLessThan(2);
		expect(stdRatio(run('xavier', 0, 'b').stds)).toBeLessThan(1e-3);
	});
});
