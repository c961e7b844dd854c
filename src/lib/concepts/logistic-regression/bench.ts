import type { LabelledPoint } from '$lib/common/geometry';
import { createRng } from '$lib/engine/rng';
import type { StepBenchmark } from '$lib/widget/contract';
import { MAX_OWN_POINTS } from './params';
import { gradientStep, presetPoints, scalingOf, Trainer, type Model } from './sim';

function steps(points: LabelledPoint[]) {
	const trainer = new Trainer(points, scalingOf(points));
	let model: Model = { w1: 0, w2: 0, b: 0 };
	return { step: () => void (model = gradientStep(model, trainer.gradient(model, 0.01), 1)) };
}

function many(): LabelledPoint[] {
	const rng = createRng(1);
	return Array.from({ length: MAX_OWN_POINTS }, (_, i) => [rng.normal() + (i % 2 ? 1 : -1), rng.normal(), i % 2]);
}

export const stepBenchmark: StepBenchmark = {
	what: 'one full-batch gradient step on the log-loss (TF.js)',
	defaultCase: 'two overlapping clouds, 100 points',
	maximumCase: `${MAX_OWN_POINTS} points`,
	prepare: (which) => steps(which === 'default' ? presetPoints('overlap', 0.5, 1) : many())
};
