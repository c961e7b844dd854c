import { describe, expect, it } from 'vitest';
import * as tf from '$lib/engine/tfjs';
import { createRng } from '$lib/engine/rng';
import { runNow } from '$lib/common/slices';
import { meta } from '$lib/concepts/transformer-cost/meta';
import { stepBenchmark } from '$lib/concepts/transformer-cost/bench';
import { schema } from '$lib/concepts/transformer-cost/params';
import { TransformerCostRun, T_MAX } from '$lib/concepts/transformer-cost/run.svelte';
import {
	attentionLayer,
	attentionLeading,
	attentionMemory,
	attentionOps,
	computeCrossover,
	fitScale,
	linearMemory,
	linearOps,
	logLengths,
	measureJob,
	memoryCrossover,
	nextLength,
	rnnLeading,
	rnnMemory,
	rnnOps,
	sparseKeys,
	sparseOps,
	windowMemory,
	windowOps,
	type Timing
} from '$lib/concepts/transformer-cost/sim';
import { Services } from '$lib/widget/runs.svelte';
import { defaultValues } from '$lib/widget/schema';
import { expectClose } from '../helpers/close';

/**
 * A second implementation: the layers computed in plain loops on real numbers, with a
 * counter bumped at every multiply-add and every element-wise function. It returns the
 * outputs too, so that the loops are seen to be the real computation.
 */
function countedAttention(q: number[][], k: number[][], v: number[][], keysOf: (i: number) => number[]) {
	let ops = 0;
	const d = q[0].length;
	const out = q.map((qi, i) => {
		const keys = keysOf(i);
		const scores = keys.map((j) => {
			let s = 0;
			for (let c = 0; c < d; c++) {
				s += (qi[c] / Math.sqrt(d)) * k[j][c];
				ops++;
			}
			return s;
		});
		const top = Math.max(...scores);
		const exps = scores.map((s) => {
			ops++;
			return Math.exp(s - top);
		});
		const total = exps.reduce((a, b) => a + b, 0);
		const row = new Array(d).fill(0);
		keys.forEach((j, n) => {
			for (let c = 0; c < d; c++) {
				row[c] += (exps[n] / total) * v[j][c];
				ops++;
			}
		});
		return row;
	});
	return { ops, out };
}

function countedRnn(x: number[][], W: number[][], U: number[][]) {
	let ops = 0;
	const d = W.length;
	let h = new Array(d).fill(0);
	for (const xt of x) {
		const next = new Array(d).fill(0);
		for (let r = 0; r < d; r++) {
			for (let c = 0; c < d; c++) {
				next[r] += W[r][c] * h[c] + U[r][c] * xt[c];
				ops += 2;
			}
		}
		h = next.map((z) => {
			ops++;
			return Math.tanh(z);
		});
	}
	return { ops, h };
}

function countedLinearAttention(q: number[][], k: number[][], v: number[][]) {
	let ops = 0;
	const d = q[0].length;
	const count = <T,>(value: T): T => {
		ops++;
		return value;
	};
	const phi = (m: number[][]) => m.map((row) => row.map((z) => count(z > 0 ? z + 1 : Math.exp(z))));
	const [fq, fk] = [phi(q), phi(k)];
	const summary = Array.from({ length: d }, () => new Array(d).fill(0));
	const z = new Array(d).fill(0);
	fk.forEach((kt, t) => {
		for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) summary[a][b] += count(kt[a] * v[t][b]);
		for (let a = 0; a < d; a++) z[a] += count(kt[a]);
	});
	const out = fq.map((qt) => {
		const row = new Array(d).fill(0);
		for (let b = 0; b < d; b++) for (let a = 0; a < d; a++) row[b] += count(qt[a] * summary[a][b]);
		let norm = 0;
		for (let a = 0; a < d; a++) norm += count(qt[a] * z[a]);
		return row.map((r) => count(r / norm));
	});
	return { ops, out };
}

