import { boolean, choice, expression, integer, number, type Values } from '$lib/widget/schema';
import { EXPRESSION_FUNCTIONS, MAX_EXPRESSION_LENGTH } from '$lib/engine/expression-limits';

export const schema = {
	truth: choice({
		label: 'True function',
		group: 'Data',
		options: [
			{ value: 'sin', label: 'sin(2πx)' },
			{ value: 'cubic', label: 'A cubic' },
			{ value: 'step', label: 'A step' },
			{ value: 'custom', label: 'Your own formula' }
		],
		default: 'sin',
		help: 'The pattern behind the data, on 0 ≤ x ≤ 1.'
	}),
	expr: expression({
		label: 'f(x) =',
		group: 'Data',
		default: 'x*sin(10*x)',
		maxLength: MAX_EXPRESSION_LENGTH,
		help: `Numbers, x, pi, e, + − * / ^ and ${EXPRESSION_FUNCTIONS.join(', ')}. Press Enter to apply.`,
		relevant: (values) => values.truth === 'custom'
	}),
	noise: number({ label: 'Noise σ', group: 'Data', min: 0, max: 1, step: 0.01, default: 0.3, help: 'Spread of the points around the true function.' }),
	n: integer({ label: 'Points per training set', group: 'Data', min: 5, max: 200, default: 30, scale: 'log', help: 'How much data each fit sees.' }),
	sets: integer({
		label: 'Training sets',
		group: 'Data',
		min: 10,
		max: 500,
		default: 200,
		scale: 'log',
		help: 'How many independent training sets are drawn and fitted.'
	}),
	model: choice({
		label: 'Model',
		group: 'Model',
		options: [
			{ value: 'poly', label: 'Polynomial regression' },
			{ value: 'knn', label: 'k nearest neighbours' }
		],
		default: 'poly',
		help: 'The family of functions each training set is fitted with.'
	}),
	degree: integer({
		label: 'Degree',
		group: 'Model',
		min: 0,
		max: 15,
		default: 3,
		help: 'Higher degrees bend more: less bias, more variance.',
		relevant: (values) => values.model === 'poly'
	}),
	ridge: boolean({
		label: 'Ridge penalty',
		group: 'Model',
		default: false,
		help: 'Shrink the coefficients toward zero.',
		relevant: (values) => values.model === 'poly'
	}),
	lambda: number({
		label: 'Penalty λ',
		group: 'Model',
		min: 1e-8,
		max: 10,
		default: 1e-3,
		scale: 'log',
		help: 'How hard the ridge penalty pulls.',
		relevant: (values) => values.model === 'poly' && values.ridge === true
	}),
	k: integer({
		label: 'Neighbours k',
		group: 'Model',
		min: 1,
		max: 50,
		default: 5,
		help: 'Each prediction averages the k nearest training points: larger k, smoother fits.',
		relevant: (values) => values.model === 'knn'
	}),
	x0: number({ label: 'Marker at x₀', min: 0, max: 1, step: 0.01, default: 0.25, control: 'hidden', help: 'Drag the marker on the plot.' })
};

export type BiasVarianceParams = Values<typeof schema>;
