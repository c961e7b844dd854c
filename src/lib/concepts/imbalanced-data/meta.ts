import type { ConceptMeta } from '$lib/widget/contract';
import type { ImbalancedParams } from './params';

export const meta: ConceptMeta<ImbalancedParams> = {
	slug: 'imbalanced-data',
	topic: 'classification',
	title: 'Imbalanced classes',
	summary: 'When positives are rare, accuracy flatters a useless model: watch precision, recall and the PR curve, and try the usual remedies.',
	interviewQuestion: 'How do you handle an imbalanced data set, and why is accuracy misleading when one class is rare?',
	tags: ['imbalanced data', 'accuracy paradox', 'precision', 'recall', 'F1', 'ROC', 'precision–recall', 'SMOTE', 'class weights', 'resampling', 'threshold'],
	related: ['logistic-regression', 'hypothesis-testing', 'active-learning'],
	thumbnail: 'A large cloud of blue points with a few orange ones, beside a 2 × 2 confusion matrix whose top-left cell is small.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'paradox',
			prompt: 'Only 1% of the points are positive. A classifier says "negative" to every single one. What is its accuracy?',
			choices: [
				{ label: 'About 50%: it is no better than a coin', correct: false },
				{ label: 'About 99%, with a recall of 0', correct: true }
			],
			explanation:
				'Accuracy counts right answers of both kinds, and 99 in 100 answers are "negative". The plain model here is not much better than that baseline on accuracy, yet its recall is low. Balanced accuracy, recall and the PR curve show the difference that accuracy hides.',
			show: { minority: 1, threshold: 0.5, tune: false, weights: false, oversample: false, smote: false, undersample: false },
			seed: 1
		},
		{
			id: 'weights',
			prompt: 'With 1% positives, you turn on class weights. What happens to recall and precision at threshold 0.5?',
			choices: [
				{ label: 'Recall rises a lot and precision falls: the boundary moves into the majority', correct: true },
				{ label: 'Both rise: the model simply gets better', correct: false }
			],
			explanation:
				'Weighting makes each class count the same in the loss, which shifts the scores of every point upward, much as lowering the threshold would. More positives are caught and many more negatives are flagged. The ROC AUC, which does not depend on any threshold, hardly moves.',
			show: { minority: 1, threshold: 0.5, tune: false, weights: true, oversample: false, smote: false, undersample: false },
			seed: 1
		},
		{
			id: 'auc',
			prompt: 'At 0.5% positives, which area says more about how useful the scores are: ROC AUC or PR AUC?',
			choices: [
				{ label: 'ROC AUC: it is high, so the model is good', correct: false },
				{ label: 'PR AUC: it shows how many false alarms come with each positive found', correct: true }
			],
			explanation:
				'The false positive rate divides by the huge number of negatives, so thousands of false alarms still look like a small rate and the ROC curve stays high. Precision divides by the points flagged, so it feels every false alarm. The PR area is far below the ROC area here.',
			show: { minority: 0.5, threshold: 0.5, tune: false, weights: false, oversample: false, smote: false, undersample: false },
			seed: 1
		}
	]
};
