import { boolean, number, type Values } from '$lib/widget/schema';
import {
	activationParam,
	batchNormParam,
	constantParam,
	datasetParam,
	depthParam,
	initParam,
	learningRateParam,
	optimizerParam,
	residualParam,
	sigmaParam,
	uniformParam,
	widthParam
} from '$lib/widget/network/params';

const comparing = (values: Record<string, unknown>) => values.compare === true;

export const schema = {
	depth: depthParam(20, 50),
	width: widthParam(32),
	act: activationParam('sigmoid'),
	init: initParam('xavier-normal'),
	sigma: sigmaParam('init'),
	a: uniformParam('init'),
	c: constantParam('init'),
	residual: residualParam(),
	bn: batchNormParam(),
	opt: optimizerParam('sgd'),
	lr: learningRateParam(0.1),
	clip: number({
		label: 'Gradient clipping',
		group: 'Training',
		min: 0,
		max: 10,
		step: 0.1,
		default: 0,
		help: 'Scale the gradients down whenever their total norm is above this (0: never).'
	}),
	dataset: datasetParam('circles'),
	compare: boolean({ label: 'Compare with a second network', group: 'Compare', default: false, help: 'Train a second configuration beside the first: same data, seed, depth and width.' }),
	act2: activationParam('relu', 'Activation (B)', 'Compare', comparing),
	init2: initParam('he-normal', 'Initialisation (B)', 'Compare', comparing),
	sigma2: sigmaParam('init2', 'Compare', comparing),
	residual2: { ...residualParam('Skip connections (B)', 'Compare', comparing), default: true },
	bn2: batchNormParam('Batch normalisation (B)', 'Compare', comparing)
};

export type VanishingGradientsParams = Values<typeof schema>;
