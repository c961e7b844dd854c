import { describe, expect, it } from 'vitest';
import { liveTensors } from '$lib/engine/leaks';
import { defaultValues } from '$lib/widget/schema';
import { Network } from '$lib/network/network';
import { Networks } from '$lib/network/networks';
import { schema, type OverfittingParams } from '$lib/concepts/overfitting/params';
import { meta } from '$lib/concepts/overfitting/meta';
import { overfitting, remediesFor } from '$lib/concepts/overfitting/network';
import { stepBenchmark } from '$lib/concepts/overfitting/bench';
import { bestEpoch, describeRemedies, MAX_EPOCHS, networkSpec, NO_REMEDIES, noisyPoints, remediesOf, valueAt, VALIDATION_POINTS } from '$lib/concepts/overfitting/sim';

const valuesWith = (changes: Partial<OverfittingParams>) => ({ ...defaultValues(schema), ...changes }) as OverfittingParams;

/** The widget's networks for `values`, trained `epochs` epochs as the worker trains them: each one's validation and training curves. */
function trainedCurves(values: OverfittingParams, seed: number, epochs = MAX_EPOCHS) {
	const data = overfitting.makeData!(values, seed);
	return overfitting.networks(values, seed, data).map(({ spec, data: own, validation }) => {
		const net = new Network(spec, own ?? data, seed, validation);
		try {
			const first = net.step({ apply: false }).evaluation!;
			const [validationCurve, trainingCurve] = [[first.validationLoss], [first.trainLoss]];
			for (let i = 0; i < epochs; i++) {
				const { evaluation, stopped } = net.step();
				validationCurve.push(evaluation!.validationLoss);
				trainingCurve.push(evaluation!.trainLoss);
				if (stopped) break;
			}
			return { validation: validationCurve, training: trainingCurve };
		} finally {
			net.dispose();
		}
	});
}

const pairs = (values: number[]) => Float32Array.from(values.flatMap((v, i) => [i, v]));
const minimum = (values: number[]) => Math.min(...values);

describe('the data', () => {
	it('noisyPoints flips about the asked share of labels, the same for the same seed', () => {
		const clean = noisyPoints('xor', 4000, 0, 3, 'training');
		const noisy = noisyPoints('xor', 4000, 0.25, 3, 'training');
		expect(Array.from(noisy.points)).toEqual(Array.from(clean.points));
		const flipped = noisy.labels.filter((y, i) => y !== clean.labels[i]).length / 4000;
		expect(Math.abs(flipped - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / 4000));
		expect(noisyPoints('xor', 4000, 0.25, 3, 'training')).toEqual(noisy);
	});

	it('more data starts with the same points and labels; the validation set is drawn apart', () => {
		for (const dataset of ['xor', 'circles', 'blobs'] as const) {
			const small = noisyPoints(dataset, 40, 0.1, 1, 'training');
			const big = noisyPoints(dataset, 160, 0.1, 1, 'training');
			expect(Array.from(big.points.subarray(0, 80))).toEqual(Array.from(small.points));
			expect(Array.from(big.labels.subarray(0, 40))).toEqual(Array.from(small.labels));
			const validation = noisyPoints(dataset, VALIDATION_POINTS, 0.1, 1, 'validation');
			expect(validation.labels).toHaveLength(VALIDATION_POINTS);
			const shared = new Set(Array.from({ length: 40 }, (_, i) => `${small.points[2 * i]},${small.points[2 * i + 1]}`));
			expect(Array.from({ length: VALIDATION_POINTS }, (_, i) => `${validation.points[2 * i]},${validation.points[2 * i + 1]}`).filter((p) => shared.has(p))).toEqual([]);
		}
	});
});

describe('the remedies and the networks they ask for', () => {
	it('A has none; B has the chosen ones, each at its value; compare off trains B alone', () => {
		const values = valuesWith({ more: true, factor: 3, l2: true, lambda: 0.02, dropout: true, rate: 0.3, early: true, patience: 7, smaller: true, small: 5 });
		expect(remediesFor(values)).toEqual([NO_REMEDIES, { factor: 3, lambda: 0.02, rate: 0.3, patience: 7, small: 5 }]);
		expect(remediesFor({ ...values, compare: false })).toEqual([remediesOf(values)]);
		expect(describeRemedies(NO_REMEDIES)).toBe('no remedies');
		expect(describeRemedies(remediesOf(values))).toBe('3× the data, L2 λ = 0.02, dropout p = 0.3, early stopping (patience 7), 1 hidden layer of 5');
		// A relevant value of a remedy that is off changes nothing.
		expect(remediesOf(valuesWith({ dropout: false, rate: 0.7 })).rate).toBe(0);
	});

	it('networkSpec: the big network is layers + 1 weight layers of the width; the smaller one a single hidden layer; every step takes the whole set', () => {
		const big = networkSpec(valuesWith({ layers: 4, width: 64 }), NO_REMEDIES);
		expect([big.depth, big.width, big.dropout, big.weightDecay, big.patience]).toEqual([5, 64, 0, 0, 0]);
		const small = networkSpec(valuesWith({}), { ...NO_REMEDIES, small: 6 });
		expect([small.depth, small.width]).toEqual([2, 6]);
		expect(big.batchSize).toBeGreaterThanOrEqual(schema.n.max * schema.factor.max);
	});

	it('networks(): B trains on the larger set with more data, both on one validation set', () => {
		const values = valuesWith({ more: true, factor: 4, n: 30 });
		const data = overfitting.makeData!(values, 2);
		const [a, b] = overfitting.networks(values, 2, data);
		expect(a.data).toBe(data);
		expect(a.data!.labels).toHaveLength(30);
		expect(b.data!.labels).toHaveLength(120);
		expect(b.validation).toBe(a.validation);
		expect(a.validation!.labels).toHaveLength(VALIDATION_POINTS);
	});
});

