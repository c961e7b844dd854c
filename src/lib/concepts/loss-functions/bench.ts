import { createRng } from '$lib/engine/rng';
import { runNow } from '$lib/common/slices';
import type { Point } from '$lib/common/geometry';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS } from './params';
import { leastSquares, presetPoints, robustFitJob } from './sim';

function many(): Point[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, () => {
		const x = rng.uniform(0, 10);
		return [x, 1 + 0.8 * x + 0.6 * Math.tan(Math.PI * (rng.next() - 0.5))];
	});
}

const fitAll = (points: Point[]) => ({ step: () => void (leastSquares(points), runNow(robustFitJob(points, 1))) });

export const stepBenchmark: StepBenchmark = {
	what: 'all three lines to convergence (closed form and both IRLS fits with the finishing swaps): the work of one edit',
	defaultCase: 'the outlier preset, 30 points',
	maximumCase: `${MAX_OWN_POINTS} points with Cauchy noise`,
	prepare: (which) => fitAll(which === 'default' ? presetPoints('outlier', 1) : many())
};
