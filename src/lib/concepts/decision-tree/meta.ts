import type { ConceptMeta } from '$lib/widget/contract';
import type { TreeParams } from './params';

export const meta: ConceptMeta<TreeParams> = {
	slug: 'decision-tree',
	topic: 'classification',
	title: 'Decision trees',
	summary: 'Grow a tree one split at a time: every threshold scored by information gain or Gini, the boxes it cuts, and how a deep tree overfits.',
	interviewQuestion: 'How does a decision tree choose its splits? What are entropy and information gain, and why does a deep tree overfit?',
	tags: ['classification', 'decision tree', 'entropy', 'information gain', 'Gini impurity', 'overfitting'],
	related: ['bias-variance', 'logistic-regression', 'random-forest'],
	thumbnail: 'Points of two colours on a plane cut into rectangles by vertical and horizontal lines, each rectangle shaded with the class it predicts.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'xor',
			prompt: 'On checkerboard data (class B in two opposite quarters), how good is the very first split?',
			choices: [
				{ label: 'Good: it cuts along one of the two lines through the middle', correct: false },
				{ label: 'Poor: no single cut separates much, every candidate gains only a few hundredths of a bit', correct: true }
			],
			explanation: 'Any cut leaves about half of each class on both sides, so the gain curve stays low. Only the second level of splits pulls the quarters apart: a greedy tree cannot see a good pair of cuts ahead.',
			show: { preset: 'xor', criterion: 'entropy', maxDepth: 4, minLeaf: 1 },
			seed: 1
		},
		{
			id: 'deep',
			prompt: 'On two overlapping clouds, let the tree grow to depth 10 with leaves of one point allowed. What happens to accuracy on fresh test points?',
			choices: [
				{ label: 'It keeps rising with depth, like the training accuracy', correct: false },
				{ label: 'It peaks at a small depth and then falls while training accuracy reaches 100%', correct: true }
			],
			explanation: 'Deep splits carve tiny boxes around single points on the wrong side of the overlap: training accuracy reaches 100% while accuracy on fresh points falls. A depth limit or a larger minimum leaf stops it.',
			show: { preset: 'blobs', maxDepth: 10, minLeaf: 1 },
			seed: 1
		},
		{
			id: 'gini',
			prompt: 'On the diagonal data, switch the criterion from entropy to Gini. Where does the first split go?',
			choices: [
				{ label: 'Somewhere quite different: the two measure different things', correct: false },
				{ label: 'To the same threshold: the two curves have nearly the same shape', correct: true }
			],
			explanation: 'Both are zero for a pure node and largest at 50/50, Gini about half the entropy all along, so the gain curves rise and fall together. Deeper down, where candidates are close, the two can differ.',
			show: { preset: 'diagonal', criterion: 'gini', maxDepth: 4, minLeaf: 1 },
			seed: 1
		}
	]
};
