import type { ConceptMeta } from '$lib/widget/contract';
import type { NaiveBayesParams } from './params';

export const meta: ConceptMeta<NaiveBayesParams> = {
	slug: 'naive-bayes',
	topic: 'classification',
	title: 'Naive Bayes and correlated features',
	summary: 'Naive Bayes treats features as independent: give it two correlated ones and it counts the same evidence twice, so its probabilities are too sure.',
	interviewQuestion: 'What does naive Bayes assume, and what happens to its probabilities when two features are strongly correlated?',
	tags: ['classification', 'naive Bayes', 'independence', 'calibration', 'log-loss', 'Brier score'],
	related: ['probability-puzzles', 'correlation', 'logistic-regression'],
	thumbnail: 'Two probability curves across a boundary: a gentle true one and a steeper naive Bayes one, with a reliability plot bending away from the diagonal.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'copies',
			prompt: 'Feature 2 is an exact copy of feature 1 (ρ = 1). How do naive Bayes’s log-odds compare with the true ones?',
			choices: [
				{ label: 'About the same: a copy adds no information, so nothing changes', correct: false },
				{ label: 'About twice as large: the copy’s evidence is counted a second time', correct: true }
			],
			explanation: 'Naive Bayes adds one evidence term per feature. A copy gives exactly the same term again, so the evidence part of the log-odds doubles and the probabilities are pushed towards 0 and 1: overconfident.',
			show: { preset: 'gaussians', rho: 1, separation: 1, prior: 0.5, n: 100, probeX: 1, probeY: 1 },
			seed: 1
		},
		{
			id: 'more-data',
			prompt: 'With ρ = 0.9, press Step until the training set has thousands of points. Does naive Bayes become calibrated?',
			choices: [
				{ label: 'Yes: with enough data the estimates converge and the error goes away', correct: false },
				{ label: 'No: its log-loss levels off above the true model’s and the reliability curve stays off the diagonal', correct: true }
			],
			explanation: 'More data makes the fitted means and variances exact, but the error is in the model: it still multiplies the two features’ likelihoods as if they were independent. The gap to the truth is a bias, not noise.',
			show: { preset: 'gaussians', rho: 0.9, separation: 1, prior: 0.5, n: 100 },
			seed: 1
		},
		{
			id: 'independent',
			prompt: 'Set ρ = 0, so the features really are independent within each class. How does naive Bayes do?',
			choices: [
				{ label: 'As well as the true model, up to sampling noise', correct: true },
				{ label: 'Still overconfident: naive Bayes always is', correct: false }
			],
			explanation: 'When the assumption holds, naive Bayes is the right model: its two evidence terms are separate pieces of evidence, and its curves lie on the truth’s.',
			show: { preset: 'gaussians', rho: 0, separation: 1, prior: 0.5, n: 400 },
			seed: 1
		}
	]
};
