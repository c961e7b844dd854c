import type { ConceptMeta } from '$lib/widget/contract';
import type { BatchNormParams } from './params';

export const meta: ConceptMeta<BatchNormParams> = {
	slug: 'batch-norm',
	topic: 'networks',
	title: 'Batch normalisation',
	summary: 'Train the same deep network with and without batch norm: watch each layer’s inputs, the loss, the largest learning rate each survives, and what small batches do to training and inference.',
	interviewQuestion: 'What does batch normalisation do, why does it let you train faster, and why does it behave differently at training and at inference time?',
	tags: ['deep learning', 'normalisation', 'batch size', 'learning rate', 'training'],
	related: ['vanishing-gradients', 'weight-init', 'activation-functions', 'gradient-descent'],
	thumbnail: 'Two stacks of layer histograms: drifting and widening on the left, the same narrow bell on every layer on the right.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'large-rate',
			prompt: 'Ten ReLU layers, plain SGD with a learning rate of 1, batches of 32. After 150 steps, which network has learnt the circle in the ring?',
			choices: [
				{ label: 'Both: a learning rate of 1 is fine for a small network', correct: false },
				{ label: 'Only the one with batch norm; the other stalls at 0.69 or blows up', correct: true },
				{ label: 'Only the one without: batch norm adds noise that stops it', correct: false }
			],
			explanation:
				'Without batch norm, a step this large changes the early layers so much that the layers above see inputs of a quite different size from one step to the next; the updates overshoot, and either the ReLU units go silent and the loss sits at 0.69 (the loss of guessing) or the numbers blow up. With batch norm every layer’s input is brought back to mean 0 and spread 1 whatever the weights below did, so a big step cannot blow the signal up or shrink it away. Run the sweep under the plots to see how far each one goes.',
			show: { compare: true, lr: 1, depth: 10, width: 32, act: 'relu', init: 'he-normal', batch: 32, opt: 'sgd', dataset: 'circles' },
			seed: 1
		},
		{
			id: 'small-batch',
			prompt: 'Now batches of 4 points, learning rate 0.3. After 200 steps, how do batch norm’s loss in training mode and in inference mode compare?',
			choices: [
				{ label: 'About the same, as with batches of 32', correct: false },
				{ label: 'Far apart: the two modes now see different networks', correct: true }
			],
			explanation:
				'In training mode each point is normalised with the mean and variance of its own batch; with four points those are rough guesses, different for every batch, so the same point comes out differently each time (the dots in the batch-statistics chart spread by about 1/√4 = 0.5 of a standard deviation). Inference mode uses the running averages instead, steady numbers the network never trained with. With batches of 32 the two are close and the gap nearly vanishes.',
			show: { compare: true, lr: 0.3, depth: 10, width: 32, act: 'relu', init: 'he-normal', batch: 4, opt: 'sgd', dataset: 'circles' },
			seed: 1
		},
		{
			id: 'tiny-init',
			prompt: 'Start every weight tiny, from N(0, 0.01²), in ten ReLU layers. After 200 steps at a learning rate of 0.3, which network learns?',
			choices: [
				{ label: 'Neither: the signal is gone after a few layers', correct: false },
				{ label: 'Only the one with batch norm', correct: true }
			],
			explanation:
				'Each layer shrinks its input by about 0.01 × √32 ≈ 0.06, so without batch norm the top layers see almost nothing and their gradients are as small: the loss stays at 0.69. Batch norm divides each layer’s input by its own spread, so the scale of the weights no longer matters to the next layer; the network trains as if it had been started well.',
			show: { compare: true, lr: 0.3, depth: 10, width: 32, act: 'relu', init: 'normal', sigma: 0.01, batch: 32, opt: 'sgd', dataset: 'circles' },
			seed: 1
		}
	]
};