const matrix = (rows: number, cols: number, rng = createRng(rows * 31 + cols)) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.normal()));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the counts, against the layers computed and counted in loops', () => {
	it('attentionOps(T, d) = T²(2d + 1): the multiply-adds of QKᵀ and weights·V and one exponential per score', () => {
		for (const [t, d] of [[1, 2], [3, 4], [7, 5], [12, 3]]) {
			const { ops } = countedAttention(matrix(t, d), matrix(t, d), matrix(t, d), () => range(t));
			expect(attentionOps(t, d)).toBe(ops);
		}
	});

	it('rnnOps(T, d) = Td(2d + 1): two d × d matrix–vector products and d tanh a step', () => {
		for (const [t, d] of [[1, 2], [5, 3], [9, 6]]) {
			const { ops } = countedRnn(matrix(t, d), matrix(d, d), matrix(d, d));
			expect(rnnOps(t, d)).toBe(ops);
		}
	});

	it('windowOps counts attention over the w nearest tokens; sparseOps over a block of ⌈√T⌉ and every ⌈√T⌉-th token', () => {
		const d = 3;
		for (const [t, w] of [[10, 3], [10, 10], [10, 40], [4, 1]]) {
			// The w positions nearest to i (ties to the left), clipped to the sequence.
			const nearest = (i: number) => range(t).sort((a, b) => Math.abs(a - i) - Math.abs(b - i) || a - b).slice(0, w);
			expect(windowOps(t, d, w)).toBe(countedAttention(matrix(t, d), matrix(t, d), matrix(t, d), nearest).ops);
			expect(windowMemory(t, w)).toBe(t * Math.min(t, w));
		}
		for (const t of [9, 16, 50]) {
			const s = Math.ceil(Math.sqrt(t));
			// Its own block of s and the s positions s − 1, 2s − 1, … (or the next ones beyond the end): 2s keys in all, at most T.
			const keys = (i: number) => {
				const block = range(s).map((c) => Math.floor(i / s) * s + c);
				const strided = range(t).filter((j) => !block.includes(j) && j % s === s - 1);
				const chosen = [...block.filter((j) => j < t), ...strided];
				for (let j = 0; chosen.length < Math.min(t, 2 * s); j++) if (!chosen.includes(j)) chosen.push(j);
				return chosen.slice(0, Math.min(t, 2 * s));
			};
			expect(sparseOps(t, d)).toBe(countedAttention(matrix(t, d), matrix(t, d), matrix(t, d), keys).ops);
		}
		// O(T√T d): the ratio to T√T(2d + 1) settles between 2 and 3.
		for (const t of [1e3, 1e4, 1e5]) expect(sparseOps(t, 8) / (t * Math.sqrt(t) * 17)).toBeGreaterThanOrEqual(2);
		expect(sparseKeys(1)).toBe(1);
		expect(sparseKeys(100)).toBe(20);
	});

	it('linearOps(T, d) = 2Td² + 5Td: φ on Q and K, the summary φ(K)ᵀV, the key sum, and each query through both', () => {
		for (const [t, d] of [[1, 2], [6, 3], [4, 7]]) {
			const { ops } = countedLinearAttention(matrix(t, d), matrix(t, d), matrix(t, d));
			expect(linearOps(t, d)).toBe(ops);
		}
		expect(linearMemory(10)).toBe(110);
	});
});

describe('the interview’s numbers', () => {
	it('d = 1000, a 30-token sentence: T² = 900 < d, T²d = 9·10⁵, Td² = 3·10⁷, exactly', () => {
		expect(30 * 30).toBeLessThan(1000);
		expect(attentionLeading(30, 1000)).toBe(900_000);
		expect(rnnLeading(30, 1000)).toBe(30_000_000);
		// Counted in full, with the ratio T/d = 0.03.
		expect(attentionOps(30, 1000)).toBe(1_800_900);
		expect(rnnOps(30, 1000)).toBe(60_030_000);
		expectClose(attentionOps(30, 1000) / rnnOps(30, 1000), 0.03, { abs: 1e-15, rel: 0 });
	});

	it('the two layers cross exactly at T = d: cheaper below, dearer above, and the ratio is T/d', () => {
		for (const d of [2, 7, 64, 1000, 16384]) {
			expect(computeCrossover(d)).toBe(d);
			expect(attentionOps(d, d)).toBe(rnnOps(d, d));
			expect(attentionOps(d - 1, d)).toBeLessThan(rnnOps(d - 1, d));
			expect(attentionOps(d + 1, d)).toBeGreaterThan(rnnOps(d + 1, d));
			for (const t of [1, 3, 100, 1e5]) expectClose(attentionOps(t, d) / rnnOps(t, d), t / d, { abs: 0, rel: 1e-12 });
		}
	});

	it('memory crosses at T = √d: T² scores against the d-number state', () => {
		for (const d of [2, 1000, 4096, 16384]) {
			const root = memoryCrossover(d);
			expectClose(root * root, d, { abs: 0, rel: 1e-12 });
			expect(attentionMemory(Math.floor(root))).toBeLessThanOrEqual(rnnMemory(d));
			expect(attentionMemory(Math.floor(root) + 1)).toBeGreaterThan(rnnMemory(d));
		}
		expect(attentionMemory(1e5) * 4).toBe(4e10);
	});
});

