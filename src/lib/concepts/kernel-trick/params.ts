import { choice, integer, number, ownPoints, type Values } from '$lib/widget/schema';

/** Your own points: the most a paste or upload keeps (the kernel matrix is n × n). */
export const MAX_OWN_POINTS = 300;
export const COORDINATE_LIMIT = 1e9;

export const schema = {
	preset: choice({
		label: 'Data',
		group: 'Data',
		options: [
			{ value: 'circles', label: 'A disc inside a ring' },
			{ value: 'xor', label: 'Checkerboard (XOR)' },
			{ value: 'moons', label: 'Two moons' },
			{ value: 'blobs', label: 'Two clouds (a line will do)' },
			{ value: 'own', label: 'Your own points' }
		],
		default: 'circles',
		help: 'A preset (120 points, 300 fresh ones to test on), or your own points.'
	}),
	kernel: choice({
		label: 'Kernel',
		group: 'SVM',
		options: [
			{ value: 'linear', label: 'Linear: x·x′' },
			{ value: 'lift', label: 'Lift to (x, y, x² + y²)' },
			{ value: 'poly', label: 'Polynomial: (γ x·x′ + 1)ᵈ' },
			{ value: 'rbf', label: 'RBF: exp(−γ‖x − x′‖²)' }
		],
		default: 'lift',
		help: 'The similarity the SVM works with: an inner product in some feature space.'
	}),
	C: number({ label: 'C (penalty)', group: 'SVM', min: 0.01, max: 1000, default: 1, scale: 'log', help: 'How much a point inside the margin or on the wrong side costs: small C, wide soft margin.' }),
	gamma: number({
		label: 'γ (kernel width)',
		group: 'SVM',
		min: 0.01,
		max: 100,
		default: 1,
		scale: 'log',
		help: 'RBF: how fast similarity falls with distance. Polynomial: the scale of x·x′.',
		relevant: (values) => values.kernel === 'rbf' || values.kernel === 'poly'
	}),
	degree: integer({ label: 'Degree d', group: 'SVM', min: 2, max: 5, step: 1, default: 2, help: 'The polynomial kernel’s power.', relevant: (values) => values.kernel === 'poly' }),
	points: ownPoints({ maxPoints: MAX_OWN_POINTS, limit: COORDINATE_LIMIT, classes: 2 })
};

export type SvmParams = Values<typeof schema>;
export type PresetValue = SvmParams['preset'];
