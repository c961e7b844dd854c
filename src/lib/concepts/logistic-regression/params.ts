import { choice, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 500;
export const COORDINATE_LIMIT = 1e9;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'overlap', label: 'Two overlapping clouds' },
			{ value: 'separable', label: 'Perfectly separable' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'overlap',
		help: 'A preset, or your own points (drag, click to add, paste or upload with a class column).'
	}),
	share: number({
		label: 'Share of class A',
		group: 'Data',
		min: 0.5,
		max: 0.95,
		step: 0.01,
		default: 0.5,
		help: 'Class imbalance: the fraction of the preset’s 100 points that are class A.',
		relevant: (values) => values.preset !== 'own'
	}),
	lr: number({ label: 'Learning rate η', group: 'Training', min: 0.01, max: 10, step: 0.01, default: 1, scale: 'log', help: 'The size of each gradient-descent step on the log-loss.' }),
	l2: number({
		label: 'L2 penalty λ',
		group: 'Training',
		min: 0,
		max: 1,
		step: 0.001,
		default: 0,
		help: 'Adds λ/2 · ‖w‖² to the loss: it keeps the weights finite, even on separable data.'
	}),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: 2 })
};

export type LogisticParams = Values<typeof schema>;
export type PresetValue = LogisticParams['preset'];