describe('lengths', () => {
	it('logLengths covers 1 … max in order, once each, with the extra lengths in it', () => {
		const lengths = logLengths(100000, 16, [1000, 32, 0, 2e6, 2.5]);
		expect(lengths[0]).toBe(1);
		expect(lengths.at(-1)).toBe(100000);
		expect(lengths).toContain(1000);
		expect(lengths).toContain(32);
		expect(lengths).not.toContain(2.5);
		for (let i = 1; i < lengths.length; i++) expect(lengths[i]).toBeGreaterThan(lengths[i - 1]);
		expect(logLengths(1)).toEqual([1]);
	});

	it('nextLength grows by at least one and about 2^¼, and stops at the maximum', () => {
		let t = 1;
		let steps = 0;
		while (t < 1000) {
			const next = nextLength(t, 1000);
			expect(next).toBeGreaterThan(t);
			if (t > 10 && next < 1000) expectClose(next / t, 2 ** 0.25, { abs: 0.05, rel: 0 });
			t = next;
			steps++;
		}
		expect(t).toBe(1000);
		expect(steps).toBeLessThan(60);
		expect(nextLength(1000, 1000)).toBe(1000);
	});
});

describe('the timed layer', () => {
	it('attentionLayer is softmax(QKᵀ/√d)V (given Kᵀ), checked against the plain loops', () => {
		const [t, d] = [6, 4];
		const [q, k, v] = [matrix(t, d, createRng(1)), matrix(t, d, createRng(2)), matrix(t, d, createRng(3))];
		const before = tf.memory().numTensors;
		const keysT = k[0].map((_, c) => k.map((row) => row[c]));
		const tensors = [q, keysT, v].map((m) => tf.tensor2d(m));
		const out = attentionLayer(tensors[0], tensors[1], tensors[2]);
		const got = out.arraySync();
		tf.dispose([...tensors, out]);
		expect(tf.memory().numTensors).toBe(before);
		const expected = countedAttention(q, k, v, () => range(t)).out;
		for (let i = 0; i < t; i++) for (let c = 0; c < d; c++) expectClose(got[i][c], expected[i][c], { abs: 1e-5, rel: 1e-4 });
	});

	it('measureJob times every length: positive, finite, longer for longer T, and no tensor left behind', () => {
		const before = tf.memory().numTensors;
		const seen: number[] = [];
		const result = runNow(measureJob(32, 1, [4, 64, 512], (timings) => seen.push(timings.length)));
		expect(tf.memory().numTensors).toBe(before);
		expect(result.d).toBe(32);
		expect(result.backend).toBe(tf.getBackend());
		const lengths = result.timings.map((x) => x.t);
		expect(lengths).toEqual([4, 64, 512].slice(0, lengths.length));
		expect(seen).toEqual(lengths.map((_, i) => i + 1));
		for (const { ms, calls } of result.timings) {
			expect(Number.isFinite(ms) && ms > 0).toBe(true);
			expect(calls).toBeGreaterThanOrEqual(1);
		}
		// Roughly increasing: T = 512 is 16 384 times the work of T = 4.
		expect(result.timings.at(-1)!.ms).toBeGreaterThan(result.timings[0].ms);
		if (result.stoppedAfter !== null) expect(result.stoppedAfter).toBe(lengths.at(-1));
	});

	it('a job cancelled halfway frees its tensors', () => {
		const before = tf.memory().numTensors;
		const job = measureJob(8, 1, [8, 16, 32]);
		for (let i = 0; i < 4; i++) job.next();
		expect(tf.memory().numTensors).toBeGreaterThan(before);
		job.return(undefined as never);
		expect(tf.memory().numTensors).toBe(before);
	});

	it('fitScale finds the constant of exact timings, and looks only at the three longest lengths', () => {
		const d = 64;
		const c = 3.2e-7;
		const exact: Timing[] = [8, 16, 32, 64, 128].map((t) => ({ t, ms: c * attentionOps(t, d), calls: 1 }));
		expectClose(fitScale(exact, d)!, c, { abs: 0, rel: 1e-12 });
		// A fixed overhead that swamps the short lengths does not move the fit.
		const withOverhead = exact.map((x, i) => (i < 2 ? { ...x, ms: x.ms + 1 } : x));
		expectClose(fitScale(withOverhead, d)!, c, { abs: 0, rel: 1e-12 });
		// Geometric mean of the ratios over the kept points.
		const scattered: Timing[] = [
			{ t: 100, ms: 2 * c * attentionOps(100, d), calls: 1 },
			{ t: 200, ms: 0.5 * c * attentionOps(200, d), calls: 1 },
			{ t: 400, ms: 4 * c * attentionOps(400, d), calls: 1 }
		];
		expectClose(fitScale(scattered, d)!, Math.cbrt(4) * c, { abs: 0, rel: 1e-12 });
		expect(fitScale([], d)).toBeNull();
	});
});

