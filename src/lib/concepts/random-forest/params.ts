import { choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps. */
export const MAX_OWN_POINTS = 500;
export const COORDINATE_LIMIT = 1e9;

const preset = (values: Record<string, unknown>) => values.preset !== 'own';

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'moons', label: 'Two moons' },
			{ value: 'xor', label: 'Checkerboard (XOR)' },
			{ value: 'blobs', label: 'Two overlapping clouds' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'moons',
		help: 'A preset (500 fresh points to test on) or your own.'
	}),
	size: integer({ label: 'Training points', group: 'Data', min: 40, max: 400, step: 10, default: 150, relevant: preset }),
	noise: number({ label: 'Label noise', group: 'Data', min: 0, max: 0.4, step: 0.01, default: 0.1, help: 'Share of labels flipped.', relevant: preset }),
	maxTrees: integer({ label: 'Trees (and rounds)', group: 'Ensembles', min: 10, max: 200, step: 10, default: 100, help: 'Each step adds a forest tree and a boosting round.' }),
	features: integer({ label: 'Features tried per split', group: 'Forest', min: 1, max: 2, step: 1, default: 1, help: '1: a random one per split; 2: both (bagging).' }),
	forestDepth: integer({ label: 'Forest tree depth', group: 'Forest', min: 1, max: 20, step: 1, default: 20, help: '20: grown until pure.' }),
	boostDepth: integer({ label: 'Boosting tree depth', group: 'Boosting', min: 1, max: 5, step: 1, default: 2 }),
	learningRate: number({ label: 'Learning rate', group: 'Boosting', min: 0.01, max: 1, default: 0.1, scale: 'log', help: 'The share of each round’s tree added.' }),
	shade: choice({
		label: 'Shade the data plot with',
		group: 'View',
		options: [
			{ value: 'forest', label: 'The forest' },
			{ value: 'tree', label: 'The single deep tree' },
			{ value: 'boosting', label: 'Boosting' }
		],
		default: 'forest'
	}),
	probeX: number({ label: 'Probe point, across', group: 'Probe', min: 0, max: 1, step: 0.01, default: 0.5, help: 'Share of the plot’s width (or click a small map).' }),
	probeY: number({ label: 'Probe point, up', group: 'Probe', min: 0, max: 1, step: 0.01, default: 0.5, help: 'Share of its height.' }),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: 2 })
};

export type ForestParams = Values<typeof schema>;
export type PresetValue = ForestParams['preset'];
