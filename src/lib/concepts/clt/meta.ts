import type { ConceptMeta } from '$lib/widget/contract';
import type { CltParams } from './params';

export const meta: ConceptMeta<CltParams> = {
	slug: 'clt',
	topic: 'probability',
	title: 'The central limit theorem',
	summary: 'Average n draws from any distribution, many times: the averages turn normal, their spread shrinks like σ/√n — unless there is no σ.',
	interviewQuestion: 'What is the central limit theorem, why does it matter, and can you give a real-world example?',
	tags: ['statistics', 'sampling', 'normal distribution', 'monte carlo'],
	related: ['distributions', 'hypothesis-testing'],
	thumbnail: 'A skewed parent curve above a symmetric bell-shaped histogram of sample means with a dashed normal curve over it.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'spread',
			prompt: 'Means of n = 25 exponential draws (σ = 1). Quadruple n to 100. What happens to the spread of the means?',
			choices: [
				{ label: 'It falls to a quarter', correct: false },
				{ label: 'It halves: σ/√n goes from 0.2 to 0.1', correct: true }
			],
			explanation:
				'The variance of a mean of n independent draws is σ²/n, so its standard deviation is σ/√n. Four times the data buys half the spread, which is why precision is expensive.',
			show: { dist: 'exponential', n: 100 },
			seed: 1
		},
		{
			id: 'skew',
			prompt: 'Delivery times are skewed: most orders come in 20–40 minutes, a few take two hours. Is the mean of 30 orders’ times still skewed?',
			choices: [
				{ label: 'No: at n = 30 the means are exactly normal', correct: false },
				{ label: 'A little: the skewness shrinks like 1/√n, from about 2.3 for one order to about 0.41', correct: true }
			],
			explanation:
				'The theorem is about a limit. The skewness of a mean of n draws is the parent’s skewness divided by √n, so a strongly skewed parent leaves a visible lean at n = 30 — the Q–Q plot bends at the top. "n ≥ 30" is a rule of thumb, not a guarantee.',
			show: { dist: 'delivery', n: 30 },
			seed: 1
		},
		{
			id: 'cauchy',
			prompt: 'Average 1 000 draws from a Cauchy distribution, many times over. Are the averages close to 0?',
			choices: [
				{ label: 'Yes: with n = 1000 the averages are tightly packed', correct: false },
				{ label: 'No: they spread exactly as much as one draw does', correct: true }
			],
			explanation:
				'The theorem needs a finite variance, and the Cauchy distribution has no mean at all: its tails are so heavy that one wild draw can drag an average anywhere. The mean of n Cauchy draws has the same Cauchy distribution as a single draw.',
			show: { dist: 'cauchy', n: 1000 },
			seed: 1
		}
	]
};
