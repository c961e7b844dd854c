import type { KMeansParams } from '$lib/concepts/kmeans/params';

type DataParams = Pick<KMeansParams, 'dataset' | 'n' | 'centers' | 'added'>;

/** One case per dataset, at sizes that keep the cpu backend quick. */
export const DATASETS_FOR_TESTS: DataParams[] = (
	['blobs', 'anisotropic', 'unequal', 'moons', 'rings', 'uniform', 'smiley'] as const
).map((dataset) => ({ dataset, n: 240, centers: 4, added: [[0.95, -0.95]] }));
