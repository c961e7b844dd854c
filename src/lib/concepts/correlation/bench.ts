import type { StepBenchmark } from '$lib/widget/contract';
import { defaultValues } from '$lib/widget/schema';
import { generatePoints } from './data';
import { schema } from './params';
import { correlate } from './sim';

function move(n: number) {
	const { rho, transform, noise } = defaultValues(schema);
	const points = generatePoints({ rho, n, transform, noise }, 1);
	let moved = 0;
	return {
		step: () => {
			moved = (moved + 1) % 50;
			void correlate(points.map((p, i) => (i === 0 ? [p[0] + moved * 0.01, p[1]] : p)));
		}
	};
}

export const stepBenchmark: StepBenchmark = {
	what: 'r, ρ, τ-b, ranks and lines after one point moves',
	defaultCase: `n = ${schema.n.default}`,
	maximumCase: `n = ${schema.n.max}`,
	prepare: (which) => move(which === 'default' ? schema.n.default : schema.n.max)
};
