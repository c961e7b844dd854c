import { boolean, choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

export const MAX_DEGREE = 12;
/** Your own points: the most a paste or upload keeps (leave-one-out over 400 points is the heaviest case the slider allows). */
export const MAX_OWN_POINTS = 400;
/** Fewer points than this leave no folds worth the name. */
export const MIN_POINTS = 4;
/** Coordinates beyond this are refused; fits work on standardised values, so any scale up to here is fine. */
export const COORDINATE_LIMIT = 1e9;

export const schema = {
	part: choice({
		label: 'Show',
		group: 'Setting',
		options: [
			{ value: 'choose', label: 'Choosing a polynomial degree by k-fold CV' },
			{ value: 'leakage', label: 'The leak: selecting features before splitting' }
		],
		default: 'choose',
		help: 'Cross-validation used well, or a classic way to fool it.'
	}),
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'curve', label: 'Noisy points of a known curve' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'curve',
		help: 'Points drawn around a curve we know (so the true test error is known), or your own (drag, click, paste or upload).',
		relevant: (values) => values.part === 'choose'
	}),
	n: integer({
		label: 'Points n',
		group: 'Data',
		min: 20,
		max: 400,
		default: 40,
		scale: 'log',
		help: 'How many data points there are to split into folds.',
		relevant: (values) => values.part === 'leakage' || values.preset !== 'own'
	}),
	noise: number({
		label: 'Noise σ',
		group: 'Data',
		min: 0.05,
		max: 1,
		step: 0.01,
		default: 0.3,
		help: 'The standard deviation of the noise around the true curve.',
		relevant: (values) => values.part === 'choose' && values.preset !== 'own'
	}),
	k: integer({ label: 'Folds k', group: 'Cross-validation', min: 2, max: 20, default: 5, help: 'How many parts the data is split into; each is the validation set once.' }),
	loo: boolean({ label: 'Leave one out (k = n)', group: 'Cross-validation', default: false, help: 'Every point is its own fold.' }),
	degree: integer({
		label: 'Polynomial degree',
		group: 'Model',
		min: 0,
		max: MAX_DEGREE,
		default: 3,
		help: 'The model whose folds are stepped through; the curve shows every degree.',
		relevant: (values) => values.part === 'choose'
	}),
	features: integer({
		label: 'Noise features',
		group: 'Data',
		min: 20,
		max: 2000,
		default: 500,
		scale: 'log',
		help: 'Columns of pure noise: none of them has anything to do with y.',
		relevant: (values) => values.part === 'leakage'
	}),
	selected: integer({
		label: 'Features kept',
		group: 'Model',
		min: 1,
		max: 15,
		default: 10,
		help: 'How many of the features most correlated with y the model keeps.',
		relevant: (values) => values.part === 'leakage'
	}),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT })
};

export type CvParams = Values<typeof schema>;
export type PresetValue = CvParams['preset'];
