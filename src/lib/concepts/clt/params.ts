import { choice, integer, number, type Values } from '$lib/widget/schema';

export const schema = {
	dist: choice({
		label: 'Parent distribution',
		group: 'Sampling',
		options: [
			{ value: 'uniform', label: 'Uniform on [0, 1]' },
			{ value: 'exponential', label: 'Exponential (mean 1)' },
			{ value: 'bernoulli', label: 'Bernoulli(p): a coin' },
			{ value: 'lognormal', label: 'Skewed: lognormal' },
			{ value: 'bimodal', label: 'Two humps: a mixture' },
			{ value: 'die', label: 'A fair die' },
			{ value: 'cauchy', label: 'Cauchy: the theorem fails' },
			{ value: 'delivery', label: 'Delivery times in minutes (real world)' }
		],
		default: 'exponential',
		help: 'The distribution each single draw comes from.'
	}),
	p: number({
		label: 'Success probability p',
		group: 'Sampling',
		min: 0.01,
		max: 0.99,
		step: 0.01,
		default: 0.1,
		help: 'The chance that one Bernoulli draw is 1.',
		relevant: (values) => values.dist === 'bernoulli'
	}),
	shape: number({
		label: 'Skew: σ of log',
		group: 'Sampling',
		min: 0.1,
		max: 1.5,
		step: 0.05,
		default: 0.8,
		help: 'The spread of the logarithm: larger is more skewed.',
		relevant: (values) => values.dist === 'lognormal'
	}),
	n: integer({ label: 'Sample size n', group: 'Sampling', min: 1, max: 1000, default: 5, scale: 'log', help: 'How many draws each sample mean averages.' }),
	samples: integer({ label: 'Number of samples', group: 'Sampling', min: 100, max: 20000, default: 5000, scale: 'log', help: 'How many sample means to draw in all.' })
};

export type CltParams = Values<typeof schema>;
export type Distribution = CltParams['dist'];
