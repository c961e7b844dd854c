import { boolean, type Values } from '$lib/widget/schema';
import * as network from '$lib/widget/network/params';

const comparing = (values: Record<string, unknown>) => values.compare === true;

export const schema = {
	init: network.initParam('normal'),
	sigma: { ...network.sigmaParam('init'), default: 0.05 },
	a: network.uniformParam('init'),
	c: network.constantParam('init'),
	act: network.activationParam('tanh', 'Activation', 'Network', undefined, ['tanh', 'sigmoid', 'relu', 'linear']),
	depth: network.depthParam(10, 30),
	width: network.widthParam(64),
	dataset: network.datasetParam('circles'),
	opt: network.optimizerParam('sgd'),
	lr: network.learningRateParam(0.1),
	compare: boolean({ label: 'Compare with a second initialisation', group: 'Compare', default: false, help: 'Train a second network beside the first: same data, seed, activation and shape.' }),
	init2: network.initParam('xavier-normal', 'Initialisation (B)', 'Compare', comparing),
	sigma2: { ...network.sigmaParam('init2', 'Compare', comparing), default: 0.05 }
};

export type WeightInitParams = Values<typeof schema>;
