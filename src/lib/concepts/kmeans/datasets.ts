/**
 * The k-means datasets: seeded point clouds in the square [-1, 1]², as a flat
 * Float32Array `x0, y0, x1, y1, …`. Plain TypeScript: sampling needs no tensors.
 */
import type { Rng } from '$lib/engine/rng';

export type DatasetName = 'blobs' | 'anisotropic' | 'unequal' | 'moons' | 'rings' | 'uniform' | 'smiley';

/** Datasets built from `centers` Gaussian blobs; the others ignore `centers`. */
export const BLOB_DATASETS: readonly DatasetName[] = ['blobs', 'anisotropic', 'unequal'];

/** Generated data is scaled to fit inside ±FIT, leaving a margin for clicks. */
const FIT = 0.9;

export function generateDataset(name: DatasetName, n: number, centers: number, rng: Rng): Float32Array {
	const raw = GENERATORS[name](n, Math.max(1, centers), rng);
	return fitToSquare(raw);
}

type Generator = (n: number, centers: number, rng: Rng) => Float64Array;

const GENERATORS: Record<DatasetName, Generator> = {
	blobs: (n, centers, rng) => blobs(n, placeCentres(centers, rng), () => 0.12, rng),
	unequal: (n, centers, rng) => {
		// Spreads from tight to wide, so one cluster's tail reaches into its neighbours.
		const spreads = Array.from({ length: centers }, (_, i) => 0.05 + (0.22 * i) / Math.max(1, centers - 1));
		return blobs(n, placeCentres(centers, rng), (c) => spreads[c], rng);
	},
	anisotropic: (n, centers, rng) => {
		// The stretched blobs of scikit-learn's k-means assumptions example.
		const points = blobs(n, placeCentres(centers, rng), () => 0.1, rng);
		for (let i = 0; i < points.length; i += 2) {
			const x = points[i];
			const y = points[i + 1];
			points[i] = 0.6 * x - 0.64 * y;
			points[i + 1] = -0.4 * x + 0.85 * y;
		}
		return points;
	},
	moons: (n, _centers, rng) => {
		const points = new Float64Array(2 * n);
		for (let i = 0; i < n; i++) {
			const t = Math.PI * rng.next();
			const upper = i % 2 === 0;
			const x = upper ? Math.cos(t) : 1 - Math.cos(t);
			const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
			points[2 * i] = x + 0.08 * rng.normal();
			points[2 * i + 1] = y + 0.08 * rng.normal();
		}
		return points;
	},
	rings: (n, _centers, rng) => {
		const points = new Float64Array(2 * n);
		for (let i = 0; i < n; i++) {
			const radius = i % 2 === 0 ? 1 : 0.4;
			const angle = 2 * Math.PI * rng.next();
			points[2 * i] = radius * Math.cos(angle) + 0.05 * rng.normal();
			points[2 * i + 1] = radius * Math.sin(angle) + 0.05 * rng.normal();
		}
		return points;
	},
	uniform: (n, _centers, rng) => {
		const points = new Float64Array(2 * n);
		for (let i = 0; i < 2 * n; i++) points[i] = rng.uniform(-1, 1);
		return points;
	},
	smiley: (n, _centers, rng) => {
		// Face outline, two eyes and a mouth, in proportion to their lengths.
		const points = new Float64Array(2 * n);
		for (let i = 0; i < n; i++) {
			const part = rng.next();
			let x: number;
			let y: number;
			if (part < 0.5) {
				const a = 2 * Math.PI * rng.next();
				[x, y] = [Math.cos(a), Math.sin(a)];
			} else if (part < 0.75) {
				const a = Math.PI * (1.15 + 0.7 * rng.next());
				[x, y] = [0.55 * Math.cos(a), 0.55 * Math.sin(a) - 0.05];
			} else {
				const left = part < 0.875;
				[x, y] = [(left ? -0.35 : 0.35) + 0.07 * rng.normal(), 0.35 + 0.07 * rng.normal()];
			}
			points[2 * i] = x + 0.03 * rng.normal();
			points[2 * i + 1] = y + 0.03 * rng.normal();
		}
		return points;
	}
};

/** Blob centres spread over the square, each at least a little apart from the others. */
function placeCentres(count: number, rng: Rng): [number, number][] {
	const centres: [number, number][] = [];
	const minGap = 1.2 / Math.sqrt(count);
	for (let i = 0; i < count; i++) {
		let best: [number, number] = [0, 0];
		let bestGap = -1;
		// Best of a few candidates: keeps blobs apart without looping forever.
		for (let attempt = 0; attempt < 30; attempt++) {
			const candidate: [number, number] = [rng.uniform(-0.8, 0.8), rng.uniform(-0.8, 0.8)];
			const gap = Math.min(Infinity, ...centres.map(([cx, cy]) => Math.hypot(cx - candidate[0], cy - candidate[1])));
			if (gap > bestGap) [best, bestGap] = [candidate, gap];
			if (gap >= minGap) break;
		}
		centres.push(best);
	}
	return centres;
}

function blobs(n: number, centres: [number, number][], spread: (c: number) => number, rng: Rng): Float64Array {
	const points = new Float64Array(2 * n);
	for (let i = 0; i < n; i++) {
		const c = i % centres.length;
		points[2 * i] = centres[c][0] + spread(c) * rng.normal();
		points[2 * i + 1] = centres[c][1] + spread(c) * rng.normal();
	}
	return points;
}

/** Centres the cloud and scales it (same factor on both axes) to fit inside ±FIT. */
function fitToSquare(points: Float64Array): Float32Array {
	let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
	for (let i = 0; i < points.length; i += 2) {
		minX = Math.min(minX, points[i]);
		maxX = Math.max(maxX, points[i]);
		minY = Math.min(minY, points[i + 1]);
		maxY = Math.max(maxY, points[i + 1]);
	}
	const midX = (minX + maxX) / 2;
	const midY = (minY + maxY) / 2;
	const halfSpan = Math.max(maxX - minX, maxY - minY) / 2 || 1;
	const scale = FIT / halfSpan;
	const fitted = new Float32Array(points.length);
	for (let i = 0; i < points.length; i += 2) {
		fitted[i] = (points[i] - midX) * scale;
		fitted[i + 1] = (points[i + 1] - midY) * scale;
	}
	return fitted;
}
