/**
 * Seeded randomness. Everything random in the app goes through an `Rng` made here,
 * never through `Math.random`, so that a seed in the URL reproduces a run exactly.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state), seeded through splitmix32 so that neighbouring seeds give unrelated streams.
 */

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [lo, hi). */
	uniform(lo: number, hi: number): number;
	/** Integer uniform in [0, n). */
	int(n: number): number;
	/** Standard normal (mean 0, sd 1), by Box–Muller. */
	normal(): number;
	/** Index drawn with probability proportional to `weights[i]` (all ≥ 0, sum > 0). */
	weighted(weights: ArrayLike<number>): number;
	/** A new generator whose stream depends on this one's seed and `label`. */
	fork(label: string | number): Rng;
}

function splitmix32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** FNV-1a hash of a label, mixed with a seed: the seed of a forked stream. */
function mixLabel(seed: number, label: string | number): number {
	let h = (0x811c9dc5 ^ seed) >>> 0;
	for (const ch of String(label)) {
		h ^= ch.codePointAt(0)!;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

export function createRng(seed: number): Rng {
	const init = splitmix32(seed);
	let a = init();
	let b = init();
	let c = init();
	let d = init();
	let spareNormal: number | null = null;

	function nextUint32(): number {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t;
	}
	// Warm up: the first outputs of sfc32 are weakly mixed.
	for (let i = 0; i < 12; i++) nextUint32();

	const rng: Rng = {
		next: () => nextUint32() / 4294967296,
		uniform: (lo, hi) => lo + (hi - lo) * rng.next(),
		int: (n) => Math.floor(rng.next() * n),
		normal() {
			if (spareNormal !== null) {
				const z = spareNormal;
				spareNormal = null;
				return z;
			}
			let u = 0;
			while (u === 0) u = rng.next();
			const v = rng.next();
			const r = Math.sqrt(-2 * Math.log(u));
			spareNormal = r * Math.sin(2 * Math.PI * v);
			return r * Math.cos(2 * Math.PI * v);
		},
		weighted(weights) {
			let total = 0;
			for (let i = 0; i < weights.length; i++) total += weights[i];
			let target = rng.next() * total;
			for (let i = 0; i < weights.length; i++) {
				target -= weights[i];
				if (target < 0 && weights[i] > 0) return i;
			}
			// Rounding left a sliver: return the last index with positive weight.
			for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
			throw new Error('weighted(): all weights are zero');
		},
		fork: (label) => createRng(mixLabel(seed, label))
	};
	return rng;
}

/** Seeds are whole numbers in [0, MAX_SEED]. */
export const MAX_SEED = 999_999;

/** A fresh seed for the "new seed" button: derived from the old one, not from the clock. */
export function nextSeed(seed: number): number {
	return createRng(seed).fork('next-seed').int(MAX_SEED + 1);
}
