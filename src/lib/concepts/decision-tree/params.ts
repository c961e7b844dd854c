import { choice, integer, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 500;
export const COORDINATE_LIMIT = 1e9;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'blobs', label: 'Two overlapping clouds' },
			{ value: 'xor', label: 'Checkerboard (XOR)' },
			{ value: 'diagonal', label: 'Diagonal boundary' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'blobs',
		help: 'A preset (120 points, 400 fresh ones to test on), or your own points.'
	}),
	criterion: choice({
		label: 'Split criterion',
		group: 'Tree',
		options: [
			{ value: 'entropy', label: 'Information gain (entropy)' },
			{ value: 'gini', label: 'Gini decrease' }
		],
		default: 'entropy',
		help: 'What the best split maximises.'
	}),
	maxDepth: integer({ label: 'Max depth', group: 'Tree', min: 1, max: 10, step: 1, default: 4, help: 'A node this deep is not split again.' }),
	minLeaf: integer({ label: 'Min leaf size', group: 'Tree', min: 1, max: 30, step: 1, default: 1, help: 'A split must leave at least this many points on each side.' }),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: 2 })
};

export type TreeParams = Values<typeof schema>;
export type PresetValue = TreeParams['preset'];
