import { boolean, choice, choices, expression, integer, number, type Values } from '$lib/widget/schema';
import { OPTIMIZERS, OPTIMIZER_LABELS, type OptimizerName } from './optimizers';
import { SCHEDULES, SCHEDULE_LABELS } from './schedules';
import { EXPRESSION_FUNCTIONS, MAX_EXPRESSION_LENGTH } from '$lib/engine/expression-limits';

export type SurfaceName = 'quadratic' | 'rosenbrock' | 'himmelblau' | 'saddle' | 'beale' | 'custom';

/** What a surface brings with it when the reader picks it: a start point and learning rate that suit it. */
export const SURFACE_DEFAULTS: Record<SurfaceName, { start: [number, number]; lr: number }> = {
	quadratic: { start: [-1.7, 1.5], lr: 0.05 },
	rosenbrock: { start: [-1.2, 1.0], lr: 0.001 },
	himmelblau: { start: [-0.5, -0.5], lr: 0.01 },
	saddle: { start: [-1.8, 0.01], lr: 0.05 },
	beale: { start: [1, 1], lr: 0.01 },
	custom: { start: [-2, 2], lr: 0.05 }
};

/** Part 2's controls, drawn beside its plots rather than in the side column. */
export const BATCH_GROUP = 'Batch, mini-batch, SGD';

const uses = (names: OptimizerName[]) => (values: Record<string, unknown>) =>
	(values.opt as OptimizerName[]).some((name) => names.includes(name));

