import { runNow } from '$lib/common/slices';
import type { StepBenchmark } from '$lib/widget/contract';
import { schema } from './params';
import { constrainedL1, constrainedL2, fitAt, makePathData, makePlane, pathJob, PENALTIES } from './sim';

/**
 * What a change of settings computes: the two-feature plane and its constrained solutions,
 * the fits at the chosen λ, and the three paths (the background jobs, run straight through).
 * Default: the defaults; maximum: the slowest corner — ρ = 0.99 (coordinate descent crawls
 * along a narrow valley) and the smallest λ (the most coefficients and sweeps).
 */
function work(rho: number, lambda: number, budget: number) {
	let seed = 1;
	return {
		step: () => {
			// A new seed each time: nothing is remembered between changes.
			seed++;
			const plane = makePlane('one-big', rho, seed);
			void constrainedL1(plane.moments, budget);
			void constrainedL2(plane.moments, budget);
			const data = makePathData(seed);
			for (const p of PENALTIES) {
				void fitAt(data, p, lambda, 0.5);
				void runNow(pathJob(data, p, 0.5));
			}
		}
	};
}

export const stepBenchmark: StepBenchmark = {
	what: 'a new seed: the 2-D plane and both constrained solutions, the fits at λ and the three 60-λ paths',
	defaultCase: `ρ = ${schema.rho.default}, λ = ${schema.lambda.default}, t = ${schema.budget.default}`,
	maximumCase: `ρ = ${schema.rho.max}, λ = ${schema.lambda.min}, t = 0.05`,
	prepare: (which) => (which === 'default' ? work(schema.rho.default, schema.lambda.default, schema.budget.default) : work(schema.rho.max, schema.lambda.min, 0.05))
};
