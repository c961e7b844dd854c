/**
 * Schema entries for a network's settings, shared by the widgets that train one, so the
 * same key means the same thing (label, options, range) in each.
 */
import { boolean, choice, integer, number } from '$lib/widget/schema';
import { ACTIVATION_LABELS, ACTIVATIONS, OPTIMIZER_LABELS, OPTIMIZERS, type Activation, type OptimizerName } from '$lib/network/options';
import { CLASSIFICATION_SET_LABELS, CLASSIFICATION_SETS, type ClassificationSet } from '$lib/network/datasets';
import { INIT_LABELS, INIT_SCHEMES, type InitScheme } from '$lib/network/init';

type Relevant = (values: Record<string, unknown>) => boolean;

export const activationParam = (
	def: Activation,
	label = 'Activation',
	group = 'Network',
	relevant?: Relevant,
	offered: readonly Activation[] = ACTIVATIONS
) =>
	choice({
		label,
		group,
		options: offered.map((value) => ({ value, label: ACTIVATION_LABELS[value] })),
		default: def,
		help: 'The function each hidden unit applies to its weighted input.',
		relevant
	});

export const initParam = (def: InitScheme, label = 'Initialisation', group = 'Network', relevant?: Relevant) =>
	choice({
		label,
		group,
		options: INIT_SCHEMES.map((value) => ({ value, label: INIT_LABELS[value] })),
		default: def,
		help: 'How the starting weights are drawn.',
		relevant
	});

/** σ of the `normal` scheme, for the init parameter under `initKey`. */
export const sigmaParam = (initKey: string, group = 'Network', extraRelevant: Relevant = () => true) =>
	number({
		label: 'Weight σ',
		group,
		min: 0.01,
		max: 3,
		default: 0.1,
		scale: 'log',
		help: 'Spread of the starting weights: 0.01 is far too small, 3 far too large.',
		relevant: (values) => values[initKey] === 'normal' && extraRelevant(values)
	});

export const uniformParam = (initKey: string, group = 'Network') =>
	number({
		label: 'Weight range a',
		group,
		min: 0.01,
		max: 3,
		default: 0.1,
		scale: 'log',
		help: 'Weights start uniform between −a and a.',
		relevant: (values) => values[initKey] === 'uniform'
	});

export const constantParam = (initKey: string, group = 'Network') =>
	number({
		label: 'Constant c',
		group,
		min: -1,
		max: 1,
		step: 0.01,
		default: 0.1,
		help: 'Every weight starts at this value.',
		relevant: (values) => values[initKey] === 'constant'
	});

export const depthParam = (def: number, max: number) =>
	integer({ label: 'Depth (layers)', group: 'Network', min: 2, max, default: def, help: 'Weight layers from the input to the output.' });

export const widthParam = (def: number) =>
	integer({ label: 'Width (units per layer)', group: 'Network', min: 4, max: 128, default: def, scale: 'log', help: 'Hidden units in each layer.' });

export const residualParam = (label = 'Skip connections', group = 'Network', relevant?: Relevant) =>
	boolean({ label, group, default: false, help: 'Each layer adds its input back to its output (a residual network).', relevant });

export const batchNormParam = (label = 'Batch normalisation', group = 'Network', relevant?: Relevant) =>
	boolean({ label, group, default: false, help: 'Rescale each layer’s inputs to mean 0 and spread 1 over the batch.', relevant });

export const optimizerParam = (def: OptimizerName) =>
	choice({
		label: 'Optimizer',
		group: 'Training',
		options: OPTIMIZERS.map((value) => ({ value, label: OPTIMIZER_LABELS[value] })),
		default: def,
		help: 'The rule that turns gradients into weight updates.'
	});

export const learningRateParam = (def: number) =>
	number({ label: 'Learning rate', group: 'Training', min: 1e-4, max: 1, default: def, scale: 'log', help: 'The step size of each update.' });

export const datasetParam = (def: ClassificationSet) =>
	choice({
		label: 'Dataset',
		group: 'Training',
		options: CLASSIFICATION_SETS.map((value) => ({ value, label: CLASSIFICATION_SET_LABELS[value] })),
		default: def,
		help: 'Two classes of points in the plane for the network to separate.'
	});
