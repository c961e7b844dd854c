import type { ConceptMeta } from '$lib/widget/contract';
import type { OverfittingParams } from './params';

/** Every remedy off: the question's case starts from the plain big network. */
const NONE = { more: false, l2: false, dropout: false, early: false, smaller: false } as const;
const DEFAULT_CASE = { dataset: 'xor', n: 40, noise: 0.1, layers: 4, width: 64, lr: 0.001 } as const;

export const meta: ConceptMeta<OverfittingParams> = {
	slug: 'overfitting',
	topic: 'networks',
	title: 'Overfitting and its remedies',
	summary:
		'A big network learns 40 noisy points by heart: watch its validation loss turn up, then try more data, weight decay, dropout, early stopping or a smaller network side by side.',
	interviewQuestion: 'Your network’s training loss keeps falling but its validation loss has started to rise. What is happening, and what would you do?',
	tags: ['deep learning', 'overfitting', 'regularisation', 'dropout', 'early stopping'],
	related: ['regularisation', 'bias-variance', 'cross-validation', 'weight-init'],
	thumbnail: 'A training loss falling toward zero and a validation loss that dips, then climbs, its lowest point marked.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'turns-up',
			prompt: 'The big network, four hidden layers of 64 units, trains on 40 XOR points of which about one in ten has the wrong label. No remedy. Over 400 epochs, what does its validation loss do?',
			choices: [
				{ label: 'It falls with the training loss and levels off', correct: false },
				{ label: 'It falls for a few dozen epochs, then climbs far above where it started', correct: true }
			],
			explanation:
				'With some 12 700 weights for 40 points the network can fit every point, the mislabelled ones too. At first it learns the four corners, which also holds for new points, and both losses fall. Then it bends its boundary around each wrong label: the training loss goes to almost zero while the validation points near those bends are now predicted wrongly and with great confidence, which the log loss punishes hard. The lowest validation loss, marked, is the epoch to keep.',
			show: { ...DEFAULT_CASE, ...NONE, compare: false },
			seed: 1
		},
		{
			id: 'dropout-training-loss',
			prompt: 'Now the same network with dropout (p = 0.5) beside the one without. After 400 epochs, which has the lower training loss?',
			choices: [
				{ label: 'The one with dropout: it is the better model', correct: false },
				{ label: 'The one without: dropout keeps the training loss up and the validation loss down', correct: true }
			],
			explanation:
				'Dropout silences half the hidden units at random in every epoch, so no unit can rely on a particular other one to carve out a single point: memorising noise becomes hard. The price is a worse fit to the training set, measured here without dropout, as at inference. A lower training loss is not the goal; the validation loss is what says how the network will do on new points.',
			show: { ...DEFAULT_CASE, ...NONE, dropout: true, rate: 0.5, compare: true },
			seed: 1
		},
		{
			id: 'more-data',
			prompt: 'Four times the data instead (160 points, the first 40 the same, same share of wrong labels), no other remedy. Does the big network still overfit?',
			choices: [
				{ label: 'No: with enough data overfitting is gone', correct: false },
				{ label: 'Yes, but later and less: its validation loss stays well below A’s', correct: true }
			],
			explanation:
				'More points pin the boundary down where the data are and make each wrong label a smaller share of what the network sees, so its validation loss falls lower than A’s. But a network this large can still memorise 160 points if it trains long enough, and its validation loss eventually turns up as well. More data raises the bar for memorising; early stopping or a penalty still helps.',
			show: { ...DEFAULT_CASE, ...NONE, more: true, factor: 4, compare: true },
			seed: 1
		}
	]
};
