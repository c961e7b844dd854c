/**
 * A/B tests by simulation: many experiments at once, each an A/A test (both arms at A's rate,
 * so any "win" is a false positive) and an A/B test (B at its own rate, so a win is a real
 * detection), judged by the pooled two-proportion z-test; and beside them the closed forms:
 * the normal approximation's power and sample size, the family-wise rate of many metrics,
 * and the z-test's exact rejection rate by summing over every pair of binomial counts.
 *
 * The draws: every arm's conversions at each look are one exact Binomial(users, rate) count,
 * drawn by inversion — one seeded uniform per count, looked up in the binomial's CDF table
 * with TF.js's searchSorted over the whole batch (no normal approximation, at any n; the
 * table drops only tail mass below 1e-15, and the uniforms have 31 bits). TF.js then adds
 * the looks up, and works out every look's test statistic for the whole batch in a few ops.
 */
import * as tf from '$lib/engine/tfjs';
import type { Rng } from '$lib/engine/rng';
import { erfc, normalCdf, normalQuantile } from '$lib/common/stats';

/** One simulated design: what every experiment in a run does. */
export interface Design {
	/** Conversion rates of A and of B. */
	base: number;
	rateB: number;
	/** Users per arm, in all. */
	n: number;
	alpha: number;
	/** Times the p-value is checked (1: once, at the end); the experiment stops at the first p < α. */
	looks: number;
	/** Independent metrics in the A/A test, each tested (a win on any counts). */
	metrics: number;
	/** Test each of the metrics at α / metrics. */
	bonferroni: boolean;
}

/** The level each single test is held to: α, or α/m under Bonferroni. */
export const alphaPerTest = (d: Design) => (d.bonferroni ? d.alpha / d.metrics : d.alpha);

/** The two-sided critical value z₁₋α/₂. */
export const zCritical = (alpha: number) => normalQuantile(1 - alpha / 2);

/** The two-sided p-value of a z statistic: 2(1 − Φ(|z|)). */
export const pValue = (z: number) => erfc(Math.abs(z) / Math.SQRT2);

/**
 * The pooled two-proportion z statistic of xA and xB conversions out of n users each:
 * z = (p̂B − p̂A) / √(p̄(1 − p̄)·2/n), p̄ = (xA + xB)/2n; 0 when every user or none converted
 * (the standard error is 0, and there is no evidence either way: p = 1).
 */
export function zStatistic(xA: number, xB: number, n: number): number {
	const pooled = (xA + xB) / (2 * n);
	const variance = (pooled * (1 - pooled) * 2) / n;
	return variance > 0 ? (xB - xA) / n / Math.sqrt(variance) : 0;
}

/** Users seen by each look: round(k·n/looks), k = 1 … looks (the last is n). */
export function lookUsers(n: number, looks: number): number[] {
	return Array.from({ length: looks }, (_, k) => Math.round(((k + 1) * n) / looks));
}

/**
 * Power by the normal approximation, for rates p1, p2 and n users per arm:
 * Φ((|Δ| − z σ₀)/σ₁) + Φ((−|Δ| − z σ₀)/σ₁), σ₀ = √(2p̄q̄/n) (the pooled SE the test uses),
 * σ₁ = √((p1q1 + p2q2)/n) (the true SE of the difference). Null when there is no difference.
 */
export function theoryPower(p1: number, p2: number, n: number, alpha: number): number | null {
	const delta = Math.abs(p2 - p1);
	if (!(delta > 0)) return null;
	const z = zCritical(alpha);
	const pbar = (p1 + p2) / 2;
	const s0 = Math.sqrt((2 * pbar * (1 - pbar)) / n);
	const s1 = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n);
	// Both rates 0 or 1: every experiment sees the same counts, and rejects or not for sure.
	if (s1 === 0) return delta > z * s0 ? 1 : 0;
	return normalCdf((delta - z * s0) / s1) + normalCdf((-delta - z * s0) / s1);
}

/**
 * Users per arm for the chosen power (two-sided, level α):
 * n = (z₁₋α/₂ √(2p̄q̄) + z_power √(p1q1 + p2q2))² / Δ², rounded up. Null when Δ = 0.
 */
export function sampleSizeNeeded(p1: number, p2: number, alpha: number, power: number): number | null {
	const delta = Math.abs(p2 - p1);
	if (!(delta > 0)) return null;
	const pbar = (p1 + p2) / 2;
	const root = zCritical(alpha) * Math.sqrt(2 * pbar * (1 - pbar)) + normalQuantile(power) * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
	return Math.max(1, Math.ceil((root / delta) ** 2 - 1e-9));
}

/** The chance that at least one of m independent tests at level α rejects: 1 − (1 − α)^m. */
export const familywiseRate = (alpha: number, m: number) => 1 - (1 - alpha) ** m;

export interface BinomialTable {
	/** The smallest count kept; the probabilities of `offset`, `offset + 1`, … */
	offset: number;
	pmf: Float64Array;
}

