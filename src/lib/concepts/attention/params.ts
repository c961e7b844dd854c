import { boolean, choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

/** The most tokens a sequence holds: the heat map stays readable, and a paste keeps no more. */
export const MAX_TOKENS = 10;
/** Token coordinates beyond this are moved inside it. */
export const COORDINATE_LIMIT = 100;

export const schema = {
	preset: choice({
		label: 'Tokens',
		group: 'Tokens',
		options: [
			{ value: 'match', label: 'One key stands out' },
			{ value: 'alike', label: 'All alike' },
			{ value: 'clusters', label: 'Two clusters' },
			{ value: 'own', label: 'Your own tokens' }
		],
		default: 'clusters',
		help: 'A preset sequence of 2-D tokens, or your own (drag a token, click to add one, shift-click to remove).'
	}),
	temperature: number({
		label: 'Temperature τ',
		group: 'Attention',
		min: 0.01,
		max: 100,
		step: 0.01,
		default: 1,
		scale: 'log',
		help: 'Scores are divided by τ before the softmax: a large τ spreads the weights evenly, a small τ puts them all on the best key.'
	}),
	causal: boolean({ label: 'Causal mask', group: 'Attention', default: false, help: 'Each token may look only at itself and the tokens before it.' }),
	projection: choice({
		label: 'Queries and keys',
		group: 'Projections',
		options: [
			{ value: 'none', label: 'The tokens themselves' },
			{ value: 'random', label: 'Random W_q, W_k' }
		],
		default: 'none',
		help: 'Use each token as its own query and key, or project it with seeded random matrices (stand-ins for learned ones).'
	}),
	d: integer({
		label: 'Key dimension d',
		group: 'Projections',
		min: 1,
		max: 256,
		default: 2,
		scale: 'log',
		help: 'How many numbers each query and key has after the projection.',
		relevant: (values) => values.projection === 'random'
	}),
	scaled: boolean({ label: 'Divide scores by √d', group: 'Projections', default: true, help: 'Scale the dot products q·k by 1/√d before the softmax.' }),
	heads: integer({
		label: 'Heads',
		group: 'Projections',
		min: 1,
		max: 4,
		default: 1,
		help: 'Independent attention heads, each with its own W_q and W_k; their outputs are placed side by side.',
		relevant: (values) => values.projection === 'random'
	}),
	points: ownPoints({ maxPoints: MAX_TOKENS, limit: COORDINATE_LIMIT })
};

export type AttentionParams = Values<typeof schema>;
export type PresetValue = AttentionParams['preset'];
