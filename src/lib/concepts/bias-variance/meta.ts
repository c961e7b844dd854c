import type { ConceptMeta } from '$lib/widget/contract';
import type { BiasVarianceParams } from './params';

export const meta: ConceptMeta<BiasVarianceParams> = {
	slug: 'bias-variance',
	topic: 'regression',
	title: 'The bias–variance trade-off',
	summary: 'Fit the same model to hundreds of noisy training sets and watch bias² and variance trade places as the model grows.',
	interviewQuestion: 'What are bias and variance, and why does a more flexible model not always predict better?',
	tags: ['generalisation', 'regression', 'model selection'],
	related: ['cross-validation', 'regularisation', 'decision-tree'],
	thumbnail: 'A sine curve with many faint fitted curves around it and their bold average.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'degree',
			prompt: 'Thirty noisy points, and the polynomial degree goes from 3 to 12. What happens to bias² and variance?',
			choices: [
				{ label: 'Both fall: a bigger model is simply better', correct: false },
				{ label: 'Bias² stays small, but variance grows many times over', correct: true }
			],
			explanation:
				'Degree 3 can already follow sin(2πx) closely, so there is little bias left to remove. Degree 12 has so many coefficients that each fit chases the noise in its own 30 points: the fits disagree wildly with each other, and that disagreement is the variance. The test error follows the variance up.',
			show: { truth: 'sin', noise: 0.3, n: 30, sets: 200, model: 'poly', degree: 12, ridge: false },
			seed: 1
		},
		{
			id: 'knn',
			prompt: 'k nearest neighbours with k = 1: each prediction copies its nearest training point. High bias or high variance?',
			choices: [
				{ label: 'High bias: one point is too little to learn from', correct: false },
				{ label: 'High variance: every training set gives a different jagged fit', correct: true }
			],
			explanation:
				'With k = 1 the prediction is one noisy y value, so it changes completely from one training set to the next: variance is about σ², the whole noise. On average it is right, though — the nearest point is usually close, so bias² is small. Larger k averages more points: less variance, more bias.',
			show: { truth: 'sin', noise: 0.3, n: 30, sets: 200, model: 'knn', k: 1 },
			seed: 1
		},
		{
			id: 'more-data',
			prompt: 'Keep the wiggly degree-12 polynomial but give it 200 points per training set instead of 30. What changes most?',
			choices: [
				{ label: 'Bias²: more data makes the average fit more accurate', correct: false },
				{ label: 'Variance: with more points each fit is pinned down, so the fits agree', correct: true }
			],
			explanation:
				'Bias is about the model family — what the best degree-12 polynomial can do — so more data barely changes it. Variance is about how much a fit depends on its particular sample, and that falls roughly like 1/n. More data is the cure for variance, not for bias.',
			show: { truth: 'sin', noise: 0.3, n: 200, sets: 200, model: 'poly', degree: 12, ridge: false },
			seed: 1
		}
	]
};
