import type { ConceptMeta } from '$lib/widget/contract';
import type { KMeansParams } from './params';

export const meta: ConceptMeta<KMeansParams> = {
	slug: 'kmeans',
	topic: 'clustering',
	title: 'k-means convergence',
	summary: 'Watch Lloyd’s algorithm assign and update, half-step by half-step, and see why the start matters.',
	interviewQuestion: 'Does k-means always converge, and does it always find the best clustering?',
	tags: ['clustering', 'unsupervised', 'optimisation'],
	related: ['gradient-descent', 'distributions'],
	thumbnail: 'Points in three coloured groups, each with its centroid and shaded region.',
	exportVersion: 1,
	defaultSeed: 1,
	questions: [
		{
			id: 'bad-start',
			prompt: 'Four clear blobs, k = 4, and a random start that puts two centroids in the same blob. Will k-means recover and find the four blobs?',
			choices: [
				{ label: 'Yes: it always reaches the best clustering in the end', correct: false },
				{ label: 'No: it can settle with one centroid covering two blobs', correct: true }
			],
			explanation:
				'Each half-step only ever lowers inertia, so k-means stops at the first clustering it cannot improve by moving one point or one centroid — a local minimum. Here two centroids share one blob and a third has to cover two blobs; no single step fixes that. Run the 20 restarts to see how often a start ends this way, and click the best dot.',
			show: { dataset: 'blobs', n: 300, centers: 4, k: 4, init: 'random', start: 0, added: [], centroids: [], tol: 0.0001 },
			seed: 8
		},
		{
			id: 'moons',
			prompt: 'Two interleaving half-moons, k = 2, with a good start (k-means++). Will k-means separate the two moons?',
			choices: [
				{ label: 'Yes, each moon becomes one cluster', correct: false },
				{ label: 'No, it cuts across both moons with a straight line', correct: true }
			],
			explanation:
				'The boundary between two k-means clusters is always the straight line halfway between their centroids, because each point joins the nearer one. Two curved moons cannot be split by one straight line, whatever the start. Shapes like these need another method, such as spectral clustering or DBSCAN.',
			show: { dataset: 'moons', n: 300, k: 2, init: 'kmeans++', start: 0, added: [], centroids: [], tol: 0.0001 },
			seed: 1
		},
		{
			id: 'unequal',
			prompt: 'One tight blob and one wide blob, k = 2. Where will the boundary between the two clusters fall?',
			choices: [
				{ label: 'Around the edge of the wide blob', correct: false },
				{ label: 'Halfway between the two centroids, cutting into the wide blob', correct: true }
			],
			explanation:
				'k-means knows only distances to centroids, not how spread out each cluster is. The boundary sits halfway between the two centroids, so the outer points of the wide blob that lie nearer the tight blob’s centre are given to the tight blob.',
			show: { dataset: 'unequal', n: 400, centers: 2, k: 2, init: 'kmeans++', start: 0, added: [], centroids: [], tol: 0.0001 },
			seed: 14
		}
	]
};
