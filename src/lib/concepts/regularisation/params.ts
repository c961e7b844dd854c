import { choice, number, type Values } from '$lib/widget/schema';

export const schema = {
	budget: number({
		label: 'Budget t',
		group: 'Two features',
		min: 0,
		max: 4,
		step: 0.05,
		default: 1.2,
		help: 'How much coefficient the constraint allows: ‖β‖₁ ≤ t (the diamond) and ‖β‖₂ ≤ t (the circle).'
	}),
	rho: number({
		label: 'Correlation of x₁ and x₂',
		group: 'Two features',
		min: -0.99,
		max: 0.99,
		step: 0.01,
		default: 0.5,
		help: 'How strongly the two features move together; it tilts and stretches the loss contours.'
	}),
	truth: choice({
		label: 'True coefficients',
		group: 'Two features',
		options: [
			{ value: 'one-big', label: 'β = (2, 0.5): one large, one small' },
			{ value: 'equal', label: 'β = (1.5, 1.5): equal' },
			{ value: 'opposite', label: 'β = (2, −1.2): opposite signs' },
			{ value: 'one-zero', label: 'β = (2, 0): only x₁ matters' }
		],
		default: 'one-big',
		help: 'The coefficients the two-feature data is drawn from (with noise).'
	}),
	lambda: number({
		label: 'Penalty λ',
		group: 'Eight features',
		min: 1e-3,
		max: 1e3,
		default: 0.3,
		scale: 'log',
		help: 'How hard the penalty pulls the eight coefficients toward zero; marked on every path.'
	}),
	alpha: number({
		label: 'Elastic-net mix α',
		group: 'Eight features',
		min: 0,
		max: 1,
		step: 0.05,
		default: 0.5,
		help: 'The elastic net’s share of L1 in its penalty: 1 is the lasso, 0 is ridge.'
	})
};

export type RegularisationParams = Values<typeof schema>;
