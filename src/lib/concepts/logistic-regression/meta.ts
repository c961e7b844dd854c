import type { ConceptMeta } from '$lib/widget/contract';
import type { LogisticParams } from './params';

export const meta: ConceptMeta<LogisticParams> = {
	slug: 'logistic-regression',
	topic: 'regression',
	title: 'Logistic regression',
	summary: 'Train a linear classifier by gradient descent on the log-loss: the boundary, the sigmoid of each score, and what goes wrong on separable data.',
	interviewQuestion: 'How does logistic regression work, why is it trained with log-loss rather than squared error, and what happens when the classes are perfectly separable?',
	tags: ['classification', 'logistic regression', 'log-loss', 'sigmoid', 'gradient descent', 'regularisation'],
	related: ['imbalanced-data', 'decision-tree', 'loss-functions', 'kernel-trick', 'naive-bayes'],
	thumbnail: 'Two clouds of coloured points split by a straight boundary line, with the probability fading from one side to the other.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'separable',
			prompt: 'The two classes can be split perfectly by a line. Train without any penalty: where do the weights end up?',
			choices: [
				{ label: 'At the line with the widest margin', correct: false },
				{ label: 'Nowhere: they grow for as long as you train', correct: true }
			],
			explanation:
				'With every point on its side, making the weights bigger makes every prediction more confident and the log-loss smaller, without end. The boundary settles but the weights do not. An L2 penalty stops it: beyond some size, bigger weights cost more than they save.',
			show: { preset: 'separable', l2: 0 },
			seed: 1
		},
		{
			id: 'squared',
			prompt: 'A point of class B gets a score of −6 (the model is confidently wrong). Which loss pushes back harder?',
			choices: [
				{ label: 'Squared error of σ(z)', correct: false },
				{ label: 'Log-loss', correct: true }
			],
			explanation:
				'σ(−6) is about 0.0025, so the squared error (1 − σ)² is almost exactly 1 and almost flat: its slope is near zero. The log-loss −log σ(z) is about 6 and still rising with slope near 1, so gradient descent moves the weights.',
			show: { preset: 'overlap' },
			seed: 1
		},
		{
			id: 'imbalance',
			prompt: 'Make 90% of the points class A. What happens to the boundary?',
			choices: [
				{ label: 'It stays where it was', correct: false },
				{ label: 'It moves into class B’s side: predicting A is right more often', correct: true }
			],
			explanation:
				'The log-loss averages over points, so the majority class counts nine times as much. The bias shifts toward predicting A, and the boundary moves toward the minority class. Accuracy can look high while B is often missed.',
			show: { preset: 'overlap', share: 0.9 },
			seed: 1
		}
	]
};
