import { boolean, choice, integer, number, type Values } from '$lib/widget/schema';
import * as network from '$lib/widget/network/params';
import { CLASSIFICATION_SET_LABELS } from '$lib/network/datasets';

/** The sets a few dozen points can describe (the spirals need hundreds). */
export const DATASETS = ['xor', 'circles', 'blobs'] as const;

const on = (key: string) => (values: Record<string, unknown>) => values[key] === true;

export const schema = {
	dataset: choice({
		label: 'Dataset',
		group: 'Data',
		options: DATASETS.map((value) => ({ value, label: CLASSIFICATION_SET_LABELS[value] })),
		default: 'xor',
		help: 'Two classes of points in the plane. The validation set is drawn the same way, separately.'
	}),
	n: integer({ label: 'Training points', group: 'Data', min: 10, max: 200, default: 40, help: 'How many points the network learns from; every epoch uses all of them.' }),
	noise: number({
		label: 'Label noise',
		group: 'Data',
		min: 0,
		max: 0.4,
		step: 0.01,
		default: 0.1,
		help: 'The share of points, training and validation alike, whose class is flipped: mistakes no model should learn.'
	}),
	layers: integer({ label: 'Hidden layers', group: 'Network', min: 1, max: 5, default: 4, help: 'Layers of units between the input and the output.' }),
	width: { ...network.widthParam(64), help: 'Units in each hidden layer.' },
	lr: network.learningRateParam(0.001),
	more: boolean({ label: 'More data', group: 'Remedies', default: false, help: 'Train on several times as many points from the same source.' }),
	factor: integer({ label: 'Times as many points', group: 'Remedies', min: 2, max: 10, default: 4, help: 'How much more data.', relevant: on('more') }),
	l2: boolean({ label: 'L2 weight decay', group: 'Remedies', default: false, help: 'Add λ·Σw² to the loss, so large weights cost something.' }),
	lambda: number({ label: 'Decay λ', group: 'Remedies', min: 1e-4, max: 0.1, default: 0.01, scale: 'log', help: 'How much a squared weight costs.', relevant: on('l2') }),
	dropout: boolean({ label: 'Dropout', group: 'Remedies', default: true, help: 'In training, silence a random share of the hidden units at every epoch.' }),
	rate: number({ label: 'Dropout rate p', group: 'Remedies', min: 0.05, max: 0.8, step: 0.05, default: 0.5, help: 'The share of hidden units silenced.', relevant: on('dropout') }),
	early: boolean({ label: 'Early stopping', group: 'Remedies', default: false, help: 'Stop when the validation loss has not improved for a while, and keep the best weights.' }),
	patience: integer({ label: 'Patience (epochs)', group: 'Remedies', min: 1, max: 100, default: 20, help: 'Epochs without a new lowest validation loss before training stops.', relevant: on('early') }),
	smaller: boolean({ label: 'Smaller network', group: 'Remedies', default: false, help: 'One hidden layer of a few units instead of the big network.' }),
	small: integer({ label: 'Units of the small network', group: 'Remedies', min: 2, max: 32, default: 8, help: 'Units in its one hidden layer.', relevant: on('smaller') }),
	compare: boolean({
		label: 'Compare with no remedies',
		group: 'Compare',
		default: true,
		help: 'Train the big network without remedies (A) beside the one with them (B): same data, seed and starting weights.'
	})
};

export type OverfittingParams = Values<typeof schema>;
