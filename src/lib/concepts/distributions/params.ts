import { choice, integer, number, type Values } from '$lib/widget/schema';

export const schema = {
	part: choice({
		label: 'Show',
		group: 'Distribution',
		options: [
			{ value: 'binomial', label: 'Bernoulli trials and the binomial count' },
			{ value: 'skew', label: 'Skew: mean, median and mode' }
		],
		default: 'binomial',
		help: 'Counting successes in n coin flips, or a skewed distribution of test scores.'
	}),
	n: integer({
		label: 'Trials n',
		group: 'Distribution',
		min: 1,
		max: 1000,
		default: 20,
		scale: 'log',
		help: 'How many Bernoulli trials each count adds up.',
		relevant: (values) => values.part === 'binomial'
	}),
	p: number({
		label: 'Success probability p',
		group: 'Distribution',
		min: 0.01,
		max: 0.99,
		step: 0.01,
		default: 0.1,
		help: 'The chance that one trial succeeds.',
		relevant: (values) => values.part === 'binomial'
	}),
	shape: choice({
		label: 'Scores',
		group: 'Distribution',
		options: [
			{ value: 'skewed', label: 'Skewed by the slider' },
			{ value: 'exception', label: 'Skewed right, yet mean below median' }
		],
		default: 'skewed',
		help: 'A family you skew yourself, or a case where the usual ordering rule fails.',
		relevant: (values) => values.part === 'skew'
	}),
	skew: number({
		label: 'Skew (left ← → right)',
		group: 'Distribution',
		min: -10,
		max: 10,
		step: 0.5,
		default: -4,
		help: 'The skew-normal’s shape α: negative leans left, positive right, 0 is the normal.',
		relevant: (values) => values.part === 'skew' && values.shape === 'skewed'
	}),
	draws: integer({ label: 'Simulated draws', group: 'Simulation', min: 100, max: 100000, default: 5000, scale: 'log', help: 'How many counts (or scores) to simulate in all.' })
};

export type DistributionsParams = Values<typeof schema>;
