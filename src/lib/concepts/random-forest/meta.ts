import type { ConceptMeta } from '$lib/widget/contract';
import type { ForestParams } from './params';

export const meta: ConceptMeta<ForestParams> = {
	slug: 'random-forest',
	topic: 'classification',
	title: 'Random forests and boosting',
	summary: 'One deep tree, a forest of bootstrap trees and gradient-boosted shallow trees on the same points: boundaries, test and out-of-bag error, and the variance at a point.',
	interviewQuestion: 'Why does a random forest beat a single deep tree? What is out-of-bag error, and how does boosting differ from bagging?',
	tags: ['classification', 'random forest', 'bagging', 'boosting', 'out-of-bag error', 'variance'],
	thumbnail: 'Two interleaved half-moons of points; a jagged boundary of one tree beside the smoother boundary of a forest.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'variance',
			prompt: 'Refit on fresh training sets many times. At a point between the two moons, whose prediction jumps around more: one deep tree, or a forest of 50?',
			choices: [
				{ label: 'About the same: the forest is made of the same kind of trees', correct: false },
				{ label: 'The deep tree: its vote flips between 0 and 1, the forest’s share moves far less', correct: true }
			],
			explanation: 'Each tree is noisy, but their errors partly cancel in the average: the variance of a mean of B trees with correlation ρ is ρσ² + (1 − ρ)σ²/B. Only the shared part ρσ² is left.',
			show: { preset: 'moons', size: 200, noise: 0.1, features: 1, forestDepth: 20, probeX: 0.5, probeY: 0.5 },
			seed: 1
		},
		{
			id: 'oob',
			prompt: 'Without any test set, can the forest tell you its own test error?',
			choices: [
				{ label: 'No: every tree has seen the training points', correct: false },
				{ label: 'Yes, roughly: each point is scored only by the trees whose bootstrap sample left it out', correct: true }
			],
			explanation: 'About 37% of the points are missing from each bootstrap sample, so every point has a forest of its own that never saw it. After a few dozen trees the out-of-bag error follows the test error closely.',
			show: { preset: 'moons', size: 200, noise: 0.1, maxTrees: 100 },
			seed: 1
		},
		{
			id: 'boosting',
			prompt: 'Boost trees of depth 3 at learning rate 0.3 on moons with a fifth of the labels flipped. What do more rounds do to boosting’s test error?',
			choices: [
				{ label: 'It keeps falling, like the forest’s', correct: false },
				{ label: 'It is lowest after a few rounds, then climbs above the forest’s: later rounds fit the noise', correct: true }
			],
			explanation: 'Boosting adds trees that chase what the model still gets wrong, including flipped labels, so past its best round it overfits: early stopping or a smaller learning rate is the cure. The forest only averages independent trees: more trees never make it worse.',
			show: { preset: 'moons', size: 200, noise: 0.2, boostDepth: 3, learningRate: 0.3, maxTrees: 200 },
			seed: 1
		}
	]
};
