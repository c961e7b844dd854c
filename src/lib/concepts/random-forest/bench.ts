import type { LabelledPoint } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS, schema } from './params';
import { boundsOf, Ensembles, GRID, gridPoints, presetPoints, TEST_SIZE } from './sim';

/** One step: a forest tree on a bootstrap sample and a boosting round, every scored point updated in TF.js. */
function caseOf(train: LabelledPoint[], test: LabelledPoint[], forestDepth: number, boostDepth: number) {
	const ensembles = new Ensembles(train, test, gridPoints(boundsOf(train), GRID), { featuresPerSplit: 1, forestDepth, boostDepth, learningRate: 0.1 }, createRng(1));
	return { step: () => void ensembles.step(), done: () => ensembles.dispose() };
}

function many(): LabelledPoint[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, (_, i) => [rng.normal() + (i % 2 ? 1 : -1), rng.normal(), i % 2]);
}

export const stepBenchmark: StepBenchmark = {
	what: 'one forest tree and one boosting round, with the votes and log-odds of every scored point updated (TF.js)',
	defaultCase: `two moons, ${schema.size.default} points and ${TEST_SIZE} test points, grown-out forest trees, boosting depth ${schema.boostDepth.default}`,
	maximumCase: `${MAX_OWN_POINTS} points and ${TEST_SIZE} test points, boosting depth ${schema.boostDepth.max}`,
	prepare: (which) =>
		which === 'default'
			? caseOf(presetPoints('moons', schema.size.default, schema.noise.default, 1), presetPoints('moons', TEST_SIZE, schema.noise.default, 1, 'test'), schema.forestDepth.default, schema.boostDepth.default)
			: caseOf(many(), presetPoints('blobs', TEST_SIZE, 0.1, 1, 'test'), schema.forestDepth.max, schema.boostDepth.max)
};
