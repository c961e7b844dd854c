import { boolean, choice, type Values } from '$lib/widget/schema';
import * as network from '$lib/widget/network/params';
import { INIT_LABELS } from '$lib/network/init';
import type { Activation } from '$lib/network/options';

/** Every activation this widget offers: the network core's, Swish and softplus included. */
export const OFFERED: readonly Activation[] = ['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'gelu', 'swish', 'softplus', 'linear'];

const comparing = (values: Record<string, unknown>) => values.compare === true;
const INITS = ['he-normal', 'xavier-normal'] as const;

export const schema = {
	act: network.activationParam('relu', 'Activation', 'Network', undefined, OFFERED),
	depth: { ...network.depthParam(5, 6), help: 'Weight layers from the input to the output: one fewer hidden layers.' },
	width: { ...network.widthParam(16), max: 64 },
	init: choice({
		label: 'Initialisation',
		group: 'Network',
		options: INITS.map((value) => ({ value, label: INIT_LABELS[value] })),
		default: 'he-normal',
		help: 'How the starting weights are drawn; both networks start from the very same weights.'
	}),
	dataset: network.datasetParam('spiral'),
	opt: network.optimizerParam('adam'),
	lr: network.learningRateParam(0.03),
	compare: boolean({
		label: 'Compare with a second activation',
		group: 'Compare',
		default: true,
		help: 'Train a second network beside the first: same data, seed, shape and starting weights; only the activation differs.'
	}),
	act2: network.activationParam('tanh', 'Activation (B)', 'Compare', comparing, OFFERED)
};

export type ActivationFunctionsParams = Values<typeof schema>;
