import { integer, type Values } from '$lib/widget/schema';

export const schema = {
	t: integer({
		label: 'Sequence length T',
		group: 'Layer',
		min: 1,
		max: 100000,
		default: 30,
		scale: 'log',
		unit: 'tokens',
		help: 'How many tokens the layer reads at once; Play moves the marker up from here.'
	}),
	d: integer({
		label: 'Model width d',
		group: 'Layer',
		min: 2,
		max: 16384,
		default: 1000,
		scale: 'log',
		help: 'The length of each token’s vector (and of the recurrent state).'
	}),
	window: integer({
		label: 'Attention window w',
		group: 'Remedies',
		min: 1,
		max: 4096,
		default: 128,
		scale: 'log',
		unit: 'tokens',
		help: 'Sliding-window attention: each token looks at its w nearest tokens only.'
	})
};

export type TransformerCostParams = Values<typeof schema>;
