import type { ConceptMeta } from '$lib/widget/contract';
import type { WeightInitParams } from './params';

export const meta: ConceptMeta<WeightInitParams> = {
	slug: 'weight-init',
	topic: 'networks',
	title: 'Weight initialisation',
	summary: 'Start the same network from zeros, from tiny or huge random weights, or from Xavier and He, and watch each layer’s signal fade, saturate or hold.',
	interviewQuestion: 'Why not initialise every weight to zero, and how large should random initial weights be?',
	tags: ['deep learning', 'initialisation', 'training'],
	related: ['vanishing-gradients'],
	thumbnail: 'Stacked histograms of layer outputs, narrowing layer by layer.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'zeros',
			prompt: 'Every weight starts at the same constant, 0.1. After 100 training steps, how many different units does layer 2 have?',
			choices: [
				{ label: 'Many: training breaks the tie', correct: false },
				{ label: 'One: they all stay copies of each other', correct: true }
			],
			explanation:
				'If every unit of a layer starts with the same weights, every unit computes the same output, receives the same gradient, and makes the same update. Nothing in training can tell them apart, so they stay identical forever: the layer acts like a single unit. Random starts exist to break this symmetry.',
			show: { init: 'constant', c: 0.1, act: 'tanh', depth: 6, width: 32, compare: false },
			seed: 1
		},
		{
			id: 'tiny',
			prompt: 'tanh units, weights drawn from N(0, 0.01²), ten layers. What happens to the spread of the outputs from layer 1 to layer 9?',
			choices: [
				{ label: 'It stays about the same: tanh keeps values between −1 and 1', correct: false },
				{ label: 'It shrinks by orders of magnitude', correct: true }
			],
			explanation:
				'Each layer adds up 64 inputs times weights of size 0.01, so its output is about 0.01 × √64 = 0.08 times as spread as its input, and tanh is nearly linear for such small values. Nine layers of that leave almost nothing: the last layers see a constant, and their gradients shrink the same way.',
			show: { init: 'normal', sigma: 0.01, act: 'tanh', depth: 10, width: 64, compare: false },
			seed: 1
		},
		{
			id: 'xavier',
			prompt: 'Same tanh network, now with Xavier initialisation. How does the spread at layer 9 compare with layer 1?',
			choices: [
				{ label: 'Within a factor of two', correct: true },
				{ label: 'Still many times smaller', correct: false }
			],
			explanation:
				'Xavier picks the weight variance 2 / (fan_in + fan_out), which for equal widths is 1 / fan_in: each layer then passes on its input’s spread, neither shrinking nor growing it. For ReLU, which zeroes half its inputs, He initialisation doubles that variance to 2 / fan_in.',
			show: { init: 'xavier-normal', act: 'tanh', depth: 10, width: 64, compare: true, init2: 'normal', sigma2: 0.01 },
			seed: 1
		}
	]
};
