import type { ConceptMeta } from '$lib/widget/contract';
import type { SvmParams } from './params';

export const meta: ConceptMeta<SvmParams> = {
	slug: 'kernel-trick',
	topic: 'classification',
	title: 'SVMs and the kernel trick',
	summary: 'Lift points no line can split into a space where a plane can: a soft-margin SVM with linear, polynomial and RBF kernels, its margin and support vectors.',
	interviewQuestion: 'What is the kernel trick, and how does an SVM use it? What do C and γ do, and how would you choose a kernel?',
	tags: ['classification', 'SVM', 'kernel trick', 'RBF kernel', 'margin', 'support vectors', 'hyperparameters'],
	related: ['logistic-regression', 'regularisation'],
	thumbnail: 'Points of one colour in a disc, ringed by points of another; a circle between them is the boundary, dashed circles mark the margin.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'line',
			prompt: 'A disc of class A inside a ring of class B. What test accuracy can a linear SVM reach?',
			choices: [
				{ label: 'Close to 100%: a large C finds the line', correct: false },
				{ label: 'Far from it: every line leaves much of the ring on the disc’s side, so about two points in three at best', correct: true }
			],
			explanation: 'No straight line has the disc on one side and the ring on the other, whatever C is. Lift the points to the height x² + y² and the disc sits low, the ring high: a flat plane between them is a circle back in the plane.',
			show: { preset: 'circles', kernel: 'linear', C: 1 },
			seed: 1
		},
		{
			id: 'gamma',
			prompt: 'RBF kernel on the two moons with C = 100: raise γ from 1 to 100. What happens to accuracy on fresh points?',
			choices: [
				{ label: 'It rises: a more flexible boundary fits better', correct: false },
				{ label: 'Training accuracy reaches 100% but test accuracy falls: each point gets its own island', correct: true }
			],
			explanation: 'With a large γ a point is similar only to itself and its closest neighbours, so the boundary wraps each training point. The C × γ grid shows the good cells in a band of middle values.',
			show: { preset: 'moons', kernel: 'rbf', C: 100, gamma: 100 },
			seed: 1
		},
		{
			id: 'C',
			prompt: 'Two overlapping clouds, linear kernel: lower C from 1000 to 0.01. What happens to the support vectors?',
			choices: [
				{ label: 'Fewer: a softer margin needs fewer points', correct: false },
				{ label: 'Many more: the margin widens and most points end up inside it, each with α = C', correct: true }
			],
			explanation: 'A small C makes a point inside the margin cheap, so the SVM buys a wider street at the price of many such points; each of them is a support vector. A large C narrows the street to the few points at its edges.',
			show: { preset: 'blobs', kernel: 'linear', C: 0.01 },
			seed: 1
		}
	]
};
