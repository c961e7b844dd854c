import type { ConceptMeta } from '$lib/widget/contract';
import type { ForestParams } from './params';

export const meta: ConceptMeta<ForestParams> = {
	slug: 'random-forest',
	topic: 'classification',
	title: 'Random forests and boosting',
	summary: 'One deep tree, a forest of bootstrap trees and gradient-boosted shallow trees on the same points: boundaries, test and out-of-bag error, and the variance at a point.',
	interviewQuestion: 'Why does a random forest beat a single deep tree? What is out-of-bag error, and how does boosting differ from bagging?',
	tags: ['classification', 'random forest', 'bagging', 'boosting', 'out-of-bag error', 'variance'],
	related: ['decision-tree', 'bias-variance', 'cross-validation'],
	thumbnail: 'Two half-moons of points; a jagged tree boundary and a smoother forest boundary.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'variance',
			prompt: 'Refit on many fresh training sets. Between the moons, whose vote varies more: one deep tree or a forest of 50?',
			choices: [
				{ label: 'About the same: the forest is made of the same kind of trees', correct: false },
				{ label: 'The deep tree: its vote flips, the forest’s share moves far less', correct: true }
			],
			explanation: 'Averaging cancels much of each tree’s noise: B trees of correlation ρ have variance ρσ² + (1 − ρ)σ²/B.',
			show: { preset: 'moons', size: 200, noise: 0.1, features: 1, forestDepth: 20, probeX: 0.5, probeY: 0.5 },
			seed: 1
		},
		{
			id: 'oob',
			prompt: 'Without any test set, can the forest tell you its own test error?',
			choices: [
				{ label: 'No: the trees have seen every point', correct: false },
				{ label: 'Yes: score each point only by trees whose sample left it out', correct: true }
			],
			explanation: 'Each bootstrap sample misses about 37% of the points, so every point has trees that never saw it; their error tracks the test error.',
			show: { preset: 'moons', size: 200, noise: 0.1, maxTrees: 100 },
			seed: 1
		},
		{
			id: 'boosting',
			prompt: 'Boost depth-3 trees at rate 0.3 with 20% of labels flipped. What do more rounds do to the test error?',
			choices: [
				{ label: 'It keeps falling, like the forest’s', correct: false },
				{ label: 'It is lowest after a few rounds, then climbs above the forest’s', correct: true }
			],
			explanation: 'Each round chases what is still wrong, flipped labels too, so past its best round boosting overfits. Averaging never does.',
			show: { preset: 'moons', size: 200, noise: 0.2, boostDepth: 3, learningRate: 0.3, maxTrees: 200 },
			seed: 1
		}
	]
};
