import type { LabelledPoint } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS } from './params';
import { evaluateNode, presetPoints } from './sim';

/** One step's work: scoring every candidate threshold of the root (the largest node). */
function steps(points: LabelledPoint[]) {
	const all = points.map((_, i) => i);
	return { step: () => void evaluateNode(points, all, 'entropy', 1) };
}

function many(): LabelledPoint[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, (_, i) => [rng.normal() + (i % 2 ? 1 : -1), rng.normal(), i % 2]);
}

export const stepBenchmark: StepBenchmark = {
	what: 'every candidate threshold of the root scored (TF.js cumulative class counts)',
	defaultCase: 'two overlapping clouds, 120 points',
	maximumCase: `${MAX_OWN_POINTS} points`,
	prepare: (which) => steps(which === 'default' ? presetPoints('blobs', 1) : many())
};
