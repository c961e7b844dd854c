import { boolean, choice, integer, number, type Values } from '$lib/widget/schema';

export const schema = {
	base: number({
		label: 'Conversion rate of A',
		group: 'The A/B test',
		min: 0,
		max: 1,
		step: 0.005,
		default: 0.1,
		help: 'The chance that one user in arm A converts (the control).'
	}),
	rate_b: number({
		label: 'Conversion rate of B',
		group: 'The A/B test',
		min: 0,
		max: 1,
		step: 0.005,
		default: 0.12,
		help: 'The chance in arm B (the change). Equal to A’s: no real difference.'
	}),
	n: integer({ label: 'Users per arm n', group: 'The A/B test', min: 10, max: 100_000, default: 2000, scale: 'log', help: 'How many users each arm sees in one experiment.' }),
	alpha: number({
		label: 'Significance level α',
		group: 'The A/B test',
		min: 0.01,
		max: 0.1,
		step: 0.005,
		default: 0.05,
		help: 'A result counts as significant when its p-value is below α.'
	}),
	target_power: number({
		label: 'Target power',
		group: 'The A/B test',
		min: 0.5,
		max: 0.99,
		step: 0.01,
		default: 0.8,
		help: 'The chance of detecting the real difference that the sample-size answer aims for.'
	}),
	pitfall: choice({
		label: 'Pitfall',
		group: 'Pitfall',
		options: [
			{ value: 'none', label: 'None: one honest look' },
			{ value: 'peeking', label: 'Peeking at the data' },
			{ value: 'metrics', label: 'Many metrics at once' },
			{ value: 'small', label: 'A too-small sample' }
		],
		default: 'none',
		help: 'A common misuse: peeking stops at the first p < α; many metrics report any win; or too few users.'
	}),
	peeks: integer({
		label: 'Looks at the data',
		group: 'Pitfall',
		min: 2,
		max: 50,
		default: 10,
		help: 'How many times the p-value is checked as users arrive, evenly spaced.',
		relevant: (values) => values.pitfall === 'peeking'
	}),
	metrics: integer({
		label: 'Metrics tested',
		group: 'Pitfall',
		min: 2,
		max: 50,
		default: 10,
		help: 'Independent metrics compared at once; a win on any one is reported.',
		relevant: (values) => values.pitfall === 'metrics'
	}),
	bonferroni: boolean({
		label: 'Bonferroni correction (test each at α/m)',
		group: 'Pitfall',
		default: false,
		help: 'Divide α by the number of metrics, so the chance of any false win stays below α.',
		relevant: (values) => values.pitfall === 'metrics'
	}),
	experiments: integer({
		label: 'Simulated experiments',
		group: 'Simulation',
		min: 200,
		max: 20_000,
		default: 2000,
		scale: 'log',
		help: 'How many A/A and A/B experiments to simulate in all.'
	})
};

export type TestParams = Values<typeof schema>;
export type Pitfall = TestParams['pitfall'];
