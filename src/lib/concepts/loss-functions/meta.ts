import type { ConceptMeta } from '$lib/widget/contract';
import type { LossParams } from './params';

export const meta: ConceptMeta<LossParams> = {
	slug: 'loss-functions',
	topic: 'regression',
	title: 'Squared error, absolute error and outliers',
	summary: 'Fit one set of points by squared error, absolute error and Huber; drag a point far away and see which line follows it.',
	interviewQuestion: 'What is the difference between squared error and absolute error as a loss? Which is more robust to outliers, and how else can you deal with outliers?',
	tags: ['regression', 'loss functions', 'outliers', 'robust statistics', 'huber', 'median'],
	related: ['regularisation', 'logistic-regression'],
	thumbnail: 'A scatter of points with one far outlier; a solid line tilted toward the outlier and a second line that ignores it.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'which-moves',
			prompt: 'One point sits far below the trend at the right edge. Which line tilts toward it most?',
			choices: [
				{ label: 'The squared-error line', correct: true },
				{ label: 'The absolute-error line', correct: false },
				{ label: 'Both equally', correct: false }
			],
			explanation:
				'Squared error grows with the square of a residual, so one big residual dominates the sum and the line pays almost anything to shrink it. Absolute error grows only linearly: the far point pulls with the same force as any other point above or below the line.',
			show: { preset: 'outlier', remove: false, winsorise: false },
			seed: 1
		},
		{
			id: 'constant',
			prompt: 'You must predict y with a single number. Which number minimises the mean absolute error?',
			choices: [
				{ label: 'The mean', correct: false },
				{ label: 'The median', correct: true },
				{ label: 'The midpoint of the range', correct: false }
			],
			explanation:
				'Move c up a little: it gets closer to every point above it and further from every point below. The absolute error falls while more points are above than below, so it is lowest where half are on each side — the median. Squared error is lowest at the mean.',
			show: { preset: 'heavy' },
			seed: 1
		},
		{
			id: 'rule',
			prompt: 'Drop every point whose residual is more than 3 robust standard deviations from the others. On plain, noisy data with no real outliers, how many points go?',
			choices: [
				{ label: 'None: the rule only catches real outliers', correct: false },
				{ label: 'Sometimes a few honest ones', correct: true }
			],
			explanation:
				'A removal rule cannot tell a rare honest value from a mistake. With 30 points the robust spread can come out small by chance, and then a few ordinary points fall outside 3 of them. Removing data needs a reason beyond the rule.',
			show: { preset: 'line', remove: true },
			seed: 1
		}
	]
};