describe('the run', () => {
	const values = defaultValues(schema);
	const make = (services: Services, previous: TransformerCostRun | null, changes: Partial<typeof values> = {}) =>
		new TransformerCostRun({ values: { ...values, ...changes }, seed: 1, cause: previous ? 'change' : 'start', previous, set: () => {}, services });

	it('starts at the chosen T, reads out the counts there, and Play sweeps the marker up to the longest T', () => {
		const services = new Services();
		const run = make(services, null);
		const readout = (name: string) => run.readouts.find((r) => r.name === name)!.value;
		expect(readout('t')).toBe(30);
		expect(readout('attention_flops')).toBe(1_800_900);
		expect(readout('rnn_flops')).toBe(60_030_000);
		expect(readout('attention_leading')).toBe(900_000);
		expect(readout('rnn_leading')).toBe(30_000_000);
		expect(readout('crossover_t')).toBe(1000);
		expect(readout('measured_ns_per_op')).toBeNull();
		let steps = 0;
		while (run.step()) steps++;
		expect(run.head).toBe(T_MAX);
		expect(run.status).toBe('converged');
		expect(run.history).toHaveLength(steps + 2);
		for (const r of run.readouts) expect(r.value === null || Number.isFinite(r.value)).toBe(true);
		// Nothing is timed until asked: the export says so.
		expect(run.exportData().state.measured).toBeNull();
		services.dispose();
	});

	it('a change of d keeps the marker where Play took it; a new T moves it there', () => {
		const services = new Services();
		const first = make(services, null);
		first.step();
		first.step();
		const head = first.head;
		expect(make(services, first, { d: 64 }).head).toBe(head);
		expect(make(services, first, { t: 500 }).head).toBe(500);
		services.dispose();
	});

	it('once asked, times the layer in the background and exports the timings marked as measured', async () => {
		const services = new Services();
		const run = make(services, null, { d: 4 });
		run.measure();
		await services.settled();
		const measured = run.exportData().state.measured!;
		expect(measured.note).toMatch(/measured/);
		expect(measured.complete).toBe(true);
		expect(measured.d).toBe(4);
		expect(measured.timings.length).toBeGreaterThan(0);
		expect(measured.ms_per_operation).toBeGreaterThan(0);
		// A later run with another width is timed without asking again.
		const next = make(services, run, { d: 3 });
		expect(next.timings).toEqual([]);
		await services.settled();
		expect(next.measurement.result?.d).toBe(3);
		services.dispose();
	});
});

describe('the page', () => {
	it('every question sets values the schema accepts', () => {
		for (const q of meta.questions) {
			for (const [key, value] of Object.entries(q.show)) {
				const spec = schema[key as keyof typeof schema];
				expect(value).toBeGreaterThanOrEqual(spec.min);
				expect(value).toBeLessThanOrEqual(spec.max);
			}
			expect(q.choices.filter((c) => c.correct)).toHaveLength(1);
		}
	});
});

describe('the bench', () => {
	it('both cases step and free what they hold', () => {
		const before = tf.memory().numTensors;
		for (const which of ['default', 'maximum'] as const) {
			const { step, done } = stepBenchmark.prepare(which);
			step();
			step();
			done?.();
		}
		expect(tf.memory().numTensors).toBe(before);
	});
});
