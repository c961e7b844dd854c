/**
 * Bias–variance timings: the full polynomial sweep the issue budgets (degrees 0–15 ×
 * 200 training sets × n = 30, target < 200 ms in Chromium), its longest slice between
 * yields (what could block a frame), the kNN sweep, and what one noise or n drag recomputes
 * (new training sets plus the current model's fits).
 */
import { runNow } from '$lib/common/slices';
import { createExperiment, fitSetting, sweepJob, type Experiment } from '$lib/concepts/bias-variance/sim';
import { builtInTruth } from '$lib/concepts/bias-variance/truths';
import { longestSlice, timeIt, type Timing } from './timing';

const DEFAULT = { n: 30, sets: 200, noise: 0.3, seed: 1 };

export interface BiasVarianceTimings {
	polySweep: Timing;
	polySweepLongestSlice: Timing;
	knnSweep: Timing;
	dragNoise: Timing;
	polySweepMax: Timing;
}

function experiment(options = DEFAULT): Experiment {
	const result = createExperiment(builtInTruth('sin'), options);
	if (!result.ok) throw new Error(result.error);
	return result.experiment;
}

export function benchBiasVariance(): BiasVarianceTimings {
	const e = experiment();
	const big = experiment({ ...DEFAULT, n: 200, sets: 500 });
	let noise = 0.3;
	return {
		polySweep: timeIt(() => void runNow(sweepJob(e, { model: 'poly', lambda: 0 }))),
		polySweepLongestSlice: longestSlice(() => sweepJob(e, { model: 'poly', lambda: 0 })),
		knnSweep: timeIt(() => void runNow(sweepJob(e, { model: 'knn' }))),
		dragNoise: timeIt(() => {
			noise = noise === 0.3 ? 0.31 : 0.3;
			void fitSetting(experiment({ ...DEFAULT, noise }), { model: 'poly', degree: 3, lambda: 0 });
		}),
		polySweepMax: timeIt(() => void runNow(sweepJob(big, { model: 'poly', lambda: 0 })), 3000)
	};
}
