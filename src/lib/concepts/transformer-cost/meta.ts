import type { ConceptMeta } from '$lib/widget/contract';
import type { TransformerCostParams } from './params';

export const meta: ConceptMeta<TransformerCostParams> = {
	slug: 'transformer-cost',
	topic: 'networks',
	title: 'The quadratic cost of attention',
	summary: 'Count the work of self-attention (T²d) against a recurrent layer (Td²) as the sequence grows, see where they cross, time a real attention layer, and compare the remedies.',
	interviewQuestion:
		'Self-attention costs O(T²d) and a recurrent layer O(Td²). Which is cheaper for a 30-token sentence with d = 1000, and when does attention’s quadratic cost start to hurt?',
	tags: ['transformers', 'attention', 'complexity', 'recurrent networks', 'efficient attention'],
	related: ['vanishing-gradients', 'weight-init'],
	thumbnail: 'Two straight lines on log-log axes, a steep one for attention and a shallower one for a recurrent layer, crossing at a dotted line.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'short-sentence',
			prompt: 'A 30-token sentence and vectors of width d = 1000. Which layer does more arithmetic?',
			choices: [
				{ label: 'Attention: it compares every token with every other', correct: false },
				{ label: 'The recurrent layer, by about 33 times', correct: true },
				{ label: 'About the same', correct: false }
			],
			explanation:
				'Attention’s leading term is T²d = 900 × 1000 = 9 × 10⁵; the recurrent layer’s is Td² = 30 × 10⁶ = 3 × 10⁷. Their ratio is T/d = 0.03. All pairs of 30 tokens are only 900 pairs, fewer than the million weights the recurrent layer multiplies by at every step.',
			show: { t: 30, d: 1000 },
			seed: 1
		},
		{
			id: 'crossover',
			prompt: 'Keep d = 1000 and make the sequence longer. At what length does attention start to cost more than the recurrent layer?',
			choices: [
				{ label: 'At T = √d, about 32 tokens', correct: false },
				{ label: 'At T = d, 1000 tokens', correct: true },
				{ label: 'Never: attention is always cheaper', correct: false }
			],
			explanation:
				'The ratio of the two is T/d, so they cost the same at T = d and attention is dearer beyond it. Past there the gap grows in proportion to T: at T = 10 000 attention does ten times the recurrent layer’s work. (√d is where the attention matrix starts to hold more numbers than the recurrent state: memory crosses much earlier than compute.)',
			show: { t: 1000, d: 1000 },
			seed: 1
		},
		{
			id: 'window',
			prompt: 'A 100 000-token document with a sliding window of 128 tokens. How does its cost compare with full attention?',
			choices: [
				{ label: 'About the same: it is still attention', correct: false },
				{ label: 'About 780 times less: each token scores 128 keys instead of 100 000', correct: true }
			],
			explanation:
				'Full attention scores T keys for each of T queries; the window scores w. The ratio is T/w = 100 000/128 ≈ 781, and the window’s cost grows only in proportion to T. The price: a token sees only its neighbours directly, and information from far away has to hop through several layers.',
			show: { t: 100000, d: 1000, window: 128 },
			seed: 1
		}
	]
};
