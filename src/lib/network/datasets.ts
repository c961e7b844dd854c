/**
 * Seeded two-class point sets in the square [−1, 1]², for training small networks.
 * Points are a flat array `x0, y0, x1, y1, …`; labels are 0 or 1.
 */
import { createRng, type Rng } from '$lib/engine/rng';

export const CLASSIFICATION_SETS = ['spiral', 'circles', 'xor', 'blobs'] as const;
export type ClassificationSet = (typeof CLASSIFICATION_SETS)[number];

export const CLASSIFICATION_SET_LABELS: Record<ClassificationSet, string> = {
	spiral: 'Two spirals',
	circles: 'Circle in a ring',
	xor: 'XOR (opposite corners)',
	blobs: 'Two blobs'
};

export interface LabelledPoints {
	points: Float32Array;
	labels: Float32Array;
}

type Draw = (rng: Rng, label: number, i: number, half: number) => [number, number];

const draws: Record<ClassificationSet, Draw> = {
	// Two arms winding 1.75 turns around the centre, half a turn apart.
	spiral(rng, label, i, half) {
		const t = (i / half) * 1.75 * 2 * Math.PI;
		const r = 0.05 + (0.85 * i) / half;
		const angle = t + label * Math.PI;
		return [r * Math.cos(angle) + 0.04 * rng.normal(), r * Math.sin(angle) + 0.04 * rng.normal()];
	},
	circles(rng, label) {
		const r = label === 0 ? 0.45 * Math.sqrt(rng.next()) : rng.uniform(0.65, 0.95);
		const angle = rng.uniform(0, 2 * Math.PI);
		return [r * Math.cos(angle), r * Math.sin(angle)];
	},
	// Class 1 in the corners where x and y share a sign; a small gap keeps the axes clear.
	xor(rng, label) {
		const sx = rng.next() < 0.5 ? -1 : 1;
		const sy = label === 1 ? sx : -sx;
		return [sx * rng.uniform(0.05, 0.95), sy * rng.uniform(0.05, 0.95)];
	},
	blobs(rng, label) {
		const centre = label === 0 ? -0.45 : 0.45;
		return [centre + 0.22 * rng.normal(), centre + 0.22 * rng.normal()];
	}
};

/** `count` points, half of each class, alternating 0, 1, 0, 1, … */
export function makeClassificationSet(name: ClassificationSet, count: number, seed: number): LabelledPoints {
	const rng = createRng(seed).fork(`classification-${name}`);
	const points = new Float32Array(2 * count);
	const labels = new Float32Array(count);
	const half = Math.ceil(count / 2);
	for (let i = 0; i < count; i++) {
		const label = i % 2;
		const [x, y] = draws[name](rng, label, Math.floor(i / 2), half);
		points[2 * i] = Math.max(-1, Math.min(1, x));
		points[2 * i + 1] = Math.max(-1, Math.min(1, y));
		labels[i] = label;
	}
	return { points, labels };
}

/** Cell centres of a size × size grid over [−1, 1]², as flat x, y pairs, row by row from the bottom. */
export function gridOverSquare(size: number): Float32Array {
	return Float32Array.from({ length: 2 * size * size }, (_, i) => {
		const cell = Math.floor(i / 2);
		const index = i % 2 === 0 ? cell % size : Math.floor(cell / size);
		return -1 + (2 * (index + 0.5)) / size;
	});
}
