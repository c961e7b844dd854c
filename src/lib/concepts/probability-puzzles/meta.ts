import type { ConceptMeta } from '$lib/widget/contract';
import type { PuzzleParams } from './params';

export const meta: ConceptMeta<PuzzleParams> = {
	slug: 'probability-puzzles',
	topic: 'probability',
	title: 'Probability puzzles, solved and simulated',
	summary: 'Birthdays, dice and coin races: the exact answer worked out, and a simulation closing in on it.',
	interviewQuestion:
		'How many people must be in a room before two probably share a birthday? What is the chance of two 3s in a row in three rolls? Which comes first in coin flips, HH or TH?',
	tags: ['probability', 'monte carlo', 'puzzles', 'markov chains'],
	related: ['distributions', 'hypothesis-testing'],
	thumbnail: 'A rising curve of the chance of a shared birthday crossing one half, beside an estimate line wobbling in to a dashed exact line.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'birthday-23',
			prompt: '23 people, 365 equally likely birthdays. Is a shared birthday more or less likely than not?',
			choices: [
				{ label: 'Less likely: 23 is far fewer than 365', correct: false },
				{ label: 'More likely: about 51%', correct: true }
			],
			explanation:
				'What grows is the number of pairs, not people: 23 people make 253 pairs, and each pair has a 1 in 365 chance to match. P(all different) = 365/365 · 364/365 · … · 343/365 ≈ 0.4927, so a shared birthday has probability ≈ 0.5073.',
			show: { puzzle: 'birthday', people: 23, days: 365 },
			seed: 1
		},
		{
			id: 'dice-3',
			prompt: 'Roll a die three times. What is the chance of two 3s in a row somewhere?',
			choices: [
				{ label: '2/36: two chances of 1/36', correct: false },
				{ label: '11/216, a little less than 2/36', correct: true }
			],
			explanation:
				'"3 3 x" happens in 6 of the 216 sequences and "x 3 3" in 6 more, but "3 3 3" is in both and is counted twice. 6 + 6 − 1 = 11, so 11/216 ≈ 0.0509, just under 12/216 = 2/36.',
			show: { puzzle: 'dice', rolls: 3 },
			seed: 1
		},
		{
			id: 'hh-th',
			prompt: 'Flip a fair coin until HH or TH appears. HH and TH are each 1/4 likely at any two flips. Who wins more often?',
			choices: [
				{ label: 'Neither: each has probability 1/2', correct: false },
				{ label: 'TH, three times in four', correct: true }
			],
			explanation:
				'HH wins only if the first two flips are H H (1/4). As soon as a T appears, the first H after it completes TH, and HH can no longer come first: any HH later is preceded by a T, which already made TH.',
			show: { puzzle: 'coins' },
			seed: 1
		}
	]
};
