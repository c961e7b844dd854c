import type { StepBenchmark } from '$lib/widget/contract';
import { schema } from './params';
import { assignStep, buildPoints, createState, releasePointTensors, startRng, updateStep } from './sim';

function iteration(n: number, k: number) {
	const points = buildPoints({ dataset: 'uniform', n, centers: 1, added: [] }, 1);
	const start = createState(points, { init: 'kmeans++', k, tol: 0 }, startRng(1, 0));
	return { step: () => void updateStep(assignStep({ ...start, converged: null })), done: releasePointTensors };
}

export const stepBenchmark: StepBenchmark = {
	what: 'one Lloyd iteration (assign + update)',
	defaultCase: `n = ${schema.n.default}, k = ${schema.k.default}`,
	maximumCase: `n = ${schema.n.max}, k = ${schema.k.max}`,
	prepare: (which) => (which === 'default' ? iteration(schema.n.default, schema.k.default) : iteration(schema.n.max, schema.k.max))
};
