import { choice, dataset, integer, number, type Values } from '$lib/widget/schema';
import { BLOB_DATASETS } from './datasets';

/** Where points and centroids may lie: the plot shows this square. */
export const DOMAIN = [-1, 1] as const;

/** Number of seeded random starts offered (the `start` parameter and "Run restarts"). */
export const STARTS = 20;

export const schema = {
	dataset: choice({
		label: 'Dataset',
		options: [
			{ value: 'blobs', label: 'Blobs' },
			{ value: 'anisotropic', label: 'Stretched blobs' },
			{ value: 'unequal', label: 'Blobs of unequal spread' },
			{ value: 'moons', label: 'Two moons' },
			{ value: 'rings', label: 'Rings' },
			{ value: 'uniform', label: 'Uniform noise' },
			{ value: 'smiley', label: 'Smiley' }
		],
		default: 'blobs',
		help: 'The point cloud to cluster. Only round, similar blobs suit k-means well.'
	}),
	n: integer({ label: 'Points', min: 20, max: 5000, default: 300, scale: 'log', help: 'How many points to generate.' }),
	centers: integer({
		label: 'True blobs',
		min: 1,
		max: 8,
		default: 3,
		help: 'How many blobs the data is drawn from.',
		relevant: (values) => BLOB_DATASETS.includes(values.dataset as never)
	}),
	k: integer({ label: 'Clusters k', min: 1, max: 12, default: 3, help: 'How many centroids k-means places.' }),
	init: choice({
		label: 'Initialisation',
		options: [
			{ value: 'random', label: 'Random points (Forgy)' },
			{ value: 'partition', label: 'Random partition' },
			{ value: 'farthest', label: 'Farthest point' },
			{ value: 'kmeans++', label: 'k-means++' },
			{ value: 'manual', label: 'Manual: click to place' }
		],
		default: 'random',
		help: 'How the first centroids are chosen.'
	}),
	start: integer({
		label: 'Random start',
		min: 0,
		max: STARTS - 1,
		default: 0,
		help: 'Which of the seeded random starts to use; the data stays the same.',
		relevant: (values) => values.init !== 'manual'
	}),
	tol: number({
		label: 'Tolerance',
		min: 1e-6,
		max: 0.1,
		default: 1e-4,
		scale: 'log',
		help: 'Also stop when no centroid moves farther than this.'
	}),
	added: dataset({
		label: 'Added points',
		// Each point takes ~14 characters of URL; 200 keep shared links well under 8 KB.
		maxPoints: 200,
		domain: DOMAIN,
		default: [],
		control: 'hidden',
		help: 'Points clicked onto the plot.'
	}),
	centroids: dataset({
		label: 'Manual centroids',
		maxPoints: 12,
		domain: DOMAIN,
		default: [],
		control: 'hidden',
		help: 'Starting centroids for manual initialisation, or after a drag.'
	})
};

export type KMeansParams = Values<typeof schema>;
export type InitMethod = KMeansParams['init'];
