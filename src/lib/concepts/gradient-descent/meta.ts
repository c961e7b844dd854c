import type { ConceptMeta } from '$lib/widget/contract';
import type { GradientDescentParams } from './params';

export const meta: ConceptMeta<GradientDescentParams> = {
	slug: 'gradient-descent',
	topic: 'optimisation',
	title: 'Gradient descent and its optimizers',
	summary: 'SGD, Momentum, RMSProp, Adam and friends side by side on the same surface; batch vs mini-batch vs SGD; learning-rate schedules.',
	interviewQuestion: 'How do SGD, Momentum and Adam differ, and when does the batch size or the learning rate matter?',
	tags: ['optimisation', 'deep learning', 'training'],
	related: ['loss-functions', 'vanishing-gradients', 'logistic-regression'],
	thumbnail: 'Contour lines of a long narrow valley with two paths: one zig-zagging across it, one curving smoothly down it.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'ravine',
			prompt: 'A bowl 50 times steeper in one direction than the other. With the same learning rate, which reaches the bottom first: plain SGD or Momentum?',
			choices: [
				{ label: 'SGD: momentum only makes it overshoot', correct: false },
				{ label: 'Momentum: it builds up speed along the flat direction', correct: true }
			],
			explanation:
				'The learning rate has to be small enough for the steep direction, so along the flat one plain SGD crawls. Momentum adds up the small, consistent steps along the flat direction and they grow, while its swings across the steep direction partly cancel out.',
			show: { surface: 'quadratic', cond: 50, opt: ['sgd', 'momentum'], lr: 0.01, momentum: 0.9, steps: 300, tol: 0.0001, x0: -1.7, y0: 1.5, schedule: 'constant', noise: 0 },
			seed: 1
		},
		{
			id: 'too-large',
			prompt: 'A bowl 10 times steeper along y than along x. Raise the learning rate just past 2 divided by that steepest curvature (2/10 = 0.2). What does plain SGD do?',
			choices: [
				{ label: 'It gets there twice as fast', correct: false },
				{ label: 'It bounces further each step and flies off', correct: true }
			],
			explanation:
				'Along a direction with curvature λ, one SGD step multiplies the distance to the minimum by (1 − η·λ). When η·λ is above 2 that factor is below −1: every step overshoots by more than it corrects, and the run diverges. Here λ = 10 along y, so anything above η = 0.2 blows up.',
			show: { surface: 'quadratic', cond: 10, opt: ['sgd'], lr: 0.21, steps: 300, tol: 0.0001, x0: -1.7, y0: 1.5, schedule: 'constant', noise: 0 },
			seed: 1
		},
		{
			id: 'saddle',
			prompt: 'Starting almost exactly on the ridge of a saddle, which escapes first: SGD or Adam?',
			choices: [
				{ label: 'SGD: it follows the true gradient', correct: false },
				{ label: 'Adam: it rescales the tiny sideways gradient into a full-size step', correct: true }
			],
			explanation:
				'Near the ridge the gradient across it is tiny, so SGD’s sideways steps are tiny and it lingers by the saddle point. Adam divides each coordinate by the size of its recent gradients, so even a tiny but consistent sideways gradient turns into a step of about the learning rate.',
			show: { surface: 'saddle', opt: ['sgd', 'adam'], lr: 0.05, steps: 300, tol: 0.0001, x0: -1.8, y0: 0.001, schedule: 'constant', noise: 0 },
			seed: 1
		}
	]
};
