/**
 * The names and labels of a network's choices, apart from TF.js: the parameter schemas
 * read them, and the gallery imports every schema without loading TF.js.
 */

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const ACTIVATION_LABELS: Record<Activation, string> = {
	sigmoid: 'Sigmoid',
	tanh: 'tanh',
	relu: 'ReLU',
	'leaky-relu': 'Leaky ReLU (0.01)',
	elu: 'ELU',
	gelu: 'GELU',
	linear: 'Linear (none)'
};

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const OPTIMIZER_LABELS: Record<OptimizerName, string> = { sgd: 'SGD', momentum: 'Momentum (0.9)', adam: 'Adam' };

