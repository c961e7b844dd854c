/**
 * The names and labels of a network's choices, apart from TF.js: the parameter schemas
 * read them, and the gallery imports every schema without loading TF.js.
 */

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'linear'] as const;
/**
 * Activations a concept offers only by naming them: ACTIVATIONS is what an `act` choice
 * offers by default, so adding these there would change other concepts' controls and URLs.
 */
export const MORE_ACTIVATIONS = ['swish', 'softplus'] as const;
export const ALL_ACTIVATIONS = [...ACTIVATIONS, ...MORE_ACTIVATIONS] as const;
export type Activation = (typeof ALL_ACTIVATIONS)[number];

export const ACTIVATION_LABELS: Record<Activation, string> = {
	sigmoid: 'Sigmoid',
	tanh: 'tanh',
	relu: 'ReLU',
	'leaky-relu': 'Leaky ReLU (0.01)',
	elu: 'ELU',
	gelu: 'GELU',
	linear: 'Linear (none)',
	swish: 'Swish / SiLU',
	softplus: 'Softplus'
};

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const OPTIMIZER_LABELS: Record<OptimizerName, string> = { sgd: 'SGD', momentum: 'Momentum (0.9)', adam: 'Adam' };

