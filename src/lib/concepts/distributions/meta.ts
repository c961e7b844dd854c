import type { ConceptMeta } from '$lib/widget/contract';
import type { DistributionsParams } from './params';

export const meta: ConceptMeta<DistributionsParams> = {
	slug: 'distributions',
	topic: 'probability',
	title: 'Bernoulli, binomial and skew',
	summary: 'Count successes in n trials against the exact binomial and its normal approximation; skew a distribution and watch mean, median and mode part.',
	interviewQuestion:
		'What are the Bernoulli and binomial distributions, and when is the normal a good approximation? A left-skewed distribution has median 60: what can you say about its mean and mode?',
	tags: ['statistics', 'probability', 'binomial', 'skewness', 'normal approximation', 'monte carlo'],
	related: ['clt'],
	thumbnail: 'Dots of a binomial probability mass function with a dashed normal curve over them, and a skewed curve with three marker lines.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'left-skew',
			prompt: 'Test scores are skewed to the left and their median is 60. Where are the mean and the mode?',
			choices: [
				{ label: 'Mean above 60, mode below', correct: false },
				{ label: 'Mean below 60, mode above', correct: true },
				{ label: 'Both at 60', correct: false }
			],
			explanation:
				'A left skew is a long tail of low scores. Those few low values drag the mean down, past the median; the mode sits at the peak, which is on the high side. Usually: mean < median < mode — usually, not always.',
			show: { part: 'skew', shape: 'skewed', skew: -6 },
			seed: 1
		},
		{
			id: 'rare-event',
			prompt: 'A rare event: 20 trials with p = 0.05 each. Is the number of successes close to normal?',
			choices: [
				{ label: 'Yes: a count of many trials is always about normal', correct: false },
				{ label: 'No: np(1 − p) is under 1, far below the rule’s 10', correct: true }
			],
			explanation:
				'With a mean of 1 success the counts pile up at 0 and 1 and trail off to the right. The normal with the same mean and variance is symmetric, so it gives a large chance to negative counts, which cannot happen. The approximation needs np(1 − p) of about 10 or more.',
			show: { part: 'binomial', n: 20, p: 0.05 },
			seed: 1
		},
		{
			id: 'rule-breaks',
			prompt: 'A distribution has a positive skewness. Must its mean be above its median?',
			choices: [
				{ label: 'Yes: that is what a right skew means', correct: false },
				{ label: 'No: the ordering is a rule of thumb', correct: true }
			],
			explanation:
				'Skewness is a third moment: a few far values, cubed, can make it positive while the bulk of the distribution leans left. Here one score in a hundred sits far out on the right: the skewness is positive, yet mean < median < mode. Binomial(10, 0.1) is another: skewness 0.84, but mean, median and mode are all 1.',
			show: { part: 'skew', shape: 'exception' },
			seed: 1
		}
	]
};