/** Tail probabilities below this are left out of the tables. */
const TAIL = 1e-15;

/**
 * Binomial(size, p) probabilities around the mode, out to where they fall below 1e-15 of the
 * mode's, by the ratio P(k+1)/P(k) = (size − k)/(k + 1) · p/(1 − p) — then normalised.
 */
export function binomialTable(size: number, p: number): BinomialTable {
	if (p <= 0 || size === 0) return { offset: 0, pmf: Float64Array.of(1) };
	if (p >= 1) return { offset: size, pmf: Float64Array.of(1) };
	const mode = Math.min(size, Math.floor((size + 1) * p));
	const odds = p / (1 - p);
	const up = [1];
	for (let k = mode, w = 1; k < size; k++) {
		w *= ((size - k) / (k + 1)) * odds;
		if (w < TAIL) break;
		up.push(w);
	}
	const down: number[] = [];
	for (let k = mode, w = 1; k > 0; k--) {
		w *= k / (size - k + 1) / odds;
		if (w < TAIL) break;
		down.push(w);
	}
	const weights = [...down.reverse(), ...up];
	const total = weights.reduce((s, w) => s + w, 0);
	return { offset: mode - down.length, pmf: Float64Array.from(weights, (w) => w / total) };
}

/**
 * The pooled z-test's exact rejection rate at level α for one look with n users per arm:
 * Σ P(xA) P(xB) over every pair of counts with |z| ≥ z₁₋α/₂. Null when the tables would
 * make more than `maxPairs` pairs (large n, where the normal approximation is excellent).
 */
export function exactRejectionRate(n: number, pA: number, pB: number, alpha: number, maxPairs = 1_500_000): number | null {
	const a = binomialTable(n, pA);
	const b = binomialTable(n, pB);
	if (a.pmf.length * b.pmf.length > maxPairs) return null;
	const z = zCritical(alpha);
	let total = 0;
	for (let i = 0; i < a.pmf.length; i++) {
		let row = 0;
		for (let j = 0; j < b.pmf.length; j++) if (Math.abs(zStatistic(a.offset + i, b.offset + j, n)) >= z) row += b.pmf[j];
		total += a.pmf[i] * row;
	}
	return Math.min(1, total);
}

/** The uniforms' resolution: 31-bit whole numbers, compared with the CDF tables in int32. */
const SCALE = 2 ** 31 - 1;

/** The tables a design's draws look up: one row per look and arm slot, as TF.js takes them. */
export interface Sampler {
	design: Design;
	/** Cumulative users per arm at each look. */
	users: number[];
	/** Arm slots: A and B of each A/A metric, then A and B of the A/B test. */
	slots: number;
	rows: number;
	/** Width of the widest table. */
	width: number;
	/** [rows × width] scaled CDFs, padded with SCALE (never reached by a uniform). */
	cdf: Int32Array;
	offsets: Int32Array;
}

export function makeSampler(design: Design): Sampler {
	const users = lookUsers(design.n, design.looks);
	const slots = 2 * design.metrics + 2;
	const rows = design.looks * slots;
	const cache = new Map<string, { offset: number; cdf: Int32Array }>();
	const tableOf = (size: number, p: number) => {
		const key = `${size}:${p}`;
		let table = cache.get(key);
		if (!table) {
			const { offset, pmf } = binomialTable(size, p);
			// Entry j: P(X ≤ offset + j), for all but the last count; X = offset + #(entries ≤ u).
			const cdf = new Int32Array(pmf.length - 1);
			let sum = 0;
			for (let j = 0; j < cdf.length; j++) {
				sum += pmf[j];
				cdf[j] = Math.min(SCALE, Math.round(sum * SCALE));
			}
			table = { offset, cdf };
			cache.set(key, table);
		}
		return table;
	};
	const perRow = Array.from({ length: rows }, (_, row) => {
		const look = Math.floor(row / slots);
		const slot = row % slots;
		const size = users[look] - (look ? users[look - 1] : 0);
		return tableOf(size, slot === slots - 1 ? design.rateB : design.base);
	});
	const width = Math.max(1, ...perRow.map((t) => t.cdf.length));
	const cdf = new Int32Array(rows * width).fill(SCALE);
	perRow.forEach((t, row) => cdf.set(t.cdf, row * width));
	return { design, users, slots, rows, width, cdf, offsets: Int32Array.from(perRow, (t) => t.offset) };
}

/** Uniform draws a step may take, whatever the design: a few milliseconds of work. */
export const DRAWS_PER_STEP = 40_000;

/** Experiments per step: about 40 steps for the whole run, never more draws than DRAWS_PER_STEP. */
export function experimentsPerStep(sampler: Sampler, experiments: number): number {
	const byRun = Math.max(5, Math.ceil(experiments / 40));
	return Math.max(1, Math.min(byRun, Math.floor(DRAWS_PER_STEP / sampler.rows)));
}

