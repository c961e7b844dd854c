import type { ConceptMeta } from '$lib/widget/contract';
import type { ActiveParams } from './params';

export const meta: ConceptMeta<ActiveParams> = {
	slug: 'active-learning',
	topic: 'classification',
	title: 'Active learning',
	summary: 'A model picks which point to label next: random, least confidence, margin or entropy, and how accuracy grows with each label.',
	interviewQuestion: 'What is active learning? How do uncertainty sampling strategies choose the next point, and when do they beat random sampling?',
	tags: ['classification', 'active learning', 'uncertainty sampling', 'entropy', 'margin', 'labelling budget'],
	related: ['logistic-regression', 'cross-validation'],
	thumbnail: 'Grey points around a curved boundary, a few coloured labelled points, one ringed point on the boundary, and a rising accuracy curve.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'two-classes',
			prompt: 'Two moons, two classes. How far apart are the curves of least confidence, margin and entropy?',
			choices: [
				{ label: 'Clearly apart: entropy uses every probability, so it picks better points', correct: false },
				{ label: 'Not at all: they pick exactly the same points', correct: true }
			],
			explanation: 'With two classes every score depends only on how far p is from ½: 1 − max p, the margin |2p − 1| and the entropy all rank the pool the same way, so all three label the same points and their curves coincide.',
			show: { preset: 'moons', features: 'rbf', strategy: 'entropy' },
			seed: 1
		},
		{
			id: 'three-classes',
			prompt: 'Three clouds, three classes. Do the three uncertainty strategies still agree?',
			choices: [
				{ label: 'Yes, they always pick the same point', correct: false },
				{ label: 'No: they weigh the three probabilities differently and their picks part', correct: true }
			],
			explanation: 'Least confidence looks only at the top class, margin at the top two, entropy at all three. A point at (0.5, 0.5, 0) has a margin of 0 but a lower entropy than one at (0.4, 0.3, 0.3), so the rankings differ and so do the curves, though on easy data not by much.',
			show: { preset: 'three', features: 'linear', strategy: 'least' },
			seed: 1
		},
		{
			id: 'overlap',
			prompt: 'Two overlapping clouds. Does uncertainty sampling beat random picks here?',
			choices: [
				{ label: 'Yes, asking where the model is unsure always helps', correct: false },
				{ label: 'No: it is no better, it keeps asking about the overlap, where labels are a coin toss', correct: true }
			],
			explanation: 'In the overlap both classes are mixed, so a label there barely moves the best boundary, yet that is where the model is least sure. Random picks spread over the whole cloud and pin the boundary down just as fast or faster.',
			show: { preset: 'blobs', features: 'linear', strategy: 'margin' },
			seed: 1
		}
	]
};
