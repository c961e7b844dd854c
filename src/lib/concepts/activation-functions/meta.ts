import type { ConceptMeta } from '$lib/widget/contract';
import type { ActivationFunctionsParams } from './params';

export const meta: ConceptMeta<ActivationFunctionsParams> = {
	slug: 'activation-functions',
	topic: 'networks',
	title: 'Activation functions',
	summary: 'Sigmoid, tanh, ReLU and their successors, each with its slope: train the same network with two of them side by side and watch the loss, the boundary and the dead units.',
	interviewQuestion: 'Why does a neural network need a non-linear activation, and how do you choose one?',
	tags: ['deep learning', 'activations', 'ReLU', 'training'],
	related: ['vanishing-gradients', 'weight-init', 'logistic-regression'],
	thumbnail: 'A sigmoid and a ReLU curve crossing, with the flat ends of the sigmoid shaded.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'linear-collapse',
			prompt: 'A network of five layers with no activation at all (linear) learns the circle-in-a-ring data. After 300 steps, what does its decision boundary look like?',
			choices: [
				{ label: 'A curve around the inner circle: five layers are plenty', correct: false },
				{ label: 'A straight line, and the loss stays near 0.69', correct: true }
			],
			explanation:
				'Each layer multiplies its input by a matrix and adds a bias. Chain any number of those and you still have one matrix and one bias: the network computes w·x + b, a logistic regression in disguise. No straight line separates a circle from the ring around it, so the loss barely moves. Beside it, the ReLU network bends its boundary around the circle.',
			show: { act: 'linear', compare: true, act2: 'relu', dataset: 'circles', depth: 5, width: 16, opt: 'adam', lr: 0.03, init: 'he-normal' },
			seed: 1
		},
		{
			id: 'dead-relu',
			prompt: 'ReLU against leaky ReLU on the spirals, trained with Adam at a learning rate of 0.1. After 200 steps, what share of the ReLU network’s hidden units are dead?',
			choices: [
				{ label: 'Almost none: ReLU is the safe default', correct: false },
				{ label: 'A large share, a third or more; the leaky ReLU network has none', correct: true }
			],
			explanation:
				'A ReLU unit whose weighted input is negative on every training point outputs 0 everywhere and has slope 0 everywhere, so no gradient ever reaches its weights again: it is dead for good. Large steps push many units there. Leaky ReLU keeps a slope of 0.01 below zero, so a unit pushed there can still climb back.',
			show: { act: 'relu', compare: true, act2: 'leaky-relu', dataset: 'spiral', depth: 5, width: 16, opt: 'adam', lr: 0.1, init: 'he-normal' },
			seed: 1
		},
		{
			id: 'sigmoid-sgd',
			prompt: 'Plain SGD with learning rate 0.1, five layers, the circle-in-a-ring data: sigmoid against tanh. After 300 steps, which network has learned the circle?',
			choices: [
				{ label: 'Both: they are the same S shape', correct: false },
				{ label: 'Only tanh; the sigmoid network’s loss stays at about 0.69', correct: true }
			],
			explanation:
				'The sigmoid’s slope is at most 1/4, so every layer shrinks the gradient on its way back by four or more, and its outputs sit around 0.5 rather than 0, which shifts every layer’s input. tanh is the same S stretched to −1 … 1: slope 1 at the centre, outputs centred on zero. With the same plain steps, tanh learns and the sigmoid barely starts.',
			show: { act: 'sigmoid', compare: true, act2: 'tanh', dataset: 'circles', depth: 5, width: 16, opt: 'sgd', lr: 0.1, init: 'he-normal' },
			seed: 1
		}
	]
};