export interface Batch {
	count: number;
	/** The p-value each A/A experiment reports: at its stopping look, the smallest of its metrics. */
	nullP: Float64Array;
	/** The look (0-based) at which an A/A experiment stopped with p < α, or −1. */
	nullStop: Int16Array;
	altP: Float64Array;
	altStop: Int16Array;
	/** The A/B test's observed lift p̂B − p̂A where it stopped (or at the end). */
	altLift: Float64Array;
	/** The A/A p-value after every look of the first `paths` experiments (metric 1). */
	paths: Float64Array[];
	/**
	 * The draws: conversions among the users new at each look, [rows × count] with row
	 * look·slots + slot (the sampler's arm slots: A and B of each A/A metric, then of the A/B test).
	 */
	conversions: Int32Array;
}

/** Simulates `count` experiments of the design: an A/A and an A/B test each. */
export function simulateBatch(sampler: Sampler, count: number, rng: Rng, paths = 0): Batch {
	const { design, users, slots, rows, width } = sampler;
	const looks = design.looks;
	const tests = slots / 2;
	const uniforms = new Int32Array(rows * count);
	for (let i = 0; i < uniforms.length; i++) uniforms[i] = Math.floor(rng.next() * SCALE);
	const [zTensor, liftTensor, drawnTensor] = tf.tidy(() => {
		const index = tf.searchSorted(tf.tensor2d(sampler.cdf, [rows, width], 'int32'), tf.tensor2d(uniforms, [rows, count], 'int32'), 'right');
		const drawn = tf.add(index, tf.tensor2d(sampler.offsets, [rows, 1], 'int32'));
		const counts = tf.cast(drawn, 'float32');
		// Conversions so far at each look: [looks, tests, 2 arms, count].
		const cumulative = tf.cumsum(tf.reshape(counts, [looks, tests, 2, count]), 0);
		const xA = tf.reshape(tf.slice(cumulative, [0, 0, 0, 0], [looks, tests, 1, count]), [looks, tests, count]);
		const xB = tf.reshape(tf.slice(cumulative, [0, 0, 1, 0], [looks, tests, 1, count]), [looks, tests, count]);
		const n = tf.tensor3d(users, [looks, 1, 1]);
		const pooled = tf.div(tf.add(xA, xB), tf.mul(n, 2));
		const variance = tf.div(tf.mul(tf.mul(pooled, tf.sub(1, pooled)), 2), n);
		const lift = tf.div(tf.sub(xB, xA), n);
		// No conversions at all (or all): standard error 0, z = 0, p = 1.
		const positive = tf.greater(variance, 0);
		const z = tf.where(positive, tf.div(lift, tf.sqrt(tf.where(positive, variance, tf.onesLike(variance)))), tf.zerosLike(lift));
		return [z, tf.slice(lift, [0, tests - 1, 0], [looks, 1, count]), drawn];
	});
	const z = zTensor.dataSync() as Float32Array;
	const lifts = liftTensor.dataSync() as Float32Array;
	const conversions = Int32Array.from(drawnTensor.dataSync());
	tf.dispose([zTensor, liftTensor, drawnTensor]);

	const critical = zCritical(alphaPerTest(design));
	const at = (look: number, test: number, e: number) => z[(look * tests + test) * count + e];
	const batch: Batch = {
		count,
		nullP: new Float64Array(count),
		nullStop: new Int16Array(count).fill(-1),
		altP: new Float64Array(count),
		altStop: new Int16Array(count).fill(-1),
		altLift: new Float64Array(count),
		paths: [],
		conversions
	};
	const metrics = tests - 1;
	for (let e = 0; e < count; e++) {
		// A/A: the first look at which any metric is significant, and the best metric there.
		let look = 0;
		let best = 0;
		for (; look < looks; look++) {
			best = 0;
			for (let m = 0; m < metrics; m++) best = Math.max(best, Math.abs(at(look, m, e)));
			if (best >= critical) break;
		}
		batch.nullStop[e] = look < looks ? look : -1;
		batch.nullP[e] = pValue(best);
		// A/B: the first look at which it is significant.
		let altLook = 0;
		for (; altLook < looks - 1 && Math.abs(at(altLook, metrics, e)) < critical; altLook++);
		const altZ = at(altLook, metrics, e);
		batch.altStop[e] = Math.abs(altZ) >= critical ? altLook : -1;
		batch.altP[e] = pValue(altZ);
		batch.altLift[e] = lifts[altLook * count + e];
	}
	for (let e = 0; e < Math.min(paths, count); e++) batch.paths.push(Float64Array.from({ length: looks }, (_, look) => pValue(at(look, 0, e))));
	return batch;
}

/** Counts of `values` in `bins` equal bins over [0, 1] (1 itself in the last). */
export function pValueCounts(values: ArrayLike<number>, bins: number): number[] {
	const counts = new Array(bins).fill(0);
	for (let i = 0; i < values.length; i++) counts[Math.min(bins - 1, Math.max(0, Math.floor(values[i] * bins)))]++;
	return counts;
}
