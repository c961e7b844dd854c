import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_TRAIN, MODEL_BOX, maxDoublings } from './run.svelte';
import { schema } from './params';
import { drawNumbers, evaluationJob, samplePoints, TEST_SIZE, type Setting } from './sim';

/** One Step's work: the evaluation job at the training sizes a Step reaches (all of them refitted and scored). */
function caseOf(n: number, doublings: number) {
	const setting: Setting = { rho: schema.rho.default, separation: schema.separation.default, prior: schema.prior.default };
	const rng = createRng(1);
	const train = samplePoints(setting, drawNumbers(MAX_TRAIN, rng.fork('train')));
	const test = samplePoints(setting, drawNumbers(TEST_SIZE, rng.fork('test')));
	const sets = Array.from({ length: doublings + 1 }, (_, k) => train.slice(0, n * 2 ** k));
	return { step: () => void runNow(evaluationJob(sets, test, setting, MODEL_BOX)), budgetMs: 2000 };
}

export const stepBenchmark: StepBenchmark = {
	what: 'naive Bayes and the full-covariance classifier fitted at every training size so far, scored on the test points, with both maps',
	defaultCase: `${schema.n.default} training points, first step`,
	maximumCase: `the last step: ${schema.n.default} doubled up to ${MAX_TRAIN.toLocaleString('en')} points`,
	prepare: (which) => (which === 'default' ? caseOf(schema.n.default, 1) : caseOf(schema.n.default, maxDoublings(schema.n.default)))
};
