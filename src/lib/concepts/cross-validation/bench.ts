import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { schema } from './params';
import { crossValidate, drawDataset, foldsOf, testErrors, TEST_SIZE } from './sim';

function cvOf(n: number, k: number) {
	const rng = createRng(1);
	const data = drawDataset(n, 0.3, rng);
	const test = drawDataset(TEST_SIZE, 0.3, rng);
	const folds = foldsOf(n, k, rng);
	return { step: () => void (crossValidate(data, folds, k), testErrors(data, test)) };
}

export const stepBenchmark: StepBenchmark = {
	what: 'one cross-validation of every degree 0–12 and their test errors (the job behind a change)',
	defaultCase: `n = ${schema.n.default}, k = ${schema.k.default}`,
	maximumCase: `n = ${schema.n.max}, leave-one-out`,
	prepare: (which) => (which === 'default' ? cvOf(schema.n.default, schema.k.default) : cvOf(schema.n.max, schema.n.max))
};
