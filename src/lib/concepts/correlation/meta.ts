import type { ConceptMeta } from '$lib/widget/contract';
import type { CorrelationParams } from './params';

export const meta: ConceptMeta<CorrelationParams> = {
	slug: 'correlation',
	topic: 'probability',
	title: 'Pearson vs Spearman vs Kendall',
	summary: 'Drag points and watch three correlation coefficients disagree: straight lines, ranks, and pairs that agree.',
	interviewQuestion: 'When would you use Spearman’s or Kendall’s correlation instead of Pearson’s?',
	tags: ['statistics', 'correlation', 'robustness'],
	related: ['hypothesis-testing', 'loss-functions'],
	thumbnail: 'A curved rising cloud of points with its straight least-squares line, beside the same points in rank space lying on a diagonal.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'exp',
			prompt: 'y = eˣ for x = 1, 2, …, 100. Every step right is a step up. Which coefficient reaches 1?',
			choices: [
				{ label: 'Pearson: y is a function of x, so the correlation is perfect', correct: false },
				{ label: 'Spearman (and Kendall): the ranks line up exactly, the values do not lie on a line', correct: true }
			],
			explanation:
				'Pearson measures how well a straight line fits. eˣ is flat for most of the range and shoots up at the end, so a line fits badly and r stays low. Spearman only looks at the order: the largest x has the largest y, the second largest the second largest, and so on, so ρ is exactly 1. Kendall agrees: every pair of points rises together.',
			show: { preset: 'exp' },
			seed: 1
		},
		{
			id: 'anscombe',
			prompt: 'Anscombe’s four data sets look nothing alike: a line, a curve, a line with one outlier, and a vertical stack with one far point. What about their Pearson r?',
			choices: [
				{ label: 'Very different: r reflects the shape', correct: false },
				{ label: 'The same, about 0.82, for all four', correct: true }
			],
			explanation:
				'Anscombe built them so that the means, variances, least-squares line and Pearson r agree to two decimals. The ranks tell them apart: in set IV ten of the eleven x values are tied, so Spearman and Kendall come out far lower than in set I. One number cannot describe a scatter plot; look at it.',
			show: { preset: 'anscombe-4' },
			seed: 1
		},
		{
			id: 'u-shape',
			prompt: 'y = x² plus a little noise, for x from −3 to 3. y clearly depends on x. What do the coefficients say?',
			choices: [
				{ label: 'Spearman catches it, since it handles curves', correct: false },
				{ label: 'All three are near zero', correct: true }
			],
			explanation:
				'Spearman and Kendall handle curves that keep going one way (monotonic). A U goes down and then up: the left half says "negative", the right half "positive", and they cancel. Zero correlation means no monotonic trend, not no relation.',
			show: { preset: 'u-shape' },
			seed: 1
		}
	]
};