export const schema = {
	surface: choice({
		label: 'Loss surface',
		group: 'Surface',
		options: [
			{ value: 'quadratic', label: 'Stretched bowl (quadratic)' },
			{ value: 'rosenbrock', label: 'Rosenbrock’s valley' },
			{ value: 'himmelblau', label: 'Himmelblau (four minima)' },
			{ value: 'saddle', label: 'Saddle x² − y²' },
			{ value: 'beale', label: 'Beale' },
			{ value: 'custom', label: 'Your own formula' }
		],
		default: 'quadratic',
		help: 'The function every optimizer tries to make small.'
	}),
	cond: number({
		label: 'Condition number',
		group: 'Surface',
		min: 1,
		max: 100,
		default: 10,
		scale: 'log',
		help: 'How many times steeper the bowl is along y than along x.',
		relevant: (values) => values.surface === 'quadratic'
	}),
	expr: expression({
		label: 'f(x, y) =',
		group: 'Surface',
		default: 'sin(x)*cos(y) + 0.1*(x^2 + y^2)',
		maxLength: MAX_EXPRESSION_LENGTH,
		help: `Numbers, x, y, pi, e, + − * / ^ and ${EXPRESSION_FUNCTIONS.join(', ')}. Press Enter to apply.`,
		relevant: (values) => values.surface === 'custom'
	}),
	opt: choices({
		label: 'Optimizers',
		group: 'Optimizers',
		options: OPTIMIZERS.map((value) => ({ value, label: OPTIMIZER_LABELS[value] })),
		default: ['sgd', 'momentum', 'rmsprop', 'adam'],
		help: 'All start from the same point with the same learning rate.'
	}),
	lr: number({
		label: 'Learning rate',
		group: 'Optimizers',
		min: 1e-5,
		max: 10,
		default: SURFACE_DEFAULTS.quadratic.lr,
		defaultFrom: (values) => SURFACE_DEFAULTS[values.surface as SurfaceName].lr,
		scale: 'log',
		help: 'The step size η (before the schedule scales it).'
	}),
	momentum: number({
		label: 'Momentum μ',
		group: 'Optimizers',
		min: 0,
		max: 0.99,
		step: 0.01,
		default: 0.9,
		help: 'How much of the last step carries into the next (Momentum, Nesterov).',
		relevant: uses(['momentum', 'nesterov'])
	}),
	rho: number({
		label: 'Decay ρ',
		group: 'Optimizers',
		min: 0,
		max: 0.999,
		step: 0.001,
		default: 0.9,
		help: 'RMSProp’s running average of squared gradients forgets at this rate.',
		relevant: uses(['rmsprop'])
	}),
	beta1: number({
		label: 'β₁',
		group: 'Optimizers',
		min: 0,
		max: 0.999,
		step: 0.001,
		default: 0.9,
		help: 'Adam’s average of gradients (first moment).',
		relevant: uses(['adam', 'adamw', 'amsgrad'])
	}),
	beta2: number({
		label: 'β₂',
		group: 'Optimizers',
		min: 0.9,
		max: 0.9999,
		step: 0.0001,
		default: 0.999,
		help: 'Adam’s average of squared gradients (second moment).',
		relevant: uses(['adam', 'adamw', 'amsgrad'])
	}),
	eps: number({
		label: 'ε',
		group: 'Optimizers',
		min: 1e-10,
		max: 1,
		default: 1e-7,
		scale: 'log',
		help: 'Keeps RMSProp and Adam from dividing by zero.',
		relevant: uses(['rmsprop', 'adam', 'adamw', 'amsgrad'])
	}),
	wd: number({
		label: 'Weight decay λ',
		group: 'Optimizers',
		min: 0,
		max: 1,
		step: 0.005,
		default: 0.01,
		help: 'AdamW pulls the parameters toward zero by λ·η each step.',
		relevant: uses(['adamw'])
	}),
	noise: number({
		label: 'Gradient noise σ',
		group: 'Optimizers',
		min: 0,
		max: 10,
		step: 0.05,
		default: 0,
		help: 'Adds seeded Gaussian noise to every gradient, like a small random batch would.'
	}),
	x0: number({
		label: 'Start x',
		min: -10,
		max: 10,
		default: SURFACE_DEFAULTS.quadratic.start[0],
		defaultFrom: (values) => SURFACE_DEFAULTS[values.surface as SurfaceName].start[0],
		control: 'hidden',
		help: 'Drag the start point on the plot.'
	}),
	y0: number({
		label: 'Start y',
		min: -10,
		max: 10,
		default: SURFACE_DEFAULTS.quadratic.start[1],
		defaultFrom: (values) => SURFACE_DEFAULTS[values.surface as SurfaceName].start[1],
		control: 'hidden',
		help: 'Drag the start point on the plot.'
	}),
	steps: integer({ label: 'Steps', group: 'Run', min: 10, max: 2000, default: 300, scale: 'log', help: 'Most updates per run.' }),
	tol: number({
		label: 'Tolerance',
		group: 'Run',
		min: 1e-8,
		max: 0.1,
		default: 1e-4,
		scale: 'log',
		help: 'A run has converged when its gradient is smaller than this.'
	}),
	arrows: boolean({ label: 'Show gradient arrows', group: 'Run', default: true, help: 'An arrow along −∇f at each current point.' }),
	schedule: choice({
		label: 'Learning-rate schedule',
		group: 'Schedule',
		options: SCHEDULES.map((value) => ({ value, label: SCHEDULE_LABELS[value] })),
		default: 'constant',
		help: 'How the learning rate changes with the step, for every run on this page.'
	}),
	warmup: integer({
		label: 'Warm-up steps',
		group: 'Schedule',
		min: 1,
		max: 1000,
		default: 30,
		help: 'Steps over which the rate climbs from near 0 to η.',
		relevant: (values) => values.schedule === 'warmup-cosine'
	}),
	period: integer({
		label: 'Period',
		group: 'Schedule',
		min: 1,
		max: 1000,
		default: 100,
		help: 'Steps between halvings (step decay) or between restarts.',
		relevant: (values) => values.schedule === 'step' || values.schedule === 'restarts'
	}),
	n: integer({ label: 'Data points', group: BATCH_GROUP, min: 20, max: 2000, default: 200, scale: 'log', help: 'Size of the regression data set.' }),
	batch: integer({ label: 'Mini-batch size', group: BATCH_GROUP, min: 1, max: 2000, default: 16, scale: 'log', help: 'Examples per update for the mini-batch run.' }),
	spread: number({ label: 'Data noise', group: BATCH_GROUP, min: 0, max: 2, step: 0.05, default: 0.5, help: 'Scatter of the points around the true line.' }),
	blr: number({ label: 'Learning rate (regression)', group: BATCH_GROUP, min: 1e-4, max: 2, default: 0.1, scale: 'log', help: 'Shared by the three regression runs.' })
};

export type GradientDescentParams = Values<typeof schema>;
