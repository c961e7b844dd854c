import { boolean, type Values } from '$lib/widget/schema';
import {
	activationParam,
	constantParam,
	datasetParam,
	depthParam,
	initParam,
	learningRateParam,
	optimizerParam,
	sigmaParam,
	uniformParam,
	widthParam
} from '$lib/widget/network/params';

const comparing = (values: Record<string, unknown>) => values.compare === true;

export const schema = {
	init: initParam('normal'),
	sigma: { ...sigmaParam('init'), default: 0.05 },
	a: uniformParam('init'),
	c: constantParam('init'),
	act: activationParam('tanh', 'Activation', 'Network', undefined, ['tanh', 'sigmoid', 'relu', 'linear']),
	depth: depthParam(10, 30),
	width: widthParam(64),
	dataset: datasetParam('circles'),
	opt: optimizerParam('sgd'),
	lr: learningRateParam(0.1),
	compare: boolean({ label: 'Compare with a second initialisation', group: 'Compare', default: false, help: 'Train a second network beside the first: same data, seed, activation and shape.' }),
	init2: initParam('xavier-normal', 'Initialisation (B)', 'Compare', comparing),
	sigma2: { ...sigmaParam('init2', 'Compare', comparing), default: 0.05 }
};

export type WeightInitParams = Values<typeof schema>;
