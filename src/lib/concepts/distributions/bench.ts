import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { countsPerStep, drawCounts, drawScores, EXCEPTION, scoreSummary, SCORES_PER_STEP } from './sim';
import { schema } from './params';

function binomialBatch(n: number) {
	const rng = createRng(1);
	return { step: () => void drawCounts(n, schema.p.default, countsPerStep(n), rng) };
}

function exceptionBatch() {
	const rng = createRng(1);
	const { centre } = scoreSummary(EXCEPTION);
	return { step: () => void drawScores(EXCEPTION, centre, SCORES_PER_STEP, rng) };
}

export const stepBenchmark: StepBenchmark = {
	what: 'one batch of binomial counts (at most 250 counts or 200 000 trials) or of skewed scores',
	defaultCase: `binomial, n = ${schema.n.default}`,
	maximumCase: `binomial, n = ${schema.n.max}; scores with the far tail`,
	prepare: (which) => {
		if (which === 'default') return binomialBatch(schema.n.default);
		const [big, tail] = [binomialBatch(schema.n.max), exceptionBatch()];
		return { step: () => (big.step(), tail.step()) };
	}
};
