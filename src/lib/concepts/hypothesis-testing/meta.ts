import type { ConceptMeta } from '$lib/widget/contract';
import type { TestParams } from './params';

export const meta: ConceptMeta<TestParams> = {
	slug: 'hypothesis-testing',
	topic: 'probability',
	title: 'Hypothesis tests and A/B testing: p-values and their pitfalls',
	summary: 'Thousands of simulated A/B tests: p-values that are flat when nothing changed, power, the sample size you need — and how peeking, many metrics and small samples fool you.',
	interviewQuestion: 'You ran an A/B test and got p = 0.03. What does that mean — and what could make it wrong?',
	tags: ['statistics', 'p-values', 'a/b testing', 'power', 'multiple testing', 'monte carlo'],
	related: ['clt', 'imbalanced-data'],
	thumbnail: 'A flat histogram of p-values with a dashed line at α, beside a p-value path that dips below α at one look and climbs back.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'peeking',
			prompt: 'B is no better than A. You check the p-value after every tenth of the traffic and stop as soon as p < 0.05. How often do you declare a winner?',
			choices: [
				{ label: 'About 5% of the time: that is what α = 0.05 means', correct: false },
				{ label: 'About 19%: each look is another chance to cross 0.05 by luck', correct: true }
			],
			explanation:
				'α = 0.05 holds for one test at a sample size fixed in advance. The p-value wanders as users arrive, and ten looks give it ten chances to dip below 0.05; stopping at the first dip keeps the lucky ones. With ten evenly spaced looks about 19% of A/A tests "win". Sequential designs (alpha spending) or one look at the planned n keep the 5%.',
			show: { pitfall: 'peeking', peeks: 10, base: 0.1, rate_b: 0.1, n: 2000 },
			seed: 1
		},
		{
			id: 'metrics',
			prompt: 'Nothing changed, but the dashboard compares 20 independent metrics, each at α = 0.05. What is the chance at least one shows a "significant" difference?',
			choices: [
				{ label: 'Still 5%', correct: false },
				{ label: '1 − 0.95²⁰ ≈ 64%', correct: true }
			],
			explanation:
				'Each metric has a 95% chance of staying quiet, so all 20 stay quiet with probability 0.95²⁰ ≈ 0.36. Reporting whichever metric wins is reporting noise almost two times in three. Testing each at α/20 (Bonferroni) brings the chance of any false win back under 5%, at the price of power.',
			show: { pitfall: 'metrics', metrics: 20, bonferroni: false, base: 0.1, rate_b: 0.12 },
			seed: 1
		},
		{
			id: 'small',
			prompt: 'B really converts 12% against A’s 10%. You test with 200 users per arm. How likely is a significant result, and how big is the lift it reports?',
			choices: [
				{ label: 'Likely, and about right: +2 points', correct: false },
				{ label: 'About 1 in 10, and the wins report a lift nearly 4 times too big', correct: true }
			],
			explanation:
				'With 200 users the standard error of the difference is about 3 points, larger than the 2-point lift, so the test detects it only about one time in ten. The experiments that do cross p < 0.05 are the ones where luck inflated the difference: the significant lifts average nearly four times the truth. This design needs about 3841 users per arm for 80% power.',
			show: { pitfall: 'small', n: 200, base: 0.1, rate_b: 0.12 },
			seed: 1
		}
	]
};
