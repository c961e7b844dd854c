import type { LabelledPoint } from '$lib/common/geometry';
import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS, schema } from './params';
import { fitSetsJob, presetPoints, problemOf, startingLabels, type FeatureMap } from './sim';

/** One step's work: refitting the model after one more label, warm-started, and scoring the pool. */
function steps(pool: LabelledPoint[], test: LabelledPoint[], map: FeatureMap, labels: number) {
	const problem = problemOf(pool, test, map);
	const rng = createRng(1);
	const labelled = startingLabels(pool, problem.classes, rng, Math.ceil(labels / problem.classes)).slice(0, labels);
	const start = runNow(fitSetsJob(problem, [labelled.slice(0, -1)], null)).weights;
	return { step: () => void runNow(fitSetsJob(problem, [labelled], start)) };
}

function many(): LabelledPoint[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, (_, i) => [rng.normal() + (i % 3) - 1, rng.normal(), i % 3]);
}

export const stepBenchmark: StepBenchmark = {
	what: 'one label added: the softmax regression refitted (TF.js, warm start) and the pool and test set scored',
	defaultCase: 'two moons, 150 pool points, RBF features, 6 labels',
	maximumCase: `${MAX_OWN_POINTS} points in 3 classes, RBF features, ${schema.budget.max} labels`,
	prepare: (which) => (which === 'default' ? steps(presetPoints('moons', 1), presetPoints('moons', 1, 'test'), 'rbf', 6) : (() => {
		const points = many();
		return steps(points, points, 'rbf', schema.budget.max);
	})())
};
