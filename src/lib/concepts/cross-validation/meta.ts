import type { ConceptMeta } from '$lib/widget/contract';
import type { CvParams } from './params';

export const meta: ConceptMeta<CvParams> = {
	slug: 'cross-validation',
	topic: 'regression',
	title: 'Cross-validation',
	summary: 'Split the data into k folds, hold each out in turn, and use the average error to choose a model — and see how a leak makes it lie.',
	interviewQuestion: 'What is k-fold cross-validation, how do you choose k, and what is a common mistake that makes the cross-validated score too optimistic?',
	tags: ['model selection', 'cross-validation', 'overfitting', 'data leakage', 'polynomial regression'],
	related: ['bias-variance', 'regularisation'],
	thumbnail: 'A row of five coloured folds with one held out, under a U-shaped curve of validation error against model complexity.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'pick',
			prompt: 'Training error always falls as the degree grows. What does the CV error do?',
			choices: [
				{ label: 'It falls too', correct: false },
				{ label: 'It falls, then rises again once the polynomial starts fitting noise', correct: true }
			],
			explanation:
				'Each fold is scored on points its fit never saw. A high degree bends to the noise of its training points and misses the held-out ones, so the CV error turns up: a U-shape whose bottom is close to the best degree on fresh data.',
			show: { part: 'choose', n: 40, degree: 3 },
			seed: 1
		},
		{
			id: 'leak',
			prompt: 'y is pure noise. You keep the 10 of 500 features most correlated with y, then run 5-fold CV. What error does CV report?',
			choices: [
				{ label: 'About 1, the error of guessing the mean', correct: false },
				{ label: 'Well below 1: the selection already saw the validation rows', correct: true }
			],
			explanation:
				'Among 500 noise columns some correlate with y by chance, on these very rows. Picking them on all the data builds that chance into every fold, so the validation rows are no longer unseen. Put the selection inside the loop and the CV error goes back to about 1.',
			show: { part: 'leakage', n: 50, features: 500, selected: 10 },
			seed: 1
		},
		{
			id: 'small-k',
			prompt: 'With only 40 points, how does 2-fold CV compare with leave-one-out?',
			choices: [
				{ label: '2-fold overestimates the error more: each fit sees only half the data', correct: true },
				{ label: 'They agree on average; they differ only in spread', correct: false }
			],
			explanation:
				'Each 2-fold model trains on 20 points, so it is worse than the model fitted on all 40 that you would ship, and its CV error is biased upward. Leave-one-out trains on 39: nearly unbiased, at n fits per estimate. 5 or 10 folds is the usual compromise.',
			show: { part: 'choose', n: 40, degree: 5 },
			seed: 1
		}
	]
};
