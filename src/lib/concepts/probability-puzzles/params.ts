import { choice, integer, type Values } from '$lib/widget/schema';

/** Every pattern of three coin flips, for Penney's game. */
export const PATTERNS = ['HHH', 'HHT', 'HTH', 'HTT', 'THH', 'THT', 'TTH', 'TTT'] as const;
export type Pattern = (typeof PATTERNS)[number];

const patternOptions = PATTERNS.map((value) => ({ value, label: value.split('').join(' ') }));
const penney = (values: Record<string, unknown>) => values.puzzle === 'penney';

export const schema = {
	puzzle: choice({
		label: 'Puzzle',
		group: 'Puzzle',
		options: [
			{ value: 'birthday', label: 'Birthdays: do any two share one?' },
			{ value: 'dice', label: 'Dice: two threes in a row' },
			{ value: 'coins', label: 'Coins: HH or TH first?' },
			{ value: 'penney', label: 'Penney’s game: any two patterns' }
		],
		default: 'birthday',
		help: 'Which interview puzzle to solve exactly and to simulate.'
	}),
	people: integer({
		label: 'People n',
		group: 'Puzzle',
		min: 1,
		max: 200,
		default: 30,
		help: 'How many people are in the room.',
		relevant: (values) => values.puzzle === 'birthday'
	}),
	days: integer({
		label: 'Days in the year d',
		group: 'Puzzle',
		min: 1,
		max: 1000,
		default: 365,
		help: 'How many equally likely birthdays there are.',
		relevant: (values) => values.puzzle === 'birthday'
	}),
	rolls: integer({
		label: 'Rolls r',
		group: 'Puzzle',
		min: 1,
		max: 100,
		default: 3,
		help: 'How many times a fair die is rolled.',
		relevant: (values) => values.puzzle === 'dice'
	}),
	first: choice({ label: 'Pattern A', group: 'Puzzle', options: patternOptions, default: 'HHH', help: 'The first player’s three flips.', relevant: penney }),
	second: choice({ label: 'Pattern B', group: 'Puzzle', options: patternOptions, default: 'THH', help: 'The second player’s three flips.', relevant: penney })
};

export type PuzzleParams = Values<typeof schema>;
export type PuzzleName = PuzzleParams['puzzle'];
