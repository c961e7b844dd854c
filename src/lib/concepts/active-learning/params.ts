import { choice, expression, integer, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 300;
export const COORDINATE_LIMIT = 1e9;
export const MAX_CLASSES = 3;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'moons', label: 'Two moons' },
			{ value: 'blobs', label: 'Two overlapping clouds' },
			{ value: 'xor', label: 'Checkerboard (XOR)' },
			{ value: 'three', label: 'Three clouds (3 classes)' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'moons',
		help: 'A preset (a pool of 150 points, 300 fresh ones to test on), or your own points.'
	}),
	features: choice({
		label: 'Model features',
		group: 'Model',
		options: [
			{ value: 'linear', label: 'x and y (straight)' },
			{ value: 'rbf', label: 'RBF bumps (curved)' }
		],
		default: 'rbf',
		help: 'What the softmax regression sees of each point: x and y, or x, y and 25 bumps around a grid.'
	}),
	strategy: choice({
		label: 'Query strategy',
		group: 'Learning',
		options: [
			{ value: 'random', label: 'Random' },
			{ value: 'least', label: 'Least confidence' },
			{ value: 'margin', label: 'Smallest margin' },
			{ value: 'entropy', label: 'Largest entropy' }
		],
		default: 'margin',
		help: 'How Step picks the next point to label.'
	}),
	budget: integer({ label: 'Labels at most', group: 'Learning', min: 8, max: 60, step: 1, default: 30, help: 'The run stops at this many labelled points.' }),
	repeats: integer({ label: 'Seeds averaged', group: 'Comparison', min: 3, max: 20, step: 1, default: 10, help: 'Starting sets the strategy comparison averages over.' }),
	labelled: expression({
		label: 'Points labelled',
		group: 'Learning',
		default: '',
		maxLength: 400,
		control: 'hidden',
		help: 'Once you label a point yourself: every pool point labelled after the starting set, in order (12,40,7), so the link reopens your run.'
	}),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: MAX_CLASSES })
};

export type ActiveParams = Values<typeof schema>;
export type PresetValue = ActiveParams['preset'];
