/** Median-of-batches timing, the same in Node and in the browser. */
import type { Job } from '$lib/common/slices';

export interface Timing {
	/** Median milliseconds per call. */
	median: number;
	samples: number;
}

/** The browser clock is coarse (0.1 ms without isolation), so each sample times a batch of calls. */
export function timeIt(work: () => void, budgetMs = 1500): Timing {
	for (let i = 0; i < 3; i++) work(); // warm up (JIT, caches, first-use allocations)
	const t0 = performance.now();
	work();
	const single = Math.max(1e-3, performance.now() - t0);
	const batch = Math.max(1, Math.ceil(2 / single)); // each sample at least ~2 ms
	const samples: number[] = [];
	const end = performance.now() + budgetMs;
	while (samples.length < 5 || (performance.now() < end && samples.length < 200)) {
		const start = performance.now();
		for (let i = 0; i < batch; i++) work();
		samples.push((performance.now() - start) / batch);
	}
	samples.sort((a, b) => a - b);
	return { median: samples[Math.floor(samples.length / 2)], samples: samples.length };
}

/** One timed call, for work too slow to repeat (a cold start). */
export function timeOnce(work: () => void): Timing {
	const t0 = performance.now();
	work();
	return { median: performance.now() - t0, samples: 1 };
}

/**
 * The longest run between two yields of a job (what could block a frame when it runs in
 * slices), over `runs` runs: the median of the per-run maxima.
 */
export function longestSlice(makeJob: (run: number) => Job<unknown>, runs = 7): Timing {
	const maxima: number[] = [];
	for (let run = 0; run < runs; run++) {
		const job = makeJob(run);
		let longest = 0;
		for (;;) {
			const t0 = performance.now();
			const step = job.next();
			longest = Math.max(longest, performance.now() - t0);
			if (step.done) break;
		}
		maxima.push(longest);
	}
	maxima.sort((a, b) => a - b);
	return { median: maxima[Math.floor(runs / 2)], samples: maxima.length };
}
