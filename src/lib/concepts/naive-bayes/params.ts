import { choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 500;
export const COORDINATE_LIMIT = 1e9;
const generated = (values: Record<string, unknown>) => values.preset !== 'own';

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'gaussians', label: 'Two correlated Gaussian classes' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'gaussians',
		help: 'Points from a known model (so the true probability is known), or your own points.'
	}),
	rho: number({ label: 'Correlation ρ', group: 'Data', min: 0, max: 1, step: 0.01, default: 0.9, help: 'Within each class, between the two features; 1 makes feature 2 a copy of feature 1.', relevant: generated }),
	separation: number({ label: 'Distance between class means', group: 'Data', min: 0.2, max: 3, step: 0.1, default: 1, help: 'Along each feature: class A sits at (−d/2, −d/2), class B at (d/2, d/2).', relevant: generated }),
	prior: number({ label: 'Prior P(B)', group: 'Data', min: 0.05, max: 0.95, step: 0.01, default: 0.5, help: 'The share of class B in the model.', relevant: generated }),
	n: integer({ label: 'Training points', group: 'Data', min: 20, max: MAX_OWN_POINTS, step: 10, default: 100, help: 'The first sample; each Step doubles it.', relevant: generated }),
	probeX: number({ label: 'Picked point x₁', group: 'Picked point', min: -5, max: 5, step: 0.05, default: 1, help: 'Where the probabilities are read, and the diagonal line runs through.' }),
	probeY: number({ label: 'Picked point x₂', group: 'Picked point', min: -5, max: 5, step: 0.05, default: 0.5, help: 'The second feature of the picked point.' }),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: 2 })
};

export type NaiveBayesParams = Values<typeof schema>;
export type PresetValue = NaiveBayesParams['preset'];
