import { boolean, choice, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 500;
/** Coordinates beyond this are refused (fits work on standardised values, so any finite scale is fine up to here). */
export const COORDINATE_LIMIT = 1e15;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'line', label: 'A line with noise' },
			{ value: 'outlier', label: 'A line and one far outlier' },
			{ value: 'heavy', label: 'Heavy-tailed noise' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'outlier',
		help: 'A preset, or your own points (drag, click, paste or upload).'
	}),
	delta: number({
		label: 'Huber δ',
		group: 'Losses',
		min: 0.05,
		max: 20,
		step: 0.05,
		default: 1,
		scale: 'log',
		help: 'Residuals smaller than δ count squared, larger ones only linearly: small δ acts like absolute error, large like squared.'
	}),
	remove: boolean({
		label: 'Remove outliers by a rule',
		group: 'Outliers',
		default: false,
		help: 'Drop points whose residual from the squared-error line is more than 3 robust standard deviations (1.4826 × MAD) from the median residual.'
	}),
	winsorise: boolean({
		label: 'Winsorise y at 5% and 95%',
		group: 'Outliers',
		default: false,
		help: 'Clip every y to the 5th–95th percentile range of y before fitting.'
	}),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT })
};

export type LossParams = Values<typeof schema>;
export type PresetValue = LossParams['preset'];
