import { boolean, number, type Values } from '$lib/widget/schema';

export const schema = {
	minority: number({
		label: 'Minority share',
		group: 'Data',
		min: 0.1,
		max: 50,
		default: 5,
		scale: 'log',
		unit: '%',
		help: 'The share of positive (minority) points, in training and test alike: 50% is balanced, 0.1% is one in a thousand.'
	}),
	threshold: number({
		label: 'Threshold',
		group: 'Decision',
		min: 0,
		max: 1,
		step: 0.01,
		default: 0.5,
		help: 'A test point is called positive when its score is at least this.',
		relevant: (values) => values.tune !== true
	}),
	tune: boolean({
		label: 'Move the threshold (best F1 on training data)',
		group: 'Remedies',
		default: false,
		help: 'Replaces the slider with the threshold that gives the highest F1 on the training set.'
	}),
	weights: boolean({
		label: 'Class weights',
		group: 'Remedies',
		default: false,
		help: 'Each class counts equally in the loss: a minority point weighs as much as many majority points.'
	}),
	oversample: boolean({
		label: 'Random oversampling',
		group: 'Remedies',
		default: false,
		help: 'Copies minority training points at random until the classes are the same size.'
	}),
	smote: boolean({
		label: 'SMOTE synthetic points',
		group: 'Remedies',
		default: false,
		help: 'Adds minority points on the segments between a minority point and one of its 5 nearest minority neighbours.'
	}),
	undersample: boolean({
		label: 'Random undersampling',
		group: 'Remedies',
		default: false,
		help: 'Keeps only as many majority training points as there are minority ones.'
	})
};

export type ImbalancedParams = Values<typeof schema>;
