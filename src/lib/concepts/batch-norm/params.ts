import { boolean, choice, integer, type Values } from '$lib/widget/schema';
import * as network from '$lib/widget/network/params';
import { INIT_LABELS } from '$lib/network/init';

const INITS = ['he-normal', 'xavier-normal', 'normal'] as const;
const alone = (values: Record<string, unknown>) => values.compare !== true;

export const schema = {
	depth: network.depthParam(10, 16),
	width: { ...network.widthParam(32), max: 64 },
	act: network.activationParam('relu', 'Activation', 'Network', undefined, ['relu', 'tanh', 'sigmoid']),
	init: choice({
		label: 'Initialisation',
		group: 'Network',
		options: INITS.map((value) => ({ value, label: INIT_LABELS[value] })),
		default: 'he-normal',
		help: 'How the starting weights are drawn; with and without batch norm they start from the very same weights.'
	}),
	sigma: network.sigmaParam('init'),
	batch: integer({
		label: 'Batch size',
		group: 'Training',
		min: 2,
		max: 256,
		default: 32,
		scale: 'log',
		help: 'Training points per step. Batch norm takes its mean and variance from these points only.'
	}),
	opt: network.optimizerParam('sgd'),
	lr: { ...network.learningRateParam(1), max: 10 },
	dataset: network.datasetParam('circles'),
	compare: boolean({
		label: 'Compare without and with batch norm',
		group: 'Compare',
		default: true,
		help: 'Train the same network twice, from the same weights, data and batches: A without batch norm, B with it.'
	}),
	bn: { ...network.batchNormParam('Batch normalisation'), default: true, group: 'Compare', relevant: alone }
};

export type BatchNormParams = Values<typeof schema>;
