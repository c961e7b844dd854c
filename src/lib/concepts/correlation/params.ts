import { choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps (each takes ~10–40 characters of URL). */
export const MAX_OWN_POINTS = 1000;
/** Coordinates beyond this are refused: squares of them must stay finite. */
export const COORDINATE_LIMIT = 1e100;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'linear', label: 'Linear with noise' },
			{ value: 'exp', label: 'Curved but monotonic: y = eˣ' },
			{ value: 'log', label: 'Logarithmic' },
			{ value: 'outlier', label: 'One wild outlier' },
			{ value: 'u-shape', label: 'U-shaped' },
			{ value: 'funnel', label: 'Funnel (spread grows with x)' },
			{ value: 'ordinal', label: 'Ratings 1–5 (many ties)' },
			{ value: 'anscombe-1', label: 'Anscombe I: a plain line' },
			{ value: 'anscombe-2', label: 'Anscombe II: a curve' },
			{ value: 'anscombe-3', label: 'Anscombe III: a line and one outlier' },
			{ value: 'anscombe-4', label: 'Anscombe IV: one point makes the trend' },
			{ value: 'generated', label: 'Generated: bivariate normal' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'linear',
		help: 'A preset, generated data, or your own points (drag, click, paste or upload).'
	}),
	rho: number({
		label: 'Target correlation ρ',
		group: 'Data',
		min: -1,
		max: 1,
		step: 0.01,
		default: 0.6,
		help: 'The correlation of the normal distribution the points are drawn from, before the transform.',
		relevant: (values) => values.preset === 'generated'
	}),
	n: integer({
		label: 'Points n',
		group: 'Data',
		min: 5,
		max: 1000,
		default: 100,
		scale: 'log',
		help: 'How many points to draw.',
		relevant: (values) => values.preset === 'generated'
	}),
	transform: choice({
		label: 'Transform of y',
		group: 'Data',
		options: [
			{ value: 'none', label: 'None' },
			{ value: 'exp', label: 'exp(1.5·y)' },
			{ value: 'log', label: 'sign(y)·log(1 + |y|)' },
			{ value: 'cube', label: 'y³' }
		],
		default: 'none',
		help: 'A strictly increasing map of y: ranks stay, straight lines bend.',
		relevant: (values) => values.preset === 'generated'
	}),
	noise: number({
		label: 'Extra noise',
		group: 'Data',
		min: 0,
		max: 2,
		step: 0.01,
		default: 0,
		help: 'Noise added to y after the transform, in standard deviations of y.',
		relevant: (values) => values.preset === 'generated'
	}),
	resamples: integer({
		label: 'Bootstrap resamples',
		group: 'Intervals',
		min: 100,
		max: 2000,
		default: 1000,
		scale: 'log',
		help: 'How many resamples (drawn with replacement) the 95% intervals come from.'
	}),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT })
};

export type CorrelationParams = Values<typeof schema>;
export type PresetValue = CorrelationParams['preset'];
