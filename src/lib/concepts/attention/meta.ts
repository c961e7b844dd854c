import type { ConceptMeta } from '$lib/widget/contract';
import type { AttentionParams } from './params';

export const meta: ConceptMeta<AttentionParams> = {
	slug: 'attention',
	topic: 'networks',
	title: 'Attention as a weighted average',
	summary: 'Self-attention on a few 2-D tokens: scores, softmax weights and each output as a weighted mean of the values, with temperature, a causal mask, several heads and the √d scaling.',
	interviewQuestion: 'What does self-attention compute, and why are the scores divided by √d?',
	tags: ['attention', 'transformer', 'softmax', 'queries keys values', 'causal mask', 'multi-head'],
	related: ['logistic-regression', 'vanishing-gradients', 'weight-init', 'kmeans'],
	thumbnail: 'A handful of points with a heavier line to one of them, and a diamond inside their outline: the weighted average one query makes.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'hot',
			prompt: 'Turn the temperature up to 100. Where does each token’s output end up?',
			choices: [
				{ label: 'On the token with the best score', correct: false },
				{ label: 'At the plain mean of all the tokens', correct: true },
				{ label: 'At the origin', correct: false }
			],
			explanation:
				'Dividing every score by a large τ squeezes them all towards 0, and the softmax of equal numbers is uniform. Each weight is then 1/n, and a weighted mean with equal weights is the ordinary mean: every output lands on the same spot, whatever the query.',
			show: { preset: 'clusters', temperature: 100 },
			seed: 1
		},
		{
			id: 'unscaled',
			prompt: 'Random projections with d = 256, and the scores not divided by √d. What do the weights look like?',
			choices: [
				{ label: 'Spread evenly, as with small d', correct: false },
				{ label: 'Almost all of each row on one key', correct: true }
			],
			explanation:
				'A dot product of d random terms has a spread that grows like √d: with d = 256 the scores are about 16 times further apart than with d = 1. The softmax of numbers that far apart is nearly one-hot, and its gradient nearly zero, so training would stall. Dividing by √d brings the spread back; switch it on and compare the largest weight.',
			show: { preset: 'match', projection: 'random', d: 256, scaled: false },
			seed: 1
		},
		{
			id: 'causal',
			prompt: 'Switch on the causal mask. What is the first token’s output?',
			choices: [
				{ label: 'The mean of all the tokens', correct: false },
				{ label: 'Exactly its own value', correct: true },
				{ label: 'It depends on the temperature', correct: false }
			],
			explanation:
				'With the mask, token i may only look at tokens 1 … i. The first token sees only itself: one allowed key, so its weight is 1 whatever the score or the temperature, and the output is its own value. Later tokens average over more and more of the sequence: the heat map becomes a triangle.',
			show: { preset: 'clusters', causal: true },
			seed: 1
		}
	]
};
