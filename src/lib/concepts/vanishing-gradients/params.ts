import { boolean, number, type Values } from '$lib/widget/schema';
import * as network from '$lib/widget/network/params';

const comparing = (values: Record<string, unknown>) => values.compare === true;

export const schema = {
	depth: network.depthParam(20, 50),
	width: network.widthParam(32),
	act: network.activationParam('sigmoid'),
	init: network.initParam('xavier-normal'),
	sigma: network.sigmaParam('init'),
	a: network.uniformParam('init'),
	c: network.constantParam('init'),
	residual: network.residualParam(),
	bn: network.batchNormParam(),
	opt: network.optimizerParam('sgd'),
	lr: network.learningRateParam(0.1),
	clip: number({
		label: 'Gradient clipping',
		group: 'Training',
		min: 0,
		max: 10,
		step: 0.1,
		default: 0,
		help: 'Scale the gradients down whenever their total norm is above this (0: never).'
	}),
	dataset: network.datasetParam('circles'),
	compare: boolean({ label: 'Compare with a second network', group: 'Compare', default: false, help: 'Train a second configuration beside the first: same data, seed, depth and width.' }),
	act2: network.activationParam('relu', 'Activation (B)', 'Compare', comparing),
	init2: network.initParam('he-normal', 'Initialisation (B)', 'Compare', comparing),
	sigma2: network.sigmaParam('init2', 'Compare', comparing),
	residual2: { ...network.residualParam('Skip connections (B)', 'Compare', comparing), default: true },
	bn2: network.batchNormParam('Batch normalisation (B)', 'Compare', comparing)
};

export type VanishingGradientsParams = Values<typeof schema>;