describe('the best epoch', () => {
	it('bestEpoch is the argmin of the validation curve: the first of equal lowest values, skipping values that are not finite', () => {
		const curve = pairs([0.7, 0.5, NaN, 0.42, 0.6, 0.42, 0.9]);
		expect(bestEpoch(curve, 7)).toEqual({ epoch: 3, index: 3, value: Math.fround(0.42) });
		// Only the points recorded so far count.
		expect(bestEpoch(curve, 3)?.epoch).toBe(1);
		expect(bestEpoch(pairs([NaN]), 1)).toBeNull();
		expect(bestEpoch(curve, 0)).toBeNull();
		expect(valueAt(curve, 2)).toBeNull();
		expect(valueAt(curve, 99)).toBeNull();
		expect(valueAt(null, 0)).toBeNull();
	});
});

// 400 epochs of the big network take about 100 ms each on the pure-JS cpu backend here, 5 ms on
// wasm: the cases run on wasm, the backend the page trains on.
describe.runIf(process.env.TFJS_BACKEND === 'wasm')('the questions’ cases, seed 1', () => {
	const question = (id: string) => {
		const q = meta.questions.find((one) => one.id === id)!;
		return { values: valuesWith(q.show), seed: q.seed };
	};

	it('turns-up: the big network’s validation loss is lowest within the first 100 epochs, then ends far above its start', () => {
		const { values, seed } = question('turns-up');
		const [{ validation, training }] = trainedCurves(values, seed);
		const best = validation.indexOf(minimum(validation));
		expect(best).toBeGreaterThan(3);
		expect(best).toBeLessThan(100);
		expect(validation.at(-1)!).toBeGreaterThan(2 * validation[0]);
		expect(training.at(-1)!).toBeLessThan(0.05);
	});

	it('dropout-training-loss: after 400 epochs A has the lower training loss, B the lower validation loss', () => {
		const { values, seed } = question('dropout-training-loss');
		const [a, b] = trainedCurves(values, seed);
		expect(a.training.at(-1)!).toBeLessThan(b.training.at(-1)!);
		expect(b.validation.at(-1)!).toBeLessThan(a.validation.at(-1)!);
	});

	it('more-data: B still overfits, but its validation loss stays well below A’s', () => {
		const { values, seed } = question('more-data');
		const [a, b] = trainedCurves(values, seed);
		expect(minimum(b.validation)).toBeLessThan(minimum(a.validation));
		expect(b.validation.at(-1)!).toBeLessThan(0.6 * a.validation.at(-1)!);
		expect(b.validation.at(-1)!).toBeGreaterThan(1.2 * minimum(b.validation));
	});
});

describe('tensors', () => {
	it('the widget’s networks with every remedy leak no tensor while training, after early stopping or when replaced', () => {
		const start = liveTensors();
		const values = valuesWith({ more: true, l2: true, dropout: true, early: true, patience: 2 });
		const data = overfitting.makeData!(values, 1);
		const setups = overfitting.networks(values, 1, data).map(({ spec, data: own, validation }) => ({ spec, data: own ?? data, validation, seed: 1 }));
		const networks = new Networks();
		const grid = new Float32Array(200);
		networks.handle({ type: 'reset', generation: 1, setups, grid });
		networks.handle({ type: 'step', generation: 1, boundary: true });
		const before = liveTensors();
		for (let i = 0; i < 60; i++) networks.handle({ type: 'step', generation: 1, boundary: i % 5 === 0 });
		expect(liveTensors()).toBe(before);
		networks.handle({ type: 'reset', generation: 2, setups, grid });
		networks.handle({ type: 'step', generation: 2, boundary: true });
		expect(liveTensors()).toBe(before);
		networks.dispose();
		expect(liveTensors()).toBe(start);
	});
});

describe('the step benchmark', () => {
	it('both cases take a step and free what they hold', () => {
		const start = liveTensors();
		for (const which of ['default', 'maximum'] as const) {
			const { step, done } = stepBenchmark.prepare(which);
			step();
			step();
			done?.();
			expect(liveTensors()).toBe(start);
		}
		expect(stepBenchmark.maximumCase).toBe('5 × 128 units, 2000 points');
	});
});
