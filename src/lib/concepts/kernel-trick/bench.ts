import type { LabelledPoint } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS } from './params';
import { GRID, gridPoints, kernelMatrix, KernelRows, labelsOf, pairsForStep, plotBox, presetPoints, scalingOf, smoSteps, standardise, startSolver, type KernelSpec, type SvmState } from './sim';

/** One Step: a batch of SMO pair updates and the decision function on the plot's raster (TF.js). */
function steps(points: LabelledPoint[]) {
	const spec: KernelSpec = { kernel: 'rbf', gamma: 1, degree: 2 };
	const scaling = scalingOf(points);
	const xy = standardise(points, scaling);
	const K = kernelMatrix(xy, xy, spec);
	const raster = new KernelRows(gridPoints(plotBox(points), scaling, GRID), xy, spec);
	const y = labelsOf(points);
	let state: SvmState = startSolver(y, 1);
	return {
		step: () => {
			// Start over once solved, so every timed step does the full batch.
			if (state.violation < 1e-3) state = startSolver(y, 1);
			state = smoSteps(state, K, pairsForStep(state.iterations, y.length));
			raster.decision(state);
		},
		done: () => raster.dispose()
	};
}

function many(): LabelledPoint[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, (_, i) => [rng.normal() + (i % 2 ? 1 : -1), rng.normal(), i % 2]);
}

export const stepBenchmark: StepBenchmark = {
	what: `a batch of SMO pair updates (25, growing to 200 000 / n) and f on the ${GRID} × ${GRID} raster (TF.js matMul)`,
	defaultCase: 'disc inside a ring, 120 points, RBF',
	maximumCase: `${MAX_OWN_POINTS} points, RBF`,
	prepare: (which) => steps(which === 'default' ? presetPoints('circles', 1) : many())
};
