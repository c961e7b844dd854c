import { runNow } from '$lib/common/slices';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { schema } from './params';
import { curvesOf, drawPoints, prepareTraining, scoresOf, trainJob, TEST_SIZE, TRAIN_SIZE } from './sim';

function caseOf(share: number, smote: boolean) {
	const rng = createRng(1);
	const train = drawPoints(TRAIN_SIZE, share, rng.fork('train'));
	const test = drawPoints(TEST_SIZE, share, rng.fork('test'));
	return {
		step: () => {
			const { points, weights } = prepareTraining(train, { weights: true, oversample: false, smote, undersample: false }, rng.fork('resample'));
			curvesOf(scoresOf(test, runNow(trainJob(points, weights))), test.labels);
		},
		budgetMs: 3000
	};
}

export const stepBenchmark: StepBenchmark = {
	what: 'one training of the classifier and its test curves (the job behind a change of data or remedy)',
	defaultCase: `minority ${schema.minority.default}%, class weights`,
	maximumCase: `minority ${schema.minority.min}%, SMOTE and class weights`,
	prepare: (which) => (which === 'default' ? caseOf(schema.minority.default / 100, false) : caseOf(schema.minority.min / 100, true))
};
