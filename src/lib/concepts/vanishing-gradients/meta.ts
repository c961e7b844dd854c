import type { ConceptMeta } from '$lib/widget/contract';
import type { VanishingGradientsParams } from './params';

export const meta: ConceptMeta<VanishingGradientsParams> = {
	slug: 'vanishing-gradients',
	topic: 'networks',
	title: 'Vanishing and exploding gradients',
	summary: 'Train a real 20-layer network and watch how much gradient reaches each layer — and what skips, ReLU and good initialisation change.',
	interviewQuestion: 'Why are deep networks with sigmoid activations hard to train, and what fixes it?',
	tags: ['deep learning', 'optimisation', 'backpropagation'],
	related: ['weight-init', 'gradient-descent'],
	thumbnail: 'Bars of gradient size per layer, tiny near the input and large near the output.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'sigmoid-depth',
			prompt: 'A 20-layer sigmoid network with Xavier initialisation. How does the gradient at layer 1 compare with the one at layer 20?',
			choices: [
				{ label: 'About the same: Xavier initialisation is designed to keep signals steady', correct: false },
				{ label: 'Many orders of magnitude smaller', correct: true }
			],
			explanation:
				'On the way back each layer multiplies the gradient by the slope of the sigmoid, which is at most 1/4, and by its weights. Nineteen such factors leave layer 1 with a tiny fraction of what layer 20 gets, so the early layers barely move. Xavier keeps the weights sensible, but it cannot lift the sigmoid’s slope.',
			show: { depth: 20, width: 32, act: 'sigmoid', init: 'xavier-normal', residual: false, bn: false, compare: false, clip: 0 },
			seed: 1
		},
		{
			id: 'relu-skips',
			prompt: 'Same depth, but ReLU units, He initialisation and skip connections. What happens to the gradient at layer 1?',
			choices: [
				{ label: 'It still vanishes: depth is depth', correct: false },
				{ label: 'It stays within a small factor of the last layer’s', correct: true }
			],
			explanation:
				'ReLU has slope 1 wherever it is active, He initialisation sizes the weights so each layer passes the signal on at the same strength, and a skip connection gives the gradient a path that skips the multiplications altogether. Compare the two side by side: same data, same seed.',
			show: { depth: 20, width: 32, act: 'sigmoid', init: 'xavier-normal', residual: false, bn: false, compare: true, act2: 'relu', init2: 'he-normal', residual2: true, bn2: false, clip: 0 },
			seed: 1
		},
		{
			id: 'explode',
			prompt: 'ReLU units with weights drawn at σ = 3, far too large. Does training go better or worse if you clip the gradient at 1?',
			choices: [
				{ label: 'Clipping makes no difference once the weights are this large', correct: false },
				{ label: 'Without clipping the huge gradients wreck the weights; with clipping each step stays bounded', correct: true }
			],
			explanation:
				'With weights this large the gradient grows at every layer on its way back: layer 1 gets an enormous one. An update that size throws the weights far away, and the loss can become infinite. Clipping scales the whole gradient down to a fixed length, so every step stays a sensible size. Play both and watch the status line.',
			show: { depth: 12, width: 32, act: 'relu', init: 'normal', sigma: 3, residual: false, bn: false, compare: false, clip: 0, lr: 0.05 },
			seed: 1
		}
	]
};
